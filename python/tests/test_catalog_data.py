"""The embedded catalog as users meet it: preferences among alternatives,
provenance of roles, and the regression set of postings
(crates/gap-core/tests/fixtures/postings)."""

import inspect
import pathlib

import pytest

import skillgap as sg

POSTINGS = pathlib.Path(__file__).resolve().parents[2] / "crates/gap-core/tests/fixtures/postings"


@pytest.fixture(scope="module")
def cat():
    return sg.Catalog.default()


def skills(path):
    return [s.skill for s in path.steps]


@pytest.mark.parametrize("want,other", [("docker", "podman"), ("podman", "docker")])
def test_prefer_takes_the_preferred_alternative(cat, want, other):
    for role in ["mlops-engineer", "ml-engineer", "ai-engineer"]:
        free = cat.learning_path({}, role)
        p = cat.learning_path({}, role, prefer=[want])
        assert want in skills(p) and other not in skills(p)
        assert p.optimal and p.lower_bound == p.total_hours
        assert p.total_hours >= free.total_hours


def test_prefer_accepts_one_id_and_known_members_win(cat):
    p = cat.learning_path({"podman": 2}, "mlops-engineer", prefer="docker")
    assert "docker" not in skills(p) and "podman" not in skills(p)


def test_prefer_errors(cat):
    with pytest.raises(sg.UnknownSkillError):
        cat.learning_path({}, "ml-engineer", prefer=["dockr"])
    with pytest.raises(ValueError, match="both preferred and avoided"):
        cat.learning_path({}, "ml-engineer", prefer=["docker"], avoid=["docker"])


def test_prefer_on_a_small_catalog_pays_extra_hours():
    cat = sg.Catalog.from_dict(
        {
            "skills": [
                {"id": "docker", "name": "Docker", "hours": 25},
                {"id": "podman", "name": "Podman", "hours": 15},
            ],
            "roles": [{"id": "ops", "name": "Ops", "requires": [{"any_of": ["docker", "podman"]}]}],
        }
    )
    assert skills(cat.learning_path({}, "ops")) == ["podman"]
    p = cat.learning_path({}, "ops", prefer=["docker"])
    assert skills(p) == ["docker"] and p.total_hours == 25 and p.optimal


def test_every_role_names_its_sources(cat):
    assert len(cat.roles) >= 22
    for role in cat.roles:
        assert role.source and "O*NET-SOC " in role.source, role.id
        assert "http://data.europa.eu/esco/occupation/" in role.source, role.id
        assert role.to_dict()["source"] == role.source


def _postings():
    for tags in sorted(POSTINGS.glob("*.tags")):
        wanted = [
            line.strip()
            for line in tags.read_text().splitlines()
            if line.strip() and not line.startswith("#")
        ]
        yield tags.stem, tags.with_suffix(".txt").read_text(), set(wanted)


def _matchers(cat):
    yield "default", cat.match_text
    if "literal" in str(inspect.signature(cat.match_text)):
        yield "literal", lambda text: cat.match_text(text, literal=True)


@pytest.mark.parametrize("name", ["ml-engineer", "ai-engineer", "data-analyst"])
def test_postings_recall_and_precision(cat, name):
    (_, text, wanted), = [p for p in _postings() if p[0] == name]
    for kind, match in _matchers(cat):
        matches = match(text)
        for m in matches:
            assert text[m.start : m.end] == m.text
        found = {m.skill for m in matches}
        assert not found - wanted, f"{kind}: false positives {sorted(found - wanted)}"
        recall = len(found & wanted) / len(wanted)
        assert recall >= 0.9, f"{kind}: recall {recall:.2f}, missed {sorted(wanted - found)}"
