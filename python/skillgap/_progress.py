"""``progress=`` of the batch calls (SPEC 6): ``True`` shows a bar on stderr
once the call runs past a second (tqdm when it is installed, else a line
of text); a callable is called with ``(done, total)``; ``None``/``False``
show nothing. The native call reports from its waiting thread, with the
GIL, a few times a second and once at the end."""

from __future__ import annotations

import sys
import time
from typing import Any, Callable

#: Seconds a call runs before ``progress=True`` shows a bar.
DELAY = 1.0


class _TextBar:
    def __init__(self, total: int) -> None:
        self.total = total
        self.n = 0

    def update(self, k: int) -> None:
        self.n += k
        sys.stderr.write(f"\rskillgap: {self.n}/{self.total} profiles")
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")
        sys.stderr.flush()


class _Bar:
    """``progress=True``: nothing for the first second, then a bar."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if time.monotonic() - self.start < DELAY:
                return
            try:
                from tqdm import tqdm  # type: ignore[import-not-found, import-untyped, unused-ignore]

                self.bar = tqdm(total=total, file=sys.stderr, unit="profile")
            except ImportError:
                self.bar = _TextBar(total)
        self.bar.update(done - self.bar.n)
        if done >= total:
            self.bar.close()


def reporter(progress: Any) -> Callable[[int, int], Any] | None:
    """What the native call reports to, from a ``progress=`` argument."""
    if progress is None or progress is False:
        return None
    if progress is True:
        return _Bar()
    if callable(progress):
        return progress  # type: ignore[no-any-return]
    raise TypeError(
        f"progress must be True, False, None or a callable (done, total), got {type(progress).__name__}"
    )
