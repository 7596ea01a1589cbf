#!/usr/bin/env python3
"""Lines per gap-core module before its tests (everything before the first
`#[cfg(test)]`, doc comments included). Exits 1 when a module is over the
limit (ARCHITECTURE.md: 600)."""
import pathlib
import sys

LIMIT = 600
root = pathlib.Path(__file__).resolve().parent.parent / "crates/gap-core/src"
over = []
rows = []
for path in sorted(root.rglob("*.rs")):
    code = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if s.startswith("#[cfg(test)]"):
            break
        code += 1
    rows.append((code, path.relative_to(root)))
    if code > LIMIT:
        over.append((code, path.relative_to(root)))
if "-v" in sys.argv:
    for code, p in sorted(rows, reverse=True)[:10]:
        print(f"{code:5}  {p}")
for code, p in over:
    print(f"{p}: {code} lines before its tests (limit {LIMIT})", file=sys.stderr)
sys.exit(1 if over else 0)
