// compile_model: input file -> graphs -> generated C++ -> kernel libraries, metadata and stub.
#include "neml2/codegen/compile_model.h"
#include "neml2/graph/implicit.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "neml2/artifact/metadata.h"
#include "neml2/artifact/sha256.h"
#include "neml2/base/factory.h"
#include "neml2/codegen/artifact_writer.h"
#include "neml2/codegen/codegen_cpu.h"
#include "neml2/codegen/codegen_cuda.h"
#include "neml2/codegen/compiler.h"
#include "neml2/codegen/cuda_compiler.h"
#include "neml2/codegen/derivative_pairs.h"
#include "neml2/codegen/pipeline.h"
#include "neml2/codegen/stub.h"
#include "neml2/codegen/umat.h"
#include "neml2/graph/passes.h"
#include "neml2/hit/hit.h"
#include "neml2/models/model.h"

#ifndef NEML2_VERSION_STRING
#define NEML2_VERSION_STRING "unknown"
#endif

namespace fs = std::filesystem;

namespace neml2::codegen
{
namespace
{
/// Every Newton setting by its NEML2 option name (NEML2_NEWTON_SETTINGS), for the metadata.
std::vector<std::pair<std::string, std::string>>
newton_settings_text(const graph::NewtonSettings & s)
{
  std::vector<std::pair<std::string, std::string>> out;
#define NEML2_TEXT_Real(v) fmt::format("{}", v)
#define NEML2_TEXT_Int(v) std::to_string(v)
#define NEML2_TEXT_Bool(v) std::string((v) ? "true" : "false")
#define NEML2_TEXT_LineSearch(v) std::string(graph::line_search_name(v))
#define NEML2_TEXT_FIELD(name, kind, def, owner, option, doc) out.emplace_back(option, NEML2_TEXT_##kind(s.name));
  NEML2_NEWTON_SETTINGS(NEML2_TEXT_FIELD)
#undef NEML2_TEXT_FIELD
#undef NEML2_TEXT_Real
#undef NEML2_TEXT_Int
#undef NEML2_TEXT_Bool
#undef NEML2_TEXT_LineSearch
  return out;
}
} // namespace

std::string
CompileResult::summary() const
{
  std::vector<std::string> devices;
  for (const auto & [d, p] : metadata)
    devices.push_back(d);
  const auto params =
      promoted.empty() ? std::string("fully baked") : fmt::format("{} promoted parameter(s)", promoted.size());
  const auto derivs =
      derivative_pairs == 0 ? std::string("forward only") : fmt::format("{} derivative pair(s)", derivative_pairs);
  std::string s = fmt::format("Compiled '{}' (composed, {}, {}) for [{}] -> {}\n", model, params, derivs,
                              fmt::join(devices, ", "), artifact_dir);
  s += fmt::format("  stub: {}\n", stub);
  for (const auto & [d, p] : metadata)
    s += fmt::format("  {}: {}\n", d, p);
  for (const auto & [alias, q] : promoted_aliases)
    s += fmt::format("  promoted parameter '{}' is also reached as '{}' (one value, promoted once)\n", q, alias);
  if (!umat.empty())
    s += fmt::format("  umat: {} (STATEV and PROPS layout: {}.txt)\n", umat, umat.substr(0, umat.size() - 2));
  if (!debug_ir.empty())
    s += fmt::format("  IR after each pass: {}\n", debug_ir);
  s += fmt::format("  compile time: {:.2f} s\n", seconds);
  return s;
}

namespace
{
/// The metadata's description of a model's variables.
std::vector<aoti::VariableInfo>
variable_infos(const std::vector<VariableSpec> & specs)
{
  std::vector<aoti::VariableInfo> infos;
  for (const auto & v : specs)
    infos.push_back({v.name, v.type, v.shape(), v.sub_batch});
  return infos;
}

/// The model named by `model = ...` in [Drivers/<driver>].
std::string
model_of_driver(const Factory & factory, const std::string & driver)
{
  const auto * drivers = factory.root().find_child("Drivers");
  const auto * block = drivers ? drivers->find_child(driver) : nullptr;
  if (!block)
  {
    auto names = drivers ? drivers->child_names() : std::vector<std::string>{};
    auto near = hit::nearest(driver, names);
    throw InputError(fmt::format("{}: no [Drivers/{}] in the input file{}; declared: {}", factory.root().loc.file,
                                 driver, near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near),
                                 names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", "))));
  }
  const auto * f = block->find_field("model");
  if (!f)
    throw InputError(fmt::format("{}: [Drivers/{}] has no 'model' field, so there is no model to compile; use --model",
                                 block->loc.str(), driver));
  return f->value;
}

