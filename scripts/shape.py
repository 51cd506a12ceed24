#!/usr/bin/env python3
"""The shape of the source tree, for keeping files and functions small.

Prints the code lines of each file under src/ (blank lines, comments and
`#[cfg(test)]` modules excluded), the longest functions, and how many items
the library makes public: `pub` items (not `pub(crate)` or `pub(super)`) in
modules reachable from `src/lib.rs` through `pub mod` declarations, plus
the root's `pub use` re-exports.

    python3 scripts/shape.py [--files N] [--functions N]
"""

import argparse
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent / "src"
FN = re.compile(r"^\s*(?:pub(?:\([a-z: ]+\))?\s+)?(?:const\s+)?(?:unsafe\s+)?fn\s+(\w+)")
MOD = re.compile(r"^\s*(pub(?:\([a-z]+\))?\s+)?mod\s+(\w+)\s*;|^\s*(?:crate::)?stage!\((\w+)\)")
PUB = re.compile(r"^\s*pub\s+(fn|struct|enum|mod|const|static|type|trait|use|[a-z_]+:)")


def strip_tests(lines):
    """The lines outside `#[cfg(test)]` items, with their numbers."""
    out, skip_depth, pending, depth = [], None, False, 0
    for number, line in enumerate(lines, 1):
        code = line.split("//")[0]
        if skip_depth is None and line.strip() == "#[cfg(test)]":
            pending = True
            continue
        opened, closed = code.count("{"), code.count("}")
        if pending:
            pending = False
            if opened:
                skip_depth = depth
                depth += opened - closed
                if depth <= skip_depth:
                    skip_depth = None
                continue
            continue  # a one-line test item
        if skip_depth is not None:
            depth += opened - closed
            if depth <= skip_depth:
                skip_depth = None
            continue
        depth += opened - closed
        out.append((number, line))
    return out


def is_code(line):
    s = line.strip()
    return bool(s) and not s.startswith("//")


def functions(path, lines):
    """(length in code lines, name, file:line) of every function."""
    found = []
    for i, (number, line) in enumerate(lines):
        m = FN.match(line)
        if not m or line.rstrip().endswith(";"):
            continue
        depth, started, length = 0, False, 0
        for _, body in lines[i:]:
            code = body.split("//")[0]
            if is_code(body):
                length += 1
            depth += code.count("{") - code.count("}")
            started = started or "{" in code
            if started and depth <= 0:
                break
            if not started and code.rstrip().endswith(";"):
                break
        found.append((length, m.group(1), f"{path}:{number}"))
    return found


def public_files():
    """The module files reachable from lib.rs through `pub mod` only."""
    found, todo = [], [ROOT / "lib.rs"]
    while todo:
        path = todo.pop()
        found.append(path)
        folder = path.parent if path.name in ("lib.rs", "mod.rs") else path.with_suffix("")
        for _, line in strip_tests(path.read_text(encoding="utf-8").splitlines()):
            m = MOD.match(line)
            if not m or m.group(3) or m.group(1) is None or "(" in m.group(1):
                continue  # private, pub(crate) or an internal stage
            name = m.group(2)
            for candidate in (folder / f"{name}.rs", folder / name / "mod.rs"):
                if candidate.exists():
                    todo.append(candidate)
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=5)
    parser.add_argument("--functions", type=int, default=15)
    args = parser.parse_args()
    sizes, fns = [], []
    public = 0
    for path in public_files():
        lines = strip_tests(path.read_text(encoding="utf-8").splitlines())
        public += sum(bool(PUB.match(l)) and not MOD.match(l) for _, l in lines)
    for path in sorted(ROOT.rglob("*.rs")):
        rel = path.relative_to(ROOT.parent)
        lines = strip_tests(path.read_text(encoding="utf-8").splitlines())
        sizes.append((sum(is_code(l) for _, l in lines), str(rel)))
        fns.extend(functions(rel, lines))
    main_rs = next((n for n, p in sizes if p == "src/main.rs"), 0)
    print(f"src/main.rs: {main_rs} code lines")
    print(f"files: {len(sizes)}, code lines: {sum(n for n, _ in sizes)}")
    print(f"public items of the library: {public}")
    print(f"\nlargest files (code lines, tests excluded):")
    for n, p in sorted(sizes, reverse=True)[: args.files]:
        print(f"  {n:5}  {p}")
    print(f"\nlongest functions (code lines):")
    for n, name, where in sorted(fns, reverse=True)[: args.functions]:
        print(f"  {n:5}  {name}  {where}")


if __name__ == "__main__":
    main()
