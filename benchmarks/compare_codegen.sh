#!/usr/bin/env bash
# Two neml2-compile builds side by side (e.g. before and after a code-generator change): compile
# times of the benchmark scenarios, alternating the two builds, and whether the kernels they
# generate are the same code once comments, blank lines, copied headers and the ABI declarations
# are removed
# (then their run time is the same by construction; otherwise run scripts/bench on both).
#   benchmarks/compare_codegen.sh OLD/neml2-compile NEW/neml2-compile [repeats (default 5)] [out.md]
# Each scenario compiles with -d stress:<strain or E>; FORWARD=1 compiles the forward library only.
set -euo pipefail
old=$1 new=$2 reps=${3:-5} out=${4:-/dev/stdout}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$(dirname "$0")/.."
scen=(elasticity:examples/elasticity/input.i:elasticity:stress:strain
      isoharden:examples/plasticity/viscoplasticity_isoharden.i:model:stress:E
      chaboche2:examples/plasticity/viscoplasticity_chaboche.i:model:stress:E
      radial_return:examples/plasticity/radial_return.i:model:stress:E)
# The code alone, of all translation units of a library together: no copied headers (marked
# "// ---- <name>, copied verbatim" ... "// ---- end of <name>"), comments, blank lines, ABI checks,
# or the linkage that lets one unit call another's `<symbol>_point`; lines sorted, so code that
# moved between units or changed places compares equal.
strip() {
  local f
  for f in "$@"; do if [ -f "$f" ]; then cat "$f"; fi; done | sed -e '/^\/\/ ---- .*copied verbatim/,/^\/\/ ---- end of /d' -e '/^static_assert(std::is_same/d' \
    -e '/^#include /d' -e '/^#define NEML2_KERNEL_SOURCE/d' -e '/NEML2_KERNEL_PRELUDE_/d' -e '/^typedef neml2_lanes::Lanes/d' \
    -e '/^__attribute__((visibility("hidden"))) .*);$/d' \
    -e 's/^__attribute__((visibility("hidden"))) int /static inline int /' \
    -e 's@//.*$@@' -e 's/[[:space:]]*$//' | grep -v '^$' | LC_ALL=C sort
}
{
  echo "| scenario | old compile (s, median of $reps) | new compile (s) | new/old | kernels (comments stripped) |"
  echo "|---|---|---|---|---|"
  for s in "${scen[@]}"; do
    IFS=: read -r name file model dout din <<< "$s"
    told=() tnew=()
    for ((r = 0; r < reps; r++)); do
      for v in old new; do
        bin=$old; [ $v = new ] && bin=$new
        rm -rf "$work/$v"
        t0=$(date +%s.%N)
        d=(-d "$dout:$din")
        [ "${FORWARD:-0}" = 1 ] && d=()
        "$bin" "$file" --model "$model" "${d[@]}" --output-dir "$work/$v" --keep-source -q
        dt=$(python3 -c "print($(date +%s.%N) - $t0)")
        if [ $v = old ]; then told+=("$dt"); else tnew+=("$dt"); fi
      done
    done
    same=same
    for lib in "$model" "${model}_jvp"; do
      if ! diff -q <(strip "$work/old/$model/cpu/$lib"{,_lanes}.cpp 2> /dev/null) \
        <(strip "$work/new/$model/cpu/$lib"{,_lanes}.cpp 2> /dev/null) > /dev/null; then
        same="differ ($lib)"
      fi
    done
    python3 - "$name" "$same" "${told[*]}" "${tnew[*]}" <<'PY'
import statistics, sys
name, same, a, b = sys.argv[1:]
a = statistics.median(map(float, a.split())); b = statistics.median(map(float, b.split()))
print(f"| {name} | {a:.2f} | {b:.2f} | {b / a:.2f} | {same} |")
PY
  done
} > "$out"
