// Model declarations and staging into graphs; evaluation is delegated to the evaluator.
#include "neml2/models/model.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "neml2/base/number_word.h"
#include "neml2/base/qualified_name.h"
#include "neml2/base/tensor_object.h"
#include "neml2/hit/hit.h"
#include "neml2/models/eager_evaluator.h"
#include "neml2/tensors/solve_report.h"

namespace neml2
{
namespace
{
/// Why `value` is not admitted for parameter `name` (empty when it is): the first offending entry.
std::string
inadmissible(const std::string & name, const Tensor & value, const std::optional<Admissible> & range)
{
  for (std::int64_t i = 0; i < value.numel(); ++i)
  {
    const double v = value.at(i);
    if (range ? range->contains(v) : std::isfinite(v))
      continue;
    const auto where = value.numel() > 1 ? fmt::format(" (entry {})", i) : std::string();
    if (!range)
      return fmt::format("parameter '{}'{} is {}, not a finite number", name, where, v);
    return fmt::format("parameter '{}'{} = {} is outside its admissible range {}: {} must lie in {}", name, where, v,
                       range->interval(), range->meaning, range->interval());
  }
  return "";
}

std::vector<std::string>
output_names(const Model & m)
{
  std::vector<std::string> out;
  for (const auto & v : m.output_spec())
    out.push_back(v.name);
  return out;
}

/// Appends `p` unless it is already listed (one model may feed several parameters).
void
add_provider(std::vector<std::shared_ptr<Model>> & providers, const std::shared_ptr<Model> & p)
{
  if (std::find(providers.begin(), providers.end(), p) == providers.end())
    providers.push_back(p);
}

std::vector<std::string>
words(const std::string & text)
{
  std::vector<std::string> out;
  std::string cur;
  for (char c : text)
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
    {
      if (!cur.empty())
        out.push_back(std::move(cur));
      cur.clear();
    }
    else
      cur += c;
  if (!cur.empty())
    out.push_back(cur);
  return out;
}
} // namespace

Model::Model(const Options & options)
  : Object(options),
    _evaluator(std::make_unique<EagerEvaluator>(*this))
{
}

void
Model::set_evaluator(std::unique_ptr<Evaluator> evaluator)
{
  _evaluator = std::move(evaluator);
}

OptionSchema
Model::expected_options()
{
  return OptionSchema();
}

const VariableSpec *
Model::find_input(const std::string & name) const
{
  for (const auto & v : _inputs)
    if (v.name == name)
      return &v;
  return nullptr;
}

const VariableSpec *
Model::find_output(const std::string & name) const
{
  for (const auto & v : _outputs)
    if (v.name == name)
      return &v;
  return nullptr;
}

Shape
VariableSpec::shape() const
{
  Shape s = sub_batch;
  const auto base = base_shape(type);
  s.insert(s.end(), base.begin(), base.end());
  return s;
}

Shape
ParameterSpec::shape() const
{
  Shape s = sub_batch;
  const auto base = base_shape(type);
  s.insert(s.end(), base.begin(), base.end());
  return s;
}

void
Model::declare_input(const std::string & name, TypeKind type, const Shape & sub_batch)
{
  if (const auto * v = find_input(name))
  {
    if (v->type != type)
      throw options().error(
          fmt::format("variable '{}' is used both as {} and as {}", name, type_name(v->type), type_name(type)));
    if (!v->sub_batch_pending && v->sub_batch != sub_batch)
      throw options().error(fmt::format("variable '{}' is used with sub-batches {} and {}", name,
                                        shape_str(v->sub_batch), shape_str(sub_batch)));
    return;
  }
  _inputs.push_back({name, type, sub_batch});
}

void
Model::declare_input_pending(const std::string & name, TypeKind type, const std::string & group)
{
  NEML2_ASSERT(group.empty() || find_input(group), "input '{}' joins the group of '{}', which is not an input", name,
               group);
  declare_input(name, type);
  for (auto & v : _inputs)
    if (v.name == name)
    {
      v.sub_batch_pending = true;
      if (group != name)
        v.follows = group;
    }
}

void
Model::declare_input_like(const VariableSpec & v)
{
  if (v.sub_batch_pending)
    declare_input_pending(v.name, v.type);
  else
    declare_input(v.name, v.type, v.sub_batch);
}

void
Model::adopt_sub_batches(const std::vector<const Model *> & models, bool all)
{
  auto known = [&](const std::string & name) -> const VariableSpec * {
    for (const auto * m : models)
      for (const auto * v : {m->find_input(name), m->find_output(name)})
        if (v && !v->sub_batch_pending)
          return v;
    return nullptr;
  };
  for (auto * list : {&_inputs, &_outputs})
    for (auto & v : *list)
      if (const auto * k = v.sub_batch_pending || all ? known(v.name) : nullptr)
      {
        v.sub_batch = k->sub_batch;
        v.sub_batch_pending = false;
      }
}

void
Model::set_sub_batch(const std::string & name, const Shape & sub_batch)
{
  for (auto * list : {&_inputs, &_outputs})
    for (auto & v : *list)
      if (v.name == name)
      {
        v.sub_batch = sub_batch;
        v.sub_batch_pending = false;
      }
}

void
Model::declare_output(const std::string & name, TypeKind type, const Shape & sub_batch)
{
  if (find_output(name))
    throw options().error(fmt::format("output variable '{}' is declared twice", name));
  _outputs.push_back({name, type, sub_batch});
}

void
Model::declare_output_following(const std::string & name, TypeKind type, const std::string & input,
                                const std::string & option)
{
  const auto * in = find_input(input);
  NEML2_ASSERT(in, "output '{}' follows '{}', which is not an input", name, input);
  declare_output_distinct(name, type, option, in->sub_batch);
  _outputs.back().sub_batch_pending = in->sub_batch_pending;
  _outputs.back().follows = in->follows.empty() ? input : in->follows;
}

void
Model::set_output_sub_batch(const std::string & name, const Shape & sub_batch, bool pending)
{
  for (auto & v : _outputs)
    if (v.name == name)
    {
      v.sub_batch = sub_batch;
      v.sub_batch_pending = pending;
    }
}

namespace
{
/// Model::resolve_sub_batch's refusal, with the reason it adds to the plain statement (if any).
struct SubBatchRefused : ValueError
{
  SubBatchRefused(const std::string & message, std::string reason)
    : ValueError(message),
      why(std::move(reason))
  {
  }
  std::string why;
};
} // namespace

Shape
Model::native_sub_batch(const VariableSpec & v) const
{
  if (!v.mapped)
    return v.sub_batch;
  return Shape(v.sub_batch.begin() + std::ssize(_mapped), v.sub_batch.end());
}

void
Model::resolve_sub_batch(const std::string & name, const Shape & sub_batch)
{
  VariableSpec * var = nullptr;
  for (auto * list : {&_inputs, &_outputs})
    for (auto & v : *list)
      if (v.name == name && !var)
        var = &v;
  NEML2_ASSERT(var, "model '{}' has no variable '{}'", this->name(), name);
  if (!var->sub_batch_pending && var->sub_batch == sub_batch)
    return;
  const char * what = var >= _inputs.data() && var < _inputs.data() + _inputs.size() ? "input" : "output";
  auto refuse = [&](const std::string & why) {
    return SubBatchRefused(fmt::format("model '{}': {} '{}' has one value per point of sub-batch {}, but is given {}{}",
                                       this->name(), what, name, shape_str(var->sub_batch), shape_str(sub_batch), why),
                           why);
  };
  // Whether `big` is `small` with axes in front.
  auto grows = [](const Shape & small, const Shape & big) {
    return big.size() > small.size() && std::equal(small.begin(), small.end(), big.end() - std::ssize(small));
  };
  auto any_var = [&](auto && pred) {
    return std::any_of(_inputs.begin(), _inputs.end(), pred) || std::any_of(_outputs.begin(), _outputs.end(), pred);
  };
  const bool element_wise = any_var([](const VariableSpec & v) { return !v.follows.empty(); });

  // The group: the input that `name` follows, or `name` itself. Element-wise models take any
  // sub-batch whole, a larger one included.
  const std::string leader = var->follows.empty() ? name : var->follows;
  const bool in_group = leader != name || any_var([&](const VariableSpec & v) { return v.follows == leader; });
  if (in_group || var->sub_batch_pending)
  {
    for (auto * list : {&_inputs, &_outputs})
      for (auto & v : *list)
        if (v.name == leader || v.follows == leader)
        {
          if (!v.sub_batch_pending && v.sub_batch != sub_batch && !grows(v.sub_batch, sub_batch))
            throw refuse("");
          v.sub_batch = sub_batch;
          v.sub_batch_pending = false;
        }
    return;
  }

  // Any other model is mapped over the leading axes: staged once per entry.
  const auto native = native_sub_batch(*var);
  if (element_wise || !grows(native, sub_batch))
    throw refuse(element_wise ? " (only its element-wise operands can take more sub-batch axes)" : "");
  const Shape lead(sub_batch.begin(), sub_batch.end() - std::ssize(native));
  if (_mapped.empty())
  {
    _mapped = lead;
    for (auto & o : _outputs)
      if (!o.sub_batch_pending)
      {
        o.sub_batch.insert(o.sub_batch.begin(), lead.begin(), lead.end());
        o.mapped = true;
      }
  }
  else if (lead != _mapped)
    throw refuse(fmt::format(" (which would run the model over sub-batch {}, but it already runs over {})",
                             shape_str(lead), shape_str(_mapped)));
  if (!var->mapped)
  {
    var->sub_batch = sub_batch;
    var->mapped = true;
  }
}

namespace
{
/// Whether `name` is `variable` or its history `variable~j`.
bool
is_or_history_of(const std::string & name, const std::string & variable)
{
  if (name == variable)
    return true;
  return name.size() > variable.size() + 1 && name.starts_with(variable) && name[variable.size()] == '~' &&
         name.find_first_not_of("0123456789", variable.size() + 1) == std::string::npos;
}
} // namespace

void
Model::map_over_parameters()
{
  for (const auto & p : _params)
  {
    if (!p.mapped || p.sub_batch == _mapped)
      continue;
    const auto element_wise =
        std::any_of(_outputs.begin(), _outputs.end(), [](const auto & v) { return !v.follows.empty(); });
    if (element_wise || !_mapped.empty())
      throw options().error(fmt::format(
          "parameter '{}' has one value per entry of sub-batch {}, so the model would run once per entry, but {}",
          p.name, shape_str(p.sub_batch),
          element_wise ? "it acts element-wise on its inputs' sub-batch already; give the parameter one value"
                       : fmt::format("it already runs over sub-batch {}", shape_str(_mapped))));
    _mapped = p.sub_batch;
    for (auto & o : _outputs)
      if (!o.sub_batch_pending)
      {
        o.sub_batch.insert(o.sub_batch.begin(), _mapped.begin(), _mapped.end());
        o.mapped = true;
      }
  }
}

void
Model::built(Factory & factory)
{
  map_over_parameters();
  for (const auto & d : factory.declared_sub_batches())
  {
    std::vector<const VariableSpec *> hits;
    for (const auto * list : {&_inputs, &_outputs})
      for (const auto & v : *list)
        if (d.variable.empty() ? list == &_inputs && v.sub_batch_pending : is_or_history_of(v.name, d.variable))
          hits.push_back(&v);
    for (const auto * v : hits)
    {
      if (!v->sub_batch_pending && v->sub_batch == d.sub_batch)
        continue;
      const auto name = v->name;
      // A declaration may put axes in front of a size the model fixes (grains before slip systems).
      const bool grows =
          d.sub_batch.size() > v->sub_batch.size() &&
          std::equal(v->sub_batch.begin(), v->sub_batch.end(), d.sub_batch.end() - std::ssize(v->sub_batch));
      if (!v->sub_batch_pending && !grows)
        throw InputError(fmt::format("{}: [Settings] example_batch_shape '{}' gives '{}' the sub-batch {}, but model "
                                     "'{}' ({}) has it with {}",
                                     d.where.str(), d.text, name, shape_str(d.sub_batch), this->name(), origin(),
                                     shape_str(v->sub_batch)));
      try
      {
        resolve_sub_batch(name, d.sub_batch);
      }
      catch (const ValueError & e)
      {
        throw InputError(fmt::format("{}: [Settings] example_batch_shape '{}': {}", d.where.str(), d.text, e.what()));
      }
    }
  }
}

std::string
declared_sub_batches_hint(const Factory & factory)
{
  std::vector<std::string> items;
  for (const auto & d : factory.declared_sub_batches())
    items.push_back(
        fmt::format("{} '{}' at {}", d.variable.empty() ? "every input" : d.variable, d.text, d.where.str()));
  return items.empty() ? "" : fmt::format(" ([Settings] example_batch_shape declares {})", fmt::join(items, "; "));
}

void
unify_sub_batches(const std::vector<Model *> & models)
{
  // Known sub-batches with axes are spread first: a pending variable then takes its axes from a
  // model that has them (the cells of a finite-volume model) rather than "none" from a model that
  // reads one value per point and would be mapped over them anyway.
  for (const bool with_empty : {false, true})
    for (bool changed = true; changed;)
    {
      changed = false;
      // Per name, the largest known sub-batch (a mapped model's, say) and who has it.
      std::map<std::string, std::pair<Shape, const Model *>> known;
      for (const auto * m : models)
        for (const auto * list : {&m->input_spec(), &m->output_spec()})
          for (const auto & v : *list)
            if (!v.sub_batch_pending && (with_empty || !v.sub_batch.empty()))
            {
              const auto [it, fresh] = known.emplace(v.name, std::make_pair(v.sub_batch, m));
              if (!fresh && v.sub_batch.size() > it->second.first.size())
                it->second = {v.sub_batch, m};
            }
      for (auto * m : models)
      {
        std::vector<std::string> differing;
        for (const auto * list : {&m->input_spec(), &m->output_spec()})
          for (const auto & v : *list)
            if (auto it = known.find(v.name);
                it != known.end() && (v.sub_batch_pending || v.sub_batch != it->second.first))
              differing.push_back(v.name);
        for (const auto & name : differing)
        {
          const auto * v = m->find_input(name) ? m->find_input(name) : m->find_output(name);
          const auto & [shape, source] = known.at(name);
          if (!v->sub_batch_pending && v->sub_batch == shape)
            continue;
          try
          {
            m->resolve_sub_batch(name, shape);
          }
          catch (const ValueError & e)
          {
            // A plain refusal says no more than this message; a reason (or another model's error) does.
            const auto * refused = dynamic_cast<const SubBatchRefused *>(&e);
            const std::string why = refused ? refused->why : std::string(": ") + e.what();
            throw ValueError(fmt::format("variable '{}' has one value per point of sub-batch {} in model '{}', but {} "
                                         "in model '{}'{}",
                                         name, shape_str(shape), source->name(),
                                         v->sub_batch_pending ? std::string("another") : shape_str(v->sub_batch),
                                         m->name(), why));
          }
          changed = true;
        }
      }
    }
}

void
Model::declare_output_distinct(const std::string & name, TypeKind type, const std::string & option,
                               const Shape & sub_batch)
{
  if (find_input(name))
    throw options().error(option,
                          fmt::format("the output '{}' is also an input of this model; give it another name", name));
  declare_output(name, type, sub_batch);
}

void
Model::declare_parameter(const std::string & name, const Tensor & value, TypeKind type, const Shape & sub_batch)
{
  _params.push_back({name, type, value, "", "", std::nullopt, sub_batch});
  NEML2_ASSERT(value.base_shape() == _params.back().shape(), "parameter '{}' has the wrong base shape", name);
}

void
Model::declare_parameter(const std::string & name, TypeKind type, const std::string & text, const std::string & option,
                         Factory & factory, bool list)
{
  auto ws = words(text);
  std::vector<double> nums;
  for (const auto & w : ws)
  {
    const auto v = number_or_name(options(), option, w, fmt::format("parameter '{}': ", name));
    if (!v)
      break;
    nums.push_back(*v);
  }
  const auto n = numel(base_shape(type));
  if (!ws.empty() && nums.size() == ws.size())
  {
    if (type == TypeKind::SR2 && (nums.size() == 1 || nums.size() == 6))
    {
      // As NEML2: one number fills every component; six numbers are tensor components
      // (xx yy zz yz xz xy), stored in Mandel form like FillSR2 does.
      std::vector<double> v(6, nums[0]);
      if (nums.size() == 6)
        for (std::size_t i = 0; i < 6; ++i)
          v[i] = i < 3 ? nums[i] : nums[i] * 1.41421356237309504880;
      declare_parameter(name, Tensor::from_values({}, base_shape(type), v), type);
      return;
    }
    if (static_cast<std::int64_t>(nums.size()) == n || nums.size() == 1)
    {
      // One number fills every component (NEML2's full()).
      std::vector<double> v(static_cast<std::size_t>(n), nums[0]);
      if (static_cast<std::int64_t>(nums.size()) == n)
        v = nums;
      declare_parameter(name, Tensor::from_values({}, base_shape(type), v), type);
      return;
    }
    if (list && nums.size() % static_cast<std::size_t>(n) == 0)
    {
      // A list parameter written out: one value per entry of its sub-batch.
      const auto entries = static_cast<std::int64_t>(nums.size()) / n;
      Shape shape{entries};
      const auto base = base_shape(type);
      shape.insert(shape.end(), base.begin(), base.end());
      declare_parameter(name, Tensor::from_values({}, shape, nums), type, {entries});
      return;
    }
    throw options().error(option, fmt::format("parameter '{}' of type {} needs {}, got {}", name, type_name(type),
                                              n == 1 ? std::string("1 number") : fmt::format("1 or {} numbers", n),
                                              nums.size()));
  }
  if (ws.size() != 1)
    throw options().error(option, fmt::format("parameter '{}' expects a number, the name of a [Tensors] object, "
                                              "the name of a [Models] block or a variable name, got '{}'",
                                              name, text));
  const auto & word = ws[0];
  if (factory.has_tensor(word))
  {
    // Only a list parameter takes a tensor with sub-batch axes: they become its entries.
    auto t = factory.get_table(word);
    if (t->tensor_type() != type)
      throw options().error(option, fmt::format("parameter '{}' must be a {}, but [Tensors/{}] is a {}", name,
                                                type_name(type), word, type_name(t->tensor_type())));
    const auto value = t->value_per_point();
    if (const auto why = inadmissible(name, value, std::nullopt); !why.empty())
      throw options().error(option, fmt::format("{} in [Tensors/{}]", why, word));
    const auto & per_point = value.base_shape();
    declare_parameter(name, value, type, Shape(per_point.begin(), per_point.end() - std::ssize(base_shape(type))));
    // A model that reads one value of it runs once per entry (see map_over_parameters), of one
    // sub-batch for all such parameters.
    _params.back().mapped = !list && t->sub_batch_dims() > 0;
    for (const auto & q : _params)
      if (_params.back().mapped && q.mapped && q.sub_batch != _params.back().sub_batch)
        throw options().error(option,
                              fmt::format("parameter '{}' has one value per entry of sub-batch {}, so the "
                                          "model would run once per entry, but parameter '{}' has sub-batch "
                                          "{}; give them the same entries",
                                          name, shape_str(_params.back().sub_batch), q.name, shape_str(q.sub_batch)));
    return;
  }
  if (factory.has_model(word))
  {
    // As NEML2: the named model's output feeds the parameter. The parameter becomes an input
    // variable named after that output, and the provider is recorded so that a ComposedModel
    // containing this model evaluates it first (derivatives then flow through it).
    auto provider = factory.get_model(word);
    const auto & outs = provider->output_spec();
    if (outs.size() != 1)
      throw options().error(option, fmt::format("parameter '{}' names [Models/{}], which has {} outputs ({}); a model "
                                                "that provides a parameter must have exactly one",
                                                name, word, outs.size(), fmt::join(output_names(*provider), ", ")));
    if (outs[0].type != type)
      throw options().error(option, fmt::format("parameter '{}' must be a {}, but [Models/{}] outputs '{}', a {}", name,
                                                type_name(type), word, outs[0].name, type_name(outs[0].type)));
    if (list)
      declare_input_pending(outs[0].name, type);
    else
      declare_input(outs[0].name, type);
    _params.push_back({name, type, Tensor(), outs[0].name, word, std::nullopt});
    add_provider(_providers, provider);
    return;
  }
  // Anything else names a variable: the parameter becomes an input of the model.
  if (list)
    declare_input_pending(word, type);
  else
    declare_input(word, type);
  _params.push_back({name, type, Tensor(), word, "", std::nullopt});
}

void
Model::admit(const std::string & name, Admissible range, const std::string & option)
{
  const auto p = std::find_if(_params.begin(), _params.end(), [&](const auto & q) { return q.name == name; });
  NEML2_ASSERT(p != _params.end(), "admit(): model '{}' has no parameter '{}'", this->name(), name);
  if (p->variable.empty())
    if (const auto why = inadmissible(name, p->value, range); !why.empty())
      throw options().error(option, why);
  p->admissible = std::move(range);
}

void
Model::adopt_parameter_providers(const Model & inner)
{
  for (const auto & p : inner.parameter_providers())
    if (find_input(p->output_spec()[0].name))
      add_provider(_providers, p);
}

const ParameterSpec &
Model::own_parameter(const std::string & name) const
{
  for (const auto & p : _params)
    if (p.name == name)
      return p;
  NEML2_UNREACHABLE("model '{}' has no parameter '{}'", this->name(), name);
}

std::vector<std::pair<std::string, ParameterSpec *>>
Model::named_parameters()
{
  auto all = all_parameters();
  std::erase_if(all, [](const auto & p) { return !p.second->variable.empty(); });
  return all;
}

std::vector<std::pair<std::string, ParameterSpec *>>
Model::all_parameters()
{
  std::vector<std::pair<std::string, ParameterSpec *>> out;
  for (auto & p : _params)
    out.emplace_back(p.name, &p);
  return out;
}

std::string
Model::resolve_parameter(const std::string & name)
{
  // A sub-model reached along two paths (e.g. a yield surface inside a ComposedModel and again
  // inside Normality) lists one parameter under two names: they are aliases of one spec, and
  // the first name listed is the one graphs and artifacts use.
  const auto named = named_parameters();
  std::vector<std::string> all;
  std::vector<const void *> identity;
  for (const auto & [q, p] : named)
  {
    all.push_back(q);
    identity.push_back(p);
  }
  const auto match = match_qualified_name(name, all, identity);
  if (match.index)
    return all[*match.index];
  if (!match.ambiguous.empty())
    throw ValueError(fmt::format("parameter name '{}' of model '{}' is ambiguous; use one of: {}", name, this->name(),
                                 fmt::join(match.ambiguous, ", ")));
  auto near = hit::nearest(name, all);
  throw ValueError(fmt::format("model '{}' has no parameter '{}'{}; its parameters are: {}", this->name(), name,
                               near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near),
                               all.empty() ? "none" : fmt::format("{}", fmt::join(all, ", "))));
}

