# The artifacts the C API tests load. Invoked by ctest with -DCOMPILE, -DSOURCE_DIR, -DWORK_DIR.
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${COMPILE} ${SOURCE_DIR}/examples/elasticity/input.i --model elasticity -p E -d stress:strain -d stress:E
                        --output-dir ${WORK_DIR} -q RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "neml2-compile of the elasticity example failed (${rc})")
endif()
execute_process(COMMAND ${COMPILE} ${SOURCE_DIR}/examples/plasticity/viscoplasticity_isoharden.i --model model
                        --output-dir ${WORK_DIR}/implicit -q RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "neml2-compile of the isoharden example failed (${rc})")
endif()
file(RENAME ${WORK_DIR}/implicit/model ${WORK_DIR}/isoharden)
