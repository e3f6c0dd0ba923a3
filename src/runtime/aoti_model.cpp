// neml2::aoti::Model: argument binding, broadcasting and kernel calls for a loaded artifact.
#include "neml2/runtime/aoti_model.h"

#include <cmath>

#include <algorithm>
#include <array>
#include <functional>
#include <limits>
#include <mutex>

#include <fmt/format.h>

#include "neml2/base/error.h"
#include "neml2/base/qualified_name.h"
#include "neml2/hit/nearest.h"
#include "neml2/runtime/artifact_loader.h"
#include "neml2/runtime/cpu_dispatch.h"
#include "neml2/tensors/solve_report.h"

namespace neml2::aoti
{
struct Model::Impl
{
  LoadedArtifact artifact;
  /// cpu: how each entry role is called (serially or over the thread team); forward's kept apart
  /// so that forward_into looks nothing up.
  std::map<std::string, std::unique_ptr<CpuDispatch>> cpu;
  const CpuDispatch * cpu_forward = nullptr;

  /// Device memory one CUDA forward_into call needs of its own: the failure counter and copies of
  /// the promoted parameters. Pooled so that concurrent calls never share one.
  struct Scratch
  {
    DeviceBuffer failed;
    std::vector<DeviceBuffer> parameters;
  };
  mutable std::mutex scratch_mutex;
  mutable std::vector<std::unique_ptr<Scratch>> scratch_pool;

  const Metadata & meta() const { return artifact.metadata; }
  bool on_cuda() const { return artifact.cuda != nullptr; }

