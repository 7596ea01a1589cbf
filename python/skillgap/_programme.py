"""Programme designs (``Catalog.design_programme``): the steps to add to a
programme (native ``Step`` objects) and who they make job-ready, held as
plain Python values so they pickle and turn into DataFrames cheaply."""

from __future__ import annotations

from typing import Any, NamedTuple


class ProgrammeRoleRow(NamedTuple):
    """How many profiles are job-ready for one role before and after."""

    role: str
    name: str
    ready_before: int
    ready: int


class Programme:
    """The steps (``.steps``, a valid teaching order from nothing) of at
    most ``max_hours`` catalog hours that make the most profiles job-ready
    (``.ready``; ``.ready_before`` without them). ``.optimal``: proven;
    otherwise ``.upper_bound`` bounds what any programme could reach."""

    def __init__(
        self,
        steps: list[Any],
        step_names: list[str],
        hours: float,
        ready: int,
        ready_before: int,
        optimal: bool,
        upper_bound: int,
        roles: list[str],
        role_names: list[str],
        mode: str,
        max_hours: float,
        ready_for: list[list[str]],
        made_ready: list[int],
        per_role: list[tuple[int, int]],
    ) -> None:
        self.steps: list[Any] = steps
        self.step_names: list[str] = step_names
        self.hours = hours
        self.ready = ready
        self.ready_before = ready_before
        self.optimal = optimal
        self.upper_bound = upper_bound
        self.roles: list[str] = roles
        self.mode = mode
        self.max_hours = max_hours
        self.ready_for: list[list[str]] = ready_for
        self.made_ready: list[int] = made_ready
        self.by_role: list[ProgrammeRoleRow] = [
            ProgrammeRoleRow(r, n, b, a) for r, n, (b, a) in zip(roles, role_names, per_role)
        ]

    @property
    def profiles(self) -> int:
        """Number of profiles."""
        return len(self.ready_for)

    def __len__(self) -> int:
        return len(self.steps)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Programme) and self.__dict__ == other.__dict__

    def __repr__(self) -> str:
        flag = "" if self.optimal else f", not proven (<= {self.upper_bound})"
        return (
            f"Programme({len(self.steps)} steps, {self.hours:g} h of {self.max_hours:g}: "
            f"{self.ready_before} -> {self.ready} of {self.profiles} ready{flag})"
        )

    def to_pandas(self) -> Any:
        """One row per step: skill, name, level, hours, cumulative hours."""
        from ._notebook import _pandas

        rows = []
        total = 0.0
        for st, name in zip(self.steps, self.step_names):
            total += st.hours
            rows.append((st.skill, name, st.level, st.hours, total))
        return _pandas().DataFrame(
            rows, columns=["skill", "name", "level", "hours", "cumulative_hours"]
        )

    def roles_to_pandas(self) -> Any:
        """One row per role: role, name, ready_before, ready."""
        from ._notebook import _pandas

        return _pandas().DataFrame(self.by_role, columns=list(ProgrammeRoleRow._fields))

    def _repr_html_(self) -> str:
        from . import format_hours
        from ._notebook import _e, _table

        proven = "proven optimal" if self.optimal else f"not proven (at most {self.upper_bound})"
        head = (
            f"<p>{format_hours(self.hours)} of {format_hours(self.max_hours)} make "
            f"{self.ready} of {self.profiles} profiles job-ready (was {self.ready_before}; "
            f"mode {_e(self.mode)}, {proven})</p>"
        )
        steps = _table(
            ["skill", "name", "level", "hours"],
            (
                (st.skill, name, st.level, format_hours(st.hours))
                for st, name in zip(self.steps, self.step_names)
            ),
            len(self.steps),
        )
        roles = _table(list(ProgrammeRoleRow._fields), self.by_role, len(self.by_role))
        return head + steps + roles


def make(data: tuple[tuple[Any, ...], tuple[Any, ...]]) -> Programme:
    """Called by the native ``Catalog.design_programme`` (the fields in two
    tuples: the steps and counts, then the roles and per-profile rows)."""
    return Programme(*data[0], *data[1])
