// Entry points: read, parse, apply overrides, substitute.
#include "neml2/hit/hit.h"

#include "brace.h"
#include "override.h"
#include "parser.h"
#include "source.h"
#include "text.h"

namespace neml2::hit
{
std::unique_ptr<Section>
parse(std::string_view text, const std::string & filename, const ParseOptions & options)
{
  auto root = std::make_unique<Section>();
  root->loc = {filename, 1, 1};
  root->source_begin = 0;
  root->source_end = text.size();
  detail::Parser(options.allow_includes).parse_text(text, filename, *root);
  detail::apply_overrides(*root, options.overrides);
  detail::expand_braces(*root);
  return root;
}

std::unique_ptr<Section>
parse_string(std::string_view text, const std::string & filename, const std::vector<std::string> & overrides)
{
  return parse(text, filename, ParseOptions{overrides, true});
}

std::unique_ptr<Section>
parse_file(const std::string & path, const std::vector<std::string> & overrides)
{
  const auto text = detail::read_regular_file(path);
  if (!text)
    throw Error({path, 0, 0},
                "cannot read input file " + detail::quote(path) + "; expected an existing, readable regular file",
                ErrorKind::Io);
  return parse_string(*text, path, overrides);
}
} // namespace neml2::hit
