// Artifact metadata to and from JSON, with a self-hash against tampering.
#include "neml2/artifact/metadata.h"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "neml2/artifact/sha256.h"
#include "neml2/base/error.h"

namespace neml2::aoti
{
using nlohmann::json;

const EntryInfo *
Metadata::entry(const std::string & role) const
{
  for (const auto & e : entries)
    if (e.role == role)
      return &e;
  return nullptr;
}

namespace
{
json
type_json(const std::optional<TypeKind> & t)
{
  return t ? json(std::string(type_name(*t))) : json(nullptr);
}

json
slot_json(const SlotInfo & s)
{
  json j = {{"name", s.name}, {"kind", s.kind}, {"type", type_json(s.type)}, {"base_shape", s.base_shape}};
  if (!s.wrt.empty())
    j["wrt"] = s.wrt;
  return j;
}

json
to_json_object(const Metadata & m)
{
  json j;
  j["schema_version"] = m.schema_version;
  j["abi_version"] = m.abi_version;
  j["generator"] = m.generator;
  j["model"] = m.model;
  j["model_type"] = m.model_type;
  j["source"] = {{"file", m.source_file}, {"graph_hash", m.source_graph_hash}, {"driver", m.driver}};
  j["dtype"] = std::string(dtype_name(m.dtype));
  j["device"] = m.device;
  j["compiler"] = {{"command", m.compiler.command},
                   {"from", m.compiler.from},
                   {"version", m.compiler.version},
                   {"flags", m.compiler.flags}};
  if (!m.cuda_arch.empty())
    j["cuda"] = {{"arch", m.cuda_arch}};
  auto vars = [](const std::vector<VariableInfo> & vs) {
    json a = json::array();
    for (const auto & v : vs)
      a.push_back({{"name", v.name},
                   {"type", std::string(type_name(v.type))},
                   {"base_shape", v.base_shape},
                   {"sub_batch_shape", v.sub_batch_shape}});
    return a;
  };
  j["inputs"] = vars(m.inputs);
  j["outputs"] = vars(m.outputs);
  j["parameters"] = json::array();
  for (const auto & p : m.parameters)
    j["parameters"].push_back({{"name", p.name},
                               {"type", std::string(type_name(p.type))},
                               {"base_shape", p.base_shape},
                               {"batch_shape", p.batch_shape},
                               {"initial", p.initial}});
  j["baked_parameters"] = m.baked_parameters;
  j["derivatives"] = json::array();
  for (const auto & d : m.derivatives)
    j["derivatives"].push_back(
        {{"output", d.output}, {"input", d.input}, {"input_kind", d.input_kind}, {"block_shape", d.block_shape}});
  j["libraries"] = json::array();
  for (const auto & l : m.libraries)
    j["libraries"].push_back({{"role", l.role},
                              {"file", l.file},
                              {"sha256", l.sha256},
                              {"signature_symbol", l.signature_symbol},
                              {"signature", l.signature}});
  j["entries"] = json::array();
  for (const auto & e : m.entries)
  {
    json je = {
        {"role", e.role},   {"library", e.library},       {"symbol", e.symbol},      {"graph_hash", e.graph_hash},
        {"nodes", e.nodes}, {"arguments", json::array()}, {"outputs", json::array()}};
    for (const auto & s : e.arguments)
      je["arguments"].push_back(slot_json(s));
    for (const auto & s : e.outputs)
      je["outputs"].push_back(slot_json(s));
    j["entries"].push_back(je);
  }
  if (m.solvers.empty())
    j["solver"] = nullptr; // explicit models have no implicit segments
  else
  {
    j["solver"] = json::array();
    for (const auto & sv : m.solvers)
    {
      json settings = json::object();
      for (const auto & [k, v] : sv.settings)
        settings[k] = v;
      j["solver"].push_back({{"name", sv.name},
                             {"type", "Newton"},
                             {"unknowns", sv.unknowns},
                             {"given", sv.given},
                             {"abs_tol", sv.abs_tol},
                             {"rel_tol", sv.rel_tol},
                             {"max_its", sv.max_its},
                             {"line_search", sv.line_search},
                             {"settings", settings}});
    }
  }
  return j;
}

std::optional<TypeKind>
parse_type_json(const json & j, const std::string & where)
{
  if (j.is_null())
    return std::nullopt;
  TypeKind t{};
  if (!parse_type(j.get<std::string>(), t))
    throw CompileError(fmt::format("unknown tensor type '{}' in {}", j.get<std::string>(), where));
  return t;
}

/// Largest per-point size neml2-compile writes is far below these; a larger one is an edit.
constexpr std::int64_t max_dim = 1 << 20, max_components = 1 << 24;

/// A per-point shape read from the metadata: small positive dimensions, or an error naming it.
Shape
checked_shape(const json & j, const std::string & where, const std::string & path)
{
  auto s = j.get<Shape>();
  std::int64_t n = 1;
  for (auto d : s)
  {
    if (d < 1 || d > max_dim || (n *= d) > max_components)
      throw CompileError(fmt::format("artifact metadata '{}': {} is {}, not a shape neml2-compile writes (edited?); "
                                     "recompile the model with neml2-compile",
                                     path, where, shape_str(s)));
  }
  return s;
}

SlotInfo
parse_slot(const json & j, const std::string & where)
{
  SlotInfo s;
  s.name = j.at("name").get<std::string>();
  s.kind = j.at("kind").get<std::string>();
  s.wrt = j.value("wrt", std::string());
  s.type = parse_type_json(j.at("type"), where);
  s.base_shape = checked_shape(j.at("base_shape"), fmt::format("the base_shape of slot '{}'", s.name), where);
  return s;
}

Metadata
from_json_object(const json & j, const std::string & path)
{
  Metadata m;
  m.schema_version = j.at("schema_version").get<int>();
  m.abi_version = j.at("abi_version").get<int>();
  m.generator = j.at("generator").get<std::string>();
  m.model = j.at("model").get<std::string>();
  m.model_type = j.at("model_type").get<std::string>();
  m.source_file = j.at("source").at("file").get<std::string>();
  m.source_graph_hash = j.at("source").at("graph_hash").get<std::string>();
  m.driver = j.at("source").at("driver").get<std::string>();
  const auto dt = j.at("dtype").get<std::string>();
  if (!parse_dtype(dt, m.dtype))
    throw CompileError(fmt::format("{}: unknown dtype '{}'; recompile the model with neml2-compile --dtype float64 "
                                   "or --dtype float32",
                                   path, dt));
  m.device = j.at("device").get<std::string>();
  const auto & c = j.at("compiler");
  m.compiler = {c.at("command").get<std::string>(), c.at("from").get<std::string>(), c.at("version").get<std::string>(),
                c.at("flags").get<std::vector<std::string>>()};
  if (j.contains("cuda"))
    m.cuda_arch = j.at("cuda").at("arch").get<std::vector<std::string>>();
  auto vars = [&](const json & a) {
    std::vector<VariableInfo> out;
    for (const auto & v : a)
    {
      VariableInfo info;
      info.name = v.at("name").get<std::string>();
      info.type = *parse_type_json(v.at("type"), path);
      info.base_shape = checked_shape(v.at("base_shape"), fmt::format("the base_shape of '{}'", info.name), path);
      info.sub_batch_shape =
          checked_shape(v.at("sub_batch_shape"), fmt::format("the sub_batch_shape of '{}'", info.name), path);
      out.push_back(std::move(info));
    }
    return out;
  };
  m.inputs = vars(j.at("inputs"));
  m.outputs = vars(j.at("outputs"));
  for (const auto & p : j.at("parameters"))
  {
    const auto name = p.at("name").get<std::string>();
    auto base = checked_shape(p.at("base_shape"), fmt::format("the base_shape of parameter '{}'", name), path);
    auto batch = checked_shape(p.at("batch_shape"), fmt::format("the batch_shape of parameter '{}'", name), path);
    auto initial = p.at("initial").get<std::vector<double>>();
    if (static_cast<std::int64_t>(initial.size()) != numel(base) * numel(batch))
      throw CompileError(fmt::format("artifact metadata '{}': parameter '{}' has {} initial values for batch shape {} "
                                     "and base shape {} (edited?); recompile the model with neml2-compile",
                                     path, name, initial.size(), shape_str(batch), shape_str(base)));
    m.parameters.push_back({name, *parse_type_json(p.at("type"), path), base, batch, std::move(initial)});
  }
  m.baked_parameters = j.at("baked_parameters").get<std::vector<std::string>>();
  for (const auto & d : j.at("derivatives"))
    m.derivatives.push_back({d.at("output").get<std::string>(), d.at("input").get<std::string>(),
                             d.at("input_kind").get<std::string>(),
                             checked_shape(d.at("block_shape"), "a derivative's block_shape", path)});
  for (const auto & l : j.at("libraries"))
    m.libraries.push_back({l.at("role").get<std::string>(), l.at("file").get<std::string>(),
                           l.at("sha256").get<std::string>(), l.at("signature_symbol").get<std::string>(),
                           l.at("signature").get<std::string>()});
  for (const auto & e : j.at("entries"))
  {
    EntryInfo info;
    info.role = e.at("role").get<std::string>();
    info.library = e.at("library").get<std::string>();
    info.symbol = e.at("symbol").get<std::string>();
    info.graph_hash = e.at("graph_hash").get<std::string>();
    info.nodes = e.at("nodes").get<std::int64_t>();
    for (const auto & s : e.at("arguments"))
      info.arguments.push_back(parse_slot(s, path));
    for (const auto & s : e.at("outputs"))
      info.outputs.push_back(parse_slot(s, path));
    m.entries.push_back(std::move(info));
  }
  if (j.contains("solver") && j.at("solver").is_array())
    for (const auto & sv : j.at("solver"))
    {
      // The kernels' only solver; any other name is not something neml2-compile wrote.
      if (sv.at("type").get<std::string>() != "Newton")
        throw CompileError(fmt::format("artifact metadata '{}': solver type '{}' is not one neml2-compile writes "
                                       "(Newton; edited?); recompile the model with neml2-compile",
                                       path, sv.at("type").get<std::string>()));
      m.solvers.push_back({sv.at("name").get<std::string>(),
                           sv.at("unknowns").get<int>(),
                           sv.at("given").get<int>(),
                           sv.at("abs_tol").get<double>(),
                           sv.at("rel_tol").get<double>(),
                           sv.at("max_its").get<int>(),
                           sv.at("line_search").get<std::string>(),
                           {}});
      if (sv.contains("settings") && sv.at("settings").is_object())
        for (const auto & [k, v] : sv.at("settings").items())
          m.solvers.back().settings.emplace_back(k, v.get<std::string>());
    }
  return m;
}
} // namespace

std::string
to_json(const Metadata & m)
{
  json j = to_json_object(m);
  j["metadata_sha256"] = sha256_hex(j.dump());
  return j.dump(2) + "\n";
}

Metadata
parse_metadata(const std::string & text, const std::string & path)
{
  const std::string recompile = "recompile the model with neml2-compile";
  json j;
  try
  {
    j = json::parse(text);
  }
  catch (const json::exception & e)
  {
    throw CompileError(fmt::format("artifact metadata '{}' is not valid JSON (truncated or tampered?): {}; {}", path,
                                   e.what(), recompile));
  }
  if (!j.is_object() || !j.contains("schema_version") || !j["schema_version"].is_number_integer())
    throw CompileError(fmt::format("'{}' is not neml2 artifact metadata (no schema_version); {}", path, recompile));
  const int schema = j["schema_version"].get<int>();
  if (schema != metadata_schema_version)
    throw CompileError(fmt::format("artifact metadata '{}' has schema version {}, but this neml2 reads schema version "
                                   "{}; {} from this neml2 version",
                                   path, schema, metadata_schema_version, recompile));
  if (!j.contains("metadata_sha256") || !j["metadata_sha256"].is_string())
    throw CompileError(fmt::format("artifact metadata '{}' has no metadata_sha256 (tampered?); {}", path, recompile));
  const auto stored = j["metadata_sha256"].get<std::string>();
  j.erase("metadata_sha256");
  if (sha256_hex(j.dump()) != stored)
    throw CompileError(fmt::format("artifact metadata '{}' was modified after it was written (tampered: its "
                                   "metadata_sha256 does not match its contents); {}",
                                   path, recompile));
  try
  {
    return from_json_object(j, path);
  }
  catch (const json::exception & e)
  {
    throw CompileError(fmt::format("artifact metadata '{}' is malformed: {}; {}", path, e.what(), recompile));
  }
}
} // namespace neml2::aoti

namespace neml2::aoti
{
std::string
interface_digest(const Metadata & m)
{
  Metadata copy = m;
  for (auto & l : copy.libraries)
  {
    l.sha256.clear();
    l.signature.clear();
  }
  return sha256_hex(to_json_object(copy).dump());
}

std::string
library_signature(Dtype dtype, const std::string & device, const std::vector<std::string> & graph_hashes,
                  const std::string & interface)
{
  return fmt::format("neml2-aoti abi={} dtype={} device={} graphs={} interface={}", kernel_abi_version,
                     dtype_name(dtype), device, fmt::join(graph_hashes, ","), interface);
}
} // namespace neml2::aoti
