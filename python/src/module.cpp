// The native part of the `neml2` Python package (neml2._neml2): models loaded from input files,
// the compiled-model runtime binding, and the mapping of neml2's exceptions to Python ones.
// The Python layer (python/neml2/*.py) adds the typed wrappers and the call conventions.
#include <algorithm>
#include <array>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>
#include <nanobind/stl/filesystem.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/shared_ptr.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include "neml2/aoti_model/aoti_model.h"
#include "neml2/base/error.h"
#include "neml2/hit/error.h"
#include "neml2/models/model.h"
#include "neml2/runtime/aoti_model.h"

#include "arrays.h"
#include "device_arrays.h"
#include "drivers.h"
#include "expressions.h"
#include "failure_capture.h"
#include "neml2/tensors/thread_team.h"

namespace nb = nanobind;
using namespace nb::literals;

namespace neml2::python
{
namespace
{
PyObject * g_input_error = nullptr;
PyObject * g_compile_error = nullptr;
PyObject * g_solver_error = nullptr;
PyObject * g_error = nullptr;

/// (name, type name, base shape) of a variable, for the Python specs.
nb::tuple
spec_tuple(const std::string & name, TypeKind type, const Shape & base)
{
  nb::list shape;
  for (auto d : base)
    shape.append(d);
  return nb::make_tuple(name, std::string(type_name(type)), nb::tuple(shape));
}

/// The variables of one side of a call (inputs, tangents or outputs) in order, computed once per
/// model: names (also as Python strings, for allocation-free dict lookups) and base shapes.
struct Slots
{
  std::vector<std::string> names;
  std::vector<nb::object> keys;
  std::vector<Shape> bases;

  void add(const std::string & name, const Shape & base)
  {
    names.push_back(name);
    keys.push_back(nb::str(name.c_str()));
    bases.push_back(base);
  }
  std::size_t size() const { return names.size(); }
  /// The base shape of `name`; () for unknown names, so that the model reports them itself.
  const Shape & base(std::string_view name) const
  {
    static const Shape none;
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == name)
        return bases[i];
    return none;
  }
};

nb::dict
to_dict(const ValueMap & m, Framework fw)
{
  nb::dict d;
  for (const auto & [k, v] : m)
    d[nb::str(k.c_str())] = to_array(v, fw);
  return d;
}

nb::dict
to_dict(const DerivativeMap & m, Framework fw)
{
  nb::dict d;
  for (const auto & [k, row] : m)
    d[nb::str(k.c_str())] = to_dict(row, fw);
  return d;
}

/// Python dict name -> array-like into a ValueMap, each wrapped with its slot's base shape.
ValueMap
from_dict(nb::handle d, const Slots & slots, const char * what, CallFrame & frame)
{
  if (!PyDict_Check(d.ptr()))
    throw nb::type_error(fmt::format("{}s must be a dict of name -> array, got '{}'", what,
                                     nb::cast<std::string>(nb::type_name(d.type())))
                             .c_str());
  ValueMap m;
  PyObject *k, *v;
  Py_ssize_t pos = 0;
  while (PyDict_Next(d.ptr(), &pos, &k, &v))
  {
    auto name = nb::cast<std::string>(nb::handle(k));
    auto t = to_tensor(v, slots.base(name), What{what, name}, frame);
    m.emplace(std::move(name), std::move(t));
  }
  return m;
}

// ---- the compiled runtime binding -------------------------------------------------------------

/// neml2.aoti.Model: a runtime binding built from an artifact folder, or the one inside an
/// AOTIModel (which it then keeps alive).
struct RuntimeHandle
{
  std::shared_ptr<void> owner;
  aoti::Model * rt = nullptr;
  /// The AOTIModel that owns `rt` (null for a runtime loaded on its own): it keeps the parameter
  /// values its calls use, so set_parameter must replace them there too.
  Model * model = nullptr;
  Slots inputs, tangents, outputs;

