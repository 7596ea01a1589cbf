"""Notebook views of skillgap objects: HTML tables (``_repr_html_``), pandas
DataFrames (``to_pandas``) and networkx graphs (``Catalog.to_networkx``,
``Path.to_networkx``).

Names stand next to ids everywhere a person reads: every frame has a
``name`` column, and HTML shows gap-core's labels (``Catalog.role_label``,
``skill_label``, ``entry_label``, ``Reason.describe``), never formatted here.

pandas and networkx are optional and imported only when a view needs them;
every piece of text that reaches HTML goes through :func:`html.escape`.
The native classes call the functions here.
"""

from __future__ import annotations

import html
import importlib
from typing import Any, Iterable, NamedTuple, Sequence

from . import format_hours as _hours

_MAX_ROWS = 60


def _require(module: str, extra: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:  # pragma: no cover - exercised by monkeypatching
        raise ImportError(
            f"this needs {module}: pip install skillgap[{extra}] (or pip install {module})"
        ) from exc


def _pandas() -> Any:
    return _require("pandas", "pandas")


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]], total: int) -> str:
    out = ["<table>", "<thead><tr>"]
    out += [f"<th>{_e(h)}</th>" for h in headers]
    out.append("</tr></thead><tbody>")
    shown = 0
    for row in rows:
        if shown >= _MAX_ROWS:
            break
        out.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>")
        shown += 1
    out.append("</tbody></table>")
    if total > shown:
        out.append(f"<p>… {total - shown} more rows (use <code>to_pandas()</code>)</p>")
    return "".join(out)


# ---------------------------------------------------------------- Catalog


def catalog_html(cat: Any) -> str:
    skills = cat.skills
    roles = cat.roles
    title = cat.name or "Catalog"
    parts = [
        f"<div><strong>{_e(title)}</strong>: {len(skills)} skills, {len(roles)} roles</div>",
        "<details><summary>Roles</summary>",
        _table(
            ["id", "name", "family", "essential entries", "optional"],
            (
                [r.id, r.name, r.family or "", len(r.requires), len(r.optional)]
                for r in roles
            ),
            len(roles),
        ),
        "</details><details><summary>Skills</summary>",
        _table(
            ["id", "name", "category", "levels", "hours"],
            (
                [s.id, s.name, s.category or "", s.levels, " / ".join(_hours(h) for h in s.hours)]
                for s in skills
            ),
            len(skills),
        ),
        "</details>",
    ]
    return "".join(parts)


def catalog_networkx(cat: Any, roles: bool = False) -> Any:
    """The step graph: a node ``(skill, level)`` per level of each skill, an
    edge from each prerequisite step to the step that needs it."""
    nx = _require("networkx", "networkx")
    g = nx.DiGraph(name=cat.name)
    for s in cat.skills:
        for level, hours in enumerate(s.hours, start=1):
            g.add_node(
                (s.id, level),
                kind="step",
                skill=s.id,
                level=level,
                name=s.name,
                category=s.category,
                hours=hours,
            )
    g.add_edges_from(cat.step_edges())
    if roles:
        for r in cat.roles:
            node = f"role:{r.id}"
            g.add_node(node, kind="role", name=r.name, family=r.family)
            for entry in r.requires:
                if isinstance(entry, str):
                    refs, group = [entry], None
                else:
                    refs, group = entry["any_of"], entry
                for ref in refs:
                    sid, _, lv = ref.partition("@")
                    g.add_edge(
                        (sid, int(lv or 1)), node, min_level=int(lv or 1), optional=False,
                        group=None if group is None else dict(group),
                    )
            for ref in r.optional:
                sid, _, lv = ref.partition("@")
                step = (sid, int(lv or 1))
                if not g.has_edge(step, node):
                    g.add_edge(step, node, min_level=int(lv or 1), optional=True, group=None)
    return g


def path_networkx(path: Any) -> Any:
    """The catalog's step graph on the path's steps, with the path's hours."""
    full = catalog_networkx(path.catalog)
    steps = path.steps
    g = full.subgraph([(s.skill, s.level) for s in steps]).copy()
    g.graph["name"] = "path to " + ", ".join(path.targets)
    for i, s in enumerate(steps):
        g.nodes[(s.skill, s.level)].update(hours=s.hours, index=i)
    return g


# ---------------------------------------------------------------- Path


def _path_rows(path: Any) -> list[list[Any]]:
    cat = path.catalog
    totals = path.cumulative_hours()
    return [
        [
            i, s.skill, cat.skill_name(s.skill), s.level, s.hours, totals[i],
            "; ".join(r.describe(cat) for r in s.reasons),
        ]
        for i, s in enumerate(path.steps)
    ]


_PATH_COLUMNS = ["step", "skill", "name", "level", "hours", "cumulative_hours", "reasons"]


