// Linspace<Type> and Logspace<Type>: tensors spaced evenly between `start` and `end` along a
// new batch dimension inserted at `dim` (NEML2's dynamic_linspace / dynamic_logspace).
#include <algorithm>
#include <cmath>

#include "generator_util.h"

namespace neml2::generators
{
namespace
{
OptionSchema
spacing_options(TypeKind k, bool log)
{
  OptionSchema s;
  s.doc(fmt::format("{} spaced {} between `start` and `end` (numbers or names of [Tensors] {}s, whose "
                    "batch shapes broadcast) along a new batch dimension of size `nstep` inserted at `dim`.{}",
                    sentence_type(k), log ? "logarithmically" : "linearly", type_name(k),
                    log ? " Each value is base^x with x spaced linearly." : ""))
      .required("start", OptionKind::String, "the first value: a number or a [Tensors] name")
      .required("end", OptionKind::String, "the last value: a number or a [Tensors] name")
      .required("nstep", OptionKind::Int, "number of steps (at least 1)")
      .optional("dim", OptionKind::Int, "0",
                "where the new batch dimension goes (negative counts from the end); 0 or -1 with group = "
                "'intermediate'")
      .choice("group", {"dynamic", "intermediate"}, "dynamic",
              "dimension group of the new dimension: 'dynamic' (points, steps), or 'intermediate', a sub-batch "
              "axis after every batch dimension (the cells of a finite-volume grid, say)");
  if (log)
    s.optional("base", OptionKind::Real, "10", "base of the logarithm");
  return s;
}

/// start + (i / (nstep - 1)) (end - start) for step i, on the broadcast batch of start and end,
/// with the step dimension inserted at `dim`; then base^x when `log`.
Tensor
spaced(const Options & o, TypeKind k, Factory & f, bool log)
{
  const auto start = resolve_tensor(o, "start", o.get_string("start"), k, f);
  const auto end = resolve_tensor(o, "end", o.get_string("end"), k, f);
  const auto n = o.get_int("nstep");
  if (n < 1)
    throw o.error("nstep", fmt::format("nstep must be at least 1, got {}", n));
  Shape B;
  try
  {
    B = broadcast_batch_shapes({start.batch_shape(), end.batch_shape()}, "start and end");
  }
  catch (const ValueError & e)
  {
    throw o.error("end", e.what());
  }
  const auto rank = static_cast<long>(B.size()) + 1;
  auto dim = o.get_int("dim");
  if (o.get_string("group") == "intermediate")
  {
    // The only sub-batch axis, so it goes after every batch axis of start and end.
    if (dim != 0 && dim != -1)
      throw o.error("dim",
                    fmt::format("the new dimension is the only intermediate one, so dim is 0 or -1; got {}", dim));
    dim = rank - 1;
  }
  if (dim < -rank || dim >= rank)
    throw o.error("dim", fmt::format("dim must be in [{}, {}] for a result with {} batch dimension(s), got {}", -rank,
                                     rank - 1, rank, dim));
  if (dim < 0)
    dim += rank;
  const auto s = start.expand_batch(B), e = end.expand_batch(B);
  Shape out_batch = B;
  out_batch.insert(out_batch.begin() + dim, n);
  auto out = Tensor::zeros(out_batch, base_shape(k));
  const std::int64_t nb = out.base_numel();
  std::int64_t inner = nb;
  for (auto d = static_cast<std::size_t>(dim); d < B.size(); ++d)
    inner *= B[d];
  const std::int64_t outer = s.numel() / std::max<std::int64_t>(inner, 1);
  const double base = log ? o.get_real("base") : 0.0;
  for (std::int64_t a = 0; a < outer; ++a)
    for (std::int64_t i = 0; i < n; ++i)
      for (std::int64_t q = 0; q < inner; ++q)
      {
        const auto src = a * inner + q;
        double v = s.at(src);
        if (n > 1)
          v = v + (static_cast<double>(i) / static_cast<double>(n - 1)) * (e.at(src) - v);
        out.set((a * n + i) * inner + q, log ? std::pow(base, v) : v);
      }
  return out;
}

template <TypeKind K, bool Log>
class Spaced : public TensorObject
{
public:
  static OptionSchema expected_options() { return spacing_options(K, Log); }
  Spaced(const Options & o, Factory & f)
    : TensorObject(o, K)
  {
    set_value(spaced(o, K, f, Log));
    if (o.get_string("group") == "intermediate")
      set_sub_batch_dims(1);
  }
};

template <TypeKind K>
bool
register_spaced()
{
  for (const auto & t : type_spellings(K))
  {
    register_tensor<Spaced<K, false>>("Linspace" + t);
    register_tensor<Spaced<K, true>>("Logspace" + t);
  }
  return true;
}

#define NEML2_REGISTER_SPACED(name, ...) [[maybe_unused]] const bool spaced_##name = register_spaced<TypeKind::name>();
NEML2_FOR_EACH_TENSOR_TYPE(NEML2_REGISTER_SPACED)
#undef NEML2_REGISTER_SPACED
} // namespace
} // namespace neml2::generators
