// The eager interpreter (see interpreter.h).
#include "neml2/eager/interpreter.h"

#include <algorithm>
#include <vector>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "neml2/base/error.h"
#include "neml2/graph/scalar_ops.h"

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
};

Plan
make_plan(const Graph & g, std::span<const ArgView> args)
{
  const auto n = g.nodes().size();
  Plan p;
  p.varying.assign(n, 0);
  p.slot.assign(n, -1);
  std::vector<std::size_t> last_use(n, 0);
  for (std::size_t i = 0; i < n; ++i)
  {
    const auto & node = g.nodes()[i];
    if (node.op == OpKind::Input)
      p.varying[i] = args[static_cast<std::size_t>(node.arg)].stride != 0;
    for (auto a : node.args)
      if (a != no_node)
      {
        p.varying[i] |= p.varying[static_cast<std::size_t>(a)];
        last_use[static_cast<std::size_t>(a)] = i;
      }
  }
  for (const auto & o : g.outputs())
    for (auto c : o.components)
      last_use[static_cast<std::size_t>(c)] = n; // kept until the chunk is written out
  // Uniform operands of varying nodes get a broadcast buffer of their own.
  std::vector<char> is_broadcast(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    if (p.varying[i])
      for (auto a : g.nodes()[i].args)
        if (a != no_node && !p.varying[static_cast<std::size_t>(a)] && !is_broadcast[static_cast<std::size_t>(a)])
        {
          is_broadcast[static_cast<std::size_t>(a)] = 1;
          p.broadcast.push_back(a);
          p.slot[static_cast<std::size_t>(a)] = p.nslots++;
        }
  // Linear-scan slot reuse for varying nodes.
  std::vector<int> free_slots;
  std::vector<std::vector<NodeId>> release_at(n + 1);
  for (std::size_t i = 0; i < n; ++i)
  {
    if (!p.varying[i])
      continue;
    if (free_slots.empty())
      p.slot[i] = p.nslots++;
    else
    {
      p.slot[i] = free_slots.back();
      free_slots.pop_back();
    }
    release_at[std::max(last_use[i], i)].push_back(static_cast<NodeId>(i));
    for (auto r : release_at[i])
      free_slots.push_back(p.slot[static_cast<std::size_t>(r)]);
  }
  return p;
}

template <typename T>
T
eval_uniform(const graph::Node & node, const std::vector<T> & u, std::span<const ArgView> args,
             const Graph & g)
{
  using namespace neml2_ops;
  auto A = [&](int k) { return u[static_cast<std::size_t>(node.args[k])]; };
  switch (node.op)
  {
    case OpKind::Const:
      return static_cast<T>(node.value);
    case OpKind::Input:
      return static_cast<const T *>(args[static_cast<std::size_t>(node.arg)].data)[node.comp];
    case OpKind::Neg: return op_neg(A(0));
    case OpKind::Sqrt: return op_sqrt(A(0));
    case OpKind::Exp: return op_exp(A(0));
    case OpKind::Log: return op_log(A(0));
    case OpKind::Sin: return op_sin(A(0));
    case OpKind::Cos: return op_cos(A(0));
    case OpKind::Tanh: return op_tanh(A(0));
    case OpKind::Abs: return op_abs(A(0));
    case OpKind::Sign: return op_sign(A(0));
    case OpKind::Add: return op_add(A(0), A(1));
    case OpKind::Sub: return op_sub(A(0), A(1));
    case OpKind::Mul: return op_mul(A(0), A(1));
    case OpKind::Div: return op_div(A(0), A(1));
    case OpKind::Pow: return op_pow(A(0), A(1));
    case OpKind::Max: return op_max(A(0), A(1));
    case OpKind::Min: return op_min(A(0), A(1));
    case OpKind::Gt: return op_gt(A(0), A(1));
    case OpKind::Select: return op_select(A(0), A(1), A(2));
  }
  (void)g;
  return T(0);
}

// One loop per op over a chunk of m points. `o` is the result, `a`, `b`, `c` the operands.
template <typename T>
void
eval_chunk(OpKind op, std::int64_t m, T * __restrict o, const T * a, const T * b, const T * c)
{
  using namespace neml2_ops;
#define NEML2_LOOP(expr)                                                                           \
  for (std::int64_t k = 0; k < m; ++k)                                                             \
    o[k] = expr;                                                                                   \
  return;
  switch (op)
  {
    case OpKind::Const:
    case OpKind::Input:
      break;
    case OpKind::Neg: NEML2_LOOP(op_neg(a[k]))
    case OpKind::Sqrt: NEML2_LOOP(op_sqrt(a[k]))
    case OpKind::Exp: NEML2_LOOP(op_exp(a[k]))
    case OpKind::Log: NEML2_LOOP(op_log(a[k]))
    case OpKind::Sin: NEML2_LOOP(op_sin(a[k]))
    case OpKind::Cos: NEML2_LOOP(op_cos(a[k]))
    case OpKind::Tanh: NEML2_LOOP(op_tanh(a[k]))
    case OpKind::Abs: NEML2_LOOP(op_abs(a[k]))
    case OpKind::Sign: NEML2_LOOP(op_sign(a[k]))
    case OpKind::Add: NEML2_LOOP(op_add(a[k], b[k]))
    case OpKind::Sub: NEML2_LOOP(op_sub(a[k], b[k]))
    case OpKind::Mul: NEML2_LOOP(op_mul(a[k], b[k]))
    case OpKind::Div: NEML2_LOOP(op_div(a[k], b[k]))
    case OpKind::Pow: NEML2_LOOP(op_pow(a[k], b[k]))
    case OpKind::Max: NEML2_LOOP(op_max(a[k], b[k]))
    case OpKind::Min: NEML2_LOOP(op_min(a[k], b[k]))
    case OpKind::Gt: NEML2_LOOP(op_gt(a[k], b[k]))
    case OpKind::Select: NEML2_LOOP(op_select(a[k], b[k], c[k]))
  }
#undef NEML2_LOOP
}

template <typename T>
void
run(const Graph & g, std::int64_t n, std::span<const ArgView> args, std::span<void * const> outputs)
{
  const Plan plan = make_plan(g, args);
  const auto nn = g.nodes().size();
  // Uniform values, computed once.
  std::vector<T> u(nn, T(0));
  for (std::size_t i = 0; i < nn; ++i)
    if (!plan.varying[i])
      u[i] = eval_uniform<T>(g.nodes()[i], u, args, g);

  const std::int64_t nchunks = (n + chunk - 1) / chunk;
  auto worker = [&](std::int64_t first, std::int64_t last)
  {
    std::vector<T> scratch(static_cast<std::size_t>(plan.nslots * chunk));
    auto buf = [&](NodeId id) { return scratch.data() + plan.slot[static_cast<std::size_t>(id)] * chunk; };
    for (auto b : plan.broadcast)
      std::fill_n(buf(b), chunk, u[static_cast<std::size_t>(b)]);
    for (std::int64_t ci = first; ci < last; ++ci)
    {
      const std::int64_t p0 = ci * chunk, m = std::min(chunk, n - p0);
      for (std::size_t i = 0; i < nn; ++i)
      {
        if (!plan.varying[i])
          continue;
        const auto & node = g.nodes()[i];
        T * o = buf(static_cast<NodeId>(i));
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
  };

  if (n < parallel_threshold)
  {
    worker(0, nchunks);
    return;
  }
#pragma omp parallel
  {
#ifdef _OPENMP
    const std::int64_t nt = omp_get_num_threads(), t = omp_get_thread_num();
#else
    const std::int64_t nt = 1, t = 0;
#endif
    // Contiguous blocks of chunks per thread (interleaving small chunks is slower).
    const std::int64_t per = (nchunks + nt - 1) / nt;
    worker(std::min(nchunks, t * per), std::min(nchunks, (t + 1) * per));
  }
}
} // namespace

void
interpret(const Graph & g, std::int64_t n, std::span<const ArgView> args, std::span<void * const> outputs)
{
  NEML2_ASSERT(args.size() == g.arguments().size(), "interpret() got {} argument(s), the graph has {}",
               args.size(), g.arguments().size());
  NEML2_ASSERT(outputs.size() == g.outputs().size(), "interpret() got {} output(s), the graph has {}",
               outputs.size(), g.outputs().size());
  if (n <= 0)
    return;
  if (g.dtype() == Dtype::Float64)
    run<double>(g, n, args, outputs);
  else
    run<float>(g, n, args, outputs);
}
} // namespace neml2::eager
