"""Text matching from Python: offsets are str indices for any Unicode text
(text[m.start:m.end] == m.text), and roles made from postings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

import skillgap as sg

CAT = sg.Catalog.from_dict({
    "skills": [
        {"id": "python", "name": "Python", "hours": 10, "aliases": ["python3"]},
        {"id": "ml", "name": "Machine Learning", "hours": 10},
        {"id": "mle", "name": "Machine Learning Engineering", "hours": 10},
        {"id": "cafe", "name": "Café", "hours": 10, "aliases": ["ΣΊΣΥΦΟΣ"]},
        {"id": "sql", "name": "SQL", "hours": 10},
        {"id": "cpp", "name": "C++", "hours": 10},
    ],
    "roles": [{"id": "dev", "name": "Dev", "requires": ["python"]}],
})


def test_match_basic() -> None:
    text = "Wanted: MACHINE LEARNING engineering, python3 & SQL; café au lait, C++."
    ms = CAT.match_text(text)
    assert [m.skill for m in ms] == ["mle", "python", "sql", "cafe", "cpp"]
    for m in ms:
        assert text[m.start:m.end] == m.text
    assert ms[0].text == "MACHINE LEARNING engineering"
    assert isinstance(ms[0], sg.TextMatch)


def test_match_non_ascii_offsets() -> None:
    text = "😀😀 Ünïcødé — Python, σίσυφοσ and CAFÉ! 日本語 sql"
    ms = CAT.match_text(text)
    assert [m.skill for m in ms] == ["python", "cafe", "cafe", "sql"]
    for m in ms:
        assert text[m.start:m.end] == m.text
    assert ms[0].start == text.index("Python")


def test_match_whole_words_only() -> None:
    assert CAT.match_text("pythonic SQLite mySQL", literal=True) == []
    # The default matcher takes a one-word name's inflections only: "pythonic"
    # is another word, "Pythons" a form of Python.
    assert CAT.match_text("pythonic SQLite mySQL") == []
    assert [m.skill for m in CAT.match_text("two Pythons")] == ["python"]
    assert [m.skill for m in CAT.match_text("(python)")] == ["python"]


def test_lone_surrogates_keep_offsets() -> None:
    text = "\ud800 Python \udfff SQL"
    ms = CAT.match_text(text)
    assert [m.skill for m in ms] == ["python", "sql"]
    for m in ms:
        assert text[m.start:m.end] == m.text


def test_match_wrong_types() -> None:
    with pytest.raises(TypeError):
        CAT.match_text(b"python")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        CAT.match_text(None)  # type: ignore[arg-type]
    assert CAT.match_text("") == []


FRAGMENTS = st.sampled_from([
    "Python", "python3", "machine learning", "Machine Learning Engineering", "café",
    "CAFÉ", "ΣΊΣΥΦΟΣ", "σίσυφος", "SQL", "C++", " ", ", ", "😀", "é", "ß", "İ", "日本",
    "\u0301", "-", "_", "1", "\n",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=4)), max_size=30))
def test_offsets_property(parts: list[str]) -> None:
    text = "".join(parts)
    ms = CAT.match_text(text)
    last_end = 0
    for m in ms:
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= last_end  # in order, no overlaps
        assert text[m.start:m.end] == m.text
        last_end = m.end
    # The literal matches keep the same rules.
    last_end = 0
    for m in CAT.match_text(text, literal=True):
        assert m.start >= last_end and text[m.start:m.end] == m.text
        last_end = m.end
    # The role made from the text is read_posting's; without a skill it is an error.
    if not ms:
        with pytest.raises(ValueError):
            CAT.role_from_text(text)
        return
    role = CAT.role_from_text(text)
    assert role == CAT.read_posting(text).role
    assert set(role.requires) | set(role.optional) >= {m.skill for m in ms} - {
        m for r in role.requires if isinstance(r, dict) for m in r["any_of"]
    }


def test_role_from_text() -> None:
    posting = "We need SQL and Python (python3 welcome), SQL again."
    r = CAT.role_from_text(posting, id="acme-analyst", name="Acme Analyst")
    assert (r.id, r.name, r.requires) == ("acme-analyst", "Acme Analyst", ["sql", "python"])
    assert CAT.role_from_text(posting).id == "posting"
    with pytest.raises(ValueError):
        CAT.role_from_text(posting, id="Not An Id")
    g = CAT.gap({"sql": 1}, r)
    assert g.role == "acme-analyst" and [m.skill for m in g.missing] == ["python"]
    bigger = CAT.with_roles([r])
    assert "acme-analyst" in bigger.role_ids
    with pytest.raises(TypeError):
        CAT.role_from_text(42)  # type: ignore[arg-type]
