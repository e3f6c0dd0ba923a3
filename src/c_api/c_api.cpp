// The C interface (include/neml2/c_api.h) over neml2::aoti::Model: every C++ exception becomes a
// status code and a per-thread message, so nothing unwinds through a C or Fortran caller.
#include "neml2/c_api.h"

#include <algorithm>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "neml2/base/error.h"
#include "neml2/base/qualified_name.h"
#include "neml2/runtime/aoti_model.h"
#include "neml2/tensors/solve_report.h"

struct neml2_model
{
  explicit neml2_model(const std::string & dir, const std::string & device)
    : model(dir, device)
  {
    // The slots as the kernels see them (a per-point sub-batch counts in the size).
    const auto & forward = *model.metadata().entry("forward");
    for (const auto & a : forward.arguments)
      (a.kind == "variable" ? inputs : parameters).push_back({a.name, "", a.ncomp()});
    for (const auto & o : forward.outputs)
      outputs.push_back({o.name, "", o.ncomp()});
    if (const auto * e = model.metadata().entry("jacobian"))
      for (const auto & o : e->outputs)
        jacobian.push_back({o.name, o.kind == "value" ? "" : o.wrt, o.ncomp()});
  }

  struct Slot
  {
    std::string name, wrt;
    std::int64_t size;
  };

  const std::vector<Slot> * slots(neml2_slot kind) const
  {
    switch (kind)
    {
      case NEML2_INPUT:
        return &inputs;
      case NEML2_OUTPUT:
        return &outputs;
      case NEML2_PARAMETER:
        return &parameters;
      case NEML2_JACOBIAN:
        return &jacobian;
    }
    return nullptr;
  }

  neml2::aoti::Model model;
  std::vector<Slot> inputs, outputs, parameters, jacobian;
};

namespace
{
thread_local std::string last_error;

int
fail(int status, std::string message)
{
  last_error = std::move(message);
  return status;
}

/// Runs `body`, turning exceptions into a status and the thread's last error.
template <typename F>
int
guarded(const char * function, F && body)
{
  try
  {
    return body();
  }
  catch (const neml2::CompileError & e)
  {
    const bool no_derivatives = std::strstr(e.what(), "needs derivatives") != nullptr;
    return fail(no_derivatives ? NEML2_ERROR_NO_DERIVATIVES : NEML2_ERROR_ARTIFACT,
                fmt::format("{}: {}", function, e.what()));
  }
  catch (const neml2::DeviceError & e)
  {
    return fail(NEML2_ERROR_DEVICE, fmt::format("{}: {}", function, e.what()));
  }
  catch (const neml2::ValueError & e)
  {
    return fail(NEML2_ERROR_ARGUMENT, fmt::format("{}: {}", function, e.what()));
  }
  catch (const std::bad_alloc &)
  {
    return fail(NEML2_ERROR_INTERNAL, fmt::format("{}: out of memory", function));
  }
  catch (const std::exception & e)
  {
    return fail(NEML2_ERROR_INTERNAL, fmt::format("{}: {}", function, e.what()));
  }
  catch (...)
  {
    return fail(NEML2_ERROR_INTERNAL, fmt::format("{}: an unknown exception", function));
  }
}

int
null_model(const char * function)
{
  return fail(NEML2_ERROR_ARGUMENT, fmt::format("{}: the model is NULL (load one with neml2_model_load)", function));
}

/// The promoted parameter a (bare or qualified) name refers to, by the runtime's rule; null with
/// the error set when there is none or several.
const neml2_model::Slot *
find_parameter(const char * function, const neml2_model & m, const std::string & name)
{
  std::vector<std::string> all;
  for (const auto & p : m.parameters)
    all.push_back(p.name);
  const auto match = neml2::match_qualified_name(name, all);
  if (match.index)
    return &m.parameters[*match.index];
  if (!match.ambiguous.empty())
    fail(NEML2_ERROR_NAME, fmt::format("{}: parameter name '{}' of model '{}' is ambiguous; use one of: {}", function,
                                       name, m.model.name(), fmt::join(match.ambiguous, ", ")));
  else
    fail(NEML2_ERROR_NAME,
         fmt::format("{}: model '{}' has no promoted parameter '{}'; promoted: {} (parameters are "
                     "baked unless promoted at compile time with -p NAME)",
                     function, m.model.name(), name, all.empty() ? "none" : fmt::format("{}", fmt::join(all, ", "))));
  return nullptr;
}

/// An evaluation: failed solves leave NaN at their points and a positive count, not an exception.
template <typename Call>
int
evaluate(const char * function, const neml2_model * model, Call && call)
{
  if (!model)
    return null_model(function);
  return guarded(function, [&] {
    neml2::FailureCapture capture;
    call();
    const auto & report = capture.report();
    const auto failed = report.failed_points();
    if (failed.empty())
      return static_cast<int>(NEML2_OK);
    std::string where;
    for (std::size_t i = 0; i < failed.size() && i < 10; ++i)
      where += fmt::format("\n  point {}: {}", failed[i], report.reason(failed[i]));
    if (failed.size() > 10)
      where += fmt::format("\n  ... and {} more", failed.size() - 10);
    fail(static_cast<int>(failed.size()),
         fmt::format("{}: the implicit solve of model '{}' failed at {} of {} point(s) (their outputs are NaN):{}",
                     function, model->model.name(), failed.size(), report.size(), where));
    return static_cast<int>(std::min<std::size_t>(failed.size(), 2147483647));
  });
}

/// Strides of all ones when the caller passes NULL.
const std::int64_t *
strides_or_ones(const neml2_model & m, const std::int64_t * strides, std::vector<std::int64_t> & ones)
{
  if (strides)
    return strides;
  ones.assign(m.inputs.size(), 1);
  return ones.data();
}
/// The caller's parameter values (one per point set) as tensors over its memory: nothing copied,
/// nothing of the model's changed.
neml2::aoti::ParameterMap
parameter_map(const neml2_model & m, const void * const * parameters)
{
  neml2::aoti::ParameterMap map;
  const auto & infos = m.model.metadata().parameters;
  for (std::size_t k = 0; k < m.parameters.size(); ++k)
  {
    if (!parameters[k])
      throw neml2::ValueError(
          fmt::format("the value of promoted parameter '{}' (parameters[{}]) is NULL", m.parameters[k].name, k));
    const auto & info =
        *std::find_if(infos.begin(), infos.end(), [&](const auto & p) { return p.name == m.parameters[k].name; });
    map[info.name] = neml2::Tensor::from_blob(const_cast<void *>(parameters[k]), {}, info.base_shape, m.model.dtype());
  }
  return map;
}
} // namespace

