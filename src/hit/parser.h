// Builds the section tree from the statements of a file, following '!include'.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lexer.h"
#include "neml2/hit/node.h"

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
    /// Index into inner->reopened when this block reopened an existing section, else -1.
    std::ptrdiff_t reopened = -1;
  };

  Frame open_section(const Token & tok, Section & outer);
  void close_section(const Token & tok, std::vector<Frame> & frames);
  void include(const Token & tok, const std::string & file, Section & into);
  /// add_field with a per-section index, so long sections parse in linear time.
  void add(Section & section, Field field, bool replace);

  bool _allow_includes;
  /// Identities of the files being parsed, outermost first.
  std::vector<std::string> _include_stack;
  /// Per section: key -> index in Section::fields.
  std::unordered_map<const Section *, std::unordered_map<std::string, std::size_t>> _field_index;
  /// Per section: child name -> child.
  std::unordered_map<const Section *, std::unordered_map<std::string, Section *>> _child_index;
};

/// Sections nest at most this deep (keeps recursive walks of the tree within the stack).
inline constexpr std::size_t max_section_depth = 200;

/// Number of enclosing sections of `section` (0 for the root).
std::size_t depth_of(const Section & section);

/// Add `field` to `section`: a duplicate key is an error unless `replace` (':='), in which case the
/// earlier field is replaced in place.
void add_field(Section & section, Field field, bool replace);
/// The same, with the earlier field (or nullptr) already found.
void add_field(Section & section, Field field, bool replace, Field * earlier);

/// "in section 'Models/elasticity'" or "at the top level".
std::string describe_section(const Section & section);
} // namespace neml2::hit::detail