aoti::SlotInfo
slot_of(const graph::Argument & a)
{
  return {a.name, std::string(graph::arg_kind_name(a.kind)), "", a.type, a.base_shape};
}

aoti::SlotInfo
slot_of(const graph::Output & o)
{
  const char * kind = o.kind == graph::OutputKind::Value     ? "value"
                      : o.kind == graph::OutputKind::Tangent ? "tangent"
                                                             : "derivative";
  return {o.name, kind, o.wrt, o.type, o.base_shape};
}

/// The graphs of an artifact, parameters baked except the promoted ones.
struct ArtifactGraphs
{
  std::string source_hash;
  graph::Graph forward;
  std::optional<graph::Graph> jvp, jacobian;
};

ArtifactGraphs
build_graphs(Model & model, Dtype dtype, const std::vector<std::string> & promoted,
             const std::vector<DerivativePair> & pairs, const IrDump & dump)
{
  std::map<std::string, const ParameterSpec *> specs;
  for (const auto & [q, p] : model.named_parameters())
    specs[q] = p;
  auto value_of = [&](const graph::Argument & a) -> std::optional<std::vector<double>> {
    if (a.kind != graph::ArgKind::Parameter || std::find(promoted.begin(), promoted.end(), a.name) != promoted.end())
      return std::nullopt;
    const auto & t = specs.at(a.name)->value;
    if (t.batch_numel() != 1)
      throw CompileError(fmt::format("parameter '{}' of model '{}' has batch shape {}, but a baked parameter is one "
                                     "value for all points; promote it with -p {} to keep its per-point values",
                                     a.name, model.name(), shape_str(t.batch_shape()), a.name));
    return t.to(dtype).to_vector();
  };

  // Each kernel starts from the full staged graph (parameters still arguments), so derivatives
  // are taken before baking; the passes of each kernel are listed in pipeline.cpp.
  const graph::Graph full = model.forward_graph(dtype);
  ArtifactGraphs g{graph::structural_hash(full),
                   run_pipeline(model.name() + "/forward", full, forward_passes(value_of), dump), std::nullopt,
                   std::nullopt};
  if (pairs.empty())
    return g;

  std::vector<std::pair<std::string, std::string>> jac_pairs;
  std::vector<std::string> wrt;
  std::set<std::string> outs;
  for (const auto & p : pairs)
  {
    jac_pairs.emplace_back(p.output, p.input);
    if (std::find(wrt.begin(), wrt.end(), p.input) == wrt.end())
      wrt.push_back(p.input);
    outs.insert(p.output);
  }
  g.jacobian = run_pipeline(model.name() + "/jacobian", full, jacobian_passes(jac_pairs, value_of), dump);
  g.jvp = run_pipeline(model.name() + "/jvp", full, jvp_passes(wrt, outs, value_of), dump);
  return g;
}

/// One kernel library: its file stem, role and the (entry role, graph) pairs it exports.
struct LibraryPlan
{
  std::string role, stem;
  std::vector<std::pair<std::string, const graph::Graph *>> kernels;
};

