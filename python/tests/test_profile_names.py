"""Issue 12: aliases and names resolve when a profile meets a catalog, on
request (``Catalog.profile``), with the mapping reported; a query given a
name instead of an id says so and points to ``Catalog.profile``."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

import skillgap as sg


@pytest.fixture()
def cat() -> sg.Catalog:
    return sg.Catalog.from_dict(
        {
            "skills": [
                {"id": "scikit-learn", "name": "scikit-learn", "hours": 20,
                 "aliases": ["sklearn", "ML"]},
                {"id": "ml", "name": "Machine learning", "hours": [10, 20]},
                {"id": "mlops", "name": "MLOps", "hours": 5, "aliases": ["ops"]},
                {"id": "devops", "name": "DevOps", "hours": 5, "aliases": ["Ops"]},
            ],
            "roles": [{"id": "r", "name": "R", "requires": ["scikit-learn", "ml@2"]}],
        }
    )


def test_names_aliases_and_case_become_ids(cat: sg.Catalog) -> None:
    me = cat.profile({"sklearn": 1, "Machine Learning": np.int64(2), "mlops": 1})
    assert isinstance(me, sg.Profile)
    assert me == sg.Profile({"scikit-learn": 1, "ml": 2, "mlops": 1})
    assert me.resolved == {"sklearn": "scikit-learn", "Machine Learning": "ml"}
    assert sg.Profile({"ml": 1}).resolved == {}
    # An id in any case wins over another skill's alias.
    assert cat.profile({"ML": 1}).to_dict() == {"ml": 1}
    # The same skill under two names keeps the higher level.
    assert cat.profile({"ml": 1, "machine learning": 2})["ml"] == 2
    # A Profile is taken too.
    assert cat.profile(sg.Profile({"ml": 2})) == sg.Profile({"ml": 2})
    # Resolved, the query works.
    assert cat.learning_path(me, "r").total_hours == 0.0


def test_unknown_ambiguous_and_out_of_range(cat: sg.Catalog) -> None:
    with pytest.raises(sg.UnknownSkillError) as e:
        cat.profile({"ops": 1})
    assert e.value.candidates == ["mlops", "devops"]
    assert "2 skills" in str(e.value)
    with pytest.raises(sg.UnknownSkillError) as e:
        cat.profile({"sklern": 1})
    assert "scikit-learn" in e.value.suggestions and e.value.candidates == []
    with pytest.raises(sg.ProfileError):
        cat.profile({"sklearn": 2})
    with pytest.raises(TypeError):
        cat.profile({"sklearn": True})
    with pytest.raises(TypeError):
        cat.profile(["sklearn"])


def test_a_query_given_an_alias_points_to_catalog_profile(cat: sg.Catalog) -> None:
    with pytest.raises(sg.UnknownSkillError) as e:
        cat.learning_path({"sklearn": 1}, "r")
    assert e.value.id == "sklearn"
    assert e.value.candidates == ["scikit-learn"] == e.value.suggestions
    assert "profile(...)" in str(e.value)
    with pytest.raises(sg.UnknownSkillError, match="profile"):
        cat.hours_matrix([{}, {"Machine learning": 1}])
    # The exception pickles with its fields.
    again = pickle.loads(pickle.dumps(e.value))
    assert again.candidates == e.value.candidates


def test_the_embedded_catalog_resolves_sklearn() -> None:
    cat = sg.Catalog.default()
    me = cat.profile({"sklearn": 1, "Python": 2})
    assert me.resolved == {"sklearn": "scikit-learn", "Python": "python"}
    with pytest.raises(sg.UnknownSkillError, match="scikit-learn"):
        cat.gap({"sklearn": 1}, "ml-engineer")
