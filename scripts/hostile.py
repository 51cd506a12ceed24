#!/usr/bin/env python3
"""Write generated worst-case inputs, for measuring the caps of src/limits.rs.

    python3 scripts/hostile.py caps > big.toml    # every cap at once
    python3 scripts/hostile.py dup-keys > dup.toml
    python3 scripts/hostile.py bad-values > bad.toml

`caps`: 64 variants (MAX_VARIANTS), 2,000 items (MAX_ITEMS: one section,
ten entries, 1,989 bullets, every bullet optional with a priority from 2 to
5), each bullet's text distinct, so that the content overflows the page by
far and `resume build big.toml --all --trim` bisects the drop order in every
variant. Variants differ in the tags they exclude and alternate the serif
and sans themes, so that they share as little as a real file could.

`dup-keys`: 10,000 duplicate keys; `bad-values`: 10,000 unquoted values.
Measure with

    /usr/bin/time -v target/release/resume build big.toml --all --trim --out-dir /tmp/x
    /usr/bin/time -v target/release/resume check dup.toml
"""

import sys

VARIANTS = 64
ENTRIES = 10
ITEMS = 2000
TAGS = 16

WORDS = (
    "built led cut moved wrote shipped tuned designed replaced measured "
    "service ledger cache pipeline parser index queue scheduler cluster "
    "latency throughput cost errors pages reviews storage streaming search"
).split()


def bullet_text(n):
    """A distinct sentence of about 70 characters for bullet `n`."""
    words = [WORDS[(n * 7 + i * 13) % len(WORDS)] for i in range(6)]
    return f"{' '.join(words).capitalize()} for team {n}, saving {n % 97}% in {n % 12 + 1} weeks"


def caps():
    out = ["[person]", 'name = "Ada Example"', 'email = "ada@example.com"', ""]
    out += ["[[sections]]", 'title = "Experience"', ""]
    bullets = ITEMS - 1 - ENTRIES
    per_entry = -(-bullets // ENTRIES)
    n = 0
    for e in range(ENTRIES):
        out += ["[[sections.entries]]", f'title = "Engineer {e}"', f'org = "Company {e}"']
        out += [f'dates = {{ start = "{2000 + e}-01", end = "{2001 + e}-01" }}', "bullets = ["]
        for _ in range(per_entry):
            if n == bullets:
                break
            priority = 2 + n % 4
            out.append(
                f'  {{ text = "{bullet_text(n)}", priority = {priority}, tags = ["t{n % TAGS}"] }},'
            )
            n += 1
        out += ["]", ""]
    for v in range(VARIANTS):
        out.append(f"[variants.v{v}]")
        out.append(f'exclude = ["t{v % TAGS}"]')
        if v % 2:
            out.append('theme = { font = "sans" }')
        out.append("")
    return "\n".join(out)


def dup_keys():
    return '[person]\n' + 'name = "Ada"\n' * 10_000


def bad_values():
    return '[person]\nname = "Ada"\n' + "".join(f"k{i} = @\n" for i in range(10_000))


KINDS = {"caps": caps, "dup-keys": dup_keys, "bad-values": bad_values}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in KINDS:
        sys.exit(f"usage: {sys.argv[0]} {'|'.join(KINDS)}")
    sys.stdout.write(KINDS[sys.argv[1]]())
