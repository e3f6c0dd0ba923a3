// ComposedModel: dependency ordering by variable names, cycle reports, inlined staging.
#include "neml2/models/composed_model.h"

#include <algorithm>
#include <functional>
#include <set>

#include <fmt/format.h>

namespace neml2
{
OptionSchema
ComposedModel::expected_options()
{
  return Model::expected_options()
      .doc("Composes several models into one: variables produced by one sub-model feed the sub-models that "
           "consume them. Inputs are the variables no sub-model produces; outputs are those no sub-model consumes.")
      .required("models", OptionKind::Strings, "names of the models to compose")
      .optional("additional_outputs", OptionKind::Strings, "",
                "variables produced and consumed inside the composition that should also be outputs");
}

namespace
{
/// Orders models so producers come before consumers (stable: input order where free).
std::vector<std::shared_ptr<Model>>
order_models(const std::vector<std::shared_ptr<Model>> & models, const Options & options)
{
  std::map<std::string, std::size_t> producer;
  for (std::size_t i = 0; i < models.size(); ++i)
    for (const auto & v : models[i]->output_spec())
    {
      if (auto it = producer.find(v.name); it != producer.end())
        throw options.error("models", fmt::format("variable '{}' is produced by both '{}' and '{}'", v.name,
                                                  models[it->second]->name(), models[i]->name()));
      producer[v.name] = i;
    }
  const auto n = models.size();
  std::vector<std::set<std::size_t>> deps(n);
  for (std::size_t i = 0; i < n; ++i)
    for (const auto & v : models[i]->input_spec())
      if (auto it = producer.find(v.name); it != producer.end() && it->second != i)
        deps[i].insert(it->second);
      else if (it != producer.end())
        throw options.error("models",
                            fmt::format("model '{}' consumes its own output '{}'", models[i]->name(), v.name));
  std::vector<int> state(n, 0); // 0 new, 1 visiting, 2 done
  std::vector<std::shared_ptr<Model>> order;
  std::vector<std::size_t> stack;
  std::function<void(std::size_t)> visit = [&](std::size_t i) {
    if (state[i] == 2)
      return;
    if (state[i] == 1)
    {
      std::vector<std::string> cyc;
      auto it = std::find(stack.begin(), stack.end(), i);
      for (; it != stack.end(); ++it)
        cyc.push_back(models[*it]->name());
      cyc.push_back(models[i]->name());
      throw options.error("models", fmt::format("the models depend on each other in a cycle: {}; break it, e.g. by "
                                                "reading the previous step's value (name~1)",
                                                fmt::join(cyc, " -> ")));
    }
    state[i] = 1;
    stack.push_back(i);
    for (auto d : deps[i])
      visit(d);
    stack.pop_back();
    state[i] = 2;
    order.push_back(models[i]);
  };
  for (std::size_t i = 0; i < n; ++i)
    visit(i);
  return order;
}

/// As NEML2: a model whose parameter names another model (`yield_stress = 'ys'`) reads that
/// model's output, so the provider joins the composition even when `models` does not list it;
/// providers of providers too. A provider is skipped when it is already a sub-model or when a
/// sub-model already produces its output (a nested composition that absorbed it).
void
add_parameter_providers(std::vector<std::shared_ptr<Model>> & models)
{
  for (std::size_t i = 0; i < models.size(); ++i) // grows while iterating: providers of providers
    for (const auto & p : models[i]->parameter_providers())
    {
      if (std::find(models.begin(), models.end(), p) != models.end())
        continue;
      const auto & out = p->output_spec()[0].name;
      if (std::any_of(models.begin(), models.end(), [&](const auto & m) { return m->find_output(out) != nullptr; }))
        continue;
      models.push_back(p);
    }
}
} // namespace

ComposedModel::ComposedModel(const Options & options, Factory & factory)
  : Model(options)
{
  std::vector<std::shared_ptr<Model>> models;
  for (const auto & name : options.get_strings("models"))
  {
    if (name == this->name())
      throw options.error("models", fmt::format("model '{}' cannot contain itself", name));
    models.push_back(factory.get_model(name));
  }
  if (models.empty())
    throw options.error("models", "expected at least one model name");
  add_parameter_providers(models);
  _models = order_models(models, options);

  // Variables shared by the sub-models share their sub-batch: a slip rule takes its number of
  // slip systems from the resolved shears, a time integrator from the rate it integrates.
  std::vector<Model *> members;
  for (const auto & m : _models)
    members.push_back(m.get());
  try
  {
    unify_sub_batches(members);
  }
  catch (const ValueError & e)
  {
    throw options.error("models", e.what() + declared_sub_batches_hint(factory));
  }
  // Inputs that no model provides become this model's inputs.
  std::set<std::string> produced, consumed;
  for (const auto & m : _models)
  {
    for (const auto & v : m->input_spec())
    {
      consumed.insert(v.name);
      if (!produced.count(v.name))
        declare_input_like(v);
    }
    for (const auto & v : m->output_spec())
      produced.insert(v.name);
  }
  const auto extra = options.get_strings("additional_outputs");
  for (const auto & name : extra)
    if (!produced.count(name))
      throw options.error("additional_outputs",
                          fmt::format("'{}' is not produced by any of the composed models", name));
  for (const auto & m : _models)
    for (const auto & v : m->output_spec())
      if (!consumed.count(v.name) || std::find(extra.begin(), extra.end(), v.name) != extra.end())
      {
        declare_output(v.name, v.type, v.sub_batch);
        set_output_sub_batch(v.name, v.sub_batch, v.sub_batch_pending);
      }
}

void
ComposedModel::resolve_sub_batch(const std::string & name, const Shape & sub_batch)
{
  std::vector<Model *> members;
  std::vector<const Model *> sources;
  for (const auto & m : _models)
  {
    if (const auto * v = m->find_input(name) ? m->find_input(name) : m->find_output(name);
        v && (v->sub_batch_pending || v->sub_batch != sub_batch))
      m->resolve_sub_batch(name, sub_batch);
    members.push_back(m.get());
    sources.push_back(m.get());
  }
  unify_sub_batches(members);
  // A member mapped over a new leading sub-batch changes variables that were known.
  adopt_sub_batches(sources, /*all=*/true);
}

std::vector<std::pair<std::string, ParameterSpec *>>
ComposedModel::all_parameters()
{
  std::vector<std::pair<std::string, ParameterSpec *>> out;
  for (const auto & m : _models)
    for (auto & [n, p] : m->all_parameters())
      out.emplace_back(m->name() + "." + n, p);
  return out;
}

void
ComposedModel::define(Staging & s) const
{
  for (const auto & m : _models)
  {
    auto sub = s.child(m->name());
    m->stage(sub);
  }
}

NEML2_REGISTER(Model, ComposedModel);
} // namespace neml2
