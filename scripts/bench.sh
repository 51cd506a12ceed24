#!/usr/bin/env bash
# End-to-end benchmarks of the release binary (see benches/README.md).
#
#   scripts/bench.sh                 # resume vs Typst, --all vs one build, binary size
#   scripts/bench.sh --clean-build   # also time a clean release build (minutes)
#   scripts/bench.sh --runs 30       # fixed number of hyperfine runs (default: at least 20)
#   scripts/bench.sh --themes        # only the seed in every built-in theme against classic
#
# Needs hyperfine and GNU time (installed with apt-get when missing). The
# Typst comparison runs when the python `typst` module is importable
# (`pip install typst`). Exits non-zero when any command fails.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  sed -n '4,7s/^# \{0,3\}//p' "$0"
}

clean_build=0
themes_only=0
runs=(--min-runs 20)
n_runs=20
while [ $# -gt 0 ]; do
  case $1 in
    --clean-build) clean_build=1 ;;
    --themes) themes_only=1 ;;
    --runs)
      [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: --runs needs a number" >&2; exit 2; }
      runs=(--runs "$2")
      n_runs=$2
      shift
      ;;
    -h | --help) usage; exit 0 ;;
    *) echo "bench.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

apt_updated=0
install() {
  echo "bench.sh: installing $1 with apt-get" >&2
  if [ "$apt_updated" = 0 ]; then
    apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}