Tensor &
Model::parameter(const std::string & name)
{
  const auto q = resolve_parameter(name);
  for (auto & [n, p] : named_parameters())
    if (n == q)
      return p->value;
  NEML2_UNREACHABLE("resolved parameter '{}' vanished", q);
}

namespace
{
/// NaN in every value of `t` at flat batch point `p` (tensors of the call's whole batch).
void
poison(Tensor & t, std::int64_t p, std::int64_t n)
{
  if (!t.defined() || t.batch_numel() != n)
    return;
  const auto nc = t.base_numel();
  for (std::int64_t c = 0; c < nc; ++c)
    t.set(p * nc + c, std::numeric_limits<double>::quiet_NaN());
}

/// Marks `bad` failed in the active capture's report (sized by the evaluator, or here when the
/// evaluator had no solve to report) and poisons their values in `maps`.
template <typename... Maps>
void
mark_inadmissible(const std::map<std::int64_t, std::string> & bad, const Shape & batch, Maps &... maps)
{
  auto & report = *FailureCapture::active();
  const auto n = numel(batch);
  if (report.size() != n)
    report.reset(batch);
  for (const auto & entry : bad)
  {
    const std::int64_t p = entry.first; // a plain variable: lambdas below capture it
    const auto q = static_cast<std::size_t>(p);
    report.iterations[q] = -1;
    report.substeps[q] = 0;
    report.residual[q] = std::numeric_limits<double>::quiet_NaN();
    report.causes[p] = entry.second;
    auto poison_map = [&](auto & m) {
      for (auto & named : m)
      {
        if constexpr (std::is_same_v<std::decay_t<decltype(named.second)>, Tensor>)
          poison(named.second, p, n);
        else
          for (auto & block : named.second)
            poison(block.second, p, n);
      }
    };
    (poison_map(maps), ...);
  }
}

Shape
call_batch(const ValueMap & inputs)
{
  std::vector<Shape> shapes;
  for (const auto & [name, t] : inputs)
    shapes.push_back(t.batch_shape());
  return broadcast_batch_shapes(shapes, "the model inputs");
}
} // namespace

