// AOTIModel: a registered Model backed by a compiled artifact.
#include "neml2/aoti_model/aoti_model.h"

#include <filesystem>

#include <fmt/format.h>

#include "compiled_evaluator.h"

namespace fs = std::filesystem;

namespace neml2
{
OptionSchema
AOTIModel::expected_options()
{
  return Model::expected_options()
      .doc("A model compiled ahead of time by neml2-compile: loads the artifact folder and evaluates its kernels. "
           "neml2-compile writes this block into its stub in place of the compiled model.")
      .required("artifact_path", OptionKind::String,
                "the artifact folder <out>/<model> (relative paths are relative to this input file)")
      .optional("device", OptionKind::String, "cpu",
                "the device whose build to load: cpu, or cuda (the artifact's cuda/ folder; needs a GPU)");
}

AOTIModel::AOTIModel(const Options & options, Factory & /*factory*/)
  : Model(options)
{
  fs::path path = options.get_string("artifact_path");
  if (path.is_relative())
  {
    const auto & file = options.location_of("artifact_path").file;
    if (!file.empty() && fs::path(file).has_parent_path())
      path = fs::path(file).parent_path() / path;
  }
  try
  {
    _runtime = std::make_shared<aoti::Model>(path.string(), options.get_string("device"));
  }
  catch (const CompileError & e)
  {
    throw options.error("artifact_path", e.what());
  }
  catch (const DeviceError & e)
  {
    throw options.error("device", e.what());
  }
  for (const auto & v : _runtime->inputs())
    declare_input(v.name, v.type, v.sub_batch_shape);
  for (const auto & v : _runtime->outputs())
    declare_output(v.name, v.type, v.sub_batch_shape);
  for (const auto & p : _runtime->metadata().parameters)
    declare_parameter(p.name, _runtime->named_parameters().at(p.name), p.type);
  set_evaluator(std::make_unique<CompiledEvaluator>(*this, _runtime));
}

void
AOTIModel::define(Staging &) const
{
  throw CompileError(fmt::format("model '{}' is compiled (AOTIModel) and cannot be composed into another model or "
                                 "differentiated symbolically; compile the composition instead (neml2-compile on the "
                                 "original input, --model <the composed model>)",
                                 name()));
}

NEML2_REGISTER(Model, AOTIModel);
} // namespace neml2
