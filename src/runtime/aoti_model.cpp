// neml2::aoti::Model: argument binding, broadcasting and kernel calls for a loaded artifact.
#include "neml2/runtime/aoti_model.h"

#include <cmath>

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "neml2/base/error.h"
#include "neml2/hit/hit.h"
#include "neml2/runtime/artifact_loader.h"

namespace neml2::aoti
{
struct Model::Impl
{
  LoadedArtifact artifact;

  const Metadata & meta() const { return artifact.metadata; }

  /// Runs entry `role` on tensors bound by name; returns one tensor per entry output.
  std::vector<Tensor> call(const std::string & role, const ValueMap & inputs, const ValueMap * tangents,
                           const ParameterMap & params) const;
  void check_names(const ValueMap & given, const EntryInfo & e, const std::string & kind, const char * what) const;
  /// After a kernel reported `failed` points: which ones, and the worst residual (SolverError).
  [[noreturn]] void report_solve_failures(const std::string & role, std::int64_t n, const void * const * args,
                                          const std::int64_t * strides, void * const * outs, int failed) const;
  [[noreturn]] void no_derivatives(const char * call) const;
};

namespace
{
std::string
names_of(const std::vector<VariableInfo> & vs)
{
  std::vector<std::string> n;
  for (const auto & v : vs)
    n.push_back(v.name);
  return fmt::format("{}", fmt::join(n, ", "));
}
} // namespace

void
Model::Impl::no_derivatives(const char * call) const
{
  throw CompileError(fmt::format("{}() needs derivatives, but artifact '{}' was compiled without them; recompile "
                                 "with -d OUT:IN (e.g. neml2-compile INPUT --model {} -d {}:{})",
                                 call, artifact.directory, meta().model,
                                 meta().outputs.empty() ? "OUT" : meta().outputs[0].name,
                                 meta().inputs.empty() ? "IN" : meta().inputs[0].name));
}

void
Model::Impl::check_names(const ValueMap & given, const EntryInfo & e, const std::string & kind,
                         const char * what) const
{
  for (const auto & [name, t] : given)
  {
    bool ok = false;
    std::vector<std::string> valid;
    for (const auto & a : e.arguments)
      if (a.kind == kind)
      {
        valid.push_back(a.name);
        ok |= a.name == name;
      }
    if (ok)
      continue;
    const auto near = hit::nearest(name, valid);
    if (kind == "tangent")
      throw ValueError(fmt::format("compiled model '{}' has no derivatives with respect to '{}'{} (tangents "
                                   "accepted: {}); recompile with -d :{} to add them",
                                   meta().model, name, near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near),
                                   valid.empty() ? "none" : fmt::format("{}", fmt::join(valid, ", ")), name));
    throw ValueError(fmt::format("compiled model '{}' has no {} '{}'{}; its inputs are: {}", meta().model, what, name,
                                 near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near),
                                 names_of(meta().inputs)));
  }
}

void
Model::Impl::report_solve_failures(const std::string & role, std::int64_t n, const void * const * args,
                                   const std::int64_t * strides, void * const * outs, int failed) const
{
  std::vector<std::int32_t> status(static_cast<std::size_t>(n));
  std::vector<double> rnorm(static_cast<std::size_t>(n));
  artifact.status.at(role)(n, args, strides, outs, status.data(), rnorm.data());
  std::vector<std::int64_t> points;
  std::int64_t worst = -1;
  for (std::int64_t p = 0; p < n; ++p)
    if (status[static_cast<std::size_t>(p)] < 0)
    {
      if (points.size() < 10)
        points.push_back(p);
      const double r = rnorm[static_cast<std::size_t>(p)];
      if (worst < 0 || std::isnan(r) || r > rnorm[static_cast<std::size_t>(worst)])
        if (worst < 0 || !std::isnan(rnorm[static_cast<std::size_t>(worst)]))
          worst = p;
    }
  std::string settings;
  for (const auto & sv : meta().solvers)
    settings += fmt::format(" implicit update '{}': abs_tol {}, rel_tol {}, max_its {}.", sv.name, sv.abs_tol,
                            sv.rel_tol, sv.max_its);
  throw SolverError(fmt::format(
      "compiled model '{}' did not converge at {} of {} point(s); worst residual norm {} at point {}; failed points: "
      "{}{}.{} Try smaller load steps, a line search or a larger max_its (then recompile)",
      meta().model, failed, n, worst >= 0 ? rnorm[static_cast<std::size_t>(worst)] : 0.0, worst, fmt::join(points, ", "),
      static_cast<std::size_t>(failed) > points.size() ? ", ..." : "", settings));
}

