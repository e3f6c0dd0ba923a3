// Public entry points of the HIT parser (NEML2 dialect): parse, render, suggest.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "neml2/hit/convert.h"
#include "neml2/hit/error.h"
#include "neml2/hit/nearest.h"
#include "neml2/hit/node.h"

namespace neml2::hit
{
/// Everything that tunes a parse.
struct ParseOptions
{
  /// Command-line overrides, "Section/sub/key=value" or "Section/sub/key:=value"; both create
  /// or replace the field (and create missing sections). Errors are located at
  /// "<command line>:<argument number>:<column>".
  std::vector<std::string> overrides;
  /// Whether '!include' is honoured (off for untrusted text, e.g. the fuzzer).
  bool allow_includes = true;
};

/// Parse a file. Throws Error (ErrorKind::Io if it cannot be read).
std::unique_ptr<Section> parse_file(const std::string & path, const std::vector<std::string> & overrides = {});
/// Parse text; `filename` names it in locations and anchors relative '!include' paths.
std::unique_ptr<Section> parse_string(std::string_view text, const std::string & filename,
                                      const std::vector<std::string> & overrides = {});
/// Parse text with explicit options.
std::unique_ptr<Section> parse(std::string_view text, const std::string & filename, const ParseOptions & options);

/// Render a tree back to HIT text: fields first, then child sections, nested with a 2-space
/// indent, values quoted only when needed (substituted values are written, not '${...}').
/// Parsing the result gives the same tree.
std::string render(const Section & root);
} // namespace neml2::hit
