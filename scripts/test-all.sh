#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: Rust (unit, property,
# integration, doc tests, CLI), then the Python package (built with maturin into
# a local venv) with pytest, which also executes the example notebook.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== Rust: fmt, clippy, tests"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
# gap-core's optional parts (import, parallel, text): none, and each alone.
cargo check -p gap-core --no-default-features --all-targets --quiet
for feature in import parallel text; do
  cargo check -p gap-core --no-default-features --features "$feature" --quiet
done
cargo test --workspace
python3 scripts/module-sizes.py

echo "== Python: venv, build, tests"
VENV=${SKILLGAP_VENV:-$PWD/.venv}
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -r python/requirements-test.txt
# Build and install the extension into the venv (release: the notebook and the
# thread tests run real queries).
( cd python && source "$VENV/bin/activate" && maturin develop --release --quiet )
set +e
"$VENV/bin/python" -m pytest python/tests -q
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests" >&2
  exit 1
fi
exit "$status"
