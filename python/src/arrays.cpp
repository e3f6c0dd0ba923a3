// NumPy / PyTorch arrays <-> neml2::Tensor through DLPack, without copying.
#include "arrays.h"

#include <vector>

#include <fmt/format.h>
#include <nanobind/ndarray.h>

#include "neml2/base/error.h"

namespace neml2::python
{
namespace
{
/// A type object of an already-imported module (`module.attr`), cached once found. Never imports.
PyTypeObject *
imported_type(const char * module, const char * attr, PyTypeObject *& cache)
{
  if (cache)
    return cache;
  PyObject * mod = PyImport_GetModule(nb::str(module).ptr()); // new reference or NULL
  if (!mod)
  {
    PyErr_Clear();
    return nullptr;
  }
  PyObject * t = PyObject_GetAttrString(mod, attr);
  Py_DECREF(mod);
  if (!t || !PyType_Check(t))
  {
    Py_XDECREF(t);
    PyErr_Clear(); // a module still being imported
    return nullptr;
  }
  cache = reinterpret_cast<PyTypeObject *>(t); // kept for the life of the process
  return cache;
}

PyTypeObject * g_torch_tensor = nullptr;
PyTypeObject * g_numpy_ndarray = nullptr;
PyTypeObject * g_typed_tensor = nullptr;
// torch._C._to_dlpack / torch._C._from_dlpack: the C-level DLPack entries, an order of magnitude
// cheaper per call than Tensor.__dlpack__ / torch.from_dlpack (which are Python code).
PyObject * g_torch_to_dlpack = nullptr;
PyObject * g_torch_from_dlpack = nullptr;

PyTypeObject *
torch_tensor_type()
{
  if (g_torch_tensor)
    return g_torch_tensor;
  if (!imported_type("torch", "Tensor", g_torch_tensor))
    return nullptr;
  PyObject * mod = PyImport_GetModule(nb::str("torch._C").ptr());
  if (mod)
  {
    g_torch_to_dlpack = PyObject_GetAttrString(mod, "_to_dlpack");
    if (!g_torch_to_dlpack)
      PyErr_Clear();
    g_torch_from_dlpack = PyObject_GetAttrString(mod, "_from_dlpack");
    if (!g_torch_from_dlpack)
      PyErr_Clear();
    Py_DECREF(mod);
  }
  else
    PyErr_Clear();
  return g_torch_tensor;
}

/// neml2.types.Tensor, the base of the typed wrappers.
PyTypeObject *
typed_tensor_type()
{
  return imported_type("neml2.types", "Tensor", g_typed_tensor);
}

PyTypeObject *
numpy_ndarray_type()
{
  return imported_type("numpy", "ndarray", g_numpy_ndarray);
}

bool
is_instance(nb::handle obj, PyTypeObject * tp)
{
  return tp && PyObject_TypeCheck(obj.ptr(), tp);
}

const char *
dtype_text(nb::dlpack::dtype d)
{
  switch (static_cast<nb::dlpack::dtype_code>(d.code))
  {
    case nb::dlpack::dtype_code::Int:
      return "a signed integer dtype";
    case nb::dlpack::dtype_code::UInt:
      return "an unsigned integer dtype";
    case nb::dlpack::dtype_code::Float:
      return d.bits == 16 ? "float16" : "a float dtype of unsupported width";
    case nb::dlpack::dtype_code::Bfloat:
      return "bfloat16";
    case nb::dlpack::dtype_code::Complex:
      return "a complex dtype";
    case nb::dlpack::dtype_code::Bool:
      return "bool";
    default:
      return "an unsupported dtype";
  }
}
} // namespace

std::string
dims_str(const nb::ndarray<nb::ro> & a)
{
  Shape s;
  for (std::size_t i = 0; i < a.ndim(); ++i)
    s.push_back(static_cast<std::int64_t>(a.shape(i)));
  return shape_str(s);
}

bool
c_contiguous(const nb::ndarray<nb::ro> & a)
{
  std::int64_t expected = 1;
  for (std::size_t i = a.ndim(); i-- > 0;)
  {
    const auto n = static_cast<std::int64_t>(a.shape(i));
    if (n != 1 && a.stride(i) != expected)
      return false;
    expected *= n;
  }
  return true;
}

Framework
default_framework()
{
  return torch_tensor_type() ? Framework::Torch : Framework::NumPy;
}

Framework
parse_framework(nb::handle name)
{
  if (name.is_none())
    return default_framework();
  const auto s = nb::cast<std::string>(name);
  if (s == "numpy")
    return Framework::NumPy;
  if (s == "torch" || s == "pytorch")
  {
    if (!torch_tensor_type())
      nb::module_::import_("torch");
    if (!torch_tensor_type())
      throw ValueError("framework 'torch' was asked for, but torch could not be imported");
    return Framework::Torch;
  }
  throw ValueError(fmt::format("unknown array framework '{}': use 'numpy' or 'torch'", s));
}

Tensor
to_tensor(nb::handle obj, const Shape & base, const What & what, CallFrame & frame, bool writable)
{
  // Python numbers: one value (copied; they are immutable anyway).
  if (PyFloat_Check(obj.ptr()) || (PyLong_Check(obj.ptr()) && !PyBool_Check(obj.ptr())))
  {
    if (!base.empty())
      throw ValueError(fmt::format("{} must be an array whose trailing dims are {}, got the number {}", what.str(),
                                   shape_str(base), nb::cast<std::string>(nb::str(obj))));
    const double v = PyFloat_AsDouble(obj.ptr());
    if (PyErr_Occurred())
      throw nb::python_error();
    return Tensor::full({}, {}, v);
  }

  nb::object o = nb::borrow(obj);
  // A neml2.types wrapper: its array.
  if (is_instance(o, typed_tensor_type()))
    o = o.attr("data");
  const bool torch = is_instance(o, torch_tensor_type());
  nb::object src = o; // what DLPack is taken from
  if (torch)
  {
    frame.torch = true;
    if (nb::cast<bool>(o.attr("requires_grad")))
      o = src = o.attr("detach")(); // a view, not a copy: DLPack refuses tensors that require grad
    if (g_torch_to_dlpack)
    {
      PyObject * cap = PyObject_CallOneArg(g_torch_to_dlpack, o.ptr());
      if (cap)
        src = nb::steal(cap);
      else
        PyErr_Clear(); // fall back to Tensor.__dlpack__
    }
  }
  else if (!is_instance(o, numpy_ndarray_type()) && !nb::hasattr(o, "__dlpack__") && nb::hasattr(o, "data"))
  {
    // Anything else that carries its array as `.data`.
    return to_tensor(o.attr("data"), base, what, frame, writable);
  }

  nb::ndarray<nb::ro> a;
  if (writable)
  {
    // A writable import refuses read-only memory (versioned DLPack carries the flag).
    nb::ndarray<> w;
    if (nb::try_cast(src, w, false))
      a = nb::ndarray<nb::ro>(w);
    else if (nb::try_cast(src, a, false))
      throw ValueError(fmt::format("{} is read-only; pass a writable array", what.str()));
  }
  if (!a.is_valid() && !nb::try_cast(src, a, false))
    throw nb::type_error(fmt::format("{} must be a NumPy array, a torch tensor or a neml2.types wrapper, got an "
                                     "object of type '{}'",
                                     what.str(), nb::cast<std::string>(nb::type_name(o.type())))
                             .c_str());

  if (a.device_type() != nb::device::cpu::value)
    throw ValueError(fmt::format("{} lives on a device other than the CPU (DLPack device type {}); this build of "
                                 "neml2 evaluates on the CPU: move it there first (e.g. tensor.cpu())",
                                 what.str(), a.device_type()));
  Dtype dtype;
  if (a.dtype() == nb::dtype<double>())
    dtype = Dtype::Float64;
  else if (a.dtype() == nb::dtype<float>())
    dtype = Dtype::Float32;
  else
    throw ValueError(fmt::format("{} has {}; neml2 evaluates float64 or float32 arrays: convert it first (e.g. "
                                 "array.astype(numpy.float64) or tensor.double())",
                                 what.str(), dtype_text(a.dtype())));

  const std::size_t nb_ = base.size();
  bool base_ok = a.ndim() >= nb_;
  for (std::size_t i = 0; base_ok && i < nb_; ++i)
    base_ok = static_cast<std::int64_t>(a.shape(a.ndim() - nb_ + i)) == base[i];
  if (!base_ok)
    throw ValueError(fmt::format("{} must have trailing dims {} (batch dims first, then the base shape), got an array "
                                 "of shape {}",
                                 what.str(), shape_str(base), dims_str(a)));

  if (!c_contiguous(a))
  {
    // One copy into C order, through the array's own framework.
    nb::object c;
    if (torch)
      c = o.attr("contiguous")();
    else if (is_instance(o, numpy_ndarray_type()))
      c = o.attr("copy")(); // ndarray.copy() is C order
    else
      throw ValueError(fmt::format("{} is not C-contiguous; make it contiguous first", what.str()));
    if (!nb::try_cast(c, a, false) || !c_contiguous(a))
      throw ValueError(fmt::format("{} could not be made C-contiguous", what.str()));
  }

  Shape batch;
  for (std::size_t i = 0; i + nb_ < a.ndim(); ++i)
    batch.push_back(static_cast<std::int64_t>(a.shape(i)));
  void * data = const_cast<void *>(a.data());
  // The Tensor holds the DLPack handle (and so the Python array) for as long as it lives; releasing
  // it takes the GIL as needed (nanobind's ndarray handles that).
  auto keep = std::make_shared<nb::ndarray<nb::ro>>(std::move(a));
  return Tensor::from_blob(data, batch, base, dtype, std::move(keep));
}

nb::object
to_array(const Tensor & t, Framework fw)
{
  const Shape s = t.shape();
  std::vector<std::size_t> shape(s.begin(), s.end());
  const auto dt = t.dtype() == Dtype::Float64 ? nb::dtype<double>() : nb::dtype<float>();
  auto * keep = new Tensor(t);
  nb::capsule owner(keep, [](void * p) noexcept { delete static_cast<Tensor *>(p); });
  if (fw == Framework::Torch)
  {
    if (torch_tensor_type() && g_torch_from_dlpack)
    {
      // A bare DLPack capsule handed to torch._C._from_dlpack.
      nb::object cap =
          nb::cast(nb::ndarray<>(t.raw(), shape.size(), shape.data(), owner, nullptr, dt, nb::device::cpu::value),
                   nb::rv_policy::reference);
      PyObject * r = PyObject_CallOneArg(g_torch_from_dlpack, cap.ptr());
      if (!r)
        throw nb::python_error();
      return nb::steal(r);
    }
    return nb::cast(
        nb::ndarray<nb::pytorch>(t.raw(), shape.size(), shape.data(), owner, nullptr, dt, nb::device::cpu::value),
        nb::rv_policy::reference);
  }
  return nb::cast(
      nb::ndarray<nb::numpy>(t.raw(), shape.size(), shape.data(), owner, nullptr, dt, nb::device::cpu::value),
      nb::rv_policy::reference);
}
} // namespace neml2::python