/// Writes the sources of `libs` for `meta.device` (C++ for cpu, CUDA for cuda) into `dir`,
/// builds them (up to `jobs` at once) and fills the metadata's libraries and entries.
void
build_libraries(const std::vector<LibraryPlan> & libs, const fs::path & dir, const fs::path & failed_dir,
                const Compiler & compiler, const CompileRequest & req, aoti::Metadata & meta)
{
  const std::string prefix = "neml2_" + c_identifier(meta.model);
  const bool cuda = meta.device == "cuda";
  const std::string ext = cuda ? ".cu" : ".cpp";
  // First every entry and library as the metadata describes them; their signatures cover that
  // whole description (interface_digest), so they are computed once it is complete.
  std::vector<std::vector<Kernel>> kernels(libs.size());
  std::vector<std::vector<std::string>> hashes(libs.size());
  for (std::size_t k = 0; k < libs.size(); ++k)
  {
    const auto & lib = libs[k];
    for (const auto & [role, g] : lib.kernels)
    {
      aoti::EntryInfo e;
      e.role = role;
      e.library = lib.stem + ".so";
      e.symbol = prefix + "_" + role;
      e.graph_hash = graph::structural_hash(*g);
      e.nodes = static_cast<std::int64_t>(g->nodes().size());
      for (const auto & a : g->arguments())
        e.arguments.push_back(slot_of(a));
      for (const auto & o : g->outputs())
        e.outputs.push_back(slot_of(o));
      kernels[k].push_back({e.symbol, g});
      hashes[k].push_back(e.graph_hash);
      meta.entries.push_back(std::move(e));
    }
    aoti::LibraryInfo info;
    info.role = lib.role;
    info.file = lib.stem + ".so";
    info.signature_symbol = prefix + "_" + lib.role + "_signature";
    meta.libraries.push_back(std::move(info));
  }
  const auto interface = aoti::interface_digest(meta);
  // One file per translation unit: `<stem>.cpp`, then `<stem>_lanes.cpp` where the library has one.
  std::vector<LibraryBuild> builds;
  for (std::size_t k = 0; k < libs.size(); ++k)
  {
    auto & info = meta.libraries[k];
    info.signature = aoti::library_signature(meta.dtype, meta.device, hashes[k], interface);
    const auto comment = fmt::format("neml2 kernel library '{}' ({}) of model '{}' from '{}', {}", info.file, info.role,
                                     meta.model, meta.source_file, dtype_name(meta.dtype));
    const auto texts =
        cuda
            ? std::vector<std::string>{generate_cuda_source(kernels[k], info.signature_symbol, info.signature, comment)}
            : generate_cpu_sources(kernels[k], info.signature_symbol, info.signature, comment, req.cpu_kernels);
    LibraryBuild b;
    b.library = (dir / info.file).string();
    std::vector<std::pair<fs::path, fs::path>> kept; // source, where a failure keeps it
    for (std::size_t t = 0; t < texts.size(); ++t)
    {
      const auto stem = libs[k].stem + (t == 0 ? "" : "_lanes");
      kept.emplace_back(dir / (stem + ext), failed_dir / (stem + ".failed" + ext));
      write_text_file(kept.back().first, texts[t]);
      b.sources.push_back(kept.back().first.string());
      if (!cuda)
        b.preludes.push_back(cpu_unit_prelude(t));
    }
    std::vector<std::string> kept_names;
    for (const auto & [source, copy] : kept)
      kept_names.push_back(fmt::format("'{}'", copy.string()));
    b.kept_source_note = fmt::format("the generated source is kept at {}", fmt::join(kept_names, " and "));
    b.on_failure = [kept] {
      for (const auto & [source, copy] : kept)
      {
        std::error_code ec;
        fs::copy_file(source, copy, fs::copy_options::overwrite_existing, ec);
      }
    };
    builds.push_back(std::move(b));
  }
  build_shared_libraries(compiler, builds, req.jobs, cuda || !req.prelude_cache ? std::string() : req.cache_dir);
  for (std::size_t k = 0; k < builds.size(); ++k)
  {
    meta.libraries[k].sha256 = aoti::sha256_file(builds[k].library);
    if (!req.keep_source)
      for (const auto & source : builds[k].sources)
        fs::remove(source);
  }
}

