#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (a build of their own, apart from the
# g++ build) and runs each one over its seed corpus.
#
#   fuzz/run.sh [--build-dir DIR] [--runs N] [--seconds S] [--jobs J] [TARGET...]
#
# With no options this is the smoke run `make test` does through ctest (fuzz_smoke):
# every target, 20000 inputs or 20 seconds each, whichever comes first, two targets at
# a time, with a fixed seed (--seed; 0 lets libFuzzer pick one) so that `make test`
# explores the same inputs on every machine. Any crash, sanitizer report or failed property fails the run; the input is
# kept as DIR/crashes/<target>/crash-<sha1> and the command that replays it is printed.
# New inputs a run finds go to DIR/found/<target>, never into fuzz/corpus. For a longer
# hunt see docs/fuzzing.md.
set -euo pipefail

fuzz_dir=$(cd "$(dirname "$0")" && pwd)
build_dir="$fuzz_dir/../build/fuzz"
runs=20000
seed=1
seconds=20
jobs=2
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    -*) echo "fuzz/run.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done

for tool in clang++ ld.lld ninja cmake; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "fuzz/run.sh: $tool is missing; run scripts/setup.sh (it installs clang, lld and libclang-rt-14-dev)" >&2
    exit 1
  fi
done

started=$(date +%s)
# Configure once; later runs only rebuild what changed (ccache, when present, makes a
# fresh build directory cheap too).
if [ ! -f "$build_dir/build.ninja" ]; then
  cmake -S "$fuzz_dir" -B "$build_dir" -G Ninja -DCMAKE_CXX_COMPILER=clang++ >/dev/null
fi
if ! cmake --build "$build_dir" -j "$(nproc)" >"$build_dir/build.log" 2>&1; then
  grep -v '^\[' "$build_dir/build.log" | tail -40 >&2
  echo "fuzz/run.sh: the fuzz targets do not build (log: $build_dir/build.log)" >&2
  exit 1
fi
built=$(date +%s)

if [ ${#targets[@]} -eq 0 ]; then
  for corpus in "$fuzz_dir"/corpus/*/; do targets+=("$(basename "$corpus")"); done
fi

# One target: a fresh output corpus (so fuzz/corpus stays as written), the seeds read
# from fuzz/corpus/<target>, the log kept beside it. Prints one line; fails on a finding.
run_target() {
  local target=$1 found="$build_dir/found/$1" crashes="$build_dir/crashes/$1/" log="$build_dir/logs/$1.log"
  rm -rf "$found" "$crashes"
  mkdir -p "$found" "$crashes" "$(dirname "$log")"
  local begin=$SECONDS
  # Leaks inside the libraries we call are named in lsan.supp (and in docs/fuzzing.md).
  if LSAN_OPTIONS="suppressions=$fuzz_dir/lsan.supp:print_suppressions=0" "$build_dir/$target" -seed="$seed" -runs="$runs" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$crashes" -print_final_stats=1 "$found" "$fuzz_dir/corpus/$target" >"$log" 2>&1; then
    local executed
    executed=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    printf 'fuzz: %-18s ok   %6s inputs in %2ss\n' "$target" "$executed" $((SECONDS - begin))
  else
    printf 'fuzz: %-18s FAILED after %ss; log: %s\n' "$target" $((SECONDS - begin)) "$log"
    grep -E 'ERROR: |property failed|runtime error|==[0-9]+==|SUMMARY' "$log" | head -20 || true
    for artifact in "$crashes"*; do
      [ -e "$artifact" ] && echo "  replay: $build_dir/$target $artifact"
    done
    return 1
  fi
}
export -f run_target
export build_dir fuzz_dir runs seed seconds

status=0
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_target "$@"' _ {} || status=1
finished=$(date +%s)
echo "fuzz: build $((built - started))s, runs $((finished - built))s, total $((finished - started))s"
exit $status
