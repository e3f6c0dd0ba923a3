// The stub: the original input with the compiled model's block spliced out for an AOTIModel.
#include "neml2/codegen/stub.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "neml2/base/error.h"
#include "neml2/hit/hit.h"

namespace neml2::codegen
{
namespace
{
std::string
quoted(const std::string & s)
{
  if (s.find('\'') == std::string::npos)
    return "'" + s + "'";
  if (s.find('"') == std::string::npos)
    return "\"" + s + "\"";
  throw CompileError(fmt::format("artifact path '{}' contains both kinds of quotes and cannot be written into the "
                                 "stub; choose another --output-dir",
                                 s));
}

std::string
read_file(const std::string & path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw CompileError(fmt::format("cannot read input file '{}'", path));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
} // namespace

std::string
make_stub(const std::string & input_file, const std::string & model, const std::string & artifact_path)
{
  std::unique_ptr<hit::Section> root;
  try
  {
    root = hit::parse_file(input_file);
  }
  catch (const hit::Error & e)
  {
    throw InputError(e.what());
  }
  auto * block = root->find("Models/" + model);
  NEML2_ASSERT(block, "[Models/{}] vanished from '{}'", model, input_file);
  const auto * type = block->find_field("type");
  const std::string original_type = type ? type->value : "?";

  const std::string text = read_file(input_file);
  // The block may have been opened several times (merged sections): every one of them goes.
  auto spliceable = [&](const hit::Location & loc, std::size_t begin, std::size_t end) {
    return loc.file == root->loc.file && end > begin && end <= text.size() && text[begin] == '[';
  };
  bool all_spliceable = spliceable(block->loc, block->source_begin, block->source_end);
  for (const auto & r : block->reopened)
    all_spliceable = all_spliceable && spliceable(r.loc, r.source_begin, r.source_end);
  if (!all_spliceable)
  {
    block->fields.clear();
    block->children.clear();
    hit::Field t, p;
    t.key = "type";
    t.value = t.raw = "AOTIModel";
    p.key = "artifact_path";
    p.value = p.raw = artifact_path;
    p.quoted = true;
    block->fields.push_back(std::move(t));
    block->fields.push_back(std::move(p));
    return hit::render(*root);
  }

  // Indentation of the block's header line, when only whitespace precedes the '['.
  const auto line_start = text.rfind('\n', block->source_begin == 0 ? 0 : block->source_begin - 1);
  const auto from = line_start == std::string::npos || block->source_begin == 0 ? 0 : line_start + 1;
  std::string indent = text.substr(from, block->source_begin - from);
  if (indent.find_first_not_of(" \t") != std::string::npos)
    indent.clear();
  const std::string inner = indent + "  ";
  std::string replacement = fmt::format("[{}]\n", block->header);
  replacement += fmt::format("{}# compiled by neml2-compile from a {}; the original block is in '{}'\n", inner,
                             original_type, input_file);
  replacement += fmt::format("{}type = AOTIModel\n", inner);
  replacement += fmt::format("{}artifact_path = {}\n", inner, quoted(artifact_path));
  replacement += indent + "[]";

  // Splice from the last block backwards so earlier offsets stay valid.
  std::string out = text;
  for (auto r = block->reopened.rbegin(); r != block->reopened.rend(); ++r)
    out.replace(r->source_begin, r->source_end - r->source_begin,
                fmt::format("# [{}] was merged into the compiled block above", model));
  out.replace(block->source_begin, block->source_end - block->source_begin, replacement);
  return out;
}
} // namespace neml2::codegen
