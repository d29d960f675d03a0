#!/usr/bin/env bash
# tm lsp end to end in Neovim (headless, the Debian package): opens the shipped English example
# in a project with the house glossary and asserts the diagnostics the editor shows: Lion
# (TM101) and the changed figure (TM201), at their lines and columns.
# Usage: tests/editor/neovim.sh PATH/TO/tm
set -euo pipefail
tm=$(realpath "$1")
repo=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/glossaries"
cp "$repo/glossaries/house.tsv" "$dir/glossaries/"
cp "$repo/examples/ncb-conference.ru.txt" "$repo/examples/ncb-conference.en.txt" "$dir/"
started=$(date +%s%N)
(cd "$dir" && TM="$tm" DRAFT="$dir/ncb-conference.en.txt" RESULT="$dir/result.txt" TM_CACHE_DIR="$dir/.cache" \
    timeout 60 nvim --headless -u NONE -i NONE -n -c "luafile $repo/tests/editor/neovim.lua") || {
    echo "Neovim failed:" >&2
    cat "$dir/result.txt" >&2 || true
    exit 1
}
seen=$(cat "$dir/result.txt")
fail() { echo "tests/editor/neovim.sh: $1" >&2; echo "$seen" >&2; exit 1; }
grep -q '^13:[0-9]* TM101 .*`Lion`.*`Lyon`' <<<"$seen" || fail "no Lion (TM101) on line 13"
grep -q '^5:81 TM201 .*`152`' <<<"$seen" || fail "no changed figure (TM201) at 5:81"
elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
echo "tm lsp in Neovim $(nvim --version | head -1 | cut -d' ' -f2): $(wc -l <<<"$seen") diagnostics, Lion and the changed figure among them (${elapsed_ms} ms)"
