#!/usr/bin/env python3
"""Regenerate hyphenation/*.standard.bincode.zlib from the hyphenation crate.

The résumé embeds only the hyphenation dictionaries of the languages in
src/locale/words.rs (plus British English), not every dictionary the
crate ships (its `embed_all` feature: 2.8 MB). Each file here is the
crate's own `dictionaries/<code>.standard.bincode`, unchanged, compressed
in the zlib format (deflate with an Adler-32 checksum, so that a damaged
file is refused rather than read as wrong patterns);
src/locale/dictionary.rs embeds them and inflates the one a document
needs.

    scripts/hyphenation.py          # write the files that differ
    scripts/hyphenation.py --check  # exit 1 if any file is stale or extra

The crate's copy is found with `cargo metadata` (the version Cargo.lock
pins, in Cargo's registry cache; `cargo fetch` puts it there). A file whose inflated bytes already equal
the crate's dictionary is left alone, so another zlib build, which may
compress differently, does not rewrite it.
"""

import argparse
import json
import pathlib
import subprocess
import sys
import zlib

# The dictionaries embedded: hyphenation::Language::code() of every
# `patterns` in src/locale/words.rs, and en-gb for `en-GB`. The table in
# src/locale/dictionary.rs lists the same codes (a unit test compares the
# two with this folder).
CODES = [
    "en-us", "en-gb", "da", "de-1996", "el-monoton", "es", "fr", "hi",
    "hu", "it", "nb", "nl", "nn", "pl", "pt", "ru", "sv", "tr", "uk",
]

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "hyphenation"
SUFFIX = ".standard.bincode"


def crate_dictionaries() -> tuple[str, pathlib.Path]:
    """The locked version of the hyphenation crate and its dictionaries folder."""
    rustc = subprocess.run(["rustc", "-vV"], check=True, capture_output=True, text=True)
    host = next(line.split()[1] for line in rustc.stdout.splitlines()
                if line.startswith("host:"))
    metadata = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked", "--filter-platform", host],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )
    for package in json.loads(metadata.stdout)["packages"]:
        if package["name"] == "hyphenation":
            folder = pathlib.Path(package["manifest_path"]).parent / "dictionaries"
            return package["version"], folder
    sys.exit("the hyphenation crate is not in Cargo.lock")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a file differs from the crate's")
    args = parser.parse_args()
    version, source = crate_dictionaries()
    stale = []
    OUTPUT.mkdir(exist_ok=True)
    total = [0, 0]
    for code in CODES:
        dictionary = (source / f"{code}{SUFFIX}").read_bytes()
        target = OUTPUT / f"{code}{SUFFIX}.zlib"
        try:
            current = zlib.decompress(target.read_bytes())
        except (OSError, zlib.error):
            current = None
        if current != dictionary:
            stale.append(target.name)
            if not args.check:
                target.write_bytes(zlib.compress(dictionary, 9))
        size = target.stat().st_size if target.exists() else 0
        total[0] += len(dictionary)
        total[1] += size
        print(f"{code:<12} {len(dictionary):>9,} → {size:>9,}")
    print(f"{'total':<12} {total[0]:>9,} → {total[1]:>9,}  (hyphenation {version})")
    wanted = {f"{code}{SUFFIX}.zlib" for code in CODES}
    extra = sorted(p.name for p in OUTPUT.glob(f"*{SUFFIX}.zlib") if p.name not in wanted)
    if args.check:
        for name in stale:
            print(f"stale: hyphenation/{name}", file=sys.stderr)
        for name in extra:
            print(f"not embedded: hyphenation/{name}", file=sys.stderr)
        sys.exit(1 if stale or extra else 0)
    for name in extra:
        (OUTPUT / name).unlink()
        print(f"removed hyphenation/{name}")
    print(f"wrote {len(stale)} of {len(CODES)} files")


if __name__ == "__main__":
    main()
