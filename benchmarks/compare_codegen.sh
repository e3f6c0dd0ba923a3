#!/usr/bin/env bash
# Two neml2-compile builds side by side (e.g. before and after a code-generator change): compile
# times of the benchmark scenarios, alternating the two builds, and whether the kernels they
# generate are the same code once comments, blank lines and the ABI declarations are removed
# (then their run time is the same by construction; otherwise run scripts/bench on both).
#   benchmarks/compare_codegen.sh OLD/neml2-compile NEW/neml2-compile [repeats (default 5)] [out.md]
set -euo pipefail
old=$1 new=$2 reps=${3:-5} out=${4:-/dev/stdout}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$(dirname "$0")/.."
scen=(elasticity:examples/elasticity/input.i:elasticity:stress:strain
      isoharden:examples/plasticity/viscoplasticity_isoharden.i:model:stress:E
      chaboche2:examples/plasticity/viscoplasticity_chaboche.i:model:stress:E
      radial_return:examples/plasticity/radial_return.i:model:stress:E)
# The code alone: no comments, blank lines, the copied ABI header or its static_asserts.
strip() {
  sed -e '/^\/\/ ---- kernel_abi.h/,/^\/\/ ---- end of kernel_abi.h/d' -e '/^static_assert(std::is_same/d' \
    -e '/^#include <type_traits>/d' -e 's@//.*$@@' -e 's/[[:space:]]*$//' "$1" | grep -v '^$'
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
        "$bin" "$file" --model "$model" -d "$dout:$din" --output-dir "$work/$v" --keep-source -q
        dt=$(python3 -c "print($(date +%s.%N) - $t0)")
        if [ $v = old ]; then told+=("$dt"); else tnew+=("$dt"); fi
      done
    done
    same=same
    for f in "$work/old/$model/cpu/"*.cpp; do
      g="$work/new/$model/cpu/$(basename "$f")"
      if ! diff -q <(strip "$f") <(strip "$g") > /dev/null; then same="differ ($(basename "$f"))"; fi
    done
    python3 - "$name" "$same" "${told[*]}" "${tnew[*]}" <<'PY'
import statistics, sys
name, same, a, b = sys.argv[1:]
a = statistics.median(map(float, a.split())); b = statistics.median(map(float, b.split()))
print(f"| {name} | {a:.2f} | {b:.2f} | {b / a:.2f} | {same} |")
PY
  done
} > "$out"
