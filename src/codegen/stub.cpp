// The stub: the original input with the compiled model's block spliced out for an AOTIModel.
#include "neml2/codegen/stub.h"

#include <algorithm>
#include <filesystem>
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
/// The options naming data files read relative to the input file's folder.
bool
names_a_data_file(const std::string & key)
{
  return key == "csv_file" || key == "reference";
}

/// Every field of `s` (and its sub-sections) naming a data file by a relative path that exists
/// next to the input file, with that file's absolute path: the stub is written elsewhere, so it
/// must name them absolutely.
void
relative_data_files(hit::Section & s, const std::filesystem::path & folder,
                    std::vector<std::pair<hit::Field *, std::string>> & out)
{
  for (auto & f : s.fields)
    if (names_a_data_file(f.key) && !f.value.empty() && std::filesystem::path(f.value).is_relative())
    {
      const auto p = folder / f.value;
      if (std::filesystem::exists(p))
        out.emplace_back(&f, std::filesystem::absolute(p).lexically_normal().string());
    }
  for (auto & c : s.children)
    relative_data_files(*c, folder, out);
}

/// Offset in `text` of line `line`, column `col` (both 1-based), or npos.
std::size_t
offset_of(const std::string & text, int line, int col)
{
  std::size_t pos = 0;
  for (int l = 1; l < line; ++l)
  {
    pos = text.find('\n', pos);
    if (pos == std::string::npos)
      return pos;
    ++pos;
  }
  return pos + static_cast<std::size_t>(col - 1);
}

/// The end (one past) of the value token written at `begin`: its closing quote, or the end of
/// an unquoted word.
std::size_t
token_end(const std::string & text, std::size_t begin)
{
  if (text[begin] == '\'' || text[begin] == '"')
  {
    const auto close = text.find(text[begin], begin + 1);
    return close == std::string::npos ? std::string::npos : close + 1;
  }
  const auto end = text.find_first_of(" \t\r\n#[]", begin);
  return end == std::string::npos ? text.size() : end;
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

  std::vector<std::pair<hit::Field *, std::string>> data_files;
  relative_data_files(*root, std::filesystem::path(input_file).parent_path(), data_files);

  const std::string text = read_file(input_file);
  // The block may have been opened several times (merged sections): every one of them goes.
  auto spliceable = [&](const hit::Location & loc, std::size_t begin, std::size_t end) {
    return loc.file == root->loc.file && end > begin && end <= text.size() && text[begin] == '[';
  };
  bool all_spliceable = spliceable(block->loc, block->source_begin, block->source_end);
  for (const auto & r : block->reopened)
    all_spliceable = all_spliceable && spliceable(r.loc, r.source_begin, r.source_end);
  // Each data file's value as written, to be replaced by its quoted absolute path.
  struct Edit
  {
    std::size_t begin, end;
    std::string with;
  };
  std::vector<Edit> edits;
  for (const auto & [field, absolute] : data_files)
  {
    const auto begin = field->value_loc.file == root->loc.file
                           ? offset_of(text, field->value_loc.line, field->value_loc.col)
                           : std::string::npos;
    const auto end = begin < text.size() ? token_end(text, begin) : std::string::npos;
    if (end == std::string::npos || field->verbatim)
      all_spliceable = false; // fall back to rendering the tree
    else
      edits.push_back({begin, end, quoted(absolute)});
  }
  if (!all_spliceable)
  {
    for (auto & [field, absolute] : data_files)
    {
      field->value = field->raw = absolute;
      field->quoted = true;
    }
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

  // Splice from the last edit backwards so earlier offsets stay valid; data files named inside
  // the compiled block go with it.
  for (const auto & r : block->reopened)
    edits.push_back(
        {r.source_begin, r.source_end, fmt::format("# [{}] was merged into the compiled block above", model)});
  edits.push_back({block->source_begin, block->source_end, replacement});
  std::sort(edits.begin(), edits.end(), [](const Edit & a, const Edit & b) { return a.begin > b.begin; });
  std::string out = text;
  std::size_t done = std::string::npos; // the start of the last edit applied
  for (const auto & e : edits)
  {
    if (done != std::string::npos && e.end > done)
      continue; // inside a block already replaced
    out.replace(e.begin, e.end - e.begin, e.with);
    done = e.begin;
  }
  return out;
}
} // namespace neml2::codegen
