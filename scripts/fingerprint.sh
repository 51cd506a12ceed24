#!/usr/bin/env bash
# Print a sha256 for everything the binary produces from the files in this
# repository: the PDFs of resume.toml, every variant and every example, the
# manifests, the exports, the imports of the JSON Resume fixtures, and the
# reports (text and JSON) of checking every test input.
#
# A refactoring that must not change behaviour is checked by running this
# before and after and comparing the two outputs:
#
#   scripts/fingerprint.sh > /tmp/before.txt
#   ... change the code ...
#   scripts/fingerprint.sh > /tmp/after.txt && diff /tmp/before.txt /tmp/after.txt
#
# BIN names the binary to use (default: a fresh release build).
set -uo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${BIN:-}" ]]; then
  cargo build --release --quiet || exit 1
  BIN="$PWD/target/release/resume"
fi
BIN="$(realpath "$BIN")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export NO_COLOR=1
unset SOURCE_DATE_EPOCH

# One line per output: its sha256 and a label.
digest() { sha256sum | cut -d' ' -f1 | sed "s|\$|  $1|"; }

# Every PDF and manifest of a --all build, then the reports of check.
for toml in resume.toml examples/*.toml benches/dense.toml tests/fixtures/fit/*.toml tests/fixtures/layout/*.toml; do
  out="$work/all-$(echo "$toml" | tr / _)"
  "$BIN" build "$toml" --all --out-dir "$out" -j 1 >/dev/null 2>"$work/stderr"
  echo "exit $?" | digest "$toml build --all exit"
  sed "s|$work|WORK|g" "$work/stderr" | digest "$toml build --all stderr"
  for f in "$out"/*; do
    [[ -e "$f" ]] && digest "$toml --all $(basename "$f")" <"$f"
  done
  for trim in "" "--trim"; do
    "$BIN" build "$toml" -o "$work/one.pdf" $trim >/dev/null 2>&1
    [[ -e "$work/one.pdf" ]] && digest "$toml build $trim pdf" <"$work/one.pdf"
    rm -f "$work/one.pdf"
    "$BIN" check "$toml" $trim --format json 2>&1 | digest "$toml check $trim json"
  done
  for standard in a-2b ua-1; do
    SOURCE_DATE_EPOCH=1700000000 "$BIN" build "$toml" -o "$work/std.pdf" --pdf-standard "$standard" >/dev/null 2>&1
    [[ -e "$work/std.pdf" ]] && digest "$toml build $standard pdf" <"$work/std.pdf"
    rm -f "$work/std.pdf"
  done
  "$BIN" variants "$toml" 2>&1 | digest "$toml variants"
  "$BIN" variants "$toml" --format json 2>&1 | digest "$toml variants json"
  for format in json txt md; do
    "$BIN" export "$toml" --format "$format" 2>&1 | digest "$toml export $format"
  done
done

# Every test input's report, as text and as JSON.
for toml in tests/corpus/*.toml tests/fixtures/errors/*.toml; do
  "$BIN" check "$toml" 2>&1 | digest "$toml check"
  "$BIN" check "$toml" --format json 2>&1 | digest "$toml check json"
  "$BIN" check "$toml" --all 2>&1 | digest "$toml check --all"
done

# Imports of the JSON Resume fixtures, and builds straight from them.
for json in tests/fixtures/jsonresume/*; do
  base="$(basename "$json")"
  "$BIN" import "$json" -o "$work/imported.toml" --force 2>"$work/stderr" >/dev/null
  sed "s|$work|WORK|g" "$work/stderr" | digest "$json import stderr"
  [[ -e "$work/imported.toml" ]] && digest "$json import toml" <"$work/imported.toml"
  rm -f "$work/imported.toml"
  cp "$json" "$work/$base"
  (cd "$work" && "$BIN" build "$base" -o out.pdf >/dev/null 2>&1)
  [[ -e "$work/out.pdf" ]] && digest "$json build pdf" <"$work/out.pdf"
  rm -f "$work/out.pdf" "$work/$base"
done

"$BIN" schema | digest "schema"
"$BIN" --help | digest "help"
for command in build check import export variants schema; do
  "$BIN" "$command" --help | digest "$command --help"
done
