# The compiled-model runtime stands alone: a program linked against neml2::runtime only loads an
# artifact written by neml2-compile and evaluates it, and none of the parser, base, graph, eager,
# models, codegen or AOTIModel libraries is loaded into it.
# Invoked by ctest with -DCOMPILE, -DCONSUMER, -DINPUT, -DWORK_DIR.
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${COMPILE} ${INPUT} --model elasticity --output-dir ${WORK_DIR}/aoti
                RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "neml2-compile failed (${rc})")
endif()
execute_process(COMMAND ${CONSUMER} ${WORK_DIR}/aoti/elasticity RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
message("${out}${err}")
if(rc OR NOT out MATCHES "matches Hooke's law")
  message(FATAL_ERROR "the runtime-only consumer did not evaluate the compiled model (${rc})")
endif()
execute_process(COMMAND ldd ${CONSUMER} RESULT_VARIABLE rc OUTPUT_VARIABLE libs)
if(rc)
  message(FATAL_ERROR "ldd ${CONSUMER} failed (${rc})")
endif()
if(NOT libs MATCHES "libneml2_runtime\\.so")
  message(FATAL_ERROR "the consumer does not load libneml2_runtime:\n${libs}")
endif()
string(REGEX MATCHALL "libneml2_(hit|base|graph|eager|models|codegen|aoti_model)\\.so" forbidden "${libs}")
if(forbidden)
  message(FATAL_ERROR "a runtime-only consumer loads ${forbidden}:\n${libs}")
endif()