std::vector<Tensor>
Model::Impl::call(const std::string & role, const ValueMap & inputs, const ValueMap * tangents,
                  const ParameterMap & params) const
{
  const auto * e = meta().entry(role);
  NEML2_ASSERT(e, "artifact has no '{}' entry", role);
  check_names(inputs, *e, "variable", "input variable");
  if (tangents)
    check_names(*tangents, *e, "tangent", "tangent");
  const Dtype dtype = meta().dtype;

  std::vector<Tensor> args;
  args.reserve(e->arguments.size());
  for (const auto & a : e->arguments)
  {
    Tensor t;
    if (a.kind == "variable" || a.kind == "tangent")
    {
      const ValueMap & from = a.kind == "variable" ? inputs : *tangents;
      auto it = from.find(a.name);
      if (it == from.end())
      {
        if (a.kind == "variable")
          throw ValueError(fmt::format("compiled model '{}' needs the input variable '{}' ({}), which was not given",
                                       meta().model, a.name, a.type ? type_name(*a.type) : "block"));
        t = Tensor::zeros({}, a.base_shape, dtype); // a missing tangent is zero
      }
      else
        t = it->second;
      const char * what = a.kind == "variable" ? "input" : "tangent";
      if (!t.defined())
        throw ValueError(fmt::format("{} '{}' of compiled model '{}' is an undefined tensor", what, a.name,
                                     meta().model));
      if (t.dtype() != dtype)
        throw ValueError(fmt::format("{} '{}' is {}, but compiled model '{}' was compiled for {}; pass {} tensors or "
                                     "recompile with --dtype {}",
                                     what, a.name, dtype_name(t.dtype()), meta().model, dtype_name(dtype),
                                     dtype_name(dtype), dtype_name(t.dtype())));
      if (t.base_shape() != a.base_shape)
        throw ValueError(fmt::format("{} '{}' of compiled model '{}' must have base shape {}, got a tensor of shape {} "
                                     "whose trailing dims are {}",
                                     what, a.name, meta().model, shape_str(a.base_shape), shape_str(t.shape()),
                                     shape_str(t.base_shape())));
    }
    else
    {
      auto it = params.find(a.name);
      if (it == params.end() || !it->second.defined())
        throw ValueError(fmt::format("promoted parameter '{}' of compiled model '{}' has no value", a.name,
                                     meta().model));
      t = it->second;
      if (t.base_shape() != a.base_shape)
        throw ValueError(fmt::format("promoted parameter '{}' of compiled model '{}' must have base shape {}, got {}",
                                     a.name, meta().model, shape_str(a.base_shape), shape_str(t.base_shape())));
      t = t.to(dtype);
    }
    args.push_back(std::move(t));
  }

  std::vector<Shape> shapes;
  for (const auto & a : args)
    shapes.push_back(a.batch_shape());
  const Shape batch = broadcast_batch_shapes(shapes, fmt::format("the inputs of compiled model '{}'", meta().model));
  const auto n = numel(batch);
  std::vector<const void *> ptrs;
  std::vector<std::int64_t> strides;
  for (auto & a : args)
  {
    std::int64_t stride = 1;
    if (a.batch_numel() == 1)
      stride = 0;
    else if (a.batch_numel() != n)
      a = a.expand_batch(batch);
    ptrs.push_back(a.raw());
    strides.push_back(stride);
  }
  std::vector<Tensor> outs;
  std::vector<void *> out_ptrs;
  for (const auto & o : e->outputs)
  {
    outs.push_back(Tensor::zeros(batch, o.base_shape, dtype));
    out_ptrs.push_back(outs.back().raw());
  }
  if (n > 0)
  {
    const int rc = artifact.kernels.at(role)(n, ptrs.data(), strides.data(), out_ptrs.data());
    if (rc != 0)
      report_solve_failures(role, n, ptrs.data(), strides.data(), out_ptrs.data(), rc);
  }
  return outs;
}

