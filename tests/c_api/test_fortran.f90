! The Fortran module neml2_c from a Fortran program, as a Fortran caller uses it:
!
!   test_fortran ELASTICITY_DIR
!
! ELASTICITY_DIR: examples/elasticity/input.i compiled with -p E -d stress:strain -d stress:E (E = 200e3, nu = 0.3).
! Checks the slot names, forward against Hooke's law for an array strain(6, n), the Jacobian
! against the closed-form stiffness, a promoted parameter set from Fortran, and an error
! message. Prints each failed check and stops with code 1 if any failed.
program test_fortran
  use, intrinsic :: iso_c_binding
  use neml2_c
  implicit none

  integer, parameter :: n = 3
  type(c_ptr) :: model, other
  character(len=4096) :: dir
  real(c_double), target :: strain(6, n), stress(6, n), value(6, n), dstrain(36, n), dE(6, n), E_new(1, 1), E_call
  real(c_double) :: expected(6), column(6), unit(6)
  integer :: failures, p, i, k, status

  failures = 0
  if (command_argument_count() /= 1) then
    print '(a)', 'usage: test_fortran ELASTICITY_DIR'
    stop 2
  end if
  call get_command_argument(1, dir)

  status = neml2_load(trim(dir), model)
  call check(status == NEML2_OK, 'load: '//neml2_error_message())
  if (status /= NEML2_OK) stop 1
  call check(neml2_name(model, NEML2_INPUT, 1) == 'strain', 'input 1 is '//neml2_name(model, NEML2_INPUT, 1))
  call check(neml2_name(model, NEML2_OUTPUT, 1) == 'stress', 'output 1 is '//neml2_name(model, NEML2_OUTPUT, 1))
  call check(neml2_name(model, NEML2_PARAMETER, 1) == 'E', 'parameter 1 is '//neml2_name(model, NEML2_PARAMETER, 1))
  call check(neml2_model_count(model, NEML2_JACOBIAN) == 3, 'three jacobian slots')
  call check(neml2_name(model, NEML2_JACOBIAN, 2) == 'stress/strain', 'jacobian slot 2 is ' &
             //neml2_name(model, NEML2_JACOBIAN, 2))
  call check(neml2_name(model, NEML2_JACOBIAN, 3) == 'stress/E', 'jacobian slot 3 is ' &
             //neml2_name(model, NEML2_JACOBIAN, 3))

  ! Three points: a column per point (Fortran's column-major order is the kernels' point-major one).
  strain = 0
  strain(:, 1) = [0.01d0, 0d0, 0d0, 0d0, 0d0, 0d0]
  strain(:, 2) = [0.005d0, -0.002d0, 0.001d0, 0.0004d0, -0.0003d0, 0.001d0]
  strain(:, 3) = [-0.001d0, -0.001d0, -0.001d0, 0d0, 0d0, 0d0]
  status = neml2_eval(model, n, [c_loc(strain)], [c_loc(stress)])
  call check(status == NEML2_OK, 'forward: '//neml2_error_message())
  do p = 1, n
    call hooke(strain(:, p), 200d3, expected)
    call check(all(abs(stress(:, p) - expected) <= 1d-12 + 1d-14*abs(expected)), 'forward differs from Hooke''s law')
  end do

  ! The Jacobian: values, then d stress / d strain (row-major 6 x 6 per point), then d stress / d E.
  status = neml2_eval_jacobian(model, n, [c_loc(strain)], [c_loc(value), c_loc(dstrain), c_loc(dE)])
  call check(status == NEML2_OK, 'jacobian: '//neml2_error_message())
  call check(all(value == stress), 'the jacobian''s values differ from forward''s')
  do p = 1, n
    do k = 1, 6
      unit = 0
      unit(k) = 1
      call hooke(unit, 200d3, column)
      do i = 1, 6
        call check(abs(dstrain(6*(i - 1) + k, p) - column(i)) <= 1d-9 + 1d-13*abs(column(i)), &
                   'd stress / d strain differs from the stiffness')
      end do
    end do
    call check(all(abs(dE(:, p) - stress(:, p)/200d3) <= 1d-15 + 1d-13*abs(stress(:, p)/200d3)), &
               'd stress / d E differs from stress / E')
  end do

  ! A promoted parameter set from Fortran.
  E_new = 100d3
  status = neml2_set_parameter(model, 'E', E_new)
  call check(status == NEML2_OK, 'set E: '//neml2_error_message())
  status = neml2_eval(model, n, [c_loc(strain)], [c_loc(stress)])
  call hooke(strain(:, 2), 100d3, expected)
  call check(status == NEML2_OK .and. all(abs(stress(:, 2) - expected) <= 1d-12 + 1d-14*abs(expected)), &
             'forward with E = 100e3 differs from Hooke''s law')

  ! A parameter value for one call only.
  E_call = 50d3
  status = neml2_eval(model, n, [c_loc(strain)], [c_loc(stress)], parameters=[c_loc(E_call)])
  call hooke(strain(:, 2), 50d3, expected)
  call check(status == NEML2_OK .and. all(abs(stress(:, 2) - expected) <= 1d-12 + 1d-14*abs(expected)), &
             'forward with E = 50e3 for the call differs from Hooke''s law')

  ! An error comes back as a status and a message.
  status = neml2_set_parameter(model, 'Young', E_new)
  call check(status == NEML2_ERROR_NAME, 'an unknown parameter is NEML2_ERROR_NAME')
  call check(index(neml2_error_message(), 'no promoted parameter ''Young''') > 0, 'message: '//neml2_error_message())
  status = neml2_load('/nonexistent/artifact', other)
  call check(status == NEML2_ERROR_ARTIFACT .and. .not. c_associated(other), 'a missing artifact folder')

  call neml2_model_free(model)
  if (failures > 0) then
    print '(i0, a)', failures, ' check(s) failed'
    stop 1
  end if
  print '(a)', 'Fortran module: every check passed'

contains

  subroutine check(ok, what)
    logical, intent(in) :: ok
    character(len=*), intent(in) :: what
    if (.not. ok) then
      failures = failures + 1
      print '(2a)', 'FAILED: ', what
    end if
  end subroutine

  ! Hooke's law in Mandel notation, nu = 0.3.
  subroutine hooke(eps, E, sig)
    real(c_double), intent(in) :: eps(6), E
    real(c_double), intent(out) :: sig(6)
    real(c_double), parameter :: nu = 0.3d0
    real(c_double) :: lambda, mu
    lambda = E*nu/((1 + nu)*(1 - 2*nu))
    mu = E/(2*(1 + nu))
    sig = 2*mu*eps
    sig(1:3) = sig(1:3) + lambda*sum(eps(1:3))
  end subroutine
end program test_fortran