extern "C"
{

size_t
neml2_last_error(char * buffer, size_t size)
{
  if (buffer && size > 0)
  {
    const auto n = std::min(size - 1, last_error.size());
    std::memcpy(buffer, last_error.data(), n);
    buffer[n] = '\0';
  }
  return last_error.size();
}

int
neml2_model_load(const char * artifact_dir, const char * device, neml2_model ** model)
{
  if (!model)
    return fail(NEML2_ERROR_ARGUMENT, "neml2_model_load: `model` (where the loaded model is returned) is NULL");
  *model = nullptr;
  if (!artifact_dir)
    return fail(NEML2_ERROR_ARGUMENT, "neml2_model_load: `artifact_dir` is NULL (give neml2-compile's <out>/<model> "
                                      "folder)");
  return guarded("neml2_model_load", [&] {
    const std::string dev = device ? device : "cpu";
    if (dev != "cpu" && dev != "cuda")
      return fail(NEML2_ERROR_DEVICE,
                  fmt::format("neml2_model_load: unknown device '{}' (use \"cpu\" or \"cuda\")", dev));
    *model = new neml2_model(artifact_dir, dev);
    return static_cast<int>(NEML2_OK);
  });
}

void
neml2_model_free(neml2_model * model)
{
  delete model;
}

int
neml2_model_dtype(const neml2_model * model)
{
  if (!model)
    return null_model("neml2_model_dtype");
  return model->model.dtype() == neml2::Dtype::Float32 ? NEML2_FLOAT32 : NEML2_FLOAT64;
}

int64_t
neml2_model_count(const neml2_model * model, neml2_slot kind)
{
  if (!model)
    return null_model("neml2_model_count");
  const auto * s = model->slots(kind);
  if (!s)
    return fail(NEML2_ERROR_ARGUMENT, fmt::format("neml2_model_count: unknown slot kind {} (use NEML2_INPUT, "
                                                  "NEML2_OUTPUT, NEML2_PARAMETER or NEML2_JACOBIAN)",
                                                  static_cast<int>(kind)));
  return static_cast<int64_t>(s->size());
}

namespace
{
const neml2_model::Slot *
slot_at(const char * function, const neml2_model * model, neml2_slot kind, int64_t index)
{
  if (!model)
    return null_model(function), nullptr;
  const auto * s = model->slots(kind);
  if (!s)
    return fail(NEML2_ERROR_ARGUMENT, fmt::format("{}: unknown slot kind {}", function, static_cast<int>(kind))),
           nullptr;
  if (index < 0 || index >= static_cast<int64_t>(s->size()))
    return fail(NEML2_ERROR_ARGUMENT,
                fmt::format("{}: index {} is out of range: the model has {} slot(s) of this kind (0 to {})", function,
                            index, s->size(), static_cast<int64_t>(s->size()) - 1)),
           nullptr;
  return &(*s)[static_cast<std::size_t>(index)];
}
} // namespace

const char *
neml2_model_name(const neml2_model * model, neml2_slot kind, int64_t index)
{
  const auto * s = slot_at("neml2_model_name", model, kind, index);
  return s ? s->name.c_str() : nullptr;
}

const char *
neml2_model_wrt(const neml2_model * model, int64_t index)
{
  const auto * s = slot_at("neml2_model_wrt", model, NEML2_JACOBIAN, index);
  return s ? s->wrt.c_str() : nullptr;
}

int64_t
neml2_model_size(const neml2_model * model, neml2_slot kind, int64_t index)
{
  const auto * s = slot_at("neml2_model_size", model, kind, index);
  return s ? s->size : static_cast<int64_t>(NEML2_ERROR_ARGUMENT);
}

int
neml2_model_set_parameter(neml2_model * model, const char * name, int64_t npoints, const void * values)
{
  if (!model)
    return null_model("neml2_model_set_parameter");
  if (!name || !values)
    return fail(NEML2_ERROR_ARGUMENT,
                fmt::format("neml2_model_set_parameter: `{}` is NULL", !name ? "name" : "values"));
  if (npoints < 1)
    return fail(NEML2_ERROR_ARGUMENT,
                fmt::format("neml2_model_set_parameter: parameter '{}' needs at least one value, got npoints = {}",
                            name, npoints));
  const auto * slot = find_parameter("neml2_model_set_parameter", *model, name);
  if (!slot)
    return NEML2_ERROR_NAME;
  return guarded("neml2_model_set_parameter", [&] {
    const auto & info =
        *std::find_if(model->model.metadata().parameters.begin(), model->model.metadata().parameters.end(),
                      [&](const auto & p) { return p.name == slot->name; });
    const neml2::Shape batch = npoints == 1 ? neml2::Shape{} : neml2::Shape{npoints};
    // Copied: the caller's array need not outlive the call.
    const auto value =
        neml2::Tensor::from_blob(const_cast<void *>(values), batch, info.base_shape, model->model.dtype()).clone();
    model->model.set_parameter(slot->name, value);
    return static_cast<int>(NEML2_OK);
  });
}

int64_t
neml2_model_get_parameter(const neml2_model * model, const char * name, int64_t capacity, void * values)
{
  if (!model)
    return null_model("neml2_model_get_parameter");
  if (!name)
    return fail(NEML2_ERROR_ARGUMENT, "neml2_model_get_parameter: `name` is NULL");
  const auto * slot = find_parameter("neml2_model_get_parameter", *model, name);
  if (!slot)
    return NEML2_ERROR_NAME;
  const auto & t = model->model.named_parameters().at(slot->name);
  const auto npoints = t.batch_numel();
  if (!values || capacity < t.numel())
    return fail(NEML2_ERROR_ARGUMENT,
                fmt::format("neml2_model_get_parameter: parameter '{}' has {} point(s) x {} value(s); `values` must "
                            "hold {} numbers, got capacity {}{}",
                            slot->name, npoints, slot->size, t.numel(), capacity, values ? "" : " and NULL"));
  std::memcpy(values, t.raw(), static_cast<std::size_t>(t.numel()) * neml2::dtype_size(t.dtype()));
  return npoints;
}

int
neml2_model_forward(const neml2_model * model, int64_t n, const void * const * inputs, const int64_t * strides,
                    const void * const * parameters, void * const * outputs)
{
  return evaluate("neml2_model_forward", model, [&] {
    std::vector<std::int64_t> ones;
    const auto * s = strides_or_ones(*model, strides, ones);
    if (parameters)
      model->model.forward_into(n, inputs, s, outputs, parameter_map(*model, parameters));
    else
      model->model.forward_into(n, inputs, s, outputs);
  });
}

int
neml2_model_jacobian(const neml2_model * model, int64_t n, const void * const * inputs, const int64_t * strides,
                     const void * const * parameters, void * const * outputs)
{
  return evaluate("neml2_model_jacobian", model, [&] {
    std::vector<std::int64_t> ones;
    const auto * s = strides_or_ones(*model, strides, ones);
    if (parameters)
      model->model.jacobian_into(n, inputs, s, outputs, parameter_map(*model, parameters));
    else
      model->model.jacobian_into(n, inputs, s, outputs);
  });
}

} // extern "C"
