"""Employers differ: the readiness curve (``Catalog.readiness_curve``) and the
demand table (``Catalog.demand``) as plain Python rows made from what the core
computed, so they pickle, iterate and turn into DataFrames cheaply.

Names stand next to ids: a target's name is the one of the ``Role`` given (a
role read from a posting) or the catalog's. matplotlib is imported only by
``ReadinessCurve.plot``.
"""

from __future__ import annotations

from typing import Any, Iterator, NamedTuple


class CurveRow(NamedTuple):
    """One k of a readiness curve: the fewest hours to be job-ready for at
    least ``k`` of the roles, and the path that does it."""

    k: int
    hours: float
    optimal: bool
    lower_bound: float
    targets: list[str]
    path: Any


class ReadinessCurve:
    """Rows k = 1..n (``CurveRow``): iterable, indexable, ``to_pandas()``,
    ``plot()``; hours never decrease with k."""

    def __init__(self, rows: list[tuple], names: list[tuple[str, str]]) -> None:
        self.rows: list[CurveRow] = [CurveRow(*r) for r in rows]
        self.names: dict[str, str] = {}
        for role_id, name in names:
            self.names.setdefault(role_id, name)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[CurveRow]:
        return iter(self.rows)

    def __getitem__(self, i: int) -> CurveRow:
        return self.rows[i]

    def __repr__(self) -> str:
        hours = ", ".join(f"{r.k}: {r.hours:g}" for r in self.rows[:8])
        more = ", …" if len(self.rows) > 8 else ""
        return f"ReadinessCurve({len(self.rows)} roles; hours by k: {hours}{more})"

    def label(self, role_id: str) -> str:
        """A target for people: ``"Name (id)"``, or the id alone."""
        name = self.names.get(role_id, "")
        return f"{name} ({role_id})" if name and name != role_id else role_id

    def to_pandas(self) -> Any:
        """A DataFrame: k, hours, optimal, lower_bound, targets (ids),
        target_names, steps (how many) and path."""
        from ._notebook import _pandas

        data = [
            (
                r.k,
                r.hours,
                r.optimal,
                r.lower_bound,
                list(r.targets),
                [self.names.get(t, "") for t in r.targets],
                len(r.path.steps),
                r.path,
            )
            for r in self.rows
        ]
        columns = [
            "k",
            "hours",
            "optimal",
            "lower_bound",
            "targets",
            "target_names",
            "steps",
            "path",
        ]
        return _pandas().DataFrame(data, columns=columns)

    def _repr_html_(self) -> str:
        from . import format_hours
        from ._notebook import _table

        body = (
            [
                r.k,
                format_hours(r.hours),
                "yes" if r.optimal else f"no (≥ {format_hours(r.lower_bound)})",
                len(r.path.steps),
                "; ".join(self.label(t) for t in r.targets),
            ]
            for r in self.rows
        )
        headers = ["k", "hours", "optimal", "steps", "job-ready for"]
        return _table(headers, body, len(self.rows))

    def plot(self, ax: Any = None) -> Any:
        """Hours against k (and the lower bound where a k is not proven
        optimal) on ``ax`` (a new figure when None); returns the axes. Needs
        matplotlib: ``pip install skillgap[plot]``."""
        try:
            import matplotlib.pyplot as plt
        except ImportError as exc:
            raise ImportError(
                "ReadinessCurve.plot needs matplotlib: pip install skillgap[plot] "
                "(or pip install matplotlib)"
            ) from exc
        if ax is None:
            _, ax = plt.subplots()
        ks = [r.k for r in self.rows]
        ax.plot(ks, [r.hours for r in self.rows], marker="o", label="hours")
        if not all(r.optimal for r in self.rows):
            ax.plot(
                ks,
                [r.lower_bound for r in self.rows],
                linestyle="--",
                label="lower bound",
            )
            ax.legend()
        ax.set_xlabel("k: job-ready for at least k of the roles")
        ax.set_ylabel("hours to learn")
        ax.set_xticks(ks)
        ax.set_title("Readiness curve")
        return ax


class DemandRow(NamedTuple):
    """How many of the roles ask for one skill."""

    skill: str
    name: str
    essential: int
    alternative: int
    optional: int


class DemandTable:
    """Rows of ``Catalog.demand`` (``DemandRow``), most asked for first:
    iterable, indexable, ``to_pandas()``."""

    columns = DemandRow._fields

    def __init__(self, rows: list[tuple]) -> None:
        self.rows: list[DemandRow] = [DemandRow(*r) for r in rows]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[DemandRow]:
        return iter(self.rows)

    def __getitem__(self, i: int) -> DemandRow:
        return self.rows[i]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DemandTable) and self.rows == other.rows

    def __repr__(self) -> str:
        return f"DemandTable({len(self.rows)} skills)"

    def to_pandas(self) -> Any:
        from ._notebook import _pandas

        return _pandas().DataFrame(self.rows, columns=list(self.columns))

    def _repr_html_(self) -> str:
        from ._notebook import _table

        return _table(list(self.columns), self.rows, len(self.rows))


def make_curve(rows: list[tuple], names: list[tuple[str, str]]) -> ReadinessCurve:
    """Called by the native ``Catalog.readiness_curve``."""
    return ReadinessCurve(rows, names)


def make_demand(rows: list[tuple]) -> DemandTable:
    """Called by the native ``Catalog.demand``."""
    return DemandTable(rows)
