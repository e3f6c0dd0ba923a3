// neml2-inspect: show a model's inputs, outputs and parameters (and its IR with --graph).
#include "tools_internal.h"

#include <CLI/CLI.hpp>
#include <cstdio>

#include "neml2/base/error.h"
#include "neml2/graph/autodiff.h"
#include "neml2/graph/passes.h"
#include "neml2/models/model.h"

namespace neml2::cli
{
int
neml2_inspect(int argc, char ** argv)
{
  CLI::App app{"Show the inputs, outputs and parameters of a model declared in a NEML2 input file.\n"
               "Extra arguments such as Models/elasticity/coefficients:='100e3 0.3' override the file."};
  std::string file, model_name;
  std::vector<std::string> overrides;
  bool graph = false, jacobian = false;
  app.add_option("input", file, "NEML2 input file")->required();
  app.add_option("model", model_name, "name of a model in [Models]")->required();
  app.add_option("overrides", overrides, "input-file overrides, Section/block/option=value");
  app.add_flag("--graph", graph, "also print the model's IR (forward graph)");
  app.add_flag("--jacobian", jacobian, "also print the IR of the full Jacobian");
  return parse_and_run(app, argc, argv, "neml2-inspect", [&] {
    auto model = neml2::load_model(file, model_name, overrides);
    std::printf("model '%s' (%s)\n", model->name().c_str(), model->type().c_str());
    std::printf("inputs:\n");
    for (const auto & v : model->input_spec())
      std::printf("  %-24s %s\n", v.name.c_str(), std::string(neml2::type_name(v.type)).c_str());
    std::printf("outputs:\n");
    for (const auto & v : model->output_spec())
      std::printf("  %-24s %s\n", v.name.c_str(), std::string(neml2::type_name(v.type)).c_str());
    std::printf("parameters:\n");
    for (const auto & [name, p] : model->named_parameters())
    {
      const auto & t = p->value;
      std::string vals;
      if (t.numel() <= 6)
        for (auto x : t.to_vector())
          vals += fmt::format(" {}", x);
      else
        vals = fmt::format(" (batch shape {})", neml2::shape_str(t.batch_shape()));
      std::printf("  %-24s %s%s\n", name.c_str(), std::string(neml2::type_name(p->type)).c_str(), vals.c_str());
    }
    if (graph)
      std::printf("\n%s", neml2::graph::to_text(model->forward_graph()).c_str());
    if (jacobian)
    {
      std::vector<std::pair<std::string, std::string>> pairs;
      for (const auto & o : model->output_spec())
        for (const auto & i : model->input_spec())
          pairs.emplace_back(o.name, i.name);
      std::printf("\n%s", neml2::graph::to_text(neml2::graph::with_jacobian(model->forward_graph(), pairs)).c_str());
    }
    return 0;
  });
}
} // namespace neml2::cli
