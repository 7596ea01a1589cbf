"""skillgap: skills as a prerequisite graph.

How far a person is from a job role, which roles are closest, the cheapest
way (fewest learning hours) to become job-ready, in what order and why, the
stepping-stone roles on the way, a week-by-week schedule, and what a job
posting asks for.

>>> import skillgap as sg
>>> cat = sg.Catalog.from_dict({
...     "skills": [{"id": "sql", "name": "SQL", "hours": 30},
...                {"id": "pandas", "name": "pandas", "hours": 40, "requires": ["sql"]}],
...     "roles": [{"id": "analyst", "name": "Data Analyst", "requires": ["pandas"]}]})
>>> path = cat.learning_path({}, "analyst")
>>> [s.skill for s in path.steps], path.total_hours
(['sql', 'pandas'], 70.0)
"""

from collections.abc import Mapping as _Mapping
from collections.abc import Sequence as _Sequence

from ._core import (
    Catalog,
    CatalogSequence,
    Gap,
    Milestone,
    Missing,
    NextStep,
    Path,
    Profile,
    RankEntry,
    Ranking,
    Reason,
    Role,
    Schedule,
    ScheduledStep,
    Skill,
    Step,
    TextMatch,
    Week,
    Posting,
    Evidence,
    __version__,
    format_hours,
    get_num_threads,
    set_num_threads,
)
from ._errors import (
    CatalogError,
    CycleError,
    InfeasibleError,
    InvalidArgumentError,
    Problem,
    ProfileError,
    TaxonomyWarning,
    SkillgapError,
    UnknownRoleError,
    UnknownSkillError,
)



def _register_fork_hook() -> None:
    """After ``os.fork`` (and multiprocessing's fork start method), the
    child's batch queries start a new thread pool rather than wait for the
    parent's threads, which a child does not inherit."""
    import os

    from . import _core

    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_core._after_fork)


_register_fork_hook()
del _register_fork_hook

from ._frame import profiles_from_frame  # noqa: E402

# A Profile is an immutable mapping of skill id -> level.
_Mapping.register(Profile)
# The catalog's skills, roles and ids are lazy read-only sequences.
_Sequence.register(CatalogSequence)

__all__ = [
    "Catalog",
    "CatalogSequence",
    "Skill",
    "Role",
    "Profile",
    "Path",
    "Step",
    "Reason",
    "Milestone",
    "Schedule",
    "Week",
    "ScheduledStep",
    "Gap",
    "Missing",
    "Ranking",
    "RankEntry",
    "NextStep",
    "TextMatch",
    "Posting",
    "Evidence",
    "SkillgapError",
    "CatalogError",
    "CycleError",
    "Problem",
    "ProfileError",
    "UnknownSkillError",
    "UnknownRoleError",
    "InfeasibleError",
    "InvalidArgumentError",
    "TaxonomyWarning",
    "format_hours",
    "profiles_from_frame",
    "set_num_threads",
    "get_num_threads",
    "__version__",
]
