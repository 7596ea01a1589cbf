"""The exceptions of skillgap (SPEC 5).

They are defined here, in Python, because several have two bases (a
``CatalogError`` is also a ``ValueError``); the native module looks them up
once and raises them with structured attributes. Every exception pickles:
``BaseException.__reduce__`` gives ``(cls, (message,), __dict__)`` and every
``__init__`` here accepts the message alone.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence, Union

__all__ = [
    "Problem",
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


class Problem:
    """One problem of an invalid catalog (an item of ``CatalogError.problems``).

    ``kind`` (e.g. ``"unknown_skill"``, ``"cycle"``; ``"error"`` for a problem
    that is not a validation finding), ``place`` (where in the document, e.g.
    ``skills[3] (pytorch).requires[1]``; empty when there is no one place),
    ``id`` (the skill or role id concerned, or None) and ``message`` (what is
    wrong, without the place). ``str(problem)`` is ``"{place}: {message}"``
    (the message alone without a place). Immutable; compares by value;
    pickles.
    """

    __slots__ = {
        "kind": "A short name of the kind of problem, e.g. ``unknown_skill``.",
        "place": "Where in the document (empty when there is no one place).",
        "id": "The skill or role id concerned, or None.",
        "message": "What is wrong, without the place.",
    }

    kind: str
    place: str
    id: Optional[str]
    message: str

    def __init__(
        self, message: str, *, place: str = "", id: Optional[str] = None, kind: str = "error"
    ) -> None:
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "place", place)
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "kind", kind)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"Problem is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Problem is immutable: cannot delete {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_problem, (self.message, self.place, self.id, self.kind))

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message

    def __repr__(self) -> str:
        return (
            f"Problem(kind={self.kind!r}, place={self.place!r}, id={self.id!r}, "
            f"message={self.message!r})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.kind, self.place, self.id, self.message) == (
            other.kind,
            other.place,
            other.id,
            other.message,
        )

    def __hash__(self) -> int:
        return hash((self.kind, self.place, self.id, self.message))

    def to_dict(self) -> dict[str, Any]:
        """The problem as a plain dict: kind, place, id, message."""
        return {"kind": self.kind, "place": self.place, "id": self.id, "message": self.message}


def _problem(message: str, place: str, id: Optional[str], kind: str) -> Problem:
    return Problem(message, place=place, id=id, kind=kind)


def _as_problem(p: Union[Problem, str]) -> Problem:
    return p if isinstance(p, Problem) else Problem(str(p))


class SkillgapError(Exception):
    """Base class of every error raised by skillgap.

    ``profile_index``: in a batch call (``hours_matrix``), the 0-based index
    of the profile the error is about, which the message also names
    (``"profile 3: unknown skill `pyhton`"``); None otherwise.
    """

    profile_index: Optional[int] = None

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

    Attributes: ``problems`` (one ``Problem`` per problem found, each with
    ``place``, ``id`` and ``message``; ``str(problem)`` is one line of the
    message), ``source`` (the
    file name, or ``<json>``), ``line`` and ``column`` (1-based, None when
    unknown) and ``path`` (the place inside the document, e.g.
    ``skills[3].hours``; None when unknown).
    """

    problems: list[Problem]
    source: str
    line: Optional[int]
    column: Optional[int]
    path: Optional[str]

    def __init__(
        self,
        message: str = "",
        *,
        problems: Optional[Sequence[Union[Problem, str]]] = None,
        source: str = "",
        line: Optional[int] = None,
        column: Optional[int] = None,
        path: Optional[str] = None,
        **details: Any,
    ) -> None:
        # 0 and "" are how "unknown" used to be written: None now.
        line = line or None
        column = column or None
        path = path or None
        super().__init__(
            message,
            problems=(
                [_as_problem(p) for p in problems]
                if problems is not None
                else [Problem(message)]
            ),
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
    ``candidates``: when ``id`` is not an id but the name or alias of one
    or more skills (``"sklearn"`` in a profile; use ``Catalog.profile`` to
    resolve names), or a name several skills share, their ids; else empty.
    """

    id: str
    suggestions: list[str]
    candidates: list[str]

    def __init__(
        self,
        message: str = "",
        *,
        id: str = "",
        suggestions: Optional[Sequence[str]] = None,
        candidates: Optional[Sequence[str]] = None,
        **details: Any,
    ) -> None:
        super().__init__(
            message,
            id=id,
            suggestions=list(suggestions or []),
            candidates=list(candidates or []),
            **details,
        )


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
