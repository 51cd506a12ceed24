#!/usr/bin/env python3
"""Generate src/locale/data.rs from the Unicode CLDR JSON packages.

Month names, their abbreviations, the year-and-month patterns (the
`yMMM` and `yMMMM` available formats of the Gregorian calendar), the digits
of each language's default numbering system and its quotation marks all
come from CLDR, never typed by hand:

    scripts/locales.py            # fetch the pinned packages with `npm pack`
    scripts/locales.py --cldr DIR # or use packages already unpacked in DIR

The packages are pinned (CLDR_VERSION below) so that the output is the
same on every machine; `npm pack` downloads them into a temporary
directory and checks their integrity against the registry. The words that
are not CLDR data ("present", section titles) live in
src/locale/words.rs, reviewed by hand.
"""

import argparse
import json
import pathlib
import subprocess
import sys
import tarfile
import tempfile

CLDR_VERSION = "45.0.0"
PACKAGES = ["cldr-core", "cldr-dates-modern", "cldr-misc-modern", "cldr-numbers-modern"]

# The languages with data: the primary language subtags of
# src/locale/words.rs, in the same order. `zh` is CLDR's Simplified
# Chinese, `pt` its Brazilian Portuguese.
LANGUAGES = [
    "en", "ar", "cs", "da", "de", "el", "es", "fa", "fr", "he", "hi", "hu",
    "id", "it", "ja", "ko", "nb", "nl", "nn", "pl", "pt", "ru", "sv", "tr",
    "uk", "vi", "zh",
]

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "locale" / "data.rs"


def fetch(into: pathlib.Path) -> pathlib.Path:
    """Download and unpack the pinned packages; the folder holding them."""
    specs = [f"{name}@{CLDR_VERSION}" for name in PACKAGES]
    subprocess.run(["npm", "pack", "--silent", *specs], cwd=into, check=True,
                   stdout=subprocess.DEVNULL)
    for name in PACKAGES:
        with tarfile.open(into / f"{name}-{CLDR_VERSION}.tgz") as tar:
            tar.extractall(into / name, filter="data")
    return into


def package(cldr: pathlib.Path, name: str) -> pathlib.Path:
    """The root of one unpacked package (`npm pack` puts it under package/)."""
    candidates = (cldr / name / "package", cldr / f"{name}-{CLDR_VERSION}" / "package",
                  cldr / name, cldr / "node_modules" / name)
    for candidate in candidates:
        if (candidate / "package.json").exists():
            version = json.loads((candidate / "package.json").read_text())["version"]
            if version != CLDR_VERSION:
                sys.exit(f"{name} is version {version}, expected {CLDR_VERSION}")
            return candidate
    sys.exit(f"{name} not found under {cldr}")


def load(path: pathlib.Path):
    return json.loads(path.read_text(encoding="utf-8"))


def template(pattern: str) -> list:
    """A CLDR date pattern as pieces: ("lit", text) or ("field", letters)."""
    pieces = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "'":
            end = pattern.find("'", i + 1)
            if end == -1:
                sys.exit(f"unclosed quote in pattern {pattern!r}")
            pieces.append(("lit", "'" if end == i + 1 else pattern[i + 1:end]))
            i = end + 1
        elif c.isascii() and c.isalpha():
            j = i
            while j < len(pattern) and pattern[j] == c:
                j += 1
            field = pattern[i:j]
            if c == "y" and field != "y" or c not in "yML" or len(field) > 4:
                sys.exit(f"unexpected field {field!r} in pattern {pattern!r}")
            pieces.append(("field", field))
            i = j
        else:
            pieces.append(("lit", c))
            i += 1
    return pieces


def contexts(patterns: list) -> dict:
    """For the month name widths 3 and 4, the CLDR context the patterns use."""
    chosen = {}
    for pieces in patterns:
        for kind, text in pieces:
            if kind != "field" or text[0] not in "ML" or len(text) < 3:
                continue
            context = "stand-alone" if text[0] == "L" else "format"
            if chosen.get(len(text), context) != context:
                sys.exit(f"width {len(text)} is used in two contexts")
            chosen[len(text)] = context
    return chosen


def render(pieces: list) -> str:
    """Pieces as the template Rust reads: `{y}`, `{M}`, `{MM}`, `{MMM}`,
    `{MMMM}` and literal text."""
    out = []
    for kind, text in pieces:
        if kind == "lit":
            if "{" in text or "}" in text:
                sys.exit(f"a brace in a literal: {text!r}")
            out.append(text)
        else:
            out.append("{" + text.replace("L", "M") + "}")
    return "".join(out)