/// The requested devices, checked, without duplicates, in the order given.
std::vector<std::string>
check_devices(const std::vector<std::string> & devices)
{
  if (devices.empty())
    throw CompileError("no device given; use --device cpu (or --device cpu cuda)");
  std::vector<std::string> out;
  for (const auto & d : devices)
  {
    if (d != "cpu" && d != "cuda")
      throw CompileError(fmt::format("unknown device '{}'; the devices are: cpu, cuda", d));
    if (std::find(out.begin(), out.end(), d) == out.end())
      out.push_back(d);
  }
  return out;
}
} // namespace

CompileResult
compile_model(const CompileRequest & req)
{
  const auto t0 = std::chrono::steady_clock::now();
  const auto devices = check_devices(req.devices);
  const bool want_cpu = std::find(devices.begin(), devices.end(), "cpu") != devices.end();
  const bool want_cuda = std::find(devices.begin(), devices.end(), "cuda") != devices.end();
  if (!req.cuda_arch.empty() && !want_cuda)
    throw CompileError("--cuda-arch is for CUDA builds; add --device cuda");
  // Before any work: a missing nvcc (or a bad --cuda-arch) is reported at once.
  const auto nvcc = want_cuda ? std::optional<Compiler>(find_cuda_compiler(req.cuda_arch)) : std::nullopt;
  auto factory = Factory::from_file(req.input_file);
  std::string name = req.model;
  if (!req.driver.empty())
  {
    const auto from_driver = model_of_driver(*factory, req.driver);
    if (!name.empty() && name != from_driver)
      throw CompileError(fmt::format("--model {} and --driver {} disagree: the driver uses model '{}'; give one of "
                                     "them",
                                     name, req.driver, from_driver));
    name = from_driver;
  }
  if (name.empty())
    throw CompileError("no model to compile; use --model NAME or --driver NAME");
  auto model = factory->get_model(name);
  // The driver's initial conditions may size the model's sub-batches (the grains of a Taylor
  // polycrystal), so it is built before the model is staged.
  if (!req.driver.empty())
    factory->get(ObjectKind::Driver, req.driver);

  std::vector<std::string> promoted;
  for (const auto & p : req.promote)
  {
    std::string q;
    try
    {
      q = model->resolve_parameter(p);
    }
    catch (const ValueError & e)
    {
      throw CompileError(fmt::format("-p {}: {}", p, e.what()));
    }
    if (std::find(promoted.begin(), promoted.end(), q) == promoted.end())
      promoted.push_back(q);
  }
  // An Abaqus UMAT needs the consistent tangent d stress / d strain: asked for here.
  std::optional<UmatLayout> umat;
  auto derivatives = req.derivatives;
  for (const auto & interface : req.interfaces)
  {
    if (interface != "umat")
      throw CompileError(fmt::format("--interface {}: unknown interface (known: umat)", interface));
    if (req.dtype != Dtype::Float64)
      throw CompileError("--interface umat: Abaqus passes double precision; compile with --dtype float64");
    if (std::find(devices.begin(), devices.end(), "cpu") == devices.end())
      throw CompileError("--interface umat: a UMAT runs on the CPU; add --device cpu");
    umat = umat_layout(variable_infos(model->input_spec()), variable_infos(model->output_spec()), {});
    derivatives.push_back("stress:" + umat->strain);
  }
  const auto pairs = resolve_derivative_pairs(*model, derivatives);
  const char * env_dump = std::getenv("NEML2_DEBUG_IR");
  const IrDump dump(!req.debug_ir.empty() ? req.debug_ir : env_dump ? std::string(env_dump) : std::string());
  const auto graphs = build_graphs(*model, req.dtype, promoted, pairs, dump);
  const auto cxx = want_cpu ? std::optional<Compiler>(find_cpu_compiler()) : std::nullopt;

  ArtifactWriter writer(req.output_dir, name);
  CompileResult result;
  result.model = name;
  result.artifact_dir = writer.artifact_path().string();
  result.stub = writer.stub_path().string();
  result.promoted = promoted;
  result.derivative_pairs = pairs.size();
  result.debug_ir = dump.dir();

  std::vector<aoti::ParameterInfo> umat_parameters;
  for (const auto & device : devices)
  {
    const Compiler & compiler = device == "cuda" ? *nvcc : *cxx;
    aoti::Metadata meta;
    meta.generator = std::string("neml2-compile ") + NEML2_VERSION_STRING;
    meta.model = name;
    meta.model_type = model->type();
    meta.source_file = fs::absolute(req.input_file).lexically_normal().string();
    meta.source_graph_hash = graphs.source_hash;
    meta.driver = req.driver;
    meta.dtype = req.dtype;
    meta.device = device;
    meta.compiler = {fmt::format("{}", fmt::join(compiler.command, " ")), compiler.from, compiler.version,
                     compiler.flags};
    meta.cuda_arch = compiler.arch;
    for (const auto & sys : graphs.forward.systems())
    {
      auto settings = newton_settings_text(sys->settings);
      settings.emplace_back("max_substepping_level", std::to_string(sys->max_substep_level));
      meta.solvers.push_back({sys->name, sys->n, sys->m, sys->settings.abs_tol, sys->settings.rel_tol,
                              sys->settings.max_its, graph::line_search_name(sys->settings.line_search),
                              std::move(settings)});
    }
    meta.inputs = variable_infos(model->input_spec());
    meta.outputs = variable_infos(model->output_spec());
    const auto named = model->named_parameters();
    for (const auto & [q, p] : named)
    {
      if (std::find(promoted.begin(), promoted.end(), q) == promoted.end())
      {
        // Another name of a promoted parameter is not baked: it is the promoted value.
        const ParameterSpec * spec = p;
        const auto same = std::find_if(named.begin(), named.end(), [&](const auto & other) {
          return other.second == spec && std::find(promoted.begin(), promoted.end(), other.first) != promoted.end();
        });
        if (same == named.end())
          meta.baked_parameters.push_back(q);
        else if (std::find(result.promoted_aliases.begin(), result.promoted_aliases.end(), std::pair(q, same->first)) ==
                 result.promoted_aliases.end())
          result.promoted_aliases.emplace_back(q, same->first);
        continue;
      }
      const auto v = p->value.to(req.dtype);
      meta.parameters.push_back({q, p->type, p->shape(), v.batch_shape(), v.to_vector()});
    }
    for (const auto & p : pairs)
    {
      auto block = model->find_output(p.output)->shape();
      Shape in_shape;
      if (p.parameter)
      {
        for (const auto & [q, spec] : model->named_parameters())
          if (q == p.input)
            in_shape = spec->shape();
      }
      else
        in_shape = model->find_input(p.input)->shape();
      block.insert(block.end(), in_shape.begin(), in_shape.end());
      meta.derivatives.push_back({p.output, p.input, p.parameter ? "parameter" : "variable", block});
    }

    std::vector<LibraryPlan> libs = {{"forward", name, {{"forward", &graphs.forward}}}};
    if (graphs.jvp)
      libs.push_back({"derivatives", name + "_jvp", {{"jvp", &*graphs.jvp}, {"jacobian", &*graphs.jacobian}}});
    const auto dir = writer.staging_artifact() / device;
    fs::create_directories(dir);
    build_libraries(libs, dir, writer.output_dir(), compiler, req, meta);
    write_text_file(dir / (name + "_meta.json"), aoti::to_json(meta));
    umat_parameters = meta.parameters;
    result.metadata.emplace_back(device, (writer.artifact_path() / device / (name + "_meta.json")).string());
  }

  const auto abs_artifact = fs::absolute(writer.artifact_path()).lexically_normal().string();
  if (umat)
  {
    // The parameters' sizes and order are the metadata's (the same on every device).
    umat = umat_layout(variable_infos(model->input_spec()), variable_infos(model->output_spec()), umat_parameters);
    const auto dir = writer.staging_artifact() / "umat";
    fs::create_directories(dir);
    write_text_file(dir / (name + "_umat.c"), umat_source(name, *umat, abs_artifact));
    write_text_file(dir / (name + "_umat.txt"), umat_layout_text(name, *umat));
    result.umat = (writer.artifact_path() / "umat" / (name + "_umat.c")).string();
  }
  write_text_file(writer.staging_stub(), make_stub(req.input_file, name, abs_artifact));
  writer.publish();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}
} // namespace neml2::codegen