std::map<std::int64_t, std::string>
Model::inadmissible_points(const ValueMap & inputs)
{
  std::map<std::int64_t, std::string> bad;
  std::vector<std::pair<std::string, ParameterSpec *>> coupled;
  for (const auto & [q, spec] : all_parameters())
    if (spec->admissible && !spec->variable.empty() && inputs.count(spec->variable))
      coupled.emplace_back(q, spec);
  if (coupled.empty())
    return bad;
  Shape batch;
  try
  {
    batch = call_batch(inputs);
  }
  catch (const ValueError &)
  {
    return bad; // the evaluator says what is wrong with the shapes
  }
  for (const auto & [q, spec] : coupled)
  {
    const auto & range = *spec->admissible;
    const auto values = inputs.at(spec->variable).expand_batch(batch);
    const auto nc = values.base_numel();
    for (std::int64_t p = 0; p < values.batch_numel(); ++p)
      for (std::int64_t c = 0; c < nc; ++c)
        if (const double v = values.at(p * nc + c); !range.contains(v) && !bad.count(p))
          bad[p] = fmt::format("parameter '{}' ({}) of model '{}' is {} here (input '{}'), outside its admissible "
                               "range {}",
                               q, range.meaning, name(), v, spec->variable, range.interval());
  }
  if (!bad.empty() && !FailureCapture::active())
  {
    std::vector<std::int64_t> points;
    for (const auto & [p, why] : bad)
      if (points.size() < 10)
        points.push_back(p);
    throw ValueError(fmt::format("at point {}: {}; {} point(s) are outside it: {}{}. Fix the input, or evaluate "
                                 "inside a FailureCapture to get the other points",
                                 bad.begin()->first, bad.begin()->second, bad.size(), fmt::join(points, ", "),
                                 bad.size() > points.size() ? ", ..." : ""));
  }
  return bad;
}

