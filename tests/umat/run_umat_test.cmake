# Compiles the elasticity and isoharden examples with --interface umat, builds each UMAT with the
# Fortran driver test_umat.f90 (C compiler for the UMAT, Fortran compiler for the driver and the
# neml2_c module), and runs the driver's modes. Invoked by ctest with -DCOMPILE, -DSOURCE_DIR,
# -DWORK_DIR, -DRUN, -DCC, -DFC, -DFLAGS, -DLIB_DIR.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
separate_arguments(flags UNIX_COMMAND "${FLAGS}")

function(run what)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${WORK_DIR} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(rc)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}${err}")
  endif()
  set(output "${out}${err}" PARENT_SCOPE)
endfunction()

run("neml2-compile --interface umat (elasticity)" ${COMPILE} ${SOURCE_DIR}/examples/elasticity/input.i
    --model elasticity -p E --interface umat --output-dir ${WORK_DIR}/aoti -q)
run("neml2-compile --interface umat (isoharden)" ${COMPILE}
    ${SOURCE_DIR}/examples/plasticity/viscoplasticity_isoharden.i --model model --interface umat
    --output-dir ${WORK_DIR}/aoti -q)

# The generated C must compile cleanly as C11.
set(cflags -std=c11 -Wall -Wextra -Wpedantic -Werror ${flags} -I${SOURCE_DIR}/include)
set(fflags -std=f2018 -Wall -Wextra -Wno-compare-reals -fimplicit-none -Werror ${flags})
run("compiling the elasticity UMAT" ${CC} ${cflags} -c ${WORK_DIR}/aoti/elasticity/umat/elasticity_umat.c
    -o elasticity_umat.o)
run("compiling the isoharden UMAT" ${CC} ${cflags} -c ${WORK_DIR}/aoti/model/umat/model_umat.c -o model_umat.o)
run("compiling the neml2_c module" ${FC} ${fflags} -c ${SOURCE_DIR}/include/neml2/fortran/neml2_c.f90)
run("compiling the driver" ${FC} ${fflags} -c ${SOURCE_DIR}/tests/umat/test_umat.f90)
foreach(umat elasticity model)
  run("linking the driver with the ${umat} UMAT" ${FC} ${flags} test_umat.o neml2_c.o ${umat}_umat.o -L${LIB_DIR}
      -lneml2_c_api -Wl,-rpath,${LIB_DIR} -o driver_${umat})
endforeach()

run("the elastic checks" ${WORK_DIR}/driver_elasticity elastic)
message("${output}")
run("the isoharden checks" ${WORK_DIR}/driver_model isoharden ${WORK_DIR}/aoti/model)
message("${output}")
# Along the example driver's own path (neml2-run, eager), against its results: one slow and one
# fast strain rate of its 20.
run("neml2-run of the isoharden example" ${RUN} ${SOURCE_DIR}/examples/plasticity/viscoplasticity_isoharden.i
    driver Drivers/driver/save_as=${WORK_DIR}/driver.csv -q)
foreach(b 3 17)
  run("the UMAT against the driver (batch ${b})" ${WORK_DIR}/driver_model driver ${WORK_DIR}/driver.csv ${b})
  message("${output}")
endforeach()
# A configuration error stops the analysis with a message (exit 1 outside Abaqus).
execute_process(COMMAND ${WORK_DIR}/driver_elasticity bad-nprops RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT err MATCHES "NPROPS is 2; give 0 \\(the compiled values\\) or the 1 promoted parameter")
  message(FATAL_ERROR "NPROPS = 2 did not stop with its message (${rc}):\n${out}${err}")
endif()
message("every UMAT check passed")
