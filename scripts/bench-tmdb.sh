#!/usr/bin/env bash
# Runs the memory benchmark with translate-toolkit's tmdb side by side.
# Makes a throwaway virtualenv (translate-toolkit 3.18.1, Levenshtein) under target/.
# Usage: scripts/bench-tmdb.sh [sizes] [tmdb queries]   e.g. scripts/bench-tmdb.sh 100000 500
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/venv-tmdb
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "translate-toolkit==3.18.1" Levenshtein lxml
fi
TM_BENCH_SIZES="${1:-100000}" TM_BENCH_TMDB_QUERIES="${2:-500}" TM_BENCH_TMDB_PYTHON="$PWD/$venv/bin/python" \
  cargo bench --bench memory
