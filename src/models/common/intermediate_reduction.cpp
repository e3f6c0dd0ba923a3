// IntermediateSum, IntermediateMean, IntermediateDiff over a variable's sub-batch.
#include "neml2/models/common/intermediate_reduction.h"

#include <fmt/format.h>

namespace neml2
{
template <typename T, IntermediateOp Op>
OptionSchema
IntermediateReduction<T, Op>::expected_options()
{
  const auto t = std::string(type_name(T::kind));
  auto schema = Model::expected_options();
  switch (Op)
  {
    case IntermediateOp::Sum:
      schema.doc("The sum of a " + t + " over its trailing sub-batch (intermediate) axis, which the output drops.");
      break;
    case IntermediateOp::Mean:
      schema.doc("The mean of a " + t +
                 " over its trailing sub-batch (intermediate) axis, which the output drops "
                 "(e.g. the mean stress over the grains of a Taylor polycrystal).");
      break;
    case IntermediateOp::Diff:
      schema.doc("The n-th forward difference of a " + t +
                 " along sub-batch (intermediate) axis `dim`: x[i+1] - x[i], "
                 "n times, so that the axis is n shorter.");
      break;
  }
  schema.optional("from", OptionKind::String, "from", "the input variable, with a sub-batch")
      .optional("to", OptionKind::String, "to", "the output variable")
      .required("reduces", OptionKind::String,
                "the name of the sub-batch axis acted on (a label, e.g. 'grain'; sizes come from the variables)");
  if (Op == IntermediateOp::Diff)
    schema.required("dim", OptionKind::Int, "the sub-batch axis, counted from the first (negative: from the last)")
        .optional("n", OptionKind::Int, "1", "the order of the difference");
  return schema;
}

template <typename T, IntermediateOp Op>
IntermediateReduction<T, Op>::IntermediateReduction(const Options & options, Factory &)
  : Model(options),
    _from(options.get_string("from")),
    _to(options.get_string("to"))
{
  if (Op == IntermediateOp::Diff)
  {
    _dim = options.get_int("dim");
    _n = options.get_int("n");
    if (_n < 1)
      throw options.error("n", fmt::format("the order of the difference must be at least 1, got {}", _n));
  }
  declare_input_pending(_from, T::kind);
  declare_output_distinct(_to, T::kind, "to");
  set_output_sub_batch(_to, {}, true);
}

template <typename T, IntermediateOp Op>
std::size_t
IntermediateReduction<T, Op>::axis(std::size_t rank) const
{
  const auto r = static_cast<std::int64_t>(rank);
  const auto d = Op == IntermediateOp::Diff ? _dim : -1;
  if (d >= r || d < -r)
    throw ValueError(fmt::format("model '{}': '{}' has {} sub-batch axis/axes, so it has no axis {} to act on{}",
                                 name(), _from, rank, d,
                                 rank == 0 ? " (compose it with the model that computes it, or declare the sub-batch "
                                             "in [Settings] example_batch_shape)"
                                           : ""));
  return static_cast<std::size_t>(d < 0 ? d + r : d);
}

template <typename T, IntermediateOp Op>
Shape
IntermediateReduction<T, Op>::reduced(const Shape & from) const
{
  auto out = from;
  const auto a = axis(from.size());
  if (Op != IntermediateOp::Diff)
    out.erase(out.begin() + static_cast<std::ptrdiff_t>(a));
  else if (from[a] <= _n)
    throw ValueError(fmt::format("model '{}': the difference of order {} along axis {} of '{}' needs more than {} "
                                 "entries, but it has {}",
                                 name(), _n, _dim, _from, _n, from[a]));
  else
    out[a] -= _n;
  return out;
}

template <typename T, IntermediateOp Op>
void
IntermediateReduction<T, Op>::resolve_sub_batch(const std::string & name, const Shape & sub_batch)
{
  if (name != _from)
  {
    Model::resolve_sub_batch(name, sub_batch);
    return;
  }
  // The output follows the input, whose sub-batch may grow (a Taylor polycrystal's grains in front
  // of the slip systems); one without the axis acted on is refused when the model is staged.
  set_sub_batch(_from, sub_batch);
  if (sub_batch.empty())
    set_output_sub_batch(_to, {}, true);
  else
    set_output_sub_batch(_to, reduced(sub_batch), false);
}

template <typename T, IntermediateOp Op>
void
IntermediateReduction<T, Op>::define(Staging & s) const
{
  const auto & from = *find_input(_from);
  // Never resolved: one value per point, which Sum and Mean leave as it is.
  const auto shape = from.sub_batch_pending ? Shape{1} : from.sub_batch;
  const auto a = axis(shape.size());
  const auto x = s.input_list<T>(_from);
  // Row-major sub-batch: `outer` blocks of `len` entries along the axis, each `inner` apart.
  std::int64_t outer = 1, inner = 1;
  for (std::size_t d = 0; d < a; ++d)
    outer *= shape[d];
  for (std::size_t d = a + 1; d < shape.size(); ++d)
    inner *= shape[d];
  const auto len = shape[a];
  auto at = [&](const std::vector<T> & v, std::int64_t o, std::int64_t i, std::int64_t k, std::int64_t n) {
    return v[static_cast<std::size_t>((o * n + i) * inner + k)];
  };
  std::vector<T> out;
  if (Op != IntermediateOp::Diff)
  {
    for (std::int64_t o = 0; o < outer; ++o)
      for (std::int64_t k = 0; k < inner; ++k)
      {
        T sum = at(x, o, 0, k, len);
        for (std::int64_t i = 1; i < len; ++i)
          sum = sum + at(x, o, i, k, len);
        out.push_back(Op == IntermediateOp::Mean ? sum / static_cast<double>(len) : sum);
      }
    s.output_list(_to, out);
    return;
  }
  // n first differences, as torch.diff applies them.
  out = x;
  for (std::int64_t m = len; m > len - _n; --m)
  {
    std::vector<T> next;
    for (std::int64_t o = 0; o < outer; ++o)
      for (std::int64_t i = 0; i + 1 < m; ++i)
        for (std::int64_t k = 0; k < inner; ++k)
          next.push_back(at(out, o, i + 1, k, m) - at(out, o, i, k, m));
    out = std::move(next);
  }
  s.output_list(_to, out);
}

#define NEML2_INTERMEDIATE(Type, Op)                                                   \
  using Type##Intermediate##Op = IntermediateReduction<sym::Type, IntermediateOp::Op>; \
  template class IntermediateReduction<sym::Type, IntermediateOp::Op>;                 \
  NEML2_REGISTER(Model, Type##Intermediate##Op)
NEML2_INTERMEDIATE(SR2, Sum);
NEML2_INTERMEDIATE(SR2, Mean);
NEML2_INTERMEDIATE(SR2, Diff);
} // namespace neml2