ValueMap
Model::value(const ValueMap & inputs)
{
  const auto bad = inadmissible_points(inputs);
  auto out = _evaluator->value(inputs);
  if (!bad.empty())
    mark_inadmissible(bad, call_batch(inputs), out);
  return out;
}

std::pair<ValueMap, ValueMap>
Model::jvp(const ValueMap & inputs, const ValueMap & tangents)
{
  const auto bad = inadmissible_points(inputs);
  auto out = _evaluator->jvp(inputs, tangents);
  if (!bad.empty())
    mark_inadmissible(bad, call_batch(inputs), out.first, out.second);
  return out;
}

std::pair<ValueMap, DerivativeMap>
Model::jacobian(const ValueMap & inputs)
{
  const auto bad = inadmissible_points(inputs);
  auto out = _evaluator->jacobian(inputs);
  if (!bad.empty())
    mark_inadmissible(bad, call_batch(inputs), out.first, out.second);
  return out;
}

std::pair<ValueMap, DerivativeMap>
Model::parameter_jacobian(const ValueMap & inputs, const std::vector<std::string> & parameters, bool with_inputs)
{
  std::vector<std::string> qualified;
  for (const auto & p : parameters)
  {
    const auto q = resolve_parameter(p);
    if (std::find(qualified.begin(), qualified.end(), q) != qualified.end())
      throw ValueError(fmt::format("parameter '{}' of model '{}' is asked for twice", q, name()));
    qualified.push_back(q);
  }
  const auto bad = inadmissible_points(inputs);
  auto [values, blocks] = _evaluator->parameter_jacobian(inputs, qualified, with_inputs);
  if (!bad.empty())
    mark_inadmissible(bad, call_batch(inputs), values, blocks);
  for (auto & [out, row] : blocks)
  {
    DerivativeMap::mapped_type renamed;
    for (std::size_t i = 0; i < parameters.size(); ++i)
      if (auto it = row.find(qualified[i]); it != row.end())
        renamed[parameters[i]] = it->second;
    if (with_inputs)
      for (const auto & v : input_spec())
        if (auto it = row.find(v.name); it != row.end())
          renamed[v.name] = it->second;
    row = std::move(renamed);
  }
  return {std::move(values), std::move(blocks)};
}

