#!/usr/bin/env bash
# Regenerate the README's theme gallery (docs/gallery/): page 1 of the seed
# résumé (resume.toml) in every built-in theme, drawn by `resume build` as
# PNG, and the themes with a photo slot once more with the test portrait;
# and the language pictures (docs/languages/): the German, Japanese and
# Arabic examples and both languages of the bilingual one. The Japanese one
# takes its font from the system: install Debian's fonts-noto-cjk first.
#
#   scripts/gallery.sh [DPI]     # default 60 dpi (about 510 × 660 pixels)
set -euo pipefail
cd "$(dirname "$0")/.."
dpi=${1:-60}
cargo build --release --quiet
bin=target/release/resume
out=docs/gallery
mkdir -p "$out"
rm -f "$out"/*.png

# The names from `resume themes`: the lines between its first heading and
# the blank line after it.
themes=$("$bin" themes | awk '/^Built-in themes/ { on = 1; next } /^$/ { on = 0 } on { print $1 }')
for theme in $themes; do
  "$bin" build resume.toml --theme "$theme" --no-system-fonts --dpi "$dpi" -o "$out/$theme.png" 2>/dev/null
done

# With a photo and icons: the seed with `person.photo` added, in the
# themes whose photo slot places it.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp tests/fixtures/photo/portrait.jpg "$tmp/"
awk '{ print } /^\[person\]$/ && !done { print "photo = \"portrait.jpg\""; done = 1 }' resume.toml >"$tmp/resume.toml"
for theme in humanist moderncv; do
  "$bin" build "$tmp/resume.toml" --theme "$theme" --no-system-fonts --dpi "$dpi" -o "$out/$theme-photo.png" 2>/dev/null
done

langs=docs/languages
mkdir -p "$langs"
for example in german japanese arabic; do
  "$bin" build "examples/$example.toml" --dpi "$dpi" -o "$langs/$example.png" 2>/dev/null
done
"$bin" build examples/bilingual.toml --all --to png --dpi "$dpi" --out-dir "$tmp/bilingual" 2>/dev/null
cp "$tmp"/bilingual/bilingual-{en,de}.png "$langs/"
ls -l "$out" "$langs"
