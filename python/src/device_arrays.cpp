// CUDA arrays through DLPack into a compiled CUDA model's device-pointer entry.
#include "device_arrays.h"

#include <algorithm>
#include <cstdint>
#include <optional>

#include <fmt/format.h>
#include <nanobind/ndarray.h>

#include "neml2/base/error.h"
#include "neml2/tensors/types.h"

#include "arrays.h"

namespace neml2::python
{
namespace
{
// DLPack's DLDeviceType codes for GPU memory.
constexpr int dl_cuda = 2, dl_cuda_managed = 13;

/// The value of a Python integer or of anything with __index__ (an IntEnum, a NumPy integer),
/// or nullopt. Through the C API: nanobind's int caster accepts only some of these, depending on
/// its version, and reports the others as a bare std::bad_cast.
std::optional<long long>
python_integer(PyObject * o)
{
  PyObject * index = PyNumber_Index(o);
  if (!index)
  {
    PyErr_Clear();
    return std::nullopt;
  }
  const long long v = PyLong_AsLongLong(index);
  Py_DECREF(index);
  if (v == -1 && PyErr_Occurred())
  {
    PyErr_Clear();
    return std::nullopt;
  }
  return v;
}

/// A device address that torch hands out as a Python integer (data_ptr(), cuda_stream).
std::uintptr_t
device_address(const nb::object & o, const char * what)
{
  const auto v = python_integer(o.ptr());
  if (!v)
    throw ValueError(fmt::format("torch returned a {} that is not an integer", what));
  return static_cast<std::uintptr_t>(*v);
}

/// NumPy's broadcast of two batch shapes, or nullopt when they do not broadcast.
std::optional<Shape>
broadcast(const Shape & a, const Shape & b)
{
  Shape out(std::max(a.size(), b.size()), 1);
  for (std::size_t k = 0; k < out.size(); ++k)
  {
    const auto x = k < a.size() ? a[a.size() - 1 - k] : 1, y = k < b.size() ? b[b.size() - 1 - k] : 1;
    if (x != y && x != 1 && y != 1)
      return std::nullopt;
    out[out.size() - 1 - k] = x == 1 ? y : x;
  }
  return out;
}

/// `s` with leading 1s removed, so (1, 5) and (5) compare equal.
Shape
squeezed(Shape s)
{
  while (!s.empty() && s.front() == 1)
    s.erase(s.begin());
  return s;
}
} // namespace

bool
is_cuda_array(nb::handle obj)
{
  if (!nb::hasattr(obj, "__dlpack_device__"))
    return false;
  try
  {
    const nb::object dev = obj.attr("__dlpack_device__")();
    if (!PyTuple_Check(dev.ptr()) || PyTuple_GET_SIZE(dev.ptr()) < 1)
      return false;
    // The device type is an IntEnum in recent torch releases and a plain int elsewhere.
    const auto type = python_integer(PyTuple_GET_ITEM(dev.ptr(), 0));
    return type && (*type == dl_cuda || *type == dl_cuda_managed);
  }
  catch (const nb::python_error &)
  {
    return false; // not a DLPack exporter after all: the CPU path reports it
  }
}

bool
has_cuda_array(nb::handle inputs)
{
  if (!PyDict_Check(inputs.ptr()))
    return false;
  PyObject *k, *v;
  Py_ssize_t pos = 0;
  while (PyDict_Next(inputs.ptr(), &pos, &k, &v))
    if (is_cuda_array(v))
      return true;
  return false;
}

nb::dict
forward_on_device(const aoti::Model & m, const DeviceSlots & in, const DeviceSlots & out, nb::handle inputs)
{
  if (m.device() != "cuda")
    throw ValueError(fmt::format("compiled model '{}' runs on '{}' and takes CPU arrays; got CUDA arrays: move them "
                                 "to the CPU (.cpu()) or load the model's cuda build (device='cuda')",
                                 m.name(), m.device()));
  const nb::dict d = nb::borrow<nb::dict>(inputs);
  for (auto [k, v] : d)
  {
    if (!PyUnicode_Check(k.ptr()))
      throw ValueError(fmt::format("compiled model '{}' takes a dict keyed by input names (str); got a key of type {}",
                                   m.name(), nb::type_name(k.type()).c_str()));
    const auto key = nb::cast<std::string>(k);
    if (std::find(in.names.begin(), in.names.end(), key) == in.names.end())
      throw ValueError(fmt::format("compiled model '{}' has no input '{}'; its inputs are: {}", m.name(), key,
                                   fmt::join(in.names, ", ")));
  }

  const bool f64 = m.dtype() == Dtype::Float64;
  std::vector<nb::ndarray<nb::ro>> arrays;
  std::vector<Shape> batches;
  int device_id = -1;
  Shape batch;
  for (std::size_t i = 0; i < in.names.size(); ++i)
  {
    const auto & name = in.names[i];
    const auto & base = in.bases[i];
    if (!d.contains(name.c_str()))
      throw ValueError(fmt::format("input '{}' of compiled model '{}' is missing", name, m.name()));
    nb::handle obj = d[name.c_str()];
    if (!is_cuda_array(obj))
      throw ValueError(fmt::format("input '{}' is not a CUDA array, but other inputs are: give every input on the same "
                                   "GPU (or every input on the CPU, which copies)",
                                   name));
    nb::ndarray<nb::ro> a;
    if (!nb::try_cast(obj, a))
      throw ValueError(fmt::format("input '{}' could not be read through DLPack", name));
    if (device_id >= 0 && a.device_id() != device_id)
      throw ValueError(fmt::format("input '{}' is on cuda:{}, the others on cuda:{}: give every input on one GPU", name,
                                   a.device_id(), device_id));
    device_id = a.device_id();
    if (a.dtype() != (f64 ? nb::dtype<double>() : nb::dtype<float>()))
      throw ValueError(fmt::format("input '{}' must be {} (compiled model '{}' was compiled for {})", name,
                                   dtype_name(m.dtype()), m.name(), dtype_name(m.dtype())));
    if (a.ndim() < base.size())
      throw ValueError(
          fmt::format("input '{}' has shape {}, expected (*batch, {})", name, dims_str(a), fmt::join(base, ", ")));
    Shape b;
    for (std::size_t k = 0; k < a.ndim(); ++k)
    {
      const auto n = static_cast<std::int64_t>(a.shape(k));
      if (k < a.ndim() - base.size())
        b.push_back(n);
      else if (n != base[k - (a.ndim() - base.size())])
        throw ValueError(
            fmt::format("input '{}' has shape {}, expected (*batch, {})", name, dims_str(a), fmt::join(base, ", ")));
    }
    if (!c_contiguous(a))
      throw ValueError(
          fmt::format("input '{}' is not C-contiguous; GPU arrays are not copied: pass .contiguous()", name));
    const auto bb = broadcast(batch, b);
    if (!bb)
      throw ValueError(fmt::format("input '{}' has batch shape {}, which does not broadcast with {}", name,
                                   shape_str(b), shape_str(batch)));
    batch = *bb;
    batches.push_back(std::move(b));
    arrays.push_back(std::move(a));
  }

  const std::int64_t n = numel(batch);
  std::vector<const void *> args;
  std::vector<std::int64_t> strides;
  for (std::size_t i = 0; i < arrays.size(); ++i)
  {
    const auto points = numel(batches[i]);
    if (points != 1 && squeezed(batches[i]) != squeezed(batch))
      throw ValueError(fmt::format("input '{}' has batch shape {} and the batch is {}: on the GPU an input gives one "
                                   "value or one per point (expand it and call .contiguous() first)",
                                   in.names[i], shape_str(batches[i]), shape_str(batch)));
    args.push_back(arrays[i].data());
    strides.push_back(points == 1 && n != 1 ? 0 : 1);
  }

  // The results: torch tensors on the inputs' GPU, written in place by the kernel.
  const nb::module_ torch = nb::module_::import_("torch");
  const nb::object device = torch.attr("device")("cuda", device_id);
  const nb::object dtype = torch.attr(f64 ? "float64" : "float32");
  nb::dict result;
  std::vector<void *> outs;
  for (std::size_t j = 0; j < out.names.size(); ++j)
  {
    nb::list shape;
    for (auto s : batch)
      shape.append(s);
    for (auto s : out.bases[j])
      shape.append(s);
    nb::object t = torch.attr("empty")(nb::tuple(shape), nb::arg("dtype") = dtype, nb::arg("device") = device);
    outs.push_back(reinterpret_cast<void *>(device_address(t.attr("data_ptr")(), "data_ptr()")));
    result[out.names[j].c_str()] = t;
  }
  const auto stream =
      device_address(torch.attr("cuda").attr("current_stream")(device).attr("cuda_stream"), "cuda_stream");
  if (n > 0)
  {
    nb::gil_scoped_release release;
    m.forward_into(n, args.data(), strides.data(), outs.data(), reinterpret_cast<void *>(stream));
  }
  return result;
}
} // namespace neml2::python