void
Model::set_parameter(const std::string & name, const Tensor & value)
{
  const auto q = resolve_parameter(name);
  for (auto & [n, p] : named_parameters())
    if (n == q)
    {
      if (value.base_shape() != p->shape())
        throw ValueError(fmt::format("parameter '{}' is a {} with base shape {}, got base shape {}", q,
                                     type_name(p->type), shape_str(p->shape()), shape_str(value.base_shape())));
      if (const auto why = inadmissible(q, value, p->admissible); !why.empty())
        throw ValueError(why);
      p->value = value;
    }
}

std::string
Model::origin() const
{
  const auto & loc = options().location();
  if (loc.file.empty())
    return "Models/" + name();
  const auto file = std::filesystem::path(loc.file).filename().string();
  return loc.line > 0 ? fmt::format("Models/{} ({}:{})", name(), file, loc.line)
                      : fmt::format("Models/{} ({})", name(), file);
}

void
Model::stage(Staging & s) const
{
  const graph::OriginScope scope(*s.graph(), origin());
  if (_mapped.empty())
  {
    define(s);
    return;
  }
  // A mapped model: one copy per entry of the mapped sub-batch, each reading its slice of the
  // inputs that have it and the whole of those that do not.
  const auto copies = static_cast<std::size_t>(numel(_mapped));
  const bool mapped_parameters = std::any_of(_params.begin(), _params.end(), [](const auto & p) { return p.mapped; });
  SymbolTable stacked;
  for (std::size_t c = 0; c < copies; ++c)
  {
    SymbolTable one;
    for (const auto & v : _inputs)
    {
      const auto & nodes = s.variable_nodes(v.name);
      auto shape = native_sub_batch(v);
      const auto base = base_shape(v.type);
      shape.insert(shape.end(), base.begin(), base.end());
      const auto per = static_cast<std::size_t>(numel(shape));
      NEML2_ASSERT(nodes.size() == per || nodes.size() == per * copies,
                   "model '{}': input '{}' has {} components, neither {} nor {} copies of them", name(), v.name,
                   nodes.size(), per, copies);
      if (nodes.size() == per)
        one[v.name] = nodes;
      else
        one[v.name] = {nodes.begin() + static_cast<std::ptrdiff_t>(c * per),
                       nodes.begin() + static_cast<std::ptrdiff_t>((c + 1) * per)};
    }
    // Parameters the model is mapped over: this copy's entry.
    SymbolTable sliced;
    if (mapped_parameters)
    {
      sliced = s.parameters();
      for (const auto & p : _params)
        if (p.mapped)
        {
          auto & nodes = sliced.at(s.prefix() + p.name);
          const auto per = static_cast<std::size_t>(numel(base_shape(p.type)));
          nodes = {nodes.begin() + static_cast<std::ptrdiff_t>(c * per),
                   nodes.begin() + static_cast<std::ptrdiff_t>((c + 1) * per)};
        }
    }
    auto copy = mapped_parameters ? s.with_variables(one).with_parameters(sliced) : s.with_variables(one);
    define(copy);
    for (const auto & o : _outputs)
    {
      auto it = one.find(o.name);
      NEML2_ASSERT(it != one.end(), "model '{}' did not define its output '{}'", name(), o.name);
      auto & all = stacked[o.name];
      all.insert(all.end(), it->second.begin(), it->second.end());
    }
  }
  for (auto & [n, nodes] : stacked)
    s.set_variable_nodes(n, std::move(nodes));
}

