"""Cohort tables (``Catalog.cohort``): plain Python rows made from what the
core computed, so they pickle, iterate and turn into DataFrames cheaply."""

from __future__ import annotations

from typing import Any, Generic, Iterator, NamedTuple, TypeVar


class CohortRoleRow(NamedTuple):
    """How a cohort stands against one role."""

    role: str
    name: str
    ready_share: float
    median_hours: float
    p90_hours: float
    optimal: bool


class CohortSkillRow(NamedTuple):
    """How much of the cohort's shortest paths one skill is."""

    skill: str
    name: str
    pairs: int
    hours: float


R = TypeVar("R", CohortRoleRow, CohortSkillRow)


class CohortTable(Generic[R]):
    """Rows of a cohort table: iterable, indexable, ``to_pandas()``."""

    def __init__(self, rows: list[R], columns: tuple[str, ...]) -> None:
        self.rows: list[R] = rows
        self.columns: tuple[str, ...] = columns

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[R]:
        return iter(self.rows)

    def __getitem__(self, i: int) -> R:
        return self.rows[i]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CohortTable) and self.rows == other.rows

    def __repr__(self) -> str:
        return f"CohortTable({len(self.rows)} rows: {', '.join(self.columns)})"

    def to_pandas(self) -> Any:
        from ._notebook import _pandas

        return _pandas().DataFrame(self.rows, columns=list(self.columns))

    def _repr_html_(self) -> str:
        from . import format_hours
        from ._notebook import _table

        def cell(c: str, v: Any) -> str:
            if c in ("median_hours", "p90_hours", "hours"):
                return format_hours(v)
            if c == "ready_share":
                return f"{v:.0%}"
            return str(v)

        body = ([cell(c, v) for c, v in zip(self.columns, r)] for r in self.rows)
        return _table(list(self.columns), body, len(self.rows))


class Cohort:
    """A cohort against a set of roles: ``.roles`` and ``.skills`` tables."""

    def __init__(self, roles: list[tuple], skills: list[tuple], profiles: int) -> None:
        self.roles: CohortTable[CohortRoleRow] = CohortTable(
            [CohortRoleRow(*r) for r in roles], CohortRoleRow._fields
        )
        self.skills: CohortTable[CohortSkillRow] = CohortTable(
            [CohortSkillRow(*s) for s in skills], CohortSkillRow._fields
        )
        self.profiles = profiles

    def __repr__(self) -> str:
        return f"Cohort({self.profiles} profiles, {len(self.roles)} roles, {len(self.skills)} skills)"

    def _repr_html_(self) -> str:
        return (
            f"<p>{self.profiles} profiles</p>"
            + self.roles._repr_html_()
            + self.skills._repr_html_()
        )


def make(data: tuple[list[tuple], list[tuple], int]) -> Cohort:
    """Called by the native ``Catalog.cohort``."""
    return Cohort(*data)
