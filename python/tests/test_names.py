"""Names next to ids everywhere a person reads (frames, HTML, reasons), and
the step graph as networkx: one node per (skill, level), acyclic."""

from __future__ import annotations

import pickle
from typing import Any

import skillgap as sg


def test_labels_come_from_the_core(small: sg.Catalog, default: sg.Catalog) -> None:
    assert small.skill_name("python") == "Python" and small.skill_name("nope") is None
    assert small.role_name("analyst") == "Data Analyst" and small.role_name("x") is None
    assert small.skill_label("python@2") == "Python (python@2)"
    assert small.skill_label("pandas") == "pandas"  # the name adds nothing
    assert small.role_label("analyst") == "Data Analyst (analyst)"
    assert small.role_label("posting") == "posting"
    assert small.entry_label("any_of[aws, gcp]") == "one of AWS (aws), GCP (gcp)"
    r = default.learning_path({}, "ml-engineer").steps[-1].reasons[0]
    assert r.describe(default).startswith("role Machine Learning Engineer (ml-engineer) requires ")
    pre = next(x for s in default.learning_path({}, "ml-engineer") for x in s.reasons
               if x.kind == "prerequisite")
    ref = pre.skill if pre.level == 1 else f"{pre.skill}@{pre.level}"
    assert pre.describe(default) == f"prerequisite of {default.skill_label(ref)}"
    assert "(" in pre.describe(default)


def test_every_frame_has_names(small: sg.Catalog, require: Any) -> None:
    require("pandas")
    path = small.learning_path({}, "mle")
    f = path.to_pandas()
    assert list(f["name"]) == [small.skill_name(s.skill) for s in path.steps]
    assert all("(" in r for r in f["reasons"])  # sentences with names next to ids
    sched = path.schedule(40)
    f = sched.to_pandas()
    assert list(f["name"]) == [small.skill_name(s) for s in f["skill"]]
    gap = small.gap({"python": 1}, "mle")
    f = gap.to_pandas()
    assert "name" in f.columns
    skills = f[f["kind"] == "skill"]
    assert list(skills["name"]) == [small.skill_name(s) for s in skills["skill"]]
    assert list(f[f["kind"] == "group"]["name"]) == ["one of AWS (aws), GCP (gcp)"]
    ranking = small.rank_roles({"sql": 1})
    f = ranking.to_pandas()
    assert list(f["name"]) == [small.role_name(r.role) for r in ranking]
    assert ranking.names == list(f["name"])


def test_html_shows_names_next_to_ids(small: sg.Catalog) -> None:
    path = small.learning_path({}, "mle")
    h = path._repr_html_()
    assert "ML Engineer &lt;b&gt; (mle)" in h
    assert "Python (python@2)" in h
    assert "role ML Engineer &lt;b&gt; (mle) requires PyTorch (pytorch)" in h
    h = path.schedule(40)._repr_html_()
    assert "Python (python)" in h and "(mle)" in h
    h = small.gap({}, "mle")._repr_html_()
    assert "Gap to ML Engineer &lt;b&gt; (mle)" in h
    assert "one of AWS (aws), GCP (gcp)" in h and "TensorFlow (tensorflow)" in h
    h = small.rank_roles({})._repr_html_()
    assert "<td>analyst</td><td>Data Analyst</td>" in h


def test_results_pickle_with_names(small: sg.Catalog) -> None:
    ranking = small.rank_roles({})
    back = pickle.loads(pickle.dumps(ranking))
    assert back == ranking and back.names == ranking.names
    # A ranking carries its names, not its catalog.
    assert len(pickle.dumps(ranking)) < len(pickle.dumps(small))
    gap = small.gap({}, "mle")
    back = pickle.loads(pickle.dumps(gap))
    assert back == gap and back.catalog == small
    sched = small.learning_path({}, "mle").schedule(40)
    back = pickle.loads(pickle.dumps(sched))
    assert back == sched and back.catalog == small


def test_step_graph_is_a_dag(default: sg.Catalog, require: Any) -> None:
    nx = require("networkx")
    g = default.to_networkx()
    assert nx.is_directed_acyclic_graph(g)
    gens = list(nx.topological_generations(g))
    assert sum(len(x) for x in gens) == g.number_of_nodes()
    assert g.number_of_nodes() == sum(s.levels for s in default.skills)
    assert g.number_of_edges() == len(default.step_edges())
    assert set(g.edges) == set(default.step_edges())
    for node, attrs in g.nodes(data=True):
        skill = default.skill(node[0])
        assert (attrs["skill"], attrs["level"]) == node
        assert attrs["name"] == skill.name and attrs["hours"] == skill.hours[node[1] - 1]
    # every prerequisite step comes before the step that needs it
    rank = {n: i for i, gen in enumerate(gens) for n in gen}
    assert all(rank[a] < rank[b] for a, b in g.edges)
    assert nx.is_directed_acyclic_graph(default.to_networkx(roles=True))


def test_path_subgraph(default: sg.Catalog, require: Any) -> None:
    nx = require("networkx")
    path = default.learning_path({"python": 1}, "ml-engineer")
    g = path.to_networkx()
    assert set(g.nodes) == {(s.skill, s.level) for s in path.steps}
    assert g.number_of_nodes() == len(path)
    full = default.to_networkx()
    assert set(g.edges) == {(a, b) for a, b in full.edges if a in g and b in g}
    for i, s in enumerate(path.steps):
        assert g.nodes[s.skill, s.level]["index"] == i
        assert g.nodes[s.skill, s.level]["hours"] == s.hours
    # the path's order is a topological order of its subgraph
    pos = {(s.skill, s.level): i for i, s in enumerate(path.steps)}
    assert all(pos[a] < pos[b] for a, b in g.edges)
    assert nx.is_directed_acyclic_graph(g)
