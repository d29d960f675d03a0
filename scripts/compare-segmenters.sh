#!/usr/bin/env bash
# Accuracy and speed of tm, pySBD and razdel on the same texts, in one run.
# Installs the peers into a throwaway virtualenv; reads NTREX-128 from ../shared/data when present.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
data="${NTREX_DIR:-$repo/../shared/data/ntrex128_ru_en}"
venv="$(mktemp -d)/venv"
trap 'rm -rf "$(dirname "$venv")"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet pysbd razdel
echo "peers: $("$venv/bin/pip" freeze | grep -iE '^(pysbd|razdel)==' | tr '\n' ' ')"
cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
"$venv/bin/python" "$repo/scripts/compare_segmenters.py" "$repo/target/release/tm" "$repo" "$data"
