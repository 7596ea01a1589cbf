"""``progress=`` on batch calls: a callable gets (done, total) counts that
never go down and end at the total; ``True`` stays quiet for a short call;
anything else is a TypeError."""

from __future__ import annotations

import pytest

import skillgap as sg


def test_callable_sees_the_counts(default: sg.Catalog) -> None:
    seen: list[tuple[int, int]] = []
    profiles = [{"python": 1 + i % 3} for i in range(3000)]
    m = default.hours_matrix(profiles, progress=lambda d, t: seen.append((d, t)))
    assert m.shape == (3000, len(default.roles))
    assert seen and seen[-1] == (3000, 3000)
    assert all(t == 3000 for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    seen.clear()
    c = default.cohort(profiles[:50], ["data-analyst"], progress=lambda d, t: seen.append((d, t)))
    assert c.profiles == 50 and seen[-1] == (50, 50)


def test_true_is_quiet_for_a_short_call(default: sg.Catalog, capsys: pytest.CaptureFixture[str]) -> None:
    default.hours_matrix([{}, {"sql": 1}], progress=True)
    assert capsys.readouterr().err == ""


def test_progress_errors(default: sg.Catalog) -> None:
    with pytest.raises(TypeError, match="progress"):
        default.hours_matrix([{}], progress="yes")

    def boom(done: int, total: int) -> None:
        raise RuntimeError("from the callback")

    with pytest.raises(RuntimeError, match="from the callback"):
        default.hours_matrix([{}], progress=boom)
