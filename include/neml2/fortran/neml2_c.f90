! neml2_c: compiled neml2 models for Fortran (2008 and later), over the C interface neml2/c_api.h.
!
! Compile this file with the program that uses it (a .mod file belongs to one compiler) and link
! libneml2_c_api:
!
!   gfortran -c <prefix>/include/neml2/fortran/neml2_c.f90
!   gfortran my_program.f90 neml2_c.o -L<prefix>/lib -lneml2_c_api -Wl,-rpath,<prefix>/lib
!
! The interface blocks bind the C functions one to one (see c_api.h for what each does and
! returns); the helpers below them take Fortran strings and arrays:
!
!   type(c_ptr) :: model
!   real(c_double), target :: strain(6, n), stress(6, n)
!   status = neml2_load('aoti/elasticity', model)
!   status = neml2_eval(model, n, [c_loc(strain)], [c_loc(stress)])
!   if (status /= NEML2_OK) print *, neml2_error_message()
!   call neml2_model_free(model)
!
! Arrays are (components, points): Fortran's column-major order is the point-major layout the
! kernels read. Numbers are real(c_double) for float64 artifacts, real(c_float) for float32.
module neml2_c
  use, intrinsic :: iso_c_binding
  implicit none
  private

  integer(c_int), parameter, public :: NEML2_C_API_VERSION = 1
  integer(c_int), parameter, public :: NEML2_OK = 0, NEML2_ERROR_ARGUMENT = -1, NEML2_ERROR_ARTIFACT = -2, &
                                       NEML2_ERROR_DEVICE = -3, NEML2_ERROR_NAME = -4, &
                                       NEML2_ERROR_NO_DERIVATIVES = -5, NEML2_ERROR_INTERNAL = -6
  integer(c_int), parameter, public :: NEML2_FLOAT64 = 1, NEML2_FLOAT32 = 2
  integer(c_int), parameter, public :: NEML2_INPUT = 0, NEML2_OUTPUT = 1, NEML2_PARAMETER = 2, NEML2_JACOBIAN = 3

  public :: neml2_last_error, neml2_model_load, neml2_model_free, neml2_model_dtype, neml2_model_count, &
            neml2_model_name, neml2_model_wrt, neml2_model_size, neml2_model_set_parameter, &
            neml2_model_get_parameter, neml2_model_forward, neml2_model_jacobian
  public :: neml2_error_message, neml2_load, neml2_name, neml2_set_parameter, neml2_eval, neml2_eval_jacobian

  interface
    function neml2_last_error(buffer, size) bind(c, name='neml2_last_error') result(length)
      import :: c_char, c_size_t
      character(kind=c_char), intent(out) :: buffer(*)
      integer(c_size_t), value :: size
      integer(c_size_t) :: length
    end function

    function neml2_model_load(artifact_dir, device, model) bind(c, name='neml2_model_load') result(status)
      import :: c_char, c_ptr, c_int
      character(kind=c_char), intent(in) :: artifact_dir(*)
      type(c_ptr), value :: device ! a C string or c_null_ptr ("cpu")
      type(c_ptr), intent(out) :: model
      integer(c_int) :: status
    end function

    subroutine neml2_model_free(model) bind(c, name='neml2_model_free')
      import :: c_ptr
      type(c_ptr), value :: model
    end subroutine

    function neml2_model_dtype(model) bind(c, name='neml2_model_dtype') result(dtype)
      import :: c_ptr, c_int
      type(c_ptr), value :: model
      integer(c_int) :: dtype
    end function

    function neml2_model_count(model, kind) bind(c, name='neml2_model_count') result(count)
      import :: c_ptr, c_int, c_int64_t
      type(c_ptr), value :: model
      integer(c_int), value :: kind
      integer(c_int64_t) :: count
    end function

    function neml2_model_name(model, kind, index) bind(c, name='neml2_model_name') result(name)
      import :: c_ptr, c_int, c_int64_t
      type(c_ptr), value :: model
      integer(c_int), value :: kind
      integer(c_int64_t), value :: index
      type(c_ptr) :: name
    end function

    function neml2_model_wrt(model, index) bind(c, name='neml2_model_wrt') result(name)
      import :: c_ptr, c_int64_t
      type(c_ptr), value :: model
      integer(c_int64_t), value :: index
      type(c_ptr) :: name
    end function

    function neml2_model_size(model, kind, index) bind(c, name='neml2_model_size') result(size)
      import :: c_ptr, c_int, c_int64_t
      type(c_ptr), value :: model
      integer(c_int), value :: kind
      integer(c_int64_t), value :: index
      integer(c_int64_t) :: size
    end function

    function neml2_model_set_parameter(model, name, npoints, values) bind(c, name='neml2_model_set_parameter') &
        result(status)
      import :: c_ptr, c_char, c_int, c_int64_t
      type(c_ptr), value :: model
      character(kind=c_char), intent(in) :: name(*)
      integer(c_int64_t), value :: npoints
      type(c_ptr), value :: values
      integer(c_int) :: status
    end function

    function neml2_model_get_parameter(model, name, capacity, values) bind(c, name='neml2_model_get_parameter') &
        result(npoints)
      import :: c_ptr, c_char, c_int64_t
      type(c_ptr), value :: model
      character(kind=c_char), intent(in) :: name(*)
      integer(c_int64_t), value :: capacity
      type(c_ptr), value :: values
      integer(c_int64_t) :: npoints
    end function

    function neml2_model_forward(model, n, inputs, strides, parameters, outputs) bind(c, name='neml2_model_forward') &
        result(status)
      import :: c_ptr, c_int, c_int64_t
      type(c_ptr), value :: model
      integer(c_int64_t), value :: n
      type(c_ptr), intent(in) :: inputs(*)
      type(c_ptr), value :: strides ! an integer(c_int64_t) array or c_null_ptr (all 1)
      type(c_ptr), value :: parameters ! an array of c_ptr (one per promoted parameter) or c_null_ptr
      type(c_ptr), intent(in) :: outputs(*)
      integer(c_int) :: status
    end function

    function neml2_model_jacobian(model, n, inputs, strides, parameters, outputs) bind(c, name='neml2_model_jacobian') &
        result(status)
      import :: c_ptr, c_int, c_int64_t
      type(c_ptr), value :: model
      integer(c_int64_t), value :: n
      type(c_ptr), intent(in) :: inputs(*)
      type(c_ptr), value :: strides
      type(c_ptr), value :: parameters
      type(c_ptr), intent(in) :: outputs(*)
      integer(c_int) :: status
    end function

    function c_strlen(s) bind(c, name='strlen') result(length)
      import :: c_ptr, c_size_t
      type(c_ptr), value :: s
      integer(c_size_t) :: length
    end function
  end interface