def path_frame(path: Any) -> Any:
    pd = _pandas()
    return pd.DataFrame(_path_rows(path), columns=_PATH_COLUMNS)


def path_html(path: Any) -> str:
    cat = path.catalog
    head = (
        f"<div><strong>Path to {_e(', '.join(cat.role_label(t) for t in path.targets))}</strong>: "
        f"{len(path)} steps, {_e(_hours(path.total_hours))} h"
        f"{'' if path.optimal else f' (not proven optimal; lower bound {_e(_hours(path.lower_bound))} h)'}"
        "</div>"
    )
    ready: dict[int, list[str]] = {}
    for m in path.milestones:
        ready.setdefault(m.step_index, []).append(cat.role_label(m.role))
    steps = path.steps
    rows = [
        [
            r[0] + 1, cat.skill_label(steps[r[0]].reference), _hours(r[4]), _hours(r[5]), r[6],
            ", ".join(ready.get(r[0], [])),
        ]
        for r in _path_rows(path)
    ]
    return head + _table(["#", "step", "hours", "total", "why", "job-ready as"], rows, len(rows))


# ---------------------------------------------------------------- Gap


def _gap_rows(gap: Any) -> list[list[Any]]:
    """Rows of a gap; ``name`` is the skill's name (a group: its members
    with names, as ``Catalog.entry_label`` gives them)."""
    cat = gap.catalog
    rows: list[list[Any]] = []
    for m in gap.missing:
        if m.kind == "skill":
            rows.append([m.entry, "skill", True, m.skill, cat.skill_name(m.skill), m.current, m.needed, None])
        else:
            rows.append([m.entry, "group", True, None, cat.entry_label(m.entry), None, None, m.more])
    for ref in gap.optional_missing:
        sid, _, lv = ref.partition("@")
        rows.append([ref, "skill", False, sid, cat.skill_name(sid), None, int(lv or 1), None])
    return rows


_GAP_COLUMNS = ["entry", "kind", "essential", "skill", "name", "current", "needed", "more"]


def gap_frame(gap: Any) -> Any:
    pd = _pandas()
    return pd.DataFrame(_gap_rows(gap), columns=_GAP_COLUMNS)


def gap_html(gap: Any) -> str:
    status = "job-ready" if gap.ready else f"{_e(_hours(gap.hours))} h to job-ready"
    cat = gap.catalog
    head = (
        f"<div><strong>Gap to {_e(cat.role_label(gap.role))}</strong>: {status}, "
        f"coverage {gap.coverage:.0%}</div>"
    )
    rows = []
    for m in gap.missing:
        if m.kind == "skill":
            rows.append([cat.entry_label(m.entry), "essential", f"level {m.current} → {m.needed}"])
        else:
            rows.append([cat.entry_label(m.entry), "essential", f"{m.more} more of {m.count}"])
    for ref in gap.optional_missing:
        rows.append([cat.entry_label(ref), "optional", ""])
    return head + _table(["entry", "", "missing"], rows, len(rows))


# ---------------------------------------------------------------- Ranking

_RANK_COLUMNS = ["role", "name", "hours", "coverage", "ready", "optimal", "progress", "fit"]


def ranking_frame(ranking: Any) -> Any:
    pd = _pandas()
    return pd.DataFrame(ranking.columns(), columns=_RANK_COLUMNS)


def ranking_html(ranking: Any) -> str:
    names = ranking.names
    rows = (
        [
            i + 1,
            r.role,
            names[i] or "",
            _hours(r.hours),
            f"{r.coverage:.0%}",
            f"{r.progress:.0%}",
            f"{r.fit:.2f}",
            "yes" if r.ready else "",
        ]
        for i, r in enumerate(ranking)
    )
    return _table(
        ["#", "role", "name", "hours", "coverage", "progress", "fit", "ready"], rows, len(ranking)
    )


# ---------------------------------------------------------------- Schedule

_SCHEDULE_COLUMNS = ["week", "step_index", "skill", "name", "level", "hours", "completes"]


def schedule_frame(schedule: Any) -> Any:
    pd = _pandas()
    cat = schedule.catalog
    rows = [
        [w.week, it.step_index, it.skill, cat.skill_name(it.skill), it.level, it.hours, it.completes]
        for w in schedule.weeks
        for it in w.items
    ]
    return pd.DataFrame(rows, columns=_SCHEDULE_COLUMNS)


def schedule_html(schedule: Any) -> str:
    cat = schedule.catalog
    by_week: dict[int, list[str]] = {}
    for m in schedule.milestones:
        if m.week is not None:
            by_week.setdefault(m.week, []).append(cat.role_label(m.role))
    head = (
        f"<div><strong>Schedule</strong>: {schedule.total_weeks} weeks at "
        f"{_e(_hours(schedule.hours_per_week))} h/week</div>"
    )
    rows = []
    for w in schedule.weeks:
        items = ", ".join(
            f"{cat.skill_label(it.reference)} ({_hours(it.hours)} h{'' if it.completes else ', continues'})"
            for it in w.items
        )
        rows.append([w.week, _hours(w.hours), items, ", ".join(by_week.get(w.week, []))])
    return head + _table(["week", "hours", "learn", "job-ready as"], rows, len(rows))


