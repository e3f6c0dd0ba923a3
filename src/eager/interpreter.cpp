// The eager interpreter (see interpreter.h).
#include "neml2/eager/interpreter.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "neml2/base/error.h"
#include "neml2/graph/implicit.h"
// pow_loop passes four-double vectors to inline functions of lane_ops.h only: no ABI is crossed,
// though GCC warns (-Wpsabi) at their definitions when the build has no AVX.
#pragma GCC diagnostic ignored "-Wpsabi"
#include "neml2/graph/lane_ops.h"
#include "neml2/graph/newton_ops.h"
#include "neml2/graph/scalar_ops.h"
#include "neml2/tensors/thread_team.h"

namespace neml2::eager
{
using graph::Graph;
using graph::no_node;
using graph::NodeId;
using graph::OpKind;

namespace
{
constexpr std::int64_t chunk = 128;
constexpr std::int64_t parallel_threshold = 4096;

/// Per-call plan: which nodes vary per point and which scratch slot each one uses.
struct Plan
{
  std::vector<char> varying; // node depends on a per-point argument
  std::vector<int> slot;     // scratch slot of a varying node, or of a broadcast uniform node
  int nslots = 0;
  std::vector<NodeId> broadcast; // uniform nodes read by varying nodes (filled once per thread)
  std::vector<int> wide;         // structured node -> index of its per-thread result buffer
  std::vector<int> wide_parts;   // number of results of each such buffer
  bool has_structured = false;   // a solve inside: eval_point cannot run the graph
};

bool
is_structured(OpKind op)
{
  return op == OpKind::Solve || op == OpKind::LinSolve;
}

/// Calls f(operand) for each operand of node i: its args, or its operand list for structured
/// nodes. (No allocation: plans are made once per Newton iteration of every implicit solve.)
template <typename F>
void
for_each_operand(const Graph & g, std::size_t i, F && f)
{
  const auto & node = g.nodes()[i];
  if (node.list >= 0)
  {
    for (auto a : g.operands(static_cast<NodeId>(i)))
      f(a);
    return;
  }
  for (auto a : node.args)
    if (a != no_node)
      f(a);
}

Plan
make_plan(const Graph & g, std::span<const ArgView> args)
{
  const auto n = g.nodes().size();
  Plan p;
  p.varying.assign(n, 0);
  p.slot.assign(n, -1);
  p.wide.assign(n, -1);
  std::vector<std::size_t> last_use(n, 0);
  for (std::size_t i = 0; i < n; ++i)
  {
    const auto & node = g.nodes()[i];
    if (node.op == OpKind::Input)
      p.varying[i] = args[static_cast<std::size_t>(node.arg)].stride != 0;
    // Solves run per point (their iteration counts differ), so they and their parts vary.
    if (is_structured(node.op) || node.op == OpKind::Part)
      p.varying[i] = 1;
    if (is_structured(node.op))
    {
      p.has_structured = true;
      p.wide[i] = static_cast<int>(p.wide_parts.size());
      p.wide_parts.push_back(g.num_parts(static_cast<NodeId>(i)));
    }
    for_each_operand(g, i, [&](NodeId a) {
      p.varying[i] |= p.varying[static_cast<std::size_t>(a)];
      last_use[static_cast<std::size_t>(a)] = i;
    });
  }
  for (const auto & o : g.outputs())
    for (auto c : o.components)
      last_use[static_cast<std::size_t>(c)] = n; // kept until the chunk is written out
  // Uniform operands of varying nodes get a broadcast buffer of their own.
  std::vector<char> is_broadcast(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    if (p.varying[i])
      for_each_operand(g, i, [&](NodeId a) {
        if (!p.varying[static_cast<std::size_t>(a)] && !is_broadcast[static_cast<std::size_t>(a)])
        {
          is_broadcast[static_cast<std::size_t>(a)] = 1;
          p.broadcast.push_back(a);
          p.slot[static_cast<std::size_t>(a)] = p.nslots++;
        }
      });
  // Linear-scan slot reuse for varying nodes. The nodes released after node k form a list:
  // release_head[k], then release_next[...] (-1 ends it).
  std::vector<int> free_slots;
  std::vector<NodeId> release_head(n + 1, -1), release_next(n, -1);
  for (std::size_t i = 0; i < n; ++i)
  {
    if (!p.varying[i] || p.wide[i] >= 0)
      continue;
    if (free_slots.empty())
      p.slot[i] = p.nslots++;
    else
    {
      p.slot[i] = free_slots.back();
      free_slots.pop_back();
    }
    const auto at = std::max(last_use[i], i);
    release_next[i] = release_head[at];
    release_head[at] = static_cast<NodeId>(i);
    for (auto r = release_head[i]; r >= 0; r = release_next[static_cast<std::size_t>(r)])
      free_slots.push_back(p.slot[static_cast<std::size_t>(r)]);
  }
  return p;
}

// Inlined into eval_point's loop: a call per node there costs as much as the op.
template <typename T>
[[gnu::always_inline]] inline T
eval_uniform(const graph::Node & node, const std::vector<T> & u, std::span<const ArgView> args)
{
  // Operands past the op's arity are no_node: read as 0 and ignored.
  auto A = [&](int k) { return node.args[k] == no_node ? T(0) : u[static_cast<std::size_t>(node.args[k])]; };
  switch (node.op)
  {
#define NEML2_ELEMENTWISE_OP(e, n, ar, lanes) \
  case OpKind::e:                             \
    if constexpr (ar == 1)                    \
      return neml2_ops::op_##n(A(0));         \
    else if constexpr (ar == 2)               \
      return neml2_ops::op_##n(A(0), A(1));   \
    else                                      \
      return neml2_ops::op_##n(A(0), A(1), A(2));
#include "neml2/graph/ops.def"
    case OpKind::Const:
      return static_cast<T>(node.value);
    case OpKind::Input:
      return static_cast<const T *>(args[static_cast<std::size_t>(node.arg)].data)[node.comp];
    case OpKind::Part:
    case OpKind::Solve:
    case OpKind::LinSolve:
      break; // always evaluated per point
  }
  return T(0);
}

/// o[k] = F(a[k], ...) for the k < m points of a chunk, F taking N operands.
template <int N, auto F, typename T>
void
loop(std::int64_t m, T * __restrict o, const T * a, const T * b, const T * c)
{
  for (std::int64_t k = 0; k < m; ++k)
    if constexpr (N == 1)
      o[k] = F(a[k]);
    else if constexpr (N == 2)
      o[k] = F(a[k], b[k]);
    else
      o[k] = F(a[k], b[k], c[k]);
}

/// float64 pow over a chunk, four points at a time: math_pow.h's lane form, which computes what
/// op_pow computes point by point (bit for bit) but overlaps the work of neighbouring points.
void
pow_loop(std::int64_t m, double * __restrict o, const double * a, const double * b)
{
  typedef double V4 __attribute__((vector_size(32)));
  std::int64_t k = 0;
  for (; k + 4 <= m; k += 4)
  {
    V4 x, y;
    std::memcpy(&x, a + k, sizeof(x));
    std::memcpy(&y, b + k, sizeof(y));
    const V4 r = neml2_lanes::lane_pow(x, y);
    std::memcpy(o + k, &r, sizeof(r));
  }
  for (; k < m; ++k)
    o[k] = neml2_ops::op_pow(a[k], b[k]);
}

// One loop per op over a chunk of m points. `o` is the result, `a`, `b`, `c` the operands.
template <typename T>
void
eval_chunk(OpKind op, std::int64_t m, T * __restrict o, const T * a, const T * b, const T * c)
{
  if constexpr (std::is_same_v<T, double>)
    if (op == OpKind::Pow)
      return pow_loop(m, o, a, b);
  switch (op)
  {
#define NEML2_ELEMENTWISE_OP(e, n, ar, lanes) \
  case OpKind::e:                             \
    return loop<ar, neml2_ops::op_##n<T>>(m, o, a, b, c);
#include "neml2/graph/ops.def"
    case OpKind::Const:
    case OpKind::Input:
    case OpKind::Part:
    case OpKind::Solve:
    case OpKind::LinSolve:
      break; // see run() and eval_structured
  }
}

/// A point where an implicit solve failed.
struct SolveFailure
{
  const graph::ImplicitSystem * system;
  std::int64_t point;
  double residual;
  int its;
};

[[noreturn]] void
report_failures(std::vector<SolveFailure> failures, std::int64_t n, Dtype dtype)
{
  std::sort(failures.begin(), failures.end(), [](const auto & a, const auto & b) { return a.point < b.point; });
  // NaN counts as the worst residual of all.
  auto rank = [](const SolveFailure & f) {
    return std::isnan(f.residual) ? std::numeric_limits<double>::infinity() : f.residual;
  };
  const auto worst = std::max_element(failures.begin(), failures.end(),
                                      [&](const auto & a, const auto & b) { return rank(a) < rank(b); });
  std::vector<std::int64_t> pts;
  for (std::size_t k = 0; k < failures.size() && k < 10; ++k)
    pts.push_back(failures[k].point);
  const auto & s = worst->system->settings;
  throw SolverError(fmt::format(
      "implicit update '{}' did not converge ({}) at {} of {} point(s); worst residual norm {} at point {} after {} "
      "iteration(s) (abs_tol {}, rel_tol {}, max_its {}); failed points: {}{}. Try smaller load steps, a better "
      "predictor, a line search or a larger max_its.{}",
      worst->system->name, dtype_name(dtype), failures.size(), n, worst->residual, worst->point, worst->its, s.abs_tol,
      s.rel_tol, s.max_its, fmt::join(pts, ", "), failures.size() > pts.size() ? ", ..." : "",
      precision_hint(dtype, s.rel_tol, s.abs_tol)));
}

/// Newton's settings as nt_advance reads them.
template <typename T>
neml2_ops::NtSettings<T>
nt_settings(const graph::NewtonSettings & s)
{
  neml2_ops::NtSettings<T> o;
#define NEML2_COPY_Real(v) T(v)
#define NEML2_COPY_Int(v) (v)
#define NEML2_COPY_Bool(v) static_cast<int>(v)
#define NEML2_COPY_LineSearch(v) static_cast<int>(v)
#define NEML2_COPY_FIELD(name, kind, ...) o.name = NEML2_COPY_##kind(s.name);
  NEML2_NEWTON_SETTINGS(NEML2_COPY_FIELD)
#undef NEML2_COPY_FIELD
#undef NEML2_COPY_Real
#undef NEML2_COPY_Int
#undef NEML2_COPY_Bool
#undef NEML2_COPY_LineSearch
  return o;
}

template <typename T>
void run(const Graph & g, std::int64_t n, std::span<const ArgView> args, std::span<void * const> outputs,
         SolveReport * report, const Plan * cached_plan = nullptr);

using SystemPtr = std::shared_ptr<const graph::ImplicitSystem>;

/// The plan of a system's Newton graph, kept per thread: every Newton iteration evaluates that
/// graph (its arguments always one value per point), and at small batches planning it would cost
/// more than evaluating it. Entries hold the system weakly, so a new system at a freed one's
/// address is never mistaken for it.
std::shared_ptr<const Plan>
newton_plan(const SystemPtr & sys, std::span<const ArgView> args)
{
  struct Entry
  {
    std::weak_ptr<const graph::ImplicitSystem> system;
    std::shared_ptr<const Plan> plan;
  };
  constexpr std::size_t capacity = 16;
  thread_local std::vector<Entry> cache;
  thread_local std::size_t next = 0;
  for (const auto & e : cache)
    if (e.system.lock() == sys)
      return e.plan;
  Entry e{sys, std::make_shared<const Plan>(make_plan(sys->newton, args))};
  if (cache.size() < capacity)
    cache.push_back(e);
  else
    cache[next++ % capacity] = e;
  return e.plan;
}

/// One point through a graph without solves: every node once, in order, each value kept in
/// `v` (no slots, no per-op sweep). The values are those run() computes: the same scalar op per node.
template <typename T>
void
eval_point(const Graph & g, std::span<const ArgView> args, std::span<void * const> outputs, std::vector<T> & v)
{
  v.resize(g.nodes().size());
  for (std::size_t i = 0; i < v.size(); ++i)
    v[i] = eval_uniform<T>(g.nodes()[i], v, args);
  for (std::size_t oi = 0; oi < g.outputs().size(); ++oi)
  {
    T * dst = static_cast<T *>(outputs[oi]);
    for (auto id : g.outputs()[oi].components)
      *dst++ = v[static_cast<std::size_t>(id)];
  }
}

/// A system's Newton graph (r and J), evaluated once per iteration of a solve: its plan fetched
/// once per solve, and a single point evaluated node by node (eval_point) rather than swept.
template <typename T>
class NewtonGraph
{
public:
  NewtonGraph(const SystemPtr & sys, std::span<const ArgView> views)
    : _sys(sys),
      _plan(newton_plan(sys, views))
  {
  }

  void operator()(std::int64_t m, std::span<const ArgView> views, std::span<void * const> outs)
  {
    if (m == 1 && !_plan->has_structured)
      eval_point<T>(_sys->newton, views, outs, _values);
    else
      run<T>(_sys->newton, m, views, outs, nullptr, _plan.get());
  }

private:
  SystemPtr _sys;
  std::shared_ptr<const Plan> _plan;
  std::vector<T> _values;
};

/// Newton's method on one point (a sub-step of it: see nt_substep), iterating exactly as
/// newton_chunk does; `st` comes with its status set (0: iterate).
template <typename T>
void
newton_point(const SystemPtr & sysp, T * x, const T * g, neml2_ops::NtState<neml2_ops::PointPolicy<T>> & st)
{
  const auto & sys = *sysp;
  const auto n = static_cast<std::size_t>(sys.n);
  std::vector<T> x_eval(x, x + n), dx(n), r(n), jacobians(2 * n * n);
  std::vector<int> piv(n);
  T * J = jacobians.data(); // nt_advance may leave the factors to keep in J: then J and F swap
  T * F = J + n * n;
  std::vector<ArgView> views;
  views.push_back({x_eval.data(), 1});
  for (int j = 0; j < sys.m; ++j)
    views.push_back({g + j, 1});
  void * outs[2] = {r.data(), J};
  const auto o = nt_settings<T>(sys.settings);
  NewtonGraph<T> residual(sysp, views);
  while (st.status == 0)
  {
    outs[1] = J;
    residual(1, views, outs);
    bool swap = false;
    neml2_ops::nt_advance(st, x, x_eval.data(), dx.data(), J, r.data(), F, piv.data(), o, sys.n, &swap);
    if (swap)
      std::swap(J, F);
  }
}

/// Newton's method on m points at once; each point iterates exactly as the generated per-point
/// loop does (same residual graph, same nt_advance), so iteration counts and results match.
/// `x` holds the guesses on entry and the solutions on exit (point-major, n per point).
template <typename T>
void
newton_chunk(const SystemPtr & sysp, std::int64_t m, T * x, const std::vector<const T *> & given, std::int64_t p0,
             std::vector<int> & iterations, std::vector<int> & pieces, std::vector<SolveFailure> & failures)
{
  const auto & sys = *sysp;
  const int n = sys.n;
  const std::vector<T> x0(x, x + m * n); // the guesses, where sub-steps start from
  std::vector<T> x_eval(x, x + m * n), dx(static_cast<std::size_t>(m * n));
  std::vector<ArgView> views;
  views.push_back({x_eval.data(), 1});
  for (const T * gj : given)
    views.push_back({gj, 1});
  std::vector<T> r(static_cast<std::size_t>(m * n)), J(static_cast<std::size_t>(m * n * n));
  // Per point: the factors of its last Newton direction and their pivot rows (nt_advance).
  std::vector<T> F(static_cast<std::size_t>(m * n * n));
  std::vector<int> piv(static_cast<std::size_t>(m * n));
  void * outs[2] = {r.data(), J.data()};
  std::vector<neml2_ops::NtState<neml2_ops::PointPolicy<T>>> st(static_cast<std::size_t>(m));
  const auto o = nt_settings<T>(sys.settings);
  NewtonGraph<T> residual(sysp, views);
  for (bool active = true; active;)
  {
    residual(m, views, outs);
    active = false;
    for (std::int64_t p = 0; p < m; ++p)
    {
      auto & sp = st[static_cast<std::size_t>(p)];
      if (sp.status != 0)
        continue;
      neml2_ops::nt_advance(sp, x + p * n, x_eval.data() + p * n, dx.data() + p * n, J.data() + p * n * n,
                            r.data() + p * n, F.data() + p * n * n, piv.data() + p * n, o, n);
      active = active || sp.status == 0;
    }
  }
  // Points whose step failed retry it in sub-steps, one point at a time (they are few).
  const neml2_ops::NtSubsteps sub{sys.given_role.data(), sys.given_pair.data(), sys.max_substep_level};
  std::vector<T> g(static_cast<std::size_t>(std::max(sys.m, 1))), work(static_cast<std::size_t>(2 * n + sys.m));
  for (std::int64_t p = 0; p < m; ++p)
  {
    auto & sp = st[static_cast<std::size_t>(p)];
    int & k = pieces[static_cast<std::size_t>(p)];
    k = sp.status == 1 ? 1 : 0;
    if (sp.status == 1 || sys.max_substep_level == 0)
      continue;
    for (int j = 0; j < sys.m; ++j)
      g[static_cast<std::size_t>(j)] = given[static_cast<std::size_t>(j)][p];
    neml2_ops::nt_substep<neml2_ops::PointPolicy<T>, 0>(
        sp, x + p * n, x0.data() + p * n, g.data(), sys.m, sub, k, work.data(),
        [&](T * xs, const T * gs, auto & t) { newton_point(sysp, xs, gs, t); }, n);
  }
  for (std::int64_t p = 0; p < m; ++p)
  {
    const auto & sp = st[static_cast<std::size_t>(p)];
    iterations[static_cast<std::size_t>(p)] = sp.status == 1 ? sp.its : -1;
    if (sp.status != 1)
      failures.push_back({&sys, p0 + p, static_cast<double>(sp.rn), sp.its});
  }
}

/// Fills `report` for n points from the per-point tallies of the top-level solves, and leaves
/// NaN in every output of a failed point.
template <typename T>
void
capture_failures(SolveReport & report, const Graph & g, std::int64_t n, std::span<void * const> outputs,
                 const std::vector<std::int32_t> & its, const std::vector<std::int32_t> & pieces,
                 const std::vector<SolveFailure> & failures)
{
  report.reset({n});
  report.iterations = its;
  report.substeps = pieces;
  for (const auto & f : failures)
  {
    const auto p = static_cast<std::size_t>(f.point);
    double & r = report.residual[p]; // the worst of the point's failed solves; NaN is the worst
    if (report.iterations[p] >= 0 || (!std::isnan(r) && (std::isnan(f.residual) || f.residual > r)))
      r = f.residual;
    report.iterations[p] = -1;
    report.substeps[p] = 0;
  }
  for (std::size_t oi = 0; oi < g.outputs().size(); ++oi)
  {
    const auto nc = static_cast<std::int64_t>(g.outputs()[oi].components.size());
    T * out = static_cast<T *>(outputs[oi]);
    for (const auto & f : failures)
      std::fill_n(out + f.point * nc, nc, std::numeric_limits<T>::quiet_NaN());
  }
}

template <typename T>
void
run(const Graph & g, std::int64_t n, std::span<const ArgView> args, std::span<void * const> outputs,
    SolveReport * report, const Plan * cached_plan)
{
  std::optional<Plan> own;
  if (!cached_plan)
    own = make_plan(g, args);
  const Plan & plan = cached_plan ? *cached_plan : *own;
  const auto nn = g.nodes().size();
  // Uniform values, computed once.
  std::vector<T> u(nn, T(0));
  for (std::size_t i = 0; i < nn; ++i)
    if (!plan.varying[i])
      u[i] = eval_uniform<T>(g.nodes()[i], u, args);

  // Buffers hold cs points: a chunk, or the whole batch when smaller (batch 1 zeroes 1 value per slot).
  const std::int64_t cs = std::min(chunk, n);
  const std::int64_t nchunks = (n + cs - 1) / cs;
  std::vector<SolveFailure> failures;
  std::mutex failures_mutex;
  // With a report: per point, the Newton updates of its solves and the most pieces one took.
  std::vector<std::int32_t> tally_its, tally_pieces;
  if (report)
  {
    tally_its.assign(static_cast<std::size_t>(n), 0);
    tally_pieces.assign(static_cast<std::size_t>(n), 1);
  }
  auto worker = [&](std::int64_t first, std::int64_t last) {
    std::vector<T> scratch(static_cast<std::size_t>(plan.nslots * cs));
    auto buf = [&](NodeId id) { return scratch.data() + plan.slot[static_cast<std::size_t>(id)] * cs; };
    std::vector<std::vector<T>> wide;
    for (auto parts : plan.wide_parts)
      wide.emplace_back(static_cast<std::size_t>(parts * cs));
    std::vector<SolveFailure> my_failures;
    // Structured nodes read their operands per point and write all their results at once.
    auto eval_structured = [&](std::size_t i, std::int64_t p0, std::int64_t m) {
      const auto id = static_cast<NodeId>(i);
      const auto & node = g.nodes()[i];
      const auto & ops = g.operands(id);
      T * out = wide[static_cast<std::size_t>(plan.wide[i])].data();
      if (node.op == OpKind::LinSolve)
      {
        const int nn_ = node.arg, mm = node.comp;
        std::vector<T> A(static_cast<std::size_t>(nn_ * nn_)), B(static_cast<std::size_t>(nn_ * mm));
        for (std::int64_t p = 0; p < m; ++p)
        {
          for (int k = 0; k < nn_ * nn_; ++k)
            A[static_cast<std::size_t>(k)] = buf(ops[static_cast<std::size_t>(k)])[p];
          for (int k = 0; k < nn_ * mm; ++k)
            B[static_cast<std::size_t>(k)] = buf(ops[static_cast<std::size_t>(nn_ * nn_ + k)])[p];
          if (!neml2_ops::nt_lu_solve<neml2_ops::PointPolicy<T>>(A.data(), B.data(), nn_, mm))
            std::fill(B.begin(), B.end(), std::numeric_limits<T>::quiet_NaN());
          for (int k = 0; k < nn_ * mm; ++k)
            out[k * cs + p] = B[static_cast<std::size_t>(k)];
        }
        return;
      }
      const auto & sys = *g.systems()[static_cast<std::size_t>(node.arg)];
      std::vector<T> x(static_cast<std::size_t>(m * sys.n));
      for (int k = 0; k < sys.n; ++k)
      {
        const T * guess = buf(ops[static_cast<std::size_t>(k)]);
        for (std::int64_t p = 0; p < m; ++p)
          x[static_cast<std::size_t>(p * sys.n + k)] = guess[p];
      }
      std::vector<const T *> given;
      for (int j = 0; j < sys.m; ++j)
        given.push_back(buf(ops[static_cast<std::size_t>(sys.n + j)]));
      std::vector<int> its(static_cast<std::size_t>(m)), pieces(static_cast<std::size_t>(m));
      newton_chunk<T>(g.systems()[static_cast<std::size_t>(node.arg)], m, x.data(), given, p0, its, pieces,
                      my_failures);
      if (report)
        for (std::int64_t p = 0; p < m; ++p)
        {
          const auto q = static_cast<std::size_t>(p0 + p), k = static_cast<std::size_t>(p);
          tally_its[q] += std::max(its[k], 0);
          tally_pieces[q] = std::max(tally_pieces[q], pieces[k]);
        }
      for (int k = 0; k < sys.n; ++k)
        for (std::int64_t p = 0; p < m; ++p)
          out[k * cs + p] = x[static_cast<std::size_t>(p * sys.n + k)];
      for (std::int64_t p = 0; p < m; ++p)
        out[sys.n * cs + p] = static_cast<T>(its[static_cast<std::size_t>(p)]);
    };
    for (auto b : plan.broadcast)
      std::fill_n(buf(b), cs, u[static_cast<std::size_t>(b)]);
    for (std::int64_t ci = first; ci < last; ++ci)
    {
      const std::int64_t p0 = ci * cs, m = std::min(cs, n - p0);
      for (std::size_t i = 0; i < nn; ++i)
      {
        if (!plan.varying[i])
          continue;
        const auto & node = g.nodes()[i];
        if (plan.wide[i] >= 0)
        {
          eval_structured(i, p0, m);
          continue;
        }
        T * o = buf(static_cast<NodeId>(i));
        if (node.op == OpKind::Part)
        {
          const auto src = static_cast<std::size_t>(node.args[0]);
          std::copy_n(wide[static_cast<std::size_t>(plan.wide[src])].data() + node.comp * cs, m, o);
          continue;
        }
        if (node.op == OpKind::Input)
        {
          const auto & av = args[static_cast<std::size_t>(node.arg)];
          const auto nc = static_cast<std::int64_t>(g.arguments()[static_cast<std::size_t>(node.arg)].leaves.size());
          const T * src = static_cast<const T *>(av.data) + p0 * nc + node.comp;
          for (std::int64_t k = 0; k < m; ++k)
            o[k] = src[k * nc];
          continue;
        }
        const T * a = node.args[0] != no_node ? buf(node.args[0]) : nullptr;
        const T * b = node.args[1] != no_node ? buf(node.args[1]) : nullptr;
        const T * c = node.args[2] != no_node ? buf(node.args[2]) : nullptr;
        eval_chunk<T>(node.op, m, o, a, b, c);
      }
      for (std::size_t oi = 0; oi < g.outputs().size(); ++oi)
      {
        const auto & comps = g.outputs()[oi].components;
        const auto nc = static_cast<std::int64_t>(comps.size());
        T * dst = static_cast<T *>(outputs[oi]) + p0 * nc;
        for (std::int64_t cidx = 0; cidx < nc; ++cidx)
        {
          const auto id = comps[static_cast<std::size_t>(cidx)];
          if (plan.varying[static_cast<std::size_t>(id)])
          {
            const T * src = buf(id);
            for (std::int64_t k = 0; k < m; ++k)
              dst[k * nc + cidx] = src[k];
          }
          else
            for (std::int64_t k = 0; k < m; ++k)
              dst[k * nc + cidx] = u[static_cast<std::size_t>(id)];
        }
      }
    }
    if (!my_failures.empty())
    {
      std::lock_guard lock(failures_mutex);
      failures.insert(failures.end(), my_failures.begin(), my_failures.end());
    }
  };

  if (n < parallel_threshold)
    worker(0, nchunks);
  else
  {
    // Runs of neighbouring chunks, about 8 per thread (interleaving single chunks is slower).
    const std::int64_t per = std::max<std::int64_t>(1, nchunks / (8 * static_cast<std::int64_t>(num_threads())));
    parallel_for((nchunks + per - 1) / per, [&](std::int64_t b) { worker(b * per, std::min(nchunks, (b + 1) * per)); });
  }
  if (report)
    capture_failures<T>(*report, g, n, outputs, tally_its, tally_pieces, failures);
  else if (!failures.empty())
    report_failures(failures, n, std::is_same_v<T, float> ? Dtype::Float32 : Dtype::Float64);
}
} // namespace

void
interpret(const Graph & g, std::int64_t n, std::span<const ArgView> args, std::span<void * const> outputs,
          SolveReport * report)
{
  NEML2_ASSERT(args.size() == g.arguments().size(), "interpret() got {} argument(s), the graph has {}", args.size(),
               g.arguments().size());
  NEML2_ASSERT(outputs.size() == g.outputs().size(), "interpret() got {} output(s), the graph has {}", outputs.size(),
               g.outputs().size());
  if (report)
    report->reset({std::max<std::int64_t>(n, 0)});
  if (n <= 0)
    return;
  if (g.dtype() == Dtype::Float64)
    run<double>(g, n, args, outputs, report);
  else
    run<float>(g, n, args, outputs, report);
}
} // namespace neml2::eager