  RuntimeHandle(std::shared_ptr<void> owner_, aoti::Model & runtime)
    : owner(std::move(owner_)),
      rt(&runtime)
  {
    const auto * fwd = rt->metadata().entry("forward");
    const auto * jvp = rt->metadata().entry("jvp");
    for (const auto & v : rt->inputs())
    {
      Shape base = base_shape(v.type);
      if (fwd)
        for (const auto & a : fwd->arguments)
          if (a.kind == "variable" && a.name == v.name)
            base = a.base_shape;
      inputs.add(v.name, base);
    }
    if (jvp)
      for (const auto & a : jvp->arguments)
        if (a.kind == "tangent")
          tangents.add(a.name, a.base_shape);
    for (std::size_t i = 0; i < rt->outputs().size(); ++i)
    {
      const auto & v = rt->outputs()[i];
      outputs.add(v.name, fwd && i < fwd->outputs.size() ? fwd->outputs[i].base_shape : base_shape(v.type));
    }
  }
  aoti::Model & operator*() const { return *rt; }
  aoti::Model * operator->() const { return rt; }
};

/// The argument `i` of forward_into: from a dict by name, or a list/tuple in order.
nb::handle
buffer_arg(nb::handle c, const Slots & s, std::size_t i, const char * what)
{
  PyObject * v = nullptr;
  if (PyDict_Check(c.ptr()))
  {
    v = PyDict_GetItemWithError(c.ptr(), s.keys[i].ptr());
    if (!v && PyErr_Occurred())
      throw nb::python_error();
    if (!v)
      throw ValueError(fmt::format("forward_into(): {} '{}' is missing", what, s.names[i]));
  }
  else
    v = PySequence_Fast_GET_ITEM(c.ptr(), static_cast<Py_ssize_t>(i));
  return v;
}

void
check_buffer_args(nb::handle c, const Slots & s, const char * what, const std::string & model)
{
  if (PyDict_Check(c.ptr()))
  {
    if (static_cast<std::size_t>(PyDict_Size(c.ptr())) == s.size())
      return; // every name is looked up below, so no unknown key can hide
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    while (PyDict_Next(c.ptr(), &pos, &k, &v))
    {
      auto n = nb::cast<std::string>(nb::handle(k));
      if (std::find(s.names.begin(), s.names.end(), n) == s.names.end())
        throw ValueError(fmt::format("forward_into(): compiled model '{}' has no {} '{}'; its {}s are: {}", model, what,
                                     n, what, fmt::join(s.names, ", ")));
    }
    return;
  }
  if (!PyList_Check(c.ptr()) && !PyTuple_Check(c.ptr()))
    throw nb::type_error(fmt::format("forward_into(): {}s must be a dict by name or a list in order", what).c_str());
  if (static_cast<std::size_t>(PySequence_Fast_GET_SIZE(c.ptr())) != s.size())
    throw ValueError(fmt::format("forward_into(): expected {} {}(s) ({}), got {}", s.size(), what,
                                 fmt::join(s.names, ", "), PySequence_Fast_GET_SIZE(c.ptr())));
}

/// forward_into from Python: every input and output a C-contiguous CPU array of the artifact's
/// dtype; outputs are written in place (no allocation of results).
void
forward_into(const RuntimeHandle & h, nb::handle inputs, nb::handle outputs)
{
  const aoti::Model & m = *h;
  if (m.device() != "cpu") // the arrays below are host memory; the CUDA entry takes device pointers
    throw ValueError(fmt::format("forward_into() from Python takes CPU arrays; compiled model '{}' runs on '{}': "
                                 "use forward() (it copies to and from the GPU)",
                                 m.name(), m.device()));
  check_buffer_args(inputs, h.inputs, "input", m.name());
  check_buffer_args(outputs, h.outputs, "output", m.name());
  constexpr std::size_t max_slots = 32;
  if (h.inputs.size() > max_slots || h.outputs.size() > max_slots)
    throw ValueError(fmt::format("forward_into() supports at most {} inputs and outputs", max_slots));

  CallFrame frame;
  std::array<Tensor, max_slots> outs, ins;
  std::array<const void *, max_slots> args{};
  std::array<std::int64_t, max_slots> strides{};
  std::array<void *, max_slots> out_ptrs{};
  std::int64_t n = -1;
  for (std::size_t i = 0; i < h.outputs.size(); ++i)
  {
    auto & t = outs[i];
    t = to_tensor(buffer_arg(outputs, h.outputs, i, "output"), h.outputs.bases[i], What{"output", h.outputs.names[i]},
                  frame, true);
    if (t.dtype() != m.dtype())
      throw ValueError(
          fmt::format("forward_into(): output '{}' must be {}", h.outputs.names[i], dtype_name(m.dtype())));
    if (n >= 0 && t.batch_numel() != n)
      throw ValueError(fmt::format("forward_into(): every output must have the same number of points ({}), '{}' has {}",
                                   n, h.outputs.names[i], t.batch_numel()));
    n = t.batch_numel();
    out_ptrs[i] = t.raw();
  }
  if (n < 0)
    n = 0;
  for (std::size_t i = 0; i < h.inputs.size(); ++i)
  {
    auto & t = ins[i];
    t = to_tensor(buffer_arg(inputs, h.inputs, i, "input"), h.inputs.bases[i], What{"input", h.inputs.names[i]}, frame);
    if (t.dtype() != m.dtype())
      throw ValueError(fmt::format("forward_into(): input '{}' is {}, but compiled model '{}' was compiled for {}",
                                   h.inputs.names[i], dtype_name(t.dtype()), m.name(), dtype_name(m.dtype())));
    if (t.batch_numel() != 1 && t.batch_numel() != n)
      throw ValueError(
          fmt::format("forward_into(): input '{}' has {} points, the outputs have {} (give one value or one "
                      "per point)",
                      h.inputs.names[i], t.batch_numel(), n));
    args[i] = t.raw();
    strides[i] = t.batch_numel() == 1 && n != 1 ? 0 : 1;
  }
  nb::gil_scoped_release release;
  m.forward_into(n, args.data(), strides.data(), out_ptrs.data());
}

/// A loaded model (eager or AOTIModel) as the Python module sees it.
struct ModelHandle
{
  std::shared_ptr<Model> model;
  AOTIModel * compiled = nullptr;
  Slots inputs;
  std::shared_ptr<RuntimeHandle> runtime; ///< AOTIModel only