contains

  !> The calling thread's latest error message ('' when there is none).
  function neml2_error_message() result(message)
    character(len=:), allocatable :: message
    character(kind=c_char) :: probe(1)
    character(kind=c_char), allocatable :: buffer(:)
    integer(c_size_t) :: length
    integer :: i
    length = neml2_last_error(probe, 0_c_size_t)
    allocate (buffer(length + 1))
    length = neml2_last_error(buffer, length + 1)
    allocate (character(len=length) :: message)
    do i = 1, int(length)
      message(i:i) = buffer(i)
    end do
  end function

  !> A Fortran string from a C string (NUL-terminated); '' for c_null_ptr.
  function from_c_string(s) result(text)
    type(c_ptr), intent(in) :: s
    character(len=:), allocatable :: text
    character(kind=c_char), pointer :: chars(:)
    integer :: i, length
    if (.not. c_associated(s)) then
      text = ''
      return
    end if
    length = int(c_strlen(s))
    call c_f_pointer(s, chars, [length])
    allocate (character(len=length) :: text)
    do i = 1, length
      text(i:i) = chars(i)
    end do
  end function

  !> Loads an artifact folder for the CPU, or for `device` ('cpu' or 'cuda').
  function neml2_load(artifact_dir, model, device) result(status)
    character(len=*), intent(in) :: artifact_dir
    type(c_ptr), intent(out) :: model
    character(len=*), intent(in), optional :: device
    integer(c_int) :: status
    character(kind=c_char), allocatable, target :: dev(:)
    integer :: i
    if (present(device)) then
      allocate (dev(len_trim(device) + 1))
      do i = 1, len_trim(device)
        dev(i) = device(i:i)
      end do
      dev(size(dev)) = c_null_char
      status = neml2_model_load(trim(artifact_dir)//c_null_char, c_loc(dev), model)
    else
      status = neml2_model_load(trim(artifact_dir)//c_null_char, c_null_ptr, model)
    end if
  end function

  !> The name of slot `index` (1-based) of a kind; for derivative blocks of NEML2_JACOBIAN,
  !> 'output/input'.
  function neml2_name(model, kind, index) result(name)
    type(c_ptr), intent(in) :: model
    integer(c_int), intent(in) :: kind
    integer, intent(in) :: index
    character(len=:), allocatable :: name
    character(len=:), allocatable :: wrt
    name = from_c_string(neml2_model_name(model, kind, int(index - 1, c_int64_t)))
    if (kind == NEML2_JACOBIAN) then
      wrt = from_c_string(neml2_model_wrt(model, int(index - 1, c_int64_t)))
      if (len(wrt) > 0) name = name//'/'//wrt
    end if
  end function

  !> Sets a float64 promoted parameter: values(size, npoints), npoints = 1 or the batch size.
  function neml2_set_parameter(model, name, values) result(status)
    type(c_ptr), intent(in) :: model
    character(len=*), intent(in) :: name
    real(c_double), intent(in), target, contiguous :: values(:, :)
    integer(c_int) :: status
    status = neml2_model_set_parameter(model, trim(name)//c_null_char, int(size(values, 2), c_int64_t), &
                                       c_loc(values))
  end function

  !> forward with every input given per point (strides 1); `inputs` and `outputs` hold c_loc of
  !> the arrays in the model's input and output order; `parameters` (optional) c_loc of one value
  !> per promoted parameter, for this call only.
  function neml2_eval(model, n, inputs, outputs, parameters) result(status)
    type(c_ptr), intent(in) :: model
    integer, intent(in) :: n
    type(c_ptr), intent(in) :: inputs(:), outputs(:)
    type(c_ptr), intent(in), target, optional :: parameters(:)
    integer(c_int) :: status
    if (present(parameters)) then
      status = neml2_model_forward(model, int(n, c_int64_t), inputs, c_null_ptr, c_loc(parameters), outputs)
    else
      status = neml2_model_forward(model, int(n, c_int64_t), inputs, c_null_ptr, c_null_ptr, outputs)
    end if
  end function

  !> jacobian with every input given per point; `outputs` in NEML2_JACOBIAN order (values, then
  !> derivative blocks, each (output size * input size, n), row-major per point).
  function neml2_eval_jacobian(model, n, inputs, outputs, parameters) result(status)
    type(c_ptr), intent(in) :: model
    integer, intent(in) :: n
    type(c_ptr), intent(in) :: inputs(:), outputs(:)
    type(c_ptr), intent(in), target, optional :: parameters(:)
    integer(c_int) :: status
    if (present(parameters)) then
      status = neml2_model_jacobian(model, int(n, c_int64_t), inputs, c_null_ptr, c_loc(parameters), outputs)
    else
      status = neml2_model_jacobian(model, int(n, c_int64_t), inputs, c_null_ptr, c_null_ptr, outputs)
    end if
  end function
end module neml2_c