  /// Runs entry `role` on tensors bound by name; returns one tensor per entry output.
  std::vector<Tensor> call(const std::string & role, const ValueMap & inputs, const ValueMap * tangents,
                           const ParameterMap & params) const;
  /// The CUDA part of call(): host arguments copied to the GPU, the results copied into `outs`.
  void call_cuda(const std::string & role, const EntryInfo & e, const Shape & batch,
                 const std::vector<const void *> & args, const std::vector<std::int64_t> & strides,
                 std::vector<Tensor> & outs) const;
  /// forward_into / jacobian_into: entry `role` on caller-owned buffers (`call` names the public
  /// function in errors); `dispatch` is the entry's on CPU models.
  void call_into(const char * call, const std::string & role, const CpuDispatch * dispatch,
                 const ParameterMap & parameters, std::int64_t n, const void * const * args,
                 const std::int64_t * strides, void * const * outs, void * stream) const;
  /// call_into for CUDA: `args` already holds the promoted parameters' host pointers.
  void call_into_cuda(const std::string & role, std::int64_t n, const void ** args, const std::int64_t * strides,
                      void * const * outs, void * stream) const;
  std::unique_ptr<Scratch> acquire_scratch() const;
  void release_scratch(std::unique_ptr<Scratch> s) const;
  /// `where` of a launch error: the model and the GPU architectures the artifact has code for.
  std::string launch_what(const std::string & role) const;
  void check_names(const ValueMap & given, const EntryInfo & e, const std::string & kind, const char * what) const;
  /// After a CPU kernel call in which `failed` points failed: nothing when none did and no
  /// FailureCapture is active; else the per-point status (the status entry), then settle().
  /// `outs` are host buffers of the call's outputs.
  void after_call(const std::string & role, const Shape & batch, const void * const * args,
                  const std::int64_t * strides, void * const * outs, int failed) const;
  /// The same for a CUDA entry (device arguments, on `stream`); `host_outs` are host copies of
  /// the outputs, or null when they stay on the device.
  void after_cuda_call(const std::string & role, const Shape & batch, const void * const * args,
                       const std::int64_t * strides, void * const * outs, void * const * host_outs, int failed,
                       void * stream) const;
  /// Given the per-point status: fills the active FailureCapture's report and writes NaN into
  /// the failed points' outputs with `poison(point)`, or throws SolverError naming the points.
  void settle(const Shape & batch, const std::vector<std::int32_t> & iterations,
              const std::vector<std::int32_t> & substeps, const std::vector<double> & rnorm,
              const std::function<void(std::int64_t)> & poison) const;
  /// The SolverError of the failed points given their status (-1: failed) and residual norms.
  [[noreturn]] void throw_solve_failures(std::int64_t n, const std::vector<std::int32_t> & status,
                                         const std::vector<double> & rnorm, int failed) const;
  /// NaN in every output of `point` (host buffers of the entry's outputs).
  void poison_host(const EntryInfo & e, void * const * outs, std::int64_t point) const;
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
Model::Impl::check_names(const ValueMap & given, const EntryInfo & e, const std::string & kind, const char * what) const
{
  for (const auto & given_pair : given)
  {
    const std::string & name = given_pair.first; // not a structured binding: the lambda captures it
    if (std::any_of(e.arguments.begin(), e.arguments.end(),
                    [&](const SlotInfo & a) { return a.kind == kind && a.name == name; }))
      continue;
    std::vector<std::string> valid;
    for (const auto & a : e.arguments)
      if (a.kind == kind)
        valid.push_back(a.name);
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
Model::Impl::after_call(const std::string & role, const Shape & batch, const void * const * args,
                        const std::int64_t * strides, void * const * outs, int failed) const
{
  auto * report = FailureCapture::active();
  if (!report && failed == 0)
    return;
  if (report && meta().solvers.empty())
    return report->reset(batch);
  const auto n = static_cast<std::size_t>(numel(batch));
  std::vector<std::int32_t> iterations(n), substeps(n);
  std::vector<double> rnorm(n);
  artifact.status.at(role)(static_cast<std::int64_t>(n), args, strides, outs, iterations.data(), substeps.data(),
                           rnorm.data());
  const auto & e = *meta().entry(role);
  settle(batch, iterations, substeps, rnorm, [&](std::int64_t p) { poison_host(e, outs, p); });
}

void
Model::Impl::after_cuda_call(const std::string & role, const Shape & batch, const void * const * args,
                             const std::int64_t * strides, void * const * outs, void * const * host_outs, int failed,
                             void * stream) const
{
  auto * report = FailureCapture::active();
  if (!report && failed == 0)
    return;
  if (report && meta().solvers.empty())
    return report->reset(batch);
  const auto & api = *artifact.cuda;
  const auto n = static_cast<std::size_t>(numel(batch));
  DeviceBuffer diterations(api, n * sizeof(std::int32_t)), dsubsteps(api, n * sizeof(std::int32_t)),
      drnorm(api, n * sizeof(double));
  api.check(artifact.cuda_status.at(role)(
                static_cast<std::int64_t>(n), args, strides, outs, static_cast<std::int32_t *>(diterations.get()),
                static_cast<std::int32_t *>(dsubsteps.get()), static_cast<double *>(drnorm.get()), stream),
            launch_what(role));
  std::vector<std::int32_t> iterations(n), substeps(n);
  std::vector<double> rnorm(n);
  api.memcpy(iterations.data(), diterations.get(), diterations.size(), CopyKind::DeviceToHost, stream);
  api.memcpy(substeps.data(), dsubsteps.get(), dsubsteps.size(), CopyKind::DeviceToHost, stream);
  api.memcpy(rnorm.data(), drnorm.get(), drnorm.size(), CopyKind::DeviceToHost, stream);
  api.synchronize(stream);
  const auto & e = *meta().entry(role);
  const auto es = dtype_size(meta().dtype);
  settle(batch, iterations, substeps, rnorm, [&](std::int64_t p) {
    if (host_outs)
      return poison_host(e, host_outs, p);
    for (std::size_t j = 0; j < e.outputs.size(); ++j)
    {
      const auto nc = static_cast<std::size_t>(e.outputs[j].ncomp());
      const std::vector<double> nan64(nc, std::numeric_limits<double>::quiet_NaN());
      const std::vector<float> nan32(nc, std::numeric_limits<float>::quiet_NaN());
      const void * src = meta().dtype == Dtype::Float64 ? static_cast<const void *>(nan64.data()) : nan32.data();
      api.memcpy(static_cast<char *>(outs[j]) + static_cast<std::size_t>(p) * nc * es, src, nc * es,
                 CopyKind::HostToDevice, stream);
    }
  });
  api.synchronize(stream);
}

void
Model::Impl::poison_host(const EntryInfo & e, void * const * outs, std::int64_t point) const
{
  for (std::size_t j = 0; j < e.outputs.size(); ++j)
  {
    const auto nc = e.outputs[j].ncomp();
    if (meta().dtype == Dtype::Float64)
      std::fill_n(static_cast<double *>(outs[j]) + point * nc, nc, std::numeric_limits<double>::quiet_NaN());
    else
      std::fill_n(static_cast<float *>(outs[j]) + point * nc, nc, std::numeric_limits<float>::quiet_NaN());
  }
}

void
Model::Impl::settle(const Shape & batch, const std::vector<std::int32_t> & iterations,
                    const std::vector<std::int32_t> & substeps, const std::vector<double> & rnorm,
                    const std::function<void(std::int64_t)> & poison) const
{
  const auto n = static_cast<std::int64_t>(iterations.size());
  const auto failed =
      static_cast<int>(std::count_if(iterations.begin(), iterations.end(), [](auto i) { return i < 0; }));
  auto * report = FailureCapture::active();
  if (!report)
  {
    if (failed > 0)
      throw_solve_failures(n, iterations, rnorm, failed);
    return;
  }
  report->reset(batch);
  report->iterations = iterations;
  report->substeps = substeps;
  for (std::int64_t p = 0; p < n; ++p)
    if (iterations[static_cast<std::size_t>(p)] < 0)
    {
      report->residual[static_cast<std::size_t>(p)] = rnorm[static_cast<std::size_t>(p)];
      poison(p);
    }
}

void
Model::Impl::throw_solve_failures(std::int64_t n, const std::vector<std::int32_t> & status,
                                  const std::vector<double> & rnorm, int failed) const
{
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
  std::string settings, hint;
  for (const auto & sv : meta().solvers)
  {
    settings += fmt::format(" implicit update '{}': abs_tol {}, rel_tol {}, max_its {}.", sv.name, sv.abs_tol,
                            sv.rel_tol, sv.max_its);
    if (hint.empty())
      hint = precision_hint(meta().dtype, sv.rel_tol, sv.abs_tol);
  }
  throw SolverError(fmt::format(
      "compiled model '{}' did not converge ({}) at {} of {} point(s); worst residual norm {} at point {}; failed "
      "points: {}{}.{} Try smaller load steps, a line search or a larger max_its (then recompile).{}",
      meta().model, dtype_name(meta().dtype), failed, n, worst >= 0 ? rnorm[static_cast<std::size_t>(worst)] : 0.0,
      worst, fmt::join(points, ", "), static_cast<std::size_t>(failed) > points.size() ? ", ..." : "", settings, hint));
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
        throw ValueError(
            fmt::format("{} '{}' of compiled model '{}' is an undefined tensor", what, a.name, meta().model));
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
        throw ValueError(
            fmt::format("promoted parameter '{}' of compiled model '{}' has no value", a.name, meta().model));
      t = it->second;
      if (t.base_shape() != a.base_shape)
        throw ValueError(fmt::format("promoted parameter '{}' of compiled model '{}' must have base shape {}, got {}",
                                     a.name, meta().model, shape_str(a.base_shape), shape_str(t.base_shape())));
      t = t.to(dtype);
    }
    args.push_back(std::move(t));
  }

  // Per call, so the common case costs nothing: every argument with the same batch shape or one value.
  const Shape * common = nullptr;
  for (const auto & a : args)
    if (!a.batch_shape().empty() && (!common || *common == a.batch_shape()))
      common = &a.batch_shape();
    else if (!a.batch_shape().empty())
    {
      common = nullptr;
      break;
    }
  Shape batch;
  if (common)
    batch = *common;
  else
  {
    std::vector<Shape> shapes;
    for (const auto & a : args)
      shapes.push_back(a.batch_shape());
    batch = broadcast_batch_shapes(shapes, fmt::format("the inputs of compiled model '{}'", meta().model));
  }
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
  if (n > 0 && on_cuda())
    call_cuda(role, *e, batch, ptrs, strides, outs);
  else if (n > 0)
  {
    const int rc = (*cpu.at(role))(n, ptrs.data(), strides.data(), out_ptrs.data());
    after_call(role, batch, ptrs.data(), strides.data(), out_ptrs.data(), rc);
  }
  else if (auto * report = FailureCapture::active())
    report->reset(batch);
  return outs;
}

std::string
Model::Impl::launch_what(const std::string & role) const
{
  return fmt::format("running the {} kernel of compiled model '{}' on the GPU (artifact built for sm_{})", role,
                     meta().model, fmt::join(meta().cuda_arch, ", sm_"));
}

void
Model::Impl::call_cuda(const std::string & role, const EntryInfo & e, const Shape & batch,
                       const std::vector<const void *> & args, const std::vector<std::int64_t> & strides,
                       std::vector<Tensor> & outs) const
{
  const auto n = numel(batch);
  const auto & api = *artifact.cuda;
  const auto es = static_cast<std::int64_t>(dtype_size(meta().dtype));
  std::vector<DeviceBuffer> buffers; // freed (after the synchronisation below) on every path
  std::vector<const void *> dargs;
  std::vector<void *> douts;
  for (std::size_t i = 0; i < args.size(); ++i)
  {
    const auto bytes = static_cast<std::size_t>((strides[i] ? n : 1) * e.arguments[i].ncomp() * es);
    buffers.emplace_back(api, bytes);
    api.memcpy(buffers.back().get(), args[i], bytes, CopyKind::HostToDevice);
    dargs.push_back(buffers.back().get());
  }
  for (const auto & o : e.outputs)
  {
    buffers.emplace_back(api, static_cast<std::size_t>(n * o.ncomp() * es));
    douts.push_back(buffers.back().get());
  }
  DeviceBuffer failed(api, sizeof(std::int32_t));
  api.memset(failed.get(), 0, sizeof(std::int32_t));
  api.check(artifact.cuda_kernels.at(role)(n, dargs.data(), strides.data(), douts.data(),
                                           static_cast<std::int32_t *>(failed.get()), nullptr),
            launch_what(role));
  for (std::size_t j = 0; j < outs.size(); ++j)
    api.memcpy(outs[j].raw(), douts[j], static_cast<std::size_t>(n * e.outputs[j].ncomp() * es),
               CopyKind::DeviceToHost);
  std::int32_t nfailed = 0;
  api.memcpy(&nfailed, failed.get(), sizeof nfailed, CopyKind::DeviceToHost);
  api.synchronize();
  std::vector<void *> host_outs;
  for (auto & o : outs)
    host_outs.push_back(o.raw());
  after_cuda_call(role, batch, dargs.data(), strides.data(), douts.data(), host_outs.data(), nfailed, nullptr);
}

std::unique_ptr<Model::Impl::Scratch>
Model::Impl::acquire_scratch() const
{
  std::lock_guard<std::mutex> lock(scratch_mutex);
  if (scratch_pool.empty())
  {
    auto s = std::make_unique<Scratch>();
    s->failed = DeviceBuffer(*artifact.cuda, sizeof(std::int32_t));
    return s;
  }
  auto s = std::move(scratch_pool.back());
  scratch_pool.pop_back();
  return s;
}

void
Model::Impl::release_scratch(std::unique_ptr<Scratch> s) const
{
  std::lock_guard<std::mutex> lock(scratch_mutex);
  scratch_pool.push_back(std::move(s));
}

void
Model::Impl::call_into_cuda(const std::string & role, std::int64_t n, const void ** args, const std::int64_t * strides,
                            void * const * outs, void * stream) const
{
  const auto & api = *artifact.cuda;
  const auto & e = *meta().entry(role);
  const auto es = static_cast<std::int64_t>(dtype_size(meta().dtype));
  // On an error below the scratch is dropped, not pooled: freeing waits for the GPU.
  auto scratch = acquire_scratch();
  bool wait = false;
  std::size_t k = 0;
  for (std::size_t i = 0; i < e.arguments.size(); ++i)
  {
    if (e.arguments[i].kind != "parameter")
      continue;
    const auto bytes = static_cast<std::size_t>((strides[i] ? n : 1) * e.arguments[i].ncomp() * es);
    if (scratch->parameters.size() <= k)
      scratch->parameters.emplace_back();
    if (scratch->parameters[k].size() < bytes)
      scratch->parameters[k] = DeviceBuffer(api, bytes);
    api.memcpy(scratch->parameters[k].get(), args[i], bytes, CopyKind::HostToDevice, stream);
    args[i] = scratch->parameters[k++].get();
    wait = true;
  }
  std::int32_t * failed = nullptr;
  if (!meta().solvers.empty())
  {
    failed = static_cast<std::int32_t *>(scratch->failed.get());
    api.memset(failed, 0, sizeof(std::int32_t), stream);
  }
  api.check(artifact.cuda_kernels.at(role)(n, args, strides, outs, failed, stream), launch_what(role));
  std::int32_t nfailed = 0;
  if (failed)
    api.memcpy(&nfailed, failed, sizeof nfailed, CopyKind::DeviceToHost, stream);
  if (failed || wait)
    api.synchronize(stream);
  // May throw: the scratch (still read by the status kernel) is then freed, not pooled.
  after_cuda_call(role, {n}, args, strides, outs, nullptr, nfailed, stream);
  release_scratch(std::move(scratch));
}

Model::Model(const std::string & artifact_dir, const std::string & device)
  : _impl(std::make_unique<Impl>())
{
  _impl->artifact = load_artifact(artifact_dir, device);
  for (const auto & [role, range] : _impl->artifact.ranges)
    _impl->cpu[role] = std::make_unique<CpuDispatch>(range, _impl->artifact.range_aligns.at(role));
  if (auto it = _impl->cpu.find("forward"); it != _impl->cpu.end())
    _impl->cpu_forward = it->second.get();
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
  std::vector<std::string> all;
  for (const auto & [q, t] : _parameters)
    all.push_back(q);
  const auto match = match_qualified_name(name, all);
  if (!match.index)
  {
    if (!match.ambiguous.empty())
      throw ValueError(fmt::format("parameter name '{}' of compiled model '{}' is ambiguous; use one of: {}", name,
                                   this->name(), fmt::join(match.ambiguous, ", ")));
    const auto near = hit::nearest(name, all);
    throw ValueError(fmt::format("compiled model '{}' has no promoted parameter '{}'{}; promoted: {} (parameters are "
                                 "baked unless promoted at compile time with -p NAME)",
                                 this->name(), name, near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near),
                                 all.empty() ? "none" : fmt::format("{}", fmt::join(all, ", "))));
  }
  const auto & q = all[*match.index];
  const auto & info = *std::find_if(_impl->meta().parameters.begin(), _impl->meta().parameters.end(),
                                    [&](const ParameterInfo & p) { return p.name == q; });
  if (!value.defined() || value.base_shape() != info.base_shape)
    throw ValueError(fmt::format("parameter '{}' of compiled model '{}' is a {} with base shape {}, got {}", q,
                                 this->name(), type_name(info.type), shape_str(info.base_shape),
                                 value.defined() ? fmt::format("base shape {}", shape_str(value.base_shape()))
                                                 : std::string("an undefined tensor")));
  _parameters[q] = value.to(dtype());
}

const CudaApi &
Model::cuda() const
{
  if (!_impl->on_cuda())
    throw ValueError(fmt::format("compiled model '{}' was loaded for device '{}'; cuda() is for CUDA models (load "
                                 "the artifact with device \"cuda\")",
                                 name(), device()));
  return *_impl->artifact.cuda;
}

void
Model::forward_into(std::int64_t n, const void * const * args, const std::int64_t * strides, void * const * outs,
                    void * stream) const
{
  forward_into(n, args, strides, outs, _parameters, stream);
}

void
Model::forward_into(std::int64_t n, const void * const * args, const std::int64_t * strides, void * const * outs,
                    const ParameterMap & parameters, void * stream) const
{
  _impl->call_into("forward_into", "forward", _impl->cpu_forward, parameters, n, args, strides, outs, stream);
}

void
Model::jacobian_into(std::int64_t n, const void * const * args, const std::int64_t * strides, void * const * outs,
                     void * stream) const
{
  jacobian_into(n, args, strides, outs, _parameters, stream);
}

void
Model::jacobian_into(std::int64_t n, const void * const * args, const std::int64_t * strides, void * const * outs,
                     const ParameterMap & parameters, void * stream) const
{
  if (!_impl->meta().entry("jacobian"))
    _impl->no_derivatives("jacobian_into");
  const auto it = _impl->cpu.find("jacobian");
  _impl->call_into("jacobian_into", "jacobian", it == _impl->cpu.end() ? nullptr : it->second.get(), parameters, n,
                   args, strides, outs, stream);
}

void
Model::Impl::call_into(const char * call, const std::string & role, const CpuDispatch * dispatch,
                       const ParameterMap & parameters, std::int64_t n, const void * const * args,
                       const std::int64_t * strides, void * const * outs, void * stream) const
{
  const auto & name = meta().model;
  if (stream && !on_cuda())
    throw ValueError(fmt::format("{}(): a stream is for CUDA models; compiled model '{}' runs on the CPU", call, name));
  const auto & e = *meta().entry(role);
  // Caller-owned buffers: a null pointer or a negative count is refused here, not found by the
  // kernel writing through it.
  if (n < 0)
    throw ValueError(fmt::format("{}(): the number of points must be >= 0, got {}", call, n));
  const auto n_inputs = static_cast<std::size_t>(
      std::count_if(e.arguments.begin(), e.arguments.end(), [](const auto & slot) { return slot.kind == "variable"; }));
  if (n > 0)
  {
    if ((n_inputs > 0 && (!args || !strides)) || (!e.outputs.empty() && !outs))
      throw ValueError(fmt::format("{}(): {} is a null pointer (compiled model '{}' takes {} input(s) and "
                                   "writes {} output(s))",
                                   call,
                                   !outs && !e.outputs.empty() ? "outs"
                                   : !args                     ? "args"
                                                               : "strides",
                                   name, n_inputs, e.outputs.size()));
    std::size_t next = 0;
    for (const auto & slot : e.arguments)
      if (slot.kind == "variable" && !args[next++])
        throw ValueError(fmt::format("{}(): the pointer of input '{}' (args[{}]) is null", call, slot.name, next - 1));
    for (std::size_t j = 0; j < e.outputs.size(); ++j)
      if (!outs[j])
        throw ValueError(fmt::format("{}(): the buffer of output '{}' (outs[{}]) is null", call, e.outputs[j].name, j));
  }
  if (n == 0) // nothing to read or write
  {
    if (auto * report = FailureCapture::active())
      report->reset({0});
    return;
  }
  constexpr std::size_t max_inline = 64;
  const auto na = e.arguments.size();
  if (na > max_inline)
    throw ValueError(fmt::format("{}() supports at most {} kernel arguments, compiled model '{}' has {}", call,
                                 max_inline, name, na));
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
        throw ValueError(fmt::format("{}(): stride of input '{}' must be 0 or 1, got {}", call, slot.name, s[i]));
      ++next_input;
      continue;
    }
    auto it = parameters.find(slot.name);
    if (it == parameters.end())
      throw ValueError(
          fmt::format("{}(): no value for promoted parameter '{}' of compiled model '{}'", call, slot.name, name));
    const Tensor & t = it->second;
    if (t.dtype() != meta().dtype || t.base_shape() != slot.base_shape)
      throw ValueError(fmt::format("{}(): promoted parameter '{}' must be a {} tensor of base shape {}; use "
                                   "set_parameter() to convert it",
                                   call, slot.name, dtype_name(meta().dtype), shape_str(slot.base_shape)));
    if (t.batch_numel() == 1)
      s[i] = 0;
    else if (t.batch_numel() == n)
      s[i] = 1;
    else
      throw ValueError(fmt::format("{}(): promoted parameter '{}' has {} values, but the call has {} points "
                                   "(give it one value or one per point)",
                                   call, slot.name, t.batch_numel(), n));
    a[i] = t.raw();
  }
  if (on_cuda())
    return call_into_cuda(role, n, a.data(), s.data(), outs, stream);
  NEML2_ASSERT(dispatch, "compiled model '{}' has no CPU dispatch for entry '{}'", name, role);
  const int rc = (*dispatch)(n, a.data(), s.data(), outs);
  after_call(role, {n}, a.data(), s.data(), outs, rc);
}
} // namespace neml2::aoti
