// The parsed HIT tree: sections holding fields and child sections, with source locations.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "neml2/hit/error.h"

namespace neml2::hit
{
/// One `key = value` (or `key := value`) assignment.
struct Field
{
  std::string key;
  /// The value after '${...}' substitution with quotes stripped (verbatim for ''' strings).
  std::string value;
  /// The value as written (quotes stripped), before substitution.
  std::string raw;
  /// Written in '...' or "..." (or ''' ''').
  bool quoted = false;
  /// Written in '''...''': kept exactly, no substitution.
  bool verbatim = false;
  /// Location of the key.
  Location loc;
  /// Location of the first character of the value as written (the opening quote if quoted).
  Location value_loc;

  /// The value split on whitespace.
  std::vector<std::string> words() const;
  /// The value split into rows on ';', each row split on whitespace. An empty value gives no
  /// rows; a trailing ';' does not add an empty row.
  std::vector<std::vector<std::string>> rows() const;
  /// Location of byte `offset` of `value`: exact when no substitution changed the value,
  /// otherwise value_loc.
  Location location_of(std::size_t offset) const;
};

/// A `[name] ... []` block, or the root of a file (name "").
class Section
{
public:
  Section() = default;
  Section(const Section &) = delete;
  Section & operator=(const Section &) = delete;

  /// Last component of the path: "elasticity"; "" for the root.
  std::string name;
  /// Slash-separated path from the root: "Models/elasticity"; "" for the root.
  std::string path;
  /// The text between the brackets of the block that created this section, without a legacy
  /// "./" prefix: "elasticity", or "Models/elasticity" for the shorthand form.
  std::string header;
  /// Location of the opening '[' (of the root: file:1:1).
  Location loc;
  /// Byte range [begin, end) of the whole block "[header] ... []" in the text of loc.file, end
  /// just after the closing "[]". For the root: the whole file. For a section opened several
  /// times (merged), the first block; for both sections of `[a/b]`, that block. Sections made by
  /// command-line overrides have an empty range.
  std::size_t source_begin = 0;
  std::size_t source_end = 0;
  /// A later block that opened this section again (merged into it), with its own byte range.
  struct Reopened
  {
    Location loc; ///< its opening '['
    std::size_t source_begin = 0;
    std::size_t source_end = 0;
  };
  /// Every later block whose header named this section, in input order (empty when it was
  /// opened once). Tools that rewrite a section's text (the compile stub) must edit these too.
  std::vector<Reopened> reopened;
  /// The enclosing section (nullptr for the root).
  Section * parent = nullptr;
  /// Fields in input order.
  std::vector<Field> fields;
  /// Child sections in input order.
  std::vector<std::unique_ptr<Section>> children;

  const Field * find_field(std::string_view key) const;
  Field * find_field(std::string_view key);
  const Section * find_child(std::string_view child_name) const;
  Section * find_child(std::string_view child_name);
  /// Descend a slash-separated path ("Models/elasticity"); "" gives this section.
  const Section * find(std::string_view rel_path) const;
  Section * find(std::string_view rel_path);

  /// Append a new child (parent and path set); returns it.
  Section & add_child(const std::string & child_name);

  /// Keys of the fields / names of the children, in order (for "did you mean" suggestions).
  std::vector<std::string> field_keys() const;
  std::vector<std::string> child_names() const;
};
} // namespace neml2::hit