Model::Model(const std::string & artifact_dir, const std::string & device)
  : _impl(std::make_unique<Impl>())
{
  _impl->artifact = load_artifact(artifact_dir, device);
  for (const auto & p : _impl->meta().parameters)
    _parameters[p.name] = Tensor::from_values(p.batch_shape, p.base_shape, p.initial, _impl->meta().dtype);
}

Model::~Model() = default;

const Metadata &
Model::metadata() const
{
  return _impl->meta();
}

const std::string &
Model::name() const
{
  return _impl->meta().model;
}

const std::string &
Model::directory() const
{
  return _impl->artifact.directory;
}

Dtype
Model::dtype() const
{
  return _impl->meta().dtype;
}

const std::string &
Model::device() const
{
  return _impl->meta().device;
}

std::vector<std::string>
Model::input_names() const
{
  std::vector<std::string> n;
  for (const auto & v : inputs())
    n.push_back(v.name);
  return n;
}

std::vector<std::string>
Model::output_names() const
{
  std::vector<std::string> n;
  for (const auto & v : outputs())
    n.push_back(v.name);
  return n;
}

const std::vector<VariableInfo> &
Model::inputs() const
{
  return _impl->meta().inputs;
}

const std::vector<VariableInfo> &
Model::outputs() const
{
  return _impl->meta().outputs;
}

const std::vector<DerivativeInfo> &
Model::derivatives() const
{
  return _impl->meta().derivatives;
}

bool
Model::has_derivatives() const
{
  return _impl->meta().entry("jacobian") != nullptr;
}

ValueMap
Model::forward(const ValueMap & inputs) const
{
  return forward(inputs, _parameters);
}

std::pair<ValueMap, ValueMap>
Model::jvp(const ValueMap & inputs, const ValueMap & tangents) const
{
  return jvp(inputs, tangents, _parameters);
}

std::pair<ValueMap, DerivativeMap>
Model::jacobian(const ValueMap & inputs) const
{
  return jacobian(inputs, _parameters);
}

ValueMap
Model::forward(const ValueMap & inputs, const ParameterMap & parameters) const
{
  const auto outs = _impl->call("forward", inputs, nullptr, parameters);
  const auto & e = *_impl->meta().entry("forward");
  ValueMap r;
  for (std::size_t i = 0; i < outs.size(); ++i)
    r[e.outputs[i].name] = outs[i];
  return r;
}

std::pair<ValueMap, ValueMap>
Model::jvp(const ValueMap & inputs, const ValueMap & tangents, const ParameterMap & parameters) const
{
  const auto * e = _impl->meta().entry("jvp");
  if (!e)
    _impl->no_derivatives("jvp");
  const auto outs = _impl->call("jvp", inputs, &tangents, parameters);
  std::pair<ValueMap, ValueMap> r;
  for (std::size_t i = 0; i < outs.size(); ++i)
    (e->outputs[i].kind == "value" ? r.first : r.second)[e->outputs[i].name] = outs[i];
  return r;
}

std::pair<ValueMap, DerivativeMap>
Model::jacobian(const ValueMap & inputs, const ParameterMap & parameters) const
{
  const auto * e = _impl->meta().entry("jacobian");
  if (!e)
    _impl->no_derivatives("jacobian");
  const auto outs = _impl->call("jacobian", inputs, nullptr, parameters);
  std::pair<ValueMap, DerivativeMap> r;
  for (std::size_t i = 0; i < outs.size(); ++i)
  {
    const auto & o = e->outputs[i];
    if (o.kind == "value")
      r.first[o.name] = outs[i];
    else
      r.second[o.name][o.wrt] = outs[i];
  }
  return r;
}