command -v hyperfine >/dev/null 2>&1 || install hyperfine
[ -x /usr/bin/time ] || install time

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "bench.sh: building the release binary" >&2
cargo build --release --quiet
target_dir=$(cargo metadata --format-version 1 --no-deps |
  sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
bin=$target_dir/release/resume
[ -x "$bin" ] || { echo "bench.sh: no binary at $bin" >&2; exit 1; }

# hyperfine runs the commands without a shell (-N), splitting them like a
# shell would; quote every path for that.
q() { printf '%q' "$1"; }

# Peak resident memory of one run of a command, in KiB (fails when it fails).
peak_kib() {
  /usr/bin/time -v -o "$tmp/time.txt" "$@" >/dev/null 2>"$tmp/stderr.txt" || {
    echo "bench.sh: failed: $*" >&2
    cat "$tmp/stderr.txt" >&2
    exit 1
  }
  awk -F': *' '/Maximum resident set size/ { print $2 }' "$tmp/time.txt"
}

# Median wall time in seconds of a named command from a hyperfine CSV export
# (columns: command,mean,stddev,median,user,system,min,max).
median() {
  awk -F, -v name="$2" '$1 == name { print $4 }' "$1"
}

# Mean CPU time (user + system) in seconds, which other load on the
# machine disturbs less than wall time.
cpu() {
  awk -F, -v name="$2" '$1 == name { print $5 + $6 }' "$1"
}

hyper() {
  hyperfine -N --warmup 3 "${runs[@]}" --style basic "$@" >&2
}

ms() { awk -v s="$1" 'BEGIN { printf "%.1f ms", s * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

# The seed résumé in every built-in theme, whole process, against classic:
# each theme's median and CPU time and their ratio to classic's.
bench_themes() {
  local names=() theme
  for theme in $("$bin" themes | awk '/^Built-in themes/ { on = 1; next } /^$/ { on = 0 } on { print $1 }'); do
    names+=(-n "$theme" "$(q "$bin") build resume.toml --theme $theme -o $(q "$tmp/$theme.pdf")")
  done
  hyper --export-csv "$tmp/themes.csv" "${names[@]}"
  local t0 c0
  t0=$(median "$tmp/themes.csv" classic)
  c0=$(cpu "$tmp/themes.csv" classic)
  echo
  printf '%-12s %10s %7s %10s %7s\n' theme median ratio CPU ratio
  awk -F, 'NR > 1 { print $1 }' "$tmp/themes.csv" | while read -r theme; do
    local t c
    t=$(median "$tmp/themes.csv" "$theme")
    c=$(cpu "$tmp/themes.csv" "$theme")
    printf '%-12s %10s %7s %10s %7s\n' "$theme" "$(ms "$t")" "$(ratio "$t" "$t0")" \
      "$(ms "$c")" "$(ratio "$c" "$c0")"
  done
}

if [ "$themes_only" = 1 ]; then
  bench_themes
  exit 0
fi

# 1. resume build against Typst on the same résumé.
resume_cmd=("$bin" build resume.toml -o "$tmp/resume.pdf")
typst_py='import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2])'
have_typst=0
if command -v python3 >/dev/null 2>&1 && python3 -c 'import typst' 2>/dev/null; then
  have_typst=1
  # The interpreter itself, not a wrapper such as a pyenv shim, whose own
  # start-up would count as Typst's.
  py=$(python3 -c 'import sys; print(sys.executable)')
  typst_cmd=("$py" -c "$typst_py" benches/resume.typ "$tmp/typst.pdf")
  import_cmd=("$py" -c 'import typst')
else
  echo "bench.sh: python module typst not importable (pip install typst): skipping Typst" >&2
fi

mem_resume=$(peak_kib "${resume_cmd[@]}")
names=(-n resume "$(q "$bin") build resume.toml -o $(q "$tmp/resume.pdf")")
if [ "$have_typst" = 1 ]; then
  mem_typst=$(peak_kib "${typst_cmd[@]}")
  mem_import=$(peak_kib "${import_cmd[@]}")
  names+=(-n typst "$(q "$py") -c $(q "$typst_py") benches/resume.typ $(q "$tmp/typst.pdf")")
  names+=(-n python-import "$(q "$py") -c 'import typst'")
fi
hyper --export-csv "$tmp/compare.csv" "${names[@]}"

# Typst's compile call alone, timed inside each python process: free of the
# start-up noise that the subtraction above carries.
if [ "$have_typst" = 1 ]; then
  inproc_py='import sys, time, typst
t = time.perf_counter()
typst.compile(sys.argv[1], output=sys.argv[2])
print(time.perf_counter() - t)'
  for ((i = 0; i < n_runs; i++)); do
    "$py" -c "$inproc_py" benches/resume.typ "$tmp/typst-inproc.pdf"
  done >"$tmp/inproc.txt"
  t_inproc=$(sort -g "$tmp/inproc.txt" |
    awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
fi

t_resume=$(median "$tmp/compare.csv" resume)
c_resume=$(cpu "$tmp/compare.csv" resume)
bytes_resume=$(stat -c %s "$tmp/resume.pdf")

# 2. build --all on 20 variants against one build of the same file.
variants=$tmp/variants.toml
cp resume.toml "$variants"
existing=$(grep -c '^\[variants\.[^].]*\]' "$variants" || true)
excludes=('"web3"' '"backend"' '"product"' '"ml"' '"web3", "product"' '"web3", "ml"')
for ((i = existing + 1, k = 0; i <= 20; i++, k++)); do
  printf '\n[variants.v%02d]\nexclude = [%s]\n' "$i" "${excludes[k % ${#excludes[@]}]}"
done >>"$variants"
one_cmd=("$bin" build "$variants" -o "$tmp/one.pdf")
all_cmd=("$bin" build "$variants" --all --out-dir "$tmp/dist")
mem_one=$(peak_kib "${one_cmd[@]}")
mem_all=$(peak_kib "${all_cmd[@]}")
pdfs=$(find "$tmp/dist" -name '*.pdf' | wc -l)
hyper --export-csv "$tmp/all.csv" \
  -n one "$(q "$bin") build $(q "$variants") -o $(q "$tmp/one.pdf")" \
  -n all "$(q "$bin") build $(q "$variants") --all --out-dir $(q "$tmp/dist")"
t_one=$(median "$tmp/all.csv" one)
t_all=$(median "$tmp/all.csv" all)
c_one=$(cpu "$tmp/all.csv" one)
c_all=$(cpu "$tmp/all.csv" all)

# 3. Binary size, and optionally a clean release build.
bin_bytes=$(stat -c %s "$bin")
if [ "$clean_build" = 1 ]; then
  echo "bench.sh: clean release build in a fresh target directory" >&2
  start=$(date +%s.%N)
  CARGO_TARGET_DIR=$tmp/clean-target cargo build --release --quiet
  end=$(date +%s.%N)
fi

# The report.
minus() { awk -v a="$1" -v b="$2" 'BEGIN { print a - b }'; }
row() { printf '%-22s %11s %7s %10s %10s %10s\n' "$@"; }
echo
row tool "median" ratio "CPU" "peak RSS" "PDF bytes"
row "resume build" "$(ms "$t_resume")" "$(ratio "$t_resume" "$t_resume")" "$(ms "$c_resume")" \
  "$(mib "$mem_resume")" "$bytes_resume"
if [ "$have_typst" = 1 ]; then
  t_typst=$(median "$tmp/compare.csv" typst)
  t_import=$(median "$tmp/compare.csv" python-import)
  c_typst=$(cpu "$tmp/compare.csv" typst)
  c_import=$(cpu "$tmp/compare.csv" python-import)
  row "typst (python)" "$(ms "$t_typst")" "$(ratio "$t_typst" "$t_resume")" "$(ms "$c_typst")" \
    "$(mib "$mem_typst")" "$(stat -c %s "$tmp/typst.pdf")"
  row "python3 import typst" "$(ms "$t_import")" "$(ratio "$t_import" "$t_resume")" \
    "$(ms "$c_import")" "$(mib "$mem_import")" "-"
  echo
  echo "typst / resume, wall: $(ratio "$t_typst" "$t_resume") raw," \
    "$(ratio "$(minus "$t_typst" "$t_import")" "$t_resume") with python start-up subtracted" \
    "($(ms "$(minus "$t_typst" "$t_import")") of Typst work)"
  echo "typst / resume, CPU:  $(ratio "$c_typst" "$c_resume") raw," \
    "$(ratio "$(minus "$c_typst" "$c_import")" "$c_resume") with python start-up subtracted" \
    "($(ms "$(minus "$c_typst" "$c_import")") of Typst work)"
  echo "typst.compile() alone, timed inside python (median of $n_runs):" \
    "$(ms "$t_inproc"), $(ratio "$t_inproc" "$t_resume") the whole resume build"
  if awk -v t="$t_typst" -v i="$t_import" 'BEGIN { exit !(t <= i) }'; then
    echo "note: python start-up varied more than Typst's own time on this run;" \
      "trust the CPU and in-python figures"
  fi
fi
echo
echo "build --all, 20 variants + the résumé as written ($pdfs PDFs, $(nproc) cores):" \
  "median $(ms "$t_all"), CPU $(ms "$c_all"), peak RSS $(mib "$mem_all")"
echo "one build of the same file: median $(ms "$t_one"), CPU $(ms "$c_one")," \
  "peak RSS $(mib "$mem_one")"
echo "--all / one: $(ratio "$t_all" "$t_one") wall, $(ratio "$c_all" "$c_one") CPU" \
  "($(ms "$(awk -v a="$t_all" -v n="$pdfs" 'BEGIN { print a / n }')") wall per PDF)"
bench_themes
echo
echo "release binary: $bin_bytes bytes ($(mib "$((bin_bytes / 1024))"))"
if [ "$clean_build" = 1 ]; then
  echo "clean release build: $(minus "$end" "$start" | awk '{ printf "%.1f s", $1 }')" \
    "($(nproc) cores)"
fi
