#!/usr/bin/env bash
# Compiled calls next to a busy loop: the runtime's thread team (variant compiled) against the
# kernel's own OpenMP fork-join entry (compiled_omp), batch sizes 256 to 65536, while another
# process holds one core. Prints, per variant, each N's time per point-step and its ratio to the
# median of its neighbours in N (the issue's criterion: no N above 1.5).
#   benchmarks/busy_neighbour.sh OUT_DIR     (needs build/bench from scripts/bench, or builds it)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: benchmarks/busy_neighbour.sh OUT_DIR}
build=build/bench
art=$PWD/build/bench-artifacts
mkdir -p "$out"
if [ ! -x $build/benchmarks/neml2-bench ]; then
  cmake -S . -B $build -G Ninja -DCMAKE_BUILD_TYPE=Release -DNEML2_TESTS=OFF -DNEML2_BENCHMARKS=ON >/dev/null
  ninja -C $build -j2 neml2-compile neml2-bench >/dev/null
fi
for s in isoharden:plasticity/viscoplasticity_isoharden.i:model elasticity:elasticity/input.i:elasticity; do
  IFS=: read -r name file model <<< "$s"
  [ -d "$art/$name/$model" ] || $build/apps/neml2-compile "examples/$file" --model "$model" --output-dir "$art/$name" -q
done
{
  echo "date: $(date -Is)"; uname -sr
  lscpu | grep -E '^(Model name|CPU\(s\)|Thread)'
  echo "ISA: $(grep -o -w -E 'avx2|fma|avx512f' /proc/cpuinfo | sort -u | tr '\n' ' ')"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"

run() { # $1: label, then neml2-bench arguments
  local label=$1
  shift
  $build/benchmarks/neml2-bench --root "$PWD" --artifacts "$art" --variants compiled,compiled_omp \
    --samples 9 --min-sample 0.05 "$@" --csv "$out/$label.csv" > "$out/$label.log" 2>&1
}
sizes=256,512,1024,2048,4096,8192,16384,32768,65536
run quiet --scenarios isoharden,elasticity --sizes $sizes
# One busy process: with 2 cores, one of the team's threads shares its core with it.
(while :; do :; done) &
busy=$!
trap 'kill $busy 2>/dev/null' EXIT
run busy --scenarios isoharden,elasticity --sizes $sizes
kill $busy
trap - EXIT

python3 - "$out" <<'PY'
import csv, statistics, sys
out = sys.argv[1]
SIZES = [256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536]
print("| load | scenario | variant | " + " | ".join(f"N={n}" for n in SIZES) + " | worst ratio to neighbours |")
print("|" + "---|" * 13)
for label in ("quiet", "busy"):
    rows = list(csv.DictReader(open(f"{out}/{label}.csv")))
    for scenario in ("isoharden", "elasticity"):
        for variant in ("compiled", "compiled_omp"):
            rs = sorted((int(r["n"]), float(r["median_s"]) / (int(r["n"]) * int(r["steps"])))
                        for r in rows if r["scenario"] == scenario and r["variant"] == variant)
            if not rs:
                continue
            t = [x for _, x in rs]
            ratios = []
            for i in range(len(t)):
                nb = [t[j] for j in (i - 1, i + 1) if 0 <= j < len(t)]
                ratios.append(t[i] / statistics.median(nb))
            by_n = dict(rs)  # a size the harness skipped (too slow at the previous N) shows as -
            cells = " | ".join(f"{by_n[n] * 1e9:.1f} ns" if n in by_n else "-" for n in SIZES)
            worst = max(range(len(t)), key=lambda i: ratios[i])
            print(f"| {label} | {scenario} | {variant} | {cells} | {ratios[worst]:.2f} at N={rs[worst][0]} |")
PY
