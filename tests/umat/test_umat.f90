! The UMAT written by neml2-compile --interface umat, called as Abaqus calls it (Fortran, by
! reference, Voigt order 11 22 33 12 13 23 with engineering shear strains):
!
!   test_umat elastic            elasticity example compiled with -p E --interface umat
!   test_umat isoharden DIR      isoharden example compiled with --interface umat, artifact DIR
!   test_umat bad-nprops         elasticity with NPROPS = 2 (must stop with a message)
!   test_umat driver CSV B       isoharden's UMAT along the strain path of the example's own driver,
!                                against that driver's results (neml2-run, save_as=CSV), batch B
!
! elastic: stresses and DDSDDE against Hooke's law in Voigt form (an independent check of the
! Voigt/Mandel conversion), PROPS as the promoted E or the compiled one, 3-D and plane strain.
! isoharden: a cyclic uniaxial path and a cyclic shear path against the artifact called directly
! through the C interface, history (STATEV) carried across increments, DDSDDE against central
! differences of the UMAT itself, and PNEWDT on a point whose update fails. driver: the stress and
! the equivalent plastic strain of every step against the driver's (eager) results.
program test_umat
  use, intrinsic :: iso_c_binding
  use, intrinsic :: ieee_arithmetic
  use neml2_c
  implicit none
  external :: umat

  integer :: failures
  character(len=4096) :: mode, dir, arg
  integer :: batch

  failures = 0
  call get_command_argument(1, mode)
  select case (trim(mode))
  case ('elastic')
    call elastic()
  case ('isoharden')
    call get_command_argument(2, dir)
    call isoharden(trim(dir))
  case ('bad-nprops')
    call bad_nprops()
  case ('driver')
    call get_command_argument(2, dir)
    call get_command_argument(3, arg)
    read (arg, *) batch
    call against_driver(trim(dir), batch)
  case default
    print '(a)', 'usage: test_umat elastic | isoharden DIR | bad-nprops | driver CSV B'
    stop 2
  end select
  if (failures > 0) then
    print '(i0, a)', failures, ' check(s) failed'
    stop 1
  end if
  print '(3a)', 'UMAT (', trim(mode), '): every check passed'

