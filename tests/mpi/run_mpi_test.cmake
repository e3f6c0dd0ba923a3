# neml2-run over 2, 3 and 4 MPI ranks against the same run in one process: the .npz files must be
# equal byte for byte (points are independent, each rank computes its share exactly as one process
# would). Invoked by ctest with -DRUN, -DCOMPILE, -DMPIEXEC, -DMPIEXEC_FLAGS, -DSOURCE_DIR,
# -DWORK_DIR.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(input ${SOURCE_DIR}/tests/data/mpi/isoharden_batch.i)

# run(<what> <expect: pass|fail> COMMAND...): output in `output`.
function(run what expect)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${WORK_DIR} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err TIMEOUT 300)
  if(expect STREQUAL "pass" AND NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}${err}")
  elseif(expect STREQUAL "fail" AND rc EQUAL 0)
    message(FATAL_ERROR "${what} should have failed:\n${out}${err}")
  endif()
  set(output "${out}${err}" PARENT_SCOPE)
endfunction()

function(same_file what a b)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK_DIR}/${a} ${WORK_DIR}/${b} RESULT_VARIABLE rc)
  if(rc)
    message(FATAL_ERROR "${what}: ${a} and ${b} differ")
  endif()
  message("ok: ${what}: ${b} == ${a}, byte for byte")
endfunction()

# mpirun(<ranks> <args of neml2-run>...). Under AddressSanitizer, the ranks skip the leak check:
# Open MPI's plugins, unloaded at MPI_Finalize, leave allocations that LeakSanitizer can neither
# attribute (their code is gone, so no library name to suppress) nor tell from ours. The same
# driver code runs under the leak check in the unit tests (ranks as threads) and in the
# single-process runs here.
function(mpirun what ranks expect)
  set(asan "$ENV{ASAN_OPTIONS}")
  if(asan)
    set(asan "${asan}:")
  endif()
  run("${what}" ${expect} ${CMAKE_COMMAND} -E env "ASAN_OPTIONS=${asan}detect_leaks=0" ${MPIEXEC} ${MPIEXEC_FLAGS}
      -n ${ranks} ${RUN} ${ARGN})
  set(output "${output}" PARENT_SCOPE)
endfunction()

# 1. The eager implicit model: equal shares and cost-balanced shares, on 2, 3 and 4 ranks.
run("one process" pass ${RUN} ${input} driver Drivers/driver/save_as=one.npz)
mpirun("2 ranks" 2 pass ${input} driver Drivers/driver/save_as=two.npz --threads 1)
same_file("eager isoharden, 2 ranks" one.npz two.npz)
string(REGEX MATCHALL "ran model" summaries "${output}")
list(LENGTH summaries n)
if(NOT n EQUAL 1)
  message(FATAL_ERROR "the summary should be printed once (by rank 0), got ${n}:\n${output}")
endif()
mpirun("3 ranks" 3 pass ${input} driver Drivers/driver/save_as=three.npz --threads 1)
same_file("eager isoharden, 3 ranks" one.npz three.npz)
mpirun("2 ranks by cost" 2 pass ${input} driver Drivers/driver/save_as=cost.npz --balance cost --threads 1)
same_file("eager isoharden, 2 ranks balanced by cost" one.npz cost.npz)
mpirun("4 ranks by cost" 4 pass ${input} driver Drivers/driver/save_as=cost4.npz --balance cost --threads 1)
same_file("eager isoharden, 4 ranks balanced by cost" one.npz cost4.npz)

# Without the final gather, each rank writes its share's file (tests/python/test_mpi.py joins them).
mpirun("2 ranks, no gather" 2 pass ${input} driver Drivers/driver/save_as=shares.npz --gather none)
foreach(r 0 1)
  if(NOT EXISTS ${WORK_DIR}/shares.rank${r}.npz)
    message(FATAL_ERROR "--gather none: rank ${r} wrote no shares.rank${r}.npz:\n${output}")
  endif()
endforeach()
if(EXISTS ${WORK_DIR}/shares.npz OR NOT output MATCHES "each rank r wrote its share")
  message(FATAL_ERROR "--gather none: no whole file should be written, and the summary should say so:\n${output}")
endif()
message("ok: --gather none: each rank wrote its share")

# 2. Failed points are reported over the whole batch: two Newton iterations are too few for the
# slow points (points 9 to 20: on 2 ranks, some of rank 0's and all of rank 1's). The file and the
# summary's failure line are the single process's.
set(strict Solvers/newton/max_its=10)
run("one process, failing" pass ${RUN} ${input} driver ${strict} --on-failure continue
    Drivers/driver/save_as=fail_one.npz)
string(REGEX MATCH "implicit solves failed at [^\n]*" failed_one "${output}")
if(NOT failed_one)
  message(FATAL_ERROR "max_its = 10 should make some points fail:\n${output}")
endif()
mpirun("2 ranks, failing" 2 pass ${input} driver ${strict} --on-failure continue Drivers/driver/save_as=fail_two.npz
       --balance cost)
string(REGEX MATCH "implicit solves failed at [^\n]*" failed_two "${output}")
same_file("failed points, 2 ranks" fail_one.npz fail_two.npz)
if(NOT failed_two STREQUAL failed_one)
  message(FATAL_ERROR "the failure reports differ:\n  one process: ${failed_one}\n  2 ranks:     ${failed_two}")
endif()
message("ok: the failure report is the same: ${failed_two}")

# 3. With on_failure = raise, the rank that fails stops every rank, and the error is said once.
mpirun("2 ranks, raising" 2 fail ${input} driver ${strict})
string(REGEX MATCHALL "rank [0-9] of 2 failed: points" ranks_named "${output}")
list(LENGTH ranks_named n)
if(NOT n EQUAL 1)
  message(FATAL_ERROR "the error should name the failing rank once, got ${n}:\n${output}")
endif()
message("ok: a failing rank stops the run, the error says it once")

# 4. The compiled model (the stub keeps the driver) with the batched yield stress promoted: its
# shares are cut like the eager model's, and the file is the eager run's.
run("neml2-compile --driver" pass ${COMPILE} ${input} --driver driver -p rate.yield_surface.sy
    --output-dir ${WORK_DIR}/aoti -q)
set(stub ${WORK_DIR}/aoti/model_aoti.i)
mpirun("compiled, 2 ranks" 2 pass ${stub} driver Drivers/driver/save_as=${WORK_DIR}/aoti_two.npz --balance cost)
same_file("compiled isoharden, 2 ranks, against eager in one process" one.npz aoti_two.npz)