def rust(s: str) -> str:
    """A Rust string literal; invisible characters escaped so a reader sees them."""
    out = []
    for c in s:
        if c in '"\\':
            out.append("\\" + c)
        elif c == " " or (c.isprintable() and not c.isspace()):
            out.append(c)
        else:
            out.append(f"\\u{{{ord(c):04X}}}")
    return '"' + "".join(out) + '"'


def language(cldr: pathlib.Path, code: str, digits_of: dict) -> str:
    dates = package(cldr, "cldr-dates-modern") / "main" / code / "ca-gregorian.json"
    gregorian = load(dates)["main"][code]["dates"]["calendars"]["gregorian"]
    formats = gregorian["dateTimeFormats"]["availableFormats"]
    short, long = template(formats["yMMM"]), template(formats["yMMMM"])
    chosen = contexts([short, long])
    months = gregorian["months"]

    def names(width: int, key: str) -> list:
        table = months[chosen.get(width, "format")][key]
        return [table[str(m)] for m in range(1, 13)]

    delimiters = load(package(cldr, "cldr-misc-modern") / "main" / code / "delimiters.json")
    d = delimiters["main"][code]["delimiters"]
    numbers = load(package(cldr, "cldr-numbers-modern") / "main" / code / "numbers.json")
    system = numbers["main"][code]["numbers"]["defaultNumberingSystem"]
    quotes = [d["quotationStart"], d["quotationEnd"],
              d["alternateQuotationStart"], d["alternateQuotationEnd"]]
    lines = [
        "    Cldr {",
        f"        code: {rust(code)},",
        f"        short: {rust(render(short))},",
        f"        long: {rust(render(long))},",
        f"        months_short: [{', '.join(rust(n) for n in names(3, 'abbreviated'))}],",
        f"        months_long: [{', '.join(rust(n) for n in names(4, 'wide'))}],",
        f"        digits: {rust(digits_of[system])},",
        f"        quotes: [{', '.join(rust(q) for q in quotes)}],",
        "    },",
    ]
    return "\n".join(lines)


HEADER = f"""\
//! Generated by `scripts/locales.py` from the Unicode CLDR {CLDR_VERSION} JSON
//! packages (cldr-dates-modern, cldr-misc-modern, cldr-numbers-modern,
//! cldr-core; Unicode License v3). Do not edit: change the script and run
//! `python3 scripts/locales.py` again.
//!
//! Per language: the `yMMM` and `yMMMM` patterns of the Gregorian calendar
//! as templates (`{{y}}` the year, `{{M}}`/`{{MM}}` the month's number,
//! `{{MMM}}` its short name, `{{MMMM}}` its full name), the month names in the
//! context those patterns use (format or stand-alone), the digits of the
//! default numbering system, and the quotation marks (outer pair, then
//! inner pair).

/// One language's CLDR data.
pub(super) struct Cldr {{
    /// The CLDR locale: a primary language subtag.
    pub code: &'static str,
    /// The year and abbreviated month (`yMMM`).
    pub short: &'static str,
    /// The year and full month (`yMMMM`).
    pub long: &'static str,
    /// Abbreviated month names, January first.
    pub months_short: [&'static str; 12],
    /// Full month names, January first.
    pub months_long: [&'static str; 12],
    /// The ten digits, zero first.
    pub digits: &'static str,
    /// Opening and closing quotation marks, then the inner pair.
    pub quotes: [&'static str; 4],
}}

/// Every language with data, in the order of `scripts/locales.py`.
pub(super) const CLDR: &[Cldr] = &[
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cldr", type=pathlib.Path,
                        help="folder with the unpacked packages (default: npm pack)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cldr = args.cldr or fetch(pathlib.Path(tmp))
        systems = load(package(cldr, "cldr-core") / "supplemental" / "numberingSystems.json")
        digits_of = {name: s["_digits"] for name, s in
                     systems["supplemental"]["numberingSystems"].items() if "_digits" in s}
        body = "\n".join(language(cldr, code, digits_of) for code in LANGUAGES)
    OUTPUT.write_text(HEADER + body + "\n];\n", encoding="utf-8")
    subprocess.run(["rustfmt", "--edition", "2024", str(OUTPUT)], check=True)
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