  ParameterSpec * find_parameter(const std::string & qualified) const
  {
    for (auto & [q, p] : model->named_parameters())
      if (q == qualified)
        return p;
    return nullptr;
  }
};

ModelHandle
handle_for(std::shared_ptr<Model> model)
{
  ModelHandle h;
  h.model = std::move(model);
  h.compiled = dynamic_cast<AOTIModel *>(h.model.get());
  for (const auto & v : h.model->input_spec())
    h.inputs.add(v.name, v.shape());
  if (h.compiled)
  {
    h.runtime = std::make_shared<RuntimeHandle>(h.model, h.compiled->runtime());
    h.runtime->model = h.model.get();
  }
  return h;
}

void
translate(const std::exception_ptr & p, void *)
{
  try
  {
    std::rethrow_exception(p);
  }
  catch (const SizeError & e)
  {
    PyErr_SetString(PyExc_MemoryError, e.what()); // as NumPy does for an array too large to allocate
  }
  catch (const ValueError & e)
  {
    PyErr_SetString(PyExc_ValueError, e.what());
  }
  catch (const InputError & e)
  {
    PyErr_SetString(g_input_error, e.what());
  }
  catch (const hit::Error & e)
  {
    PyErr_SetString(g_input_error, e.what());
  }
  catch (const CompileError & e)
  {
    PyErr_SetString(g_compile_error, e.what());
  }
  catch (const SolverError & e)
  {
    PyErr_SetString(g_solver_error, e.what());
  }
  catch (const Error & e)
  {
    PyErr_SetString(g_error, e.what());
  }
  catch (const std::logic_error & e)
  {
    PyErr_SetString(PyExc_RuntimeError, e.what());
  }
}

PyObject *
new_exception(nb::module_ & m, const char * name, PyObject * base, const char * doc)
{
  PyObject * e = PyErr_NewExceptionWithDoc(fmt::format("neml2.{}", name).c_str(), doc, base, nullptr);
  if (!e)
    throw nb::python_error();
  m.attr(name) = nb::handle(e);
  return e;
}
} // namespace
} // namespace neml2::python

