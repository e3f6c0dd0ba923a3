#!/usr/bin/env bash
# neml2-run over MPI ranks on this machine: the isoharden example's driver with a larger batch of
# strain rates, eager and compiled, as 1 rank x 1 thread, 1 rank x 2 threads, 2 ranks x 1 thread
# and 2 ranks x 2 threads (oversubscribed: 4 threads on 2 cores). Prints each run's time (the
# driver's run: stepping, and on 2 ranks the final exchange of the history, which the summary
# times separately) and its speed-up over 1 rank x 1 thread, measured side by side in one run.
#   benchmarks/mpi_scaling.sh OUT_DIR [EAGER_POINTS] [COMPILED_POINTS]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: benchmarks/mpi_scaling.sh OUT_DIR [EAGER_POINTS] [COMPILED_POINTS]}
eager_n=${2:-2048}
compiled_n=${3:-16384}
build=build/bench
art=$PWD/build/bench-artifacts/mpi
input=examples/plasticity/viscoplasticity_isoharden.i
mkdir -p "$out" "$art"
cmake -S . -B $build -G Ninja -DCMAKE_BUILD_TYPE=Release -DNEML2_TESTS=OFF -DNEML2_BENCHMARKS=ON -DNEML2_MPI=ON >/dev/null
ninja -C $build -j2 neml2-compile neml2-run >/dev/null
[ -f "$art/model_aoti.i" ] || $build/apps/neml2-compile $input --driver driver --output-dir "$art" -q
mpi=(mpirun --oversubscribe --bind-to none)
[ "$(id -u)" -eq 0 ] && mpi+=(--allow-run-as-root)
{
  echo "date: $(date -Is)"; uname -sr
  lscpu | grep -E '^(Model name|CPU\(s\)|Thread)'
  echo "ISA: $(grep -o -w -E 'avx2|fma|avx512f' /proc/cpuinfo | sort -u | tr '\n' ' ')"
  mpirun --version | head -1
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/machine.txt"

# run LABEL RANKS THREADS FILE POINTS: the best of three runs' driver time, with that run's
# history size and its exchange time (rank 0 receiving the others' shares).
run() {
  local label=$1 ranks=$2 threads=$3 file=$4 n=$5 best="" gather="" mb="" t g m
  for _ in 1 2 3; do
    local cmd=($build/apps/neml2-run "$file" driver Tensors/end_time/nstep="$n" Drivers/driver/save_as= --threads "$threads" --timing)
    [ "$ranks" -gt 1 ] && cmd=("${mpi[@]}" -n "$ranks" "${cmd[@]}")
    local log
    log=$("${cmd[@]}" 2>&1)
    t=$(sed -n 's/.* ran in \([0-9.]*\) s.*/\1/p' <<< "$log")
    g=$(sed -n 's/.*received the history (\([0-9.]*\) MB) in \([0-9.e-]*\) s.*/\2/p' <<< "$log")
    m=$(sed -n 's/.*received the history (\([0-9.]*\) MB).*/\1/p' <<< "$log")
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; gather=${g:-0}; mb=${m:-0}; fi
  done
  echo "$label,$ranks,$threads,$n,$best,$gather,$mb"
}

echo "scenario,ranks,threads_per_rank,points,run_s,exchange_s,history_MB" > "$out/scaling.csv"
for s in "eager:$input:$eager_n" "compiled:$art/model_aoti.i:$compiled_n"; do
  IFS=: read -r name file n <<< "$s"
  for rt in 1:1 1:2 2:1 2:2; do
    IFS=: read -r ranks threads <<< "$rt"
    run "$name" "$ranks" "$threads" "$file" "$n" | tee -a "$out/scaling.csv"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"

# Speed-ups over 1 rank x 1 thread of the same scenario.
awk -F, 'NR > 1 { key = $1; if ($2 == 1 && $3 == 1) base[key] = $5; rows[NR] = $0 }
  END { printf "%-9s %5s %7s %7s %9s %12s %11s %8s\n", "scenario", "ranks", "threads", "points", "run (s)",
               "exchange (s)", "history MB", "speed-up";
        for (i = 2; i <= NR; ++i) { split(rows[i], f, ",");
          printf "%-9s %5s %7s %7s %9.3f %12.3f %11s %8.2f\n", f[1], f[2], f[3], f[4], f[5], f[6], f[7], base[f[1]] / f[5] } }' \
  "$out/scaling.csv" | tee "$out/summary.txt"
