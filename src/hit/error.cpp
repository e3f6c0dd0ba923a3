// Source locations and the exception type of the HIT parser.
#include "neml2/hit/error.h"

namespace neml2::hit
{
std::string
Location::str() const
{
  std::string out = file;
  if (line > 0)
  {
    out += ':' + std::to_string(line);
    if (col > 0)
      out += ':' + std::to_string(col);
  }
  return out;
}

std::string_view
to_string(ErrorKind kind)
{
  switch (kind)
  {
    case ErrorKind::Io:
      return "io";
    case ErrorKind::Syntax:
      return "syntax";
    case ErrorKind::Duplicate:
      return "duplicate";
    case ErrorKind::Include:
      return "include";
    case ErrorKind::Substitution:
      return "substitution";
    case ErrorKind::Override:
      return "override";
    case ErrorKind::Conversion:
      return "conversion";
  }
  return "unknown";
}

Error::Error(Location loc, const std::string & message, ErrorKind kind)
  : std::runtime_error(loc.str() + ": " + message),
    _loc(std::move(loc)),
    _message(message),
    _kind(kind)
{
}
} // namespace neml2::hit