# ---------------------------------------------------------------- Posting

_EVIDENCE_COLUMNS = ["kind", "skill", "start", "end", "text", "detail"]
# Highlight colours by kind; where spans overlap, the first kind listed wins.
_EVIDENCE_COLOURS = {
    "match": "#ffe08a",
    "level": "#c9f2c7",
    "optional": "#cde7ff",
    "alternative": "#e6d9ff",
    "essential": "#ffd3cc",
}
# Longer postings show this many characters highlighted, then a note.
_MAX_POSTING_CHARS = 20_000


def posting_frame(posting: Any) -> Any:
    pd = _pandas()
    rows = [[e.kind, e.skill, e.start, e.end, e.text, e.detail] for e in posting.evidence]
    return pd.DataFrame(rows, columns=_EVIDENCE_COLUMNS)


def _highlighted(text: str, evidence: Sequence[Any]) -> str:
    """The text (escaped) with each evidence span in a <mark>, its decisions
    in the title; overlapping spans take the colour of the first kind in
    _EVIDENCE_COLOURS."""
    shown = text[:_MAX_POSTING_CHARS]
    spans = sorted(
        (e for e in evidence if e.start < len(shown)), key=lambda e: (e.start, e.end)
    )
    cuts = sorted({0, len(shown)} | {e.start for e in spans} | {min(e.end, len(shown)) for e in spans})
    order = list(_EVIDENCE_COLOURS)
    out: list[str] = []
    active: list[Any] = []
    nxt = 0
    for a, b in zip(cuts, cuts[1:]):
        while nxt < len(spans) and spans[nxt].start <= a:
            active.append(spans[nxt])
            nxt += 1
        active = [e for e in active if e.end > a]
        piece = _e(shown[a:b])
        if not active:
            out.append(piece)
            continue
        kind = min((e.kind for e in active), key=lambda k: order.index(k) if k in order else len(order))
        title = "\n".join(f"{e.kind} {e.skill}: {e.detail}" for e in active)
        colour = _EVIDENCE_COLOURS.get(kind, "#eeeeee")
        out.append(f'<mark style="background:{colour}" title="{_e(title)}">{piece}</mark>')
    if len(text) > len(shown):
        out.append(f"<br>… {len(text) - len(shown)} more characters")
    return '<div style="white-space:pre-wrap;line-height:1.6">' + "".join(out) + "</div>"


def posting_html(posting: Any) -> str:
    role = posting.role
    requires = ", ".join(
        str(r) if isinstance(r, str) else "any of [" + ", ".join(r["any_of"]) + "]"
        for r in role.requires
    )
    head = (
        f"<div><strong>Posting {_e(role.id)}</strong> ({_e(role.name)}): "
        f"requires {_e(requires or 'nothing')}; optional {_e(', '.join(role.optional) or 'nothing')}</div>"
    )
    legend = " ".join(
        f'<mark style="background:{c}">{_e(k)}</mark>' for k, c in _EVIDENCE_COLOURS.items()
    )
    rows = [[e.kind, e.skill, e.text, e.detail] for e in posting.evidence]
    return (
        head
        + f"<div>{legend}</div>"
        + _highlighted(posting.text, posting.evidence)
        + _table(["kind", "skill", "text", "decision"], rows, len(rows))
    )


# ---------------------------------------------------------------- Catalog tables


class CatalogFrames(NamedTuple):
    """``Catalog.to_pandas()``: the skills and the roles as DataFrames
    (unpacks as ``skills, roles = cat.to_pandas()``)."""

    skills: Any
    roles: Any


def catalog_frames(cat: Any) -> CatalogFrames:
    """A row per skill (id, name, category, levels, hours per level, total
    hours, aliases, requires) and a row per role (id, name, family, requires,
    optional); ids first, names next to them, in catalog order."""
    pd = _pandas()
    skills = pd.DataFrame(
        [
            [s.id, s.name, s.category, s.levels, list(s.hours), float(sum(s.hours)),
             list(s.aliases), list(s.requires)]
            for s in cat.skills
        ],
        columns=["id", "name", "category", "levels", "hours", "total_hours", "aliases",
                 "requires"],
    )
    roles = pd.DataFrame(
        [[r.id, r.name, r.family, list(r.requires), list(r.optional)] for r in cat.roles],
        columns=["id", "name", "family", "requires", "optional"],
    )
    return CatalogFrames(skills, roles)
