// Builds the section tree from the statements of a file, following '!include'.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "neml2/hit/node.h"
#include "lexer.h"

namespace neml2::hit::detail
{
/// Parses texts into an existing tree: merges repeated sections, rejects duplicate fields,
/// splices included files. Substitution and overrides are separate passes.
class Parser
{
public:
  explicit Parser(bool allow_includes);

  /// Parse `text` (the content of `file`) into `into`. Sections opened in a file must be closed
  /// in the same file.
  void parse_text(std::string_view text, const std::string & file, Section & into);

private:
  /// An open "[header]" block: the sections it entered (two or more for "[a/b]").
  struct Frame
  {
    Section * inner = nullptr;
    std::string header;
    Location loc;
    std::vector<Section *> created;
  };

  Frame open_section(const Token & tok, Section & outer);
  void close_section(const Token & tok, std::vector<Frame> & frames);
  void include(const Token & tok, const std::string & file, Section & into);

  bool _allow_includes;
  /// Identities of the files being parsed, outermost first.
  std::vector<std::string> _include_stack;
};

/// Add `field` to `section`: a duplicate key is an error unless `replace` (':='), in which case the
/// earlier field is replaced in place.
void add_field(Section & section, Field field, bool replace);

/// "in section 'Models/elasticity'" or "at the top level".
std::string describe_section(const Section & section);
} // namespace neml2::hit::detail