NB_MODULE(_neml2, m)
{
  using namespace neml2;
  using namespace neml2::python;

  m.doc() = "Native bindings of neml2 (use the `neml2` package, not this module).";

  g_error = new_exception(m, "Error", PyExc_RuntimeError, "An error neml2 reported (base of the others).");
  g_input_error = new_exception(m, "InputError", PyExc_ValueError,
                                "A problem in an input file; the message starts with file:line:col.");
  g_compile_error = new_exception(m, "CompileError", g_error,
                                  "neml2-compile could not produce an artifact, or an artifact could not be loaded.");
  g_solver_error = new_exception(m, "SolverError", g_error, "A nonlinear solve did not converge.");
  nb::register_exception_translator(translate);
  bind_expressions_and_tools(m);
  bind_failure_capture(m);

  m.def("set_num_threads", &set_num_threads, nb::arg("n"),
        "Threads for large batches (eager and compiled CPU calls): 1 to 4096, or 0 for the default "
        "($NEML2_NUM_THREADS, else $OMP_NUM_THREADS, else the CPUs this process may use).");
  m.def("get_num_threads", &num_threads, "The threads large batches are spread over (see set_num_threads).");
  m.def("default_framework", [] { return default_framework() == Framework::Torch ? "torch" : "numpy"; });
  m.def(
      "tensor_info",
      [](nb::handle obj) {
        // (data pointer, batch shape, dtype) of the Tensor an array is wrapped as; for tests.
        CallFrame f;
        auto t = to_tensor(obj, {}, What{"array"}, f);
        return nb::make_tuple(reinterpret_cast<std::uintptr_t>(t.raw()), std::string(dtype_name(t.dtype())));
      },
      "obj"_a);

  // ---- models from input files ----------------------------------------------------------------
  nb::class_<ModelHandle>(m, "Model", "A model loaded from an input file (eager, or AOTIModel for a stub).")
      .def_prop_ro("name", [](const ModelHandle & h) { return h.model->name(); })
      .def_prop_ro("type", [](const ModelHandle & h) { return h.model->type(); })
      .def_prop_ro("is_compiled", [](const ModelHandle & h) { return h.compiled != nullptr; })
      .def_prop_ro("input_spec",
                   [](const ModelHandle & h) {
                     nb::list l;
                     for (const auto & v : h.model->input_spec())
                       l.append(spec_tuple(v.name, v.type, v.shape()));
                     return l;
                   })
      .def_prop_ro("output_spec",
                   [](const ModelHandle & h) {
                     nb::list l;
                     for (const auto & v : h.model->output_spec())
                       l.append(spec_tuple(v.name, v.type, v.shape()));
                     return l;
                   })
      .def(
          "value",
          [](const ModelHandle & h, nb::handle inputs) {
            CallFrame f;
            auto in = from_dict(inputs, h.inputs, "input", f);
            ValueMap out;
            {
              nb::gil_scoped_release r;
              out = h.model->value(in);
            }
            return to_dict(out, f.framework());
          },
          "inputs"_a)
      .def(
          "jvp",
          [](const ModelHandle & h, nb::handle inputs, nb::handle tangents) {
            CallFrame f;
            auto in = from_dict(inputs, h.inputs, "input", f);
            auto tan = from_dict(tangents, h.inputs, "tangent", f);
            std::pair<ValueMap, ValueMap> out;
            {
              nb::gil_scoped_release r;
              out = h.model->jvp(in, tan);
            }
            return nb::make_tuple(to_dict(out.first, f.framework()), to_dict(out.second, f.framework()));
          },
          "inputs"_a, "tangents"_a)
      .def(
          "jacobian",
          [](const ModelHandle & h, nb::handle inputs) {
            CallFrame f;
            auto in = from_dict(inputs, h.inputs, "input", f);
            std::pair<ValueMap, DerivativeMap> out;
            {
              nb::gil_scoped_release r;
              out = h.model->jacobian(in);
            }
            return nb::make_tuple(to_dict(out.first, f.framework()), to_dict(out.second, f.framework()));
          },
          "inputs"_a)
      .def(
          "parameter_jacobian",
          [](const ModelHandle & h, nb::handle inputs, const std::vector<std::string> & parameters, bool with_inputs) {
            CallFrame f;
            auto in = from_dict(inputs, h.inputs, "input", f);
            std::pair<ValueMap, DerivativeMap> out;
            {
              nb::gil_scoped_release r;
              out = h.model->parameter_jacobian(in, parameters, with_inputs);
            }
            return nb::make_tuple(to_dict(out.first, f.framework()), to_dict(out.second, f.framework()));
          },
          "inputs"_a, "parameters"_a, "with_inputs"_a = false,
          "(outputs, J[output][parameter]) for the named parameters (qualified or unique bare names); with_inputs: "
          "also J[output][input], from the same evaluation.")
      .def(
          "parameter_spec",
          [](const ModelHandle & h) {
            nb::list l;
            for (const auto & [q, p] : h.model->named_parameters())
              l.append(spec_tuple(q, p->type, p->shape()));
            return l;
          },
          "(qualified name, type, base shape) of every parameter, in order.")
      .def(
          "named_parameters",
          [](const ModelHandle & h, nb::handle framework) {
            const auto fw = parse_framework(framework);
            nb::dict d;
            for (const auto & [q, p] : h.model->named_parameters())
              d[nb::str(q.c_str())] = to_array(p->value, fw);
            return d;
          },
          "framework"_a = nb::none(),
          "Every parameter by qualified name, as arrays that alias the model's storage (in-place edits are "
          "seen by the next call).")
      .def("resolve_parameter",
           [](const ModelHandle & h, const std::string & n) { return h.model->resolve_parameter(n); })
      .def(
          "parameter",
          [](const ModelHandle & h, const std::string & name, nb::handle framework) {
            return to_array(h.model->parameter(name), parse_framework(framework));
          },
          "name"_a, "framework"_a = nb::none())
      .def(
          "set_parameter",
          [](const ModelHandle & h, const std::string & name, nb::handle value) {
            const auto q = h.model->resolve_parameter(name);
            const auto * p = h.find_parameter(q);
            CallFrame f;
            // Copied: the model keeps the value beyond this call.
            auto t = to_tensor(value, p ? p->shape() : Shape{}, What{"parameter", q}, f).clone();
            h.model->set_parameter(q, t);
            if (h.compiled) // keep the runtime binding's view of the parameters in step
              h.compiled->runtime().set_parameter(q, h.find_parameter(q)->value);
          },
          "name"_a, "value"_a, "Replaces a parameter's value (copied).")
      .def_prop_ro(
          "runtime", [](const ModelHandle & h) { return h.runtime; },
          "The compiled runtime binding, neml2.aoti.Model (AOTIModel only), else None.");

  m.def(
      "load_model",
      [](const std::string & file, const std::string & name, const std::vector<std::string> & overrides) {
        return handle_for(load_model(file, name, overrides));
      },
      "file"_a, "name"_a, "overrides"_a = std::vector<std::string>{},
      "Loads model `name` from an input file (eager models and compiled stubs alike).");

  bind_drivers(m, [](std::shared_ptr<Model> model) { return nb::cast(handle_for(std::move(model))); });

  // ---- the compiled runtime binding -------------------------------------------------------------
  auto aoti_m = m.def_submodule("aoti", "The compiled-model runtime binding.");
  nb::class_<RuntimeHandle>(aoti_m, "Model",
                            "A compiled artifact loaded by the C++ runtime: forward, jvp, jacobian and the promoted "
                            "parameters. Arrays go in and come back without copies, in the caller's framework.")
      .def(
          "__init__",
          [](RuntimeHandle * self, const std::filesystem::path & dir, const std::string & device) {
            auto rt = std::make_shared<aoti::Model>(dir.string(), device);
            auto & ref = *rt;
            new (self) RuntimeHandle(std::move(rt), ref);
          },
          "artifact_dir"_a, "device"_a = "cpu")
      .def_prop_ro("name", [](const RuntimeHandle & h) { return h->name(); })
      .def_prop_ro("directory", [](const RuntimeHandle & h) { return h->directory(); })
      .def_prop_ro("device", [](const RuntimeHandle & h) { return h->device(); })
      .def_prop_ro("dtype", [](const RuntimeHandle & h) { return std::string(dtype_name(h->dtype())); })
      .def_prop_ro("input_names", [](const RuntimeHandle & h) { return h.inputs.names; })
      .def_prop_ro("output_names", [](const RuntimeHandle & h) { return h.outputs.names; })
      .def_prop_ro("inputs",
                   [](const RuntimeHandle & h) {
                     nb::list l;
                     for (std::size_t i = 0; i < h.inputs.size(); ++i)
                       l.append(spec_tuple(h.inputs.names[i], h->inputs()[i].type, h.inputs.bases[i]));
                     return l;
                   })
      .def_prop_ro("outputs",
                   [](const RuntimeHandle & h) {
                     nb::list l;
                     for (std::size_t i = 0; i < h.outputs.size(); ++i)
                       l.append(spec_tuple(h.outputs.names[i], h->outputs()[i].type, h.outputs.bases[i]));
                     return l;
                   })
      .def_prop_ro("derivatives",
                   [](const RuntimeHandle & h) {
                     nb::list l;
                     for (const auto & d : h->derivatives())
                       l.append(nb::make_tuple(d.output, d.input));
                     return l;
                   })
      .def_prop_ro("has_derivatives", [](const RuntimeHandle & h) { return h->has_derivatives(); })
      .def(
          "forward",
          [](const RuntimeHandle & h, nb::handle inputs) {
            // A CUDA model given CUDA arrays: zero-copy on the GPU (CPU arrays are copied there).
            if (h->device() == "cuda" && has_cuda_array(inputs))
              return forward_on_device(*h, {h.inputs.names, h.inputs.bases}, {h.outputs.names, h.outputs.bases},
                                       inputs);
            CallFrame f;
            auto in = from_dict(inputs, h.inputs, "input", f);
            ValueMap out;
            {
              nb::gil_scoped_release g;
              out = h->forward(in);
            }
            return to_dict(out, f.framework());
          },
          "inputs"_a,
          "The outputs for `inputs` (a dict name -> array), as a dict name -> array. A CUDA model takes CPU arrays "
          "(copied to the GPU and back) or CUDA arrays (zero-copy, results as torch tensors on that GPU, queued on "
          "its current torch stream).")
      .def(
          "jvp",
          [](const RuntimeHandle & h, nb::handle inputs, nb::handle tangents) {
            CallFrame f;
            auto in = from_dict(inputs, h.inputs, "input", f);
            auto tan = from_dict(tangents, h.tangents.size() ? h.tangents : h.inputs, "tangent", f);
            std::pair<ValueMap, ValueMap> out;
            {
              nb::gil_scoped_release g;
              out = h->jvp(in, tan);
            }
            return nb::make_tuple(to_dict(out.first, f.framework()), to_dict(out.second, f.framework()));
          },
          "inputs"_a, "tangents"_a, "(outputs, J·v) as two dicts; a missing tangent counts as zero.")
      .def(
          "jacobian",
          [](const RuntimeHandle & h, nb::handle inputs) {
            CallFrame f;
            auto in = from_dict(inputs, h.inputs, "input", f);
            std::pair<ValueMap, DerivativeMap> out;
            {
              nb::gil_scoped_release g;
              out = h->jacobian(in);
            }
            return nb::make_tuple(to_dict(out.first, f.framework()), to_dict(out.second, f.framework()));
          },
          "inputs"_a, "(outputs, J) with J[output][input] shaped (*batch, *output_base, *input_base).")
      .def(
          "named_parameters",
          [](const RuntimeHandle & h, nb::handle framework) {
            const auto fw = parse_framework(framework);
            nb::dict d;
            for (const auto & [q, t] : h->named_parameters())
              d[nb::str(q.c_str())] = to_array(t, fw);
            return d;
          },
          "framework"_a = nb::none(),
          "The promoted parameters by qualified name, as arrays aliasing the runtime's storage: editing one in "
          "place changes the next call. torch tensors when torch has been imported, else NumPy arrays.")
      .def(
          "set_parameter",
          [](const RuntimeHandle & h, const std::string & name, nb::handle value) {
            CallFrame f;
            Shape base;
            for (const auto & p : h->metadata().parameters)
              if (p.name == name || p.name.ends_with("." + name))
                base = p.base_shape;
            const auto t = to_tensor(value, base, What{"parameter", name}, f).clone();
            h->set_parameter(name, t);
            if (h.model) // the owning AOTIModel's calls read its own parameters: keep them in step
            {
              const auto q = h.model->resolve_parameter(name);
              h.model->set_parameter(q, h->named_parameters().at(q));
            }
          },
          "name"_a, "value"_a, "Replaces a promoted parameter's value (copied).")
      .def("forward_into", &forward_into, "inputs"_a, "outputs"_a,
           "Evaluates into caller-owned output arrays (dict by name or list in output order), allocating nothing. "
           "Inputs and outputs must be C-contiguous arrays of the artifact's dtype; each input has one value or "
           "one per point.")
      .def("__repr__", [](const RuntimeHandle & h) {
        return fmt::format("neml2.aoti.Model('{}', device='{}')", h->directory(), h->device());
      });
}
