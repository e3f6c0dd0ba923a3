#!/bin/bash
# instructions.sh ARTIFACT N R: instructions per point-step of ARTIFACT at batch N, from callgrind runs
# of R and 2R rounds of the 100-step ramp (loading and start-up cancel): (Ir(2R) - Ir(R)) / (100 R N).
# STEPS: the driver built from ../2026-12-07_zen3_avx2/steps.cpp (default ./steps).
art=$1; n=$2; r=$3
ir() { OMP_NUM_THREADS=1 NEML2_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null ${STEPS:-./steps} $art $n $1 2>&1 | grep -o "Collected : [0-9]*" | grep -o "[0-9]*"; }
a=$(ir $r); b=$(ir $((2*r)))
python3 -c "print('$art N=$n', round(($b-$a)/(100*$r*$n)))"
