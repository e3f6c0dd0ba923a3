# Installs the build tree into a scratch prefix and checks that the installed package works from
# there with a clean environment (no LD_LIBRARY_PATH: the RPATHs must do): the installed tools
# run, a consumer built with find_package(neml2) evaluates the seed model eagerly, and a consumer
# that links neml2::runtime alone evaluates the model compiled by the installed neml2-compile.
# Invoked by ctest with -DBUILD_DIR, -DSOURCE_DIR, -DWORK_DIR.
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix}
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(rc)
  message(FATAL_ERROR "cmake --install failed (${rc})")
endif()

# Everything below runs with only PATH (the system compiler for neml2-compile) and HOME set.
set(clean_env env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=${WORK_DIR})
set(input ${SOURCE_DIR}/examples/elasticity/input.i)

function(run_clean what)
  execute_process(COMMAND ${clean_env} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
                  WORKING_DIRECTORY ${WORK_DIR})
  if(rc)
    message(FATAL_ERROR "${what} failed from the install prefix with a clean environment (${rc}):\n${out}${err}")
  endif()
  set(clean_output "${out}" PARENT_SCOPE)
endfunction()

run_clean("neml2-inspect" ${prefix}/bin/neml2-inspect ${input} elasticity)
if(NOT clean_output MATCHES "strain")
  message(FATAL_ERROR "installed neml2-inspect printed no inputs:\n${clean_output}")
endif()
run_clean("neml2-syntax" ${prefix}/bin/neml2-syntax)
run_clean("neml2-compile" ${prefix}/bin/neml2-compile ${input} --model elasticity --output-dir ${WORK_DIR}/aoti)
run_clean("neml2-inspect on the stub" ${prefix}/bin/neml2-inspect ${WORK_DIR}/aoti/elasticity_aoti.i elasticity)

execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/install/consumer -B ${WORK_DIR}/build -G Ninja
                        -DCMAKE_PREFIX_PATH=${prefix}
                        -DNEML2_DEMO_SOURCE=${SOURCE_DIR}/examples/elasticity/evaluate.cpp
                        -DNEML2_RUNTIME_DEMO_SOURCE=${SOURCE_DIR}/examples/runtime/call_artifact.cpp
                RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "configuring the consumers with find_package(neml2) failed (${rc})")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/build RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "building the consumers failed (${rc})")
endif()

run_clean("the find_package consumer" ${WORK_DIR}/build/consumer ${input})
message("${clean_output}")
if(NOT clean_output MATCHES "2692\\.3077")
  message(FATAL_ERROR "the installed library did not evaluate the seed model")
endif()
run_clean("the runtime-only consumer" ${WORK_DIR}/build/runtime_consumer ${WORK_DIR}/aoti/elasticity)
message("${clean_output}")
if(NOT clean_output MATCHES "matches Hooke's law")
  message(FATAL_ERROR "the runtime-only consumer did not evaluate the compiled model")
endif()
run_clean("the C consumer" ${WORK_DIR}/build/c_consumer ${WORK_DIR}/aoti/elasticity)
message("${clean_output}")
if(NOT clean_output MATCHES "C consumer: .* matches Hooke's law")
  message(FATAL_ERROR "the C consumer did not evaluate the compiled model")
endif()
if(NOT EXISTS ${prefix}/include/neml2/c_api.h OR NOT EXISTS ${prefix}/include/neml2/fortran/neml2_c.f90)
  message(FATAL_ERROR "the C header or the Fortran module source is not installed")
endif()
