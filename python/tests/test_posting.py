"""read_posting from Python: the role, the evidence with str offsets (also for
non-ASCII text), to_dict / to_pandas / _repr_html_, errors naming the posting,
and the default matcher against the literal one."""

from __future__ import annotations

import pickle

import pytest

import skillgap as sg

CAT = sg.Catalog.from_dict({
    "skills": [
        {"id": "python", "name": "Python", "hours": [40, 80, 160]},
        {"id": "sql", "name": "SQL", "hours": 20},
        {"id": "pytorch", "name": "PyTorch", "hours": 40},
        {"id": "tensorflow", "name": "TensorFlow", "hours": 40},
        {"id": "onnx", "name": "ONNX", "hours": 20},
        {"id": "monitoring", "name": "Model monitoring", "hours": 20},
        {"id": "r", "name": "R", "hours": 30},
        {"id": "cafe", "name": "Café", "hours": 10},
    ],
})

POSTING = (
    "Über uns 😀: 4+ years of Python; SQL.\n"
    "PyTorch or TensorFlow — you monitor models.\n"
    "Nice to have:\n"
    "ONNX, Café ☕ and R\n"
)


def test_role_and_evidence() -> None:
    p = CAT.read_posting(POSTING, id="acme-mle", name="ML engineer")
    assert isinstance(p, sg.Posting)
    assert p.role.id == "acme-mle" and p.role.name == "ML engineer"
    assert p.role.requires == [
        "python@2",
        "sql",
        {"any_of": ["pytorch", "tensorflow"], "count": 1},
        "monitoring",
    ]
    assert p.role.optional == ["onnx", "cafe", "r"]
    assert p.text == POSTING
    kinds = {(e.kind, e.skill, e.text) for e in p.evidence}
    assert ("level", "python", "4+ years") in kinds
    assert ("match", "monitoring", "monitor models") in kinds
    assert ("optional", "onnx", "Nice to have") in kinds
    assert ("alternative", "tensorflow", "PyTorch or TensorFlow") in kinds
    for e in p.evidence:
        assert isinstance(e, sg.Evidence)
        # str indices, also after emoji and accented letters.
        assert POSTING[e.start:e.end] == e.text
    starts = [e.start for e in p.evidence]
    assert starts == sorted(starts)
    assert CAT.role_from_text(POSTING, id="acme-mle", name="ML engineer") == p.role


def test_dicts_pickles_and_frames() -> None:
    p = CAT.read_posting(POSTING)
    d = p.to_dict()
    assert d["role"]["id"] == "posting" and d["text"] == POSTING
    assert d["evidence"][0] == p.evidence[0].to_dict()
    assert set(d["evidence"][0]) == {"kind", "skill", "start", "end", "text", "detail"}
    assert pickle.loads(pickle.dumps(p)) == p
    assert pickle.loads(pickle.dumps(p.evidence[0])) == p.evidence[0]
    assert "Posting('posting'" in repr(p) and "Evidence(" in repr(p.evidence[0])
    pd = pytest.importorskip("pandas")
    df = p.to_pandas()
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["kind", "skill", "start", "end", "text", "detail"]
    assert len(df) == len(p.evidence)


def test_html_highlights_escaped_spans() -> None:
    text = "<b>Python</b> & SQL is a plus"
    p = CAT.read_posting(text)
    html = p._repr_html_()
    assert "<b>Python" not in html
    assert "&lt;b&gt;" in html and "&amp;" in html
    assert html.count("<mark") >= 3  # Python, SQL, the cue (and the legend)
    assert ">Python</mark>" in html


def test_errors_name_the_posting() -> None:
    for text in ["", "   \n", "nothing to see here"]:
        with pytest.raises(ValueError, match="acme-1"):
            CAT.read_posting(text, id="acme-1")
        with pytest.raises(ValueError, match="acme-1"):
            CAT.role_from_text(text, id="acme-1")
    with pytest.raises(ValueError):
        CAT.read_posting("Python", id="Not An Id")
    with pytest.raises(TypeError):
        CAT.read_posting(b"Python")  # type: ignore[arg-type]


def test_lone_surrogates() -> None:
    text = "\ud800 Python or SQL \udfff is a plus"
    p = CAT.read_posting(text)
    assert p.role.optional == ["python", "sql"]
    for e in p.evidence:
        assert text[e.start:e.end] == e.text


def test_default_and_literal_matching() -> None:
    text = "We monitor models in R; r is a letter, Python everywhere"
    default = [(m.skill, m.text) for m in CAT.match_text(text)]
    literal = [(m.skill, m.text) for m in CAT.match_text(text, literal=True)]
    assert default == [("monitoring", "monitor models"), ("r", "R"), ("python", "Python")]
    assert literal == [("r", "R"), ("r", "r"), ("python", "Python")]


def test_embedded_catalog_on_a_realistic_posting() -> None:
    cat = sg.Catalog.default()
    text = (
        "Senior ML Engineer (2026). 5+ years of Python in production; solid SQL.\n"
        "You deploy and monitor models on Kubernetes, track experiments, and own our "
        "embeddings pipeline. PyTorch or TensorFlow.\n"
        "Nice to have: ONNX/TensorRT, LangChain or LlamaIndex.\n"
    )
    literal = {m.skill for m in cat.match_text(text, literal=True)}
    default = {m.skill for m in cat.match_text(text)}
    # The default matcher keeps every literal match on a realistic posting.
    assert literal <= default
    p = cat.read_posting(text)
    for e in p.evidence:
        assert text[e.start:e.end] == e.text
    assert any(isinstance(r, dict) for r in p.role.requires)
    assert p.role.optional
