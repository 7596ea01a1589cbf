"""The exceptions of skillgap (SPEC 5).

They are defined here, in Python, because several have two bases (a
``CatalogError`` is also a ``ValueError``); the native module looks them up
once and raises them with structured attributes. Every exception pickles:
``BaseException.__reduce__`` gives ``(cls, (message,), __dict__)`` and every
``__init__`` here accepts the message alone.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

__all__ = [
    "SkillgapError",
    "CatalogError",
    "CycleError",
    "ProfileError",
    "UnknownSkillError",
    "UnknownRoleError",
    "InfeasibleError",
    "InvalidArgumentError",
    "TaxonomyWarning",
]


class SkillgapError(Exception):
    """Base class of every error raised by skillgap."""

    def __init__(self, message: str = "", **details: Any) -> None:
        super().__init__(message)
        for key, value in details.items():
            setattr(self, key, value)

    @property
    def message(self) -> str:
        """The error message."""
        return str(self.args[0]) if self.args else ""

    def __str__(self) -> str:
        # KeyError's __str__ would quote the message; every skillgap error
        # shows it as written.
        return self.message


class CatalogError(SkillgapError, ValueError):
    """A bad catalog: file, schema, reference, level, hours or discount.

    Attributes: ``problems`` (one line per problem found), ``source`` (the
    file name, or ``<json>``), ``line`` and ``column`` (1-based, 0 when
    unknown) and ``path`` (the place inside the document, e.g.
    ``skills[3].hours``; empty when unknown).
    """

    problems: list[str]
    source: str
    line: int
    column: int
    path: str

    def __init__(
        self,
        message: str = "",
        *,
        problems: Optional[Sequence[str]] = None,
        source: str = "",
        line: int = 0,
        column: int = 0,
        path: str = "",
        **details: Any,
    ) -> None:
        super().__init__(
            message,
            problems=list(problems) if problems is not None else [message],
            source=source,
            line=line,
            column=column,
            path=path,
            **details,
        )


class CycleError(CatalogError):
    """The prerequisites of a catalog form a cycle.

    ``cycle`` lists the skill ids along one cycle in requires order, one per
    step, without repeating the first.
    """

    cycle: list[str]

    def __init__(
        self, message: str = "", *, cycle: Optional[Sequence[str]] = None, **details: Any
    ) -> None:
        super().__init__(message, cycle=list(cycle or []), **details)


class ProfileError(SkillgapError, ValueError):
    """A profile level out of range (negative, or above the skill's highest).

    Attributes: ``skill`` (the id) and ``level`` (the level given).
    """

    skill: str
    level: int

    def __init__(
        self, message: str = "", *, skill: str = "", level: int = 0, **details: Any
    ) -> None:
        super().__init__(message, skill=skill, level=level, **details)


class UnknownSkillError(SkillgapError, KeyError):
    """A skill id the catalog does not define.

    Attributes: ``id`` and ``suggestions`` (the closest existing ids).
    """

    id: str
    suggestions: list[str]

    def __init__(
        self,
        message: str = "",
        *,
        id: str = "",
        suggestions: Optional[Sequence[str]] = None,
        **details: Any,
    ) -> None:
        super().__init__(message, id=id, suggestions=list(suggestions or []), **details)


class UnknownRoleError(SkillgapError, KeyError):
    """A role id the catalog does not define.

    Attributes: ``id`` and ``suggestions`` (the closest existing ids).
    """

    id: str
    suggestions: list[str]

    def __init__(
        self,
        message: str = "",
        *,
        id: str = "",
        suggestions: Optional[Sequence[str]] = None,
        **details: Any,
    ) -> None:
        super().__init__(message, id=id, suggestions=list(suggestions or []), **details)


class InfeasibleError(SkillgapError):
    """The target cannot be met (for example because of ``avoid``).

    Attributes: ``target`` (the role id or ids), ``requirement`` (the entry
    that cannot be met) and ``reason``.
    """

    target: str
    requirement: str
    reason: str

    def __init__(
        self,
        message: str = "",
        *,
        target: str = "",
        requirement: str = "",
        reason: str = "",
        **details: Any,
    ) -> None:
        super().__init__(
            message, target=target, requirement=requirement, reason=reason, **details
        )


class InvalidArgumentError(SkillgapError, ValueError):
    """An argument out of its domain (a negative budget, zero hours a week, an
    unknown mode, a file extension other than .json or .toml …)."""


class TaxonomyWarning(UserWarning):
    """What an importer (``Catalog.from_esco``, ``from_onet``,
    ``from_metacademy``) repaired or skipped: merged duplicate relations,
    dropped self-loops and cycles, estimated hours. Never raised as an error
    unless the warnings filter says so."""