contains

  subroutine check(ok, what)
    logical, intent(in) :: ok
    character(len=*), intent(in) :: what
    if (.not. ok) then
      failures = failures + 1
      print '(2a)', 'FAILED: ', what
    end if
  end subroutine

  logical function near(a, b, rtol, atol)
    real(8), intent(in) :: a, b, rtol, atol
    near = abs(a - b) <= atol + rtol*abs(b)
  end function

  !> One UMAT call with the arguments this test varies; the others as Abaqus would pass them.
  subroutine call_umat(stress, statev, nstatv, ddsdde, stran, dstran, t, dt, props, nprops, ndi, nshr, pnewdt)
    integer, intent(in) :: nstatv, nprops, ndi, nshr
    real(8), intent(inout) :: stress(ndi + nshr), statev(max(nstatv, 1)), ddsdde(ndi + nshr, ndi + nshr)
    real(8), intent(in) :: stran(ndi + nshr), dstran(ndi + nshr), t, dt, props(max(nprops, 1))
    real(8), intent(out) :: pnewdt
    real(8) :: sse, spd, scd, rpl, ddsddt(6), drplde(6), drpldt, time(2), temp, dtemp, predef(1), dpred(1)
    real(8) :: coords(3), drot(3, 3), celent, dfgrd0(3, 3), dfgrd1(3, 3)
    integer :: ntens, noel, npt, layer, kspt, kstep, kinc
    character(len=80) :: cmname
    ntens = ndi + nshr
    sse = 0; spd = 0; scd = 0; rpl = 0; ddsddt = 0; drplde = 0; drpldt = 0
    time = [t, t]
    temp = 293; dtemp = 0; predef = 0; dpred = 0; coords = 0; celent = 1
    drot = 0; drot(1, 1) = 1; drot(2, 2) = 1; drot(3, 3) = 1
    dfgrd0 = drot; dfgrd1 = drot
    noel = 1; npt = 1; layer = 1; kspt = 1; kstep = 1; kinc = 1
    cmname = 'NEML2'
    pnewdt = 1
    call umat(stress, statev, ddsdde, sse, spd, scd, rpl, ddsddt, drplde, drpldt, stran, dstran, time, dt, temp, &
              dtemp, predef, dpred, cmname, ndi, nshr, ntens, nstatv, props, nprops, coords, drot, pnewdt, celent, &
              dfgrd0, dfgrd1, noel, npt, layer, kspt, kstep, kinc)
  end subroutine

  !> Hooke's law in Abaqus's Voigt form: DDSDDE of an isotropic material (shear modulus on the
  !> shear diagonal, since the shear strains are engineering ones).
  subroutine voigt_stiffness(E, nu, ntens, C)
    real(8), intent(in) :: E, nu
    integer, intent(in) :: ntens
    real(8), intent(out) :: C(ntens, ntens)
    real(8) :: lambda, mu
    integer :: i
    lambda = E*nu/((1 + nu)*(1 - 2*nu))
    mu = E/(2*(1 + nu))
    C = 0
    C(1:3, 1:3) = lambda
    do i = 1, 3
      C(i, i) = lambda + 2*mu
    end do
    do i = 4, ntens
      C(i, i) = mu
    end do
  end subroutine

  subroutine elastic()
    real(8) :: stress(6), statev(1), ddsdde(6, 6), stran(6), dstran(6), props(1), pnewdt, C(6, 6), expected(6)
    real(8) :: stress4(4), ddsdde4(4, 4), C4(4, 4)
    integer :: i, j
    ! 3-D, E = 100e3 from PROPS: a tension and an engineering shear strain together.
    stress = 0; stran = 0
    dstran = [1d-3, 0d0, 0d0, 2d-3, 0d0, -1d-3]
    props = 100d3
    call call_umat(stress, statev, 0, ddsdde, stran, dstran, 0d0, 1d0, props, 1, 3, 3, pnewdt)
    call voigt_stiffness(100d3, 0.3d0, 6, C)
    expected = matmul(C, dstran)
    do i = 1, 6
      call check(near(stress(i), expected(i), 1d-13, 1d-9), 'stress against Hooke''s law (E from PROPS)')
      do j = 1, 6
        call check(near(ddsdde(i, j), C(i, j), 1d-13, 1d-6), 'DDSDDE against the isotropic Voigt stiffness')
      end do
    end do
    call check(near(stress(4), 100d3/(2*1.3d0)*2d-3, 1d-13, 0d0), 'shear stress 12 = mu * gamma 12')
    call check(pnewdt == 1, 'PNEWDT untouched on success')

    ! No PROPS: the compiled E = 200e3.
    stress = 0
    call call_umat(stress, statev, 0, ddsdde, stran, dstran, 0d0, 1d0, props, 0, 3, 3, pnewdt)
    call voigt_stiffness(200d3, 0.3d0, 6, C)
    expected = matmul(C, dstran)
    call check(all(abs(stress - expected) <= 1d-9 + 1d-13*abs(expected)), 'stress with the compiled E (NPROPS = 0)')

    ! Plane strain (NTENS = 4: 11 22 33 12), from a non-zero start: the total strain counts.
    stress4 = 0
    call call_umat(stress4, statev, 0, ddsdde4, [1d-3, 0d0, 0d0, 0d0], [0d0, 5d-4, 0d0, 1d-3], 0d0, 1d0, props, 1, &
                   3, 1, pnewdt)
    call voigt_stiffness(100d3, 0.3d0, 4, C4)
    expected(1:4) = matmul(C4, [1d-3, 5d-4, 0d0, 1d-3])
    call check(all(abs(stress4 - expected(1:4)) <= 1d-9 + 1d-13*abs(expected(1:4))), 'plane strain stress')
    call check(all(abs(ddsdde4 - C4) <= 1d-6 + 1d-13*abs(C4)), 'plane strain DDSDDE')
  end subroutine

  subroutine bad_nprops()
    real(8) :: stress(6), statev(1), ddsdde(6, 6), props(2), pnewdt
    stress = 0
    props = 1
    call call_umat(stress, statev, 0, ddsdde, [0d0, 0d0, 0d0, 0d0, 0d0, 0d0], [0d0, 0d0, 0d0, 0d0, 0d0, 0d0], 0d0, &
                   1d0, props, 2, 3, 3, pnewdt)
    call check(.false., 'NPROPS = 2 did not stop the analysis')
  end subroutine

  !> The artifact's own step, through the C interface: Mandel in, Mandel out (the reference).
  subroutine direct_step(model, E, E_old, t, t_old, s_old, ep_old, s, ep, tangent)
    type(c_ptr), intent(in) :: model
    real(c_double), intent(in), target :: E(6), E_old(6), t, t_old, s_old(6), ep_old
    real(c_double), intent(out), target :: s(6), ep, tangent(36)
    type(c_ptr) :: inputs(6), outputs(3)
    character(len=:), allocatable :: name
    integer :: i, status
    do i = 1, 6
      name = neml2_name(model, NEML2_INPUT, i)
      select case (name)
      case ('E')
        inputs(i) = c_loc(E)
      case ('E~1')
        inputs(i) = c_loc(E_old)
      case ('t')
        inputs(i) = c_loc(t)
      case ('t~1')
        inputs(i) = c_loc(t_old)
      case ('stress~1')
        inputs(i) = c_loc(s_old)
      case ('equivalent_plastic_strain~1')
        inputs(i) = c_loc(ep_old)
      case default
        call check(.false., 'unexpected input '//name)
      end select
    end do
    do i = 1, 3
      name = neml2_name(model, NEML2_JACOBIAN, i)
      if (name == 'stress') then
        outputs(i) = c_loc(s)
      else if (name == 'equivalent_plastic_strain') then
        outputs(i) = c_loc(ep)
      else
        outputs(i) = c_loc(tangent)
      end if
    end do
    status = neml2_eval_jacobian(model, 1, inputs, outputs)
    call check(status == NEML2_OK, 'direct call: '//neml2_error_message())
  end subroutine

  !> Voigt (engineering shear) -> Mandel for strains; Mandel -> Voigt for stresses.
  function to_mandel_strain(v) result(m)
    real(8), intent(in) :: v(6)
    real(8) :: m(6)
    m = [v(1), v(2), v(3), v(6)/sqrt(2d0), v(5)/sqrt(2d0), v(4)/sqrt(2d0)]
  end function
  function to_voigt_stress(m) result(v)
    real(8), intent(in) :: m(6)
    real(8) :: v(6)
    v = [m(1), m(2), m(3), m(6)/sqrt(2d0), m(5)/sqrt(2d0), m(4)/sqrt(2d0)]
  end function

  !> Runs `nsteps` increments of the Voigt strain path `path(6, 0:nsteps)` through the UMAT and the
  !> artifact side by side; `rtol` is the agreement asked of the stresses (0: bit for bit).
  subroutine follow(model, path, nsteps, dt, rtol, what)
    type(c_ptr), intent(in) :: model
    integer, intent(in) :: nsteps
    real(8), intent(in) :: path(6, 0:nsteps), dt, rtol
    character(len=*), intent(in) :: what
    real(8) :: stress(6), statev(1), ddsdde(6, 6), pnewdt, props(1), sp(6), svp(1), scratch(6, 6), fd(6, 6)
    real(8) :: s_old(6), ep_old, s(6), ep, tangent(36), h, ep_prev, dstran(6)
    integer :: k, j, checked
    stress = 0; statev = 0; s_old = 0; ep_old = 0; props = 0; ep_prev = 0
    checked = 0
    h = 1d-7
    do k = 1, nsteps
      call direct_step(model, to_mandel_strain(path(:, k)), to_mandel_strain(path(:, k - 1)), k*dt, (k - 1)*dt, &
                       s_old, ep_old, s, ep, tangent)
      dstran = path(:, k) - path(:, k - 1)
      ! In plastic increments (after the first), DDSDDE against central differences of the UMAT
      ! from the same start (stress, statev): column j from perturbing DSTRAN(j).
      if (statev(1) > 0 .and. mod(k, 10) == 0) then
        do j = 1, 6
          sp = stress; svp = statev
          call call_umat(sp, svp, 1, scratch, path(:, k - 1), dstran + h*unit(j), (k - 1)*dt, dt, props, 0, 3, 3, &
                         pnewdt)
          fd(:, j) = sp
          sp = stress; svp = statev
          call call_umat(sp, svp, 1, scratch, path(:, k - 1), dstran - h*unit(j), (k - 1)*dt, dt, props, 0, 3, 3, &
                         pnewdt)
          fd(:, j) = (fd(:, j) - sp)/(2*h)
        end do
      end if
      call call_umat(stress, statev, 1, ddsdde, path(:, k - 1), dstran, (k - 1)*dt, dt, props, 0, 3, 3, pnewdt)
      call check(pnewdt == 1, what//': PNEWDT changed on a converged step')
      if (ep_prev > 0 .and. mod(k, 10) == 0) then
        checked = checked + 1
        call check(all(abs(ddsdde - fd) <= 1d-2 + 1d-5*abs(fd)), what//': DDSDDE against central differences')
      end if
      if (rtol == 0) then
        call check(all(stress == to_voigt_stress(s)), what//': stress differs from the artifact''s (bit for bit)')
        call check(statev(1) == ep, what//': STATEV differs from the artifact''s equivalent plastic strain')
      else
        call check(all(abs(stress - to_voigt_stress(s)) <= rtol*maxval(abs(s)) + 1d-12), &
                   what//': stress differs from the artifact''s')
        call check(near(statev(1), ep, rtol, 1d-15), what//': STATEV differs from the artifact''s')
      end if
      call check(statev(1) >= ep_prev, what//': the equivalent plastic strain decreased')
      ep_prev = statev(1)
      s_old = s
      ep_old = ep
    end do
    call check(checked >= 5, what//': too few plastic increments had their tangent checked')
    call check(statev(1) > 0, what//': no plastic strain accumulated')
  end subroutine

  function unit(j) result(e)
    integer, intent(in) :: j
    real(8) :: e(6)
    e = 0
    e(j) = 1
  end function

  subroutine isoharden(artifact)
    character(len=*), intent(in) :: artifact
    type(c_ptr) :: model
    integer, parameter :: n = 120
    real(8) :: path(6, 0:n), amplitude, stress(6), saved(6), statev(1), ddsdde(6, 6), props(1), pnewdt, bad(6)
    integer :: k
    call check(neml2_load(artifact, model) == NEML2_OK, 'load: '//neml2_error_message())

    ! Cyclic uniaxial strain (xx): 0 -> 0.01 -> -0.01 -> 0.
    path = 0
    do k = 0, n
      amplitude = 0.01d0*merge(4d0*k/n, merge(2d0 - 4d0*k/n, -4d0 + 4d0*k/n, k <= 3*n/4), k <= n/4)
      path(1, k) = amplitude
    end do
    call follow(model, path, n, 1d0, 0d0, 'uniaxial')

    ! Cyclic engineering shear (12): converted to Mandel and back, so equal to round-off.
    path = 0
    do k = 0, n
      path(4, k) = 0.02d0*merge(4d0*k/n, merge(2d0 - 4d0*k/n, -4d0 + 4d0*k/n, k <= 3*n/4), k <= n/4)
    end do
    call follow(model, path, n, 1d0, 1d-12, 'shear')

    ! A point whose update fails (a NaN strain increment): PNEWDT < 1, STRESS and STATEV kept.
    stress = [10d0, 0d0, 0d0, 0d0, 0d0, 0d0]
    saved = stress
    statev = 0.5d0
    props = 0
    bad = 0
    bad(1) = ieee_value(1d0, ieee_quiet_nan)
    call call_umat(stress, statev, 1, ddsdde, [0d0, 0d0, 0d0, 0d0, 0d0, 0d0], bad, 0d0, 1d0, props, 0, 3, 3, pnewdt)
    call check(pnewdt < 1, 'PNEWDT not reduced on a failed update')
    call check(all(stress == saved) .and. statev(1) == 0.5d0, 'STRESS or STATEV changed by a failed update')
    call neml2_model_free(model)
  end subroutine
  !> The column of `name` in the CSV header `header` (1-based), or 0.
  integer function column(header, name)
    character(len=*), intent(in) :: header, name
    integer :: start, k, comma
    column = 0
    start = 1
    k = 1
    do
      comma = index(header(start:), ',')
      if (comma == 0) then
        if (trim(header(start:)) == name) column = k
        return
      end if
      if (header(start:start + comma - 2) == name) then
        column = k
        return
      end if
      start = start + comma
      k = k + 1
    end do
  end function

  subroutine against_driver(csv, b)
    character(len=*), intent(in) :: csv
    integer, intent(in) :: b
    integer, parameter :: max_columns = 4000, max_steps = 1000
    character(len=:), allocatable :: header
    character(len=32) :: tag
    real(8), allocatable :: rows(:, :)
    real(8) :: stress(6), statev(1), ddsdde(6, 6), props(1), pnewdt, E_old(6), E_new(6), t_old, t_new
    integer :: unit, ios, ncol, nrow, i, k, c_t, c_ep, c_s(6), c_E(6)
    write (tag, '(a, i0, a)') '[', b, ']'
    allocate (character(len=200000) :: header)
    open (newunit=unit, file=csv, status='old', action='read')
    read (unit, '(a)') header
    ncol = 1
    do i = 1, len_trim(header)
      if (header(i:i) == ',') ncol = ncol + 1
    end do
    call check(ncol <= max_columns, 'too many CSV columns')
    allocate (rows(ncol, max_steps))
    nrow = 0
    do
      read (unit, *, iostat=ios) rows(:, nrow + 1)
      if (ios /= 0) exit
      nrow = nrow + 1
    end do
    close (unit)
    c_t = column(header, 't'//trim(tag))
    c_ep = column(header, 'equivalent_plastic_strain'//trim(tag))
    do i = 1, 6
      write (arg, '(a, i0, a)') trim(tag)//'[', i - 1, ']'
      c_s(i) = column(header, 'stress'//trim(arg))
      c_E(i) = column(header, 'E'//trim(arg))
      ! a strain path shared by every batch entry is written once, without the batch index
      write (arg, '(a, i0, a)') '[', i - 1, ']'
      if (c_E(i) == 0) c_E(i) = column(header, 'E'//trim(arg))
    end do
    call check(c_t > 0 .and. c_ep > 0 .and. all(c_s > 0) .and. all(c_E > 0), 'columns of batch '//trim(tag)// &
               ' missing in '//csv)
    call check(nrow > 10, 'the driver wrote too few steps')
    if (failures > 0) return
    stress = 0; statev = 0; props = 0
    do k = 2, nrow
      ! Mandel and Voigt agree on normal components; the path is uniaxial-normal (no shear).
      E_old = rows(c_E, k - 1)
      E_new = rows(c_E, k)
      call check(all(E_new(4:6) == 0), 'the driver''s path has shear strain')
      t_old = rows(c_t, k - 1)
      t_new = rows(c_t, k)
      call call_umat(stress, statev, 1, ddsdde, E_old, E_new - E_old, t_old, t_new - t_old, props, 0, 3, 3, pnewdt)
      ! Abaqus gives the time as TIME(2) + DTIME and the strain as STRAN + DSTRAN, which may round
      ! differently from the driver's own values: agreement to 1e-9, not bit for bit.
      call check(all(abs(stress - rows(c_s, k)) <= 1d-9*maxval(abs(rows(c_s, k))) + 1d-12), &
                 'stress differs from the driver''s')
      call check(near(statev(1), rows(c_ep, k), 1d-9, 1d-15), 'STATEV differs from the driver''s plastic strain')
    end do
    call check(statev(1) > 0, 'the driver''s path never yielded')
  end subroutine
end program test_umat
