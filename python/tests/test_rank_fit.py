"""Ranking by fit (SPEC 4, "Role hours, progress and fit"): role hours from
scratch, progress and fit recomputed independently from learning paths and
the catalog's hours; `top` is the same as slicing; bad `by`/`top` raise."""

from __future__ import annotations

import pytest

import skillgap as sg

PROFILES = [{}, {"python": 2, "sql": 1}, {"python": 1}, {"statistics": 1, "git": 1}]


def expected(cat: sg.Catalog, profile: dict, role: str) -> tuple[float, float]:
    full = cat.learning_path({}, role).total_hours
    hours = cat.learning_path(profile, role).total_hours
    mine = sum(sum(cat.skill(s).hours[:lv]) for s, lv in profile.items())
    saved = max(0.0, full - hours)
    progress = saved / full if full > 0 else 1.0
    denom = mine + full - saved
    fit = min(1.0, saved / denom) if denom > 0 else 0.0
    return progress, fit


@pytest.mark.parametrize("profile", PROFILES)
def test_progress_and_fit_match_paths(default: sg.Catalog, profile: dict) -> None:
    for row in default.rank_roles(profile):
        progress, fit = expected(default, profile, row.role)
        assert row.progress == pytest.approx(progress, rel=1e-9, abs=1e-12)
        assert row.fit == pytest.approx(fit, rel=1e-9, abs=1e-12)
        assert default.role_hours(row.role) == default.learning_path({}, row.role).total_hours


def test_partly_met_levels_count_in_progress(default: sg.Catalog) -> None:
    # coverage counts whole entries only; progress counts the hours of python@2.
    row = next(r for r in default.rank_roles({"python": 2, "git": 1, "sql": 1}) if r.role == "ml-engineer")
    assert row.progress > 0.0


@pytest.mark.parametrize("by", ["hours", "fit"])
def test_top_is_slicing(default: sg.Catalog, by: str) -> None:
    me = {"python": 2, "sql": 1, "pandas": 1}
    full = [r.to_dict() for r in default.rank_roles(me, by=by)]
    for k in (1, 3, len(full), len(full) + 5):
        assert [r.to_dict() for r in default.rank_roles(me, by=by, top=k)] == full[:k]
    if by == "fit":
        fits = [r["fit"] for r in full]
        assert fits == sorted(fits, reverse=True)


def test_role_without_entries_sinks_by_fit(default: sg.Catalog) -> None:
    cat = default.with_roles([sg.Role("anyone", "No requirements")])
    rows = cat.rank_roles({"python": 2}, by="fit")
    at = [r.role for r in rows].index("anyone")
    # fit 0, below every role that uses some of what the profile knows (ties
    # at fit 0 go by hours, where it is first with 0 h)
    assert rows[at].fit == 0.0 and all(r.fit == 0.0 for r in rows[at:])
    assert all(r.fit > 0.0 for r in rows[:at])
    by_hours = cat.rank_roles({"python": 2})
    assert by_hours[0].role == "anyone" and by_hours[0].hours == 0.0


def test_bad_by_and_top(default: sg.Catalog) -> None:
    with pytest.raises(ValueError, match="hours.*fit"):
        default.rank_roles({}, by="coverage")  # type: ignore[arg-type]
    for top in (0, -1):
        with pytest.raises(ValueError):
            default.rank_roles({}, top=top)
    with pytest.raises(TypeError):
        default.rank_roles({}, None, "fit")  # type: ignore[misc]
    with pytest.raises(sg.UnknownRoleError):
        default.role_hours("no-such-role")