graph::Graph
Model::forward_graph(Dtype dtype, bool one_element) const
{
  const auto shape_of = [&](const VariableSpec & v) { return one_element ? base_shape(v.type) : v.shape(); };
  graph::Graph g(dtype);
  SymbolTable vars, params;
  for (const auto & v : _inputs)
  {
    // A sub-batch still pending here is none: the model is staged for one value per point, as
    // NEML2 traces a model without a declared intermediate shape ([Settings]
    // example_batch_shape declares one).
    const int i = g.add_argument(v.name, graph::ArgKind::Variable, v.type, shape_of(v));
    vars[v.name] = g.arguments()[static_cast<std::size_t>(i)].leaves;
  }
  // One argument per parameter spec: an alias (the same spec reached along a second path)
  // shares the leaves of the first name, so promoting or changing it changes every use.
  std::map<const ParameterSpec *, std::string> first_name;
  for (const auto & [q, p] : const_cast<Model *>(this)->named_parameters())
  {
    const auto [it, fresh] = first_name.try_emplace(p, q);
    if (!fresh)
    {
      params[q] = params.at(it->second);
      continue;
    }
    const int i = g.add_argument(q, graph::ArgKind::Parameter, p->type, p->shape());
    params[q] = g.arguments()[static_cast<std::size_t>(i)].leaves;
  }
  Staging s(g, vars, params);
  stage(s);
  for (const auto & v : _outputs)
  {
    auto it = vars.find(v.name);
    NEML2_ASSERT(it != vars.end(), "model '{}' did not define its output '{}'", name(), v.name);
    graph::Output o;
    o.name = v.name;
    o.type = v.type;
    o.base_shape = shape_of(v);
    o.components = it->second;
    NEML2_ASSERT(o.components.size() == static_cast<std::size_t>(numel(o.base_shape)),
                 "model '{}' defined its output '{}' with {} components, not {}", name(), v.name, o.components.size(),
                 numel(o.base_shape));
    g.add_output(std::move(o));
  }
  return g;
}

std::shared_ptr<Model>
load_model(const std::string & file, const std::string & name, const std::vector<std::string> & overrides)
{
  auto factory = Factory::from_file(file, overrides);
  return factory->get_model(name);
}
} // namespace neml2