ParameterMap &
Model::named_parameters()
{
  return _parameters;
}

const ParameterMap &
Model::named_parameters() const
{
  return _parameters;
}

void
Model::set_parameter(const std::string & name, const Tensor & value)
{
  std::vector<std::string> all, matches;
  for (const auto & [q, t] : _parameters)
  {
    all.push_back(q);
    if (q == name || (q.size() > name.size() && q.ends_with("." + name)))
      matches.push_back(q);
  }
  if (std::find(matches.begin(), matches.end(), name) != matches.end())
    matches = {name};
  if (matches.size() != 1)
  {
    if (matches.size() > 1)
      throw ValueError(fmt::format("parameter name '{}' of compiled model '{}' is ambiguous; use one of: {}", name,
                                   this->name(), fmt::join(matches, ", ")));
    const auto near = hit::nearest(name, all);
    throw ValueError(fmt::format("compiled model '{}' has no promoted parameter '{}'{}; promoted: {} (parameters are "
                                 "baked unless promoted at compile time with -p NAME)",
                                 this->name(), name, near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near),
                                 all.empty() ? "none" : fmt::format("{}", fmt::join(all, ", "))));
  }
  const auto & q = matches[0];
  const auto & info = *std::find_if(_impl->meta().parameters.begin(), _impl->meta().parameters.end(),
                                    [&](const ParameterInfo & p) { return p.name == q; });
  if (!value.defined() || value.base_shape() != info.base_shape)
    throw ValueError(fmt::format("parameter '{}' of compiled model '{}' is a {} with base shape {}, got {}", q,
                                 this->name(), type_name(info.type), shape_str(info.base_shape),
                                 value.defined() ? fmt::format("base shape {}", shape_str(value.base_shape()))
                                                 : std::string("an undefined tensor")));
  _parameters[q] = value.to(dtype());
}

void
Model::forward_into(std::int64_t n, const void * const * args, const std::int64_t * strides, void * const * outs) const
{
  const auto & e = *_impl->meta().entry("forward");
  constexpr std::size_t max_inline = 64;
  const auto na = e.arguments.size();
  if (na > max_inline)
    throw ValueError(fmt::format("forward_into() supports at most {} kernel arguments, compiled model '{}' has {}",
                                 max_inline, name(), na));
  std::array<const void *, max_inline> a{};
  std::array<std::int64_t, max_inline> s{};
  std::size_t next_input = 0;
  for (std::size_t i = 0; i < na; ++i)
  {
    const auto & slot = e.arguments[i];
    if (slot.kind == "variable")
    {
      a[i] = args[next_input];
      s[i] = strides[next_input];
      if (s[i] != 0 && s[i] != 1)
        throw ValueError(fmt::format("forward_into(): stride of input '{}' must be 0 or 1, got {}", slot.name, s[i]));
      ++next_input;
      continue;
    }
    auto it = _parameters.find(slot.name);
    NEML2_ASSERT(it != _parameters.end(), "promoted parameter '{}' is missing", slot.name);
    const Tensor & t = it->second;
    if (t.dtype() != dtype() || t.base_shape() != slot.base_shape)
      throw ValueError(fmt::format("forward_into(): promoted parameter '{}' must be a {} tensor of base shape {}; use "
                                   "set_parameter() to convert it",
                                   slot.name, dtype_name(dtype()), shape_str(slot.base_shape)));
    if (t.batch_numel() == 1)
      s[i] = 0;
    else if (t.batch_numel() == n)
      s[i] = 1;
    else
      throw ValueError(fmt::format("forward_into(): promoted parameter '{}' has {} values, but the call has {} points "
                                   "(give it one value or one per point)",
                                   slot.name, t.batch_numel(), n));
    a[i] = t.raw();
  }
  if (n <= 0)
    return;
  const int rc = _impl->artifact.kernels.at("forward")(n, a.data(), s.data(), outs);
  if (rc != 0)
    _impl->report_solve_failures("forward", n, a.data(), s.data(), outs, rc);
}
} // namespace neml2::aoti
