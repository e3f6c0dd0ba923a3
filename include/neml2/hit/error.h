// Source locations and the one exception type thrown for malformed HIT input.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace neml2::hit
{
/// A position in an input: file name, 1-based line and 1-based column (in bytes).
/// A line or column of 0 means "unknown" and is left out of str().
struct Location
{
  std::string file;
  int line = 0;
  int col = 0;

  /// "file:line:col" ("file:line" without a column, "file" without a line).
  std::string str() const;

  bool operator==(const Location &) const = default;
};

/// What went wrong, coarsely; lets callers (and tests) tell errors apart without parsing text.
enum class ErrorKind
{
  Io,           ///< a file could not be read
  Syntax,       ///< malformed text: headers, fields, strings, unbalanced sections
  Duplicate,    ///< a field assigned twice with '=' in one section
  Include,      ///< '!include' problems: missing file, cycle, nesting
  Substitution, ///< '${...}' problems: unknown variable or command, cycle, unset env
  Override,     ///< malformed command-line override
  Conversion    ///< a value that does not convert to the requested type
};

/// Lower-case name of an error kind ("syntax", "duplicate", ...).
std::string_view to_string(ErrorKind kind);

/// A user error in an input file or override. what() reads "<file>:<line>:<col>: <message>".
class Error : public std::runtime_error
{
public:
  Error(Location loc, const std::string & message, ErrorKind kind = ErrorKind::Syntax);

  const Location & location() const noexcept { return _loc; }
  /// The message without the location prefix.
  const std::string & message() const noexcept { return _message; }
  ErrorKind kind() const noexcept { return _kind; }

private:
  Location _loc;
  std::string _message;
  ErrorKind _kind;
};
} // namespace neml2::hit
