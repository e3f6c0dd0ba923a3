// The entry of each command-line tool (run_tool in tools.cpp dispatches to them by name), and the
// command-line handling they share.
#pragma once

#include <CLI/CLI.hpp>
#include <cctype>
#include <cstdio>
#include <exception>
#include <string>

namespace neml2::cli
{
int neml2_compile(int argc, char ** argv);
int neml2_inspect(int argc, char ** argv);
int neml2_run(int argc, char ** argv);
int neml2_syntax(int argc, char ** argv);

/**
 * Parses the command line into `app`, then returns what `body()` returns. `--help` and usage errors
 * are printed by CLI11 (exit status 0 and 2); an exception from `body` is printed as
 * "<tool>: error: <what>" (exit status 1).
 */
template <class Body>
int
parse_and_run(CLI::App & app, int argc, char ** argv, const char * tool, Body && body)
{
  try
  {
    app.parse(argc, argv);
  }
  catch (const CLI::RequiredError & e)
  {
    // CLI11 reports a missing positional before an unknown option, so `tool --bogus` would say
    // "input is required": name the unknown option instead.
    for (int i = 1; i < argc; ++i)
    {
      const std::string a = argv[i];
      if (a == "--")
        break;
      const bool looks_like_option =
          a.size() > 1 && a[0] == '-' && !std::isdigit(static_cast<unsigned char>(a[1])) && a[1] != '.';
      if (looks_like_option && !app.get_option_no_throw(a.substr(0, a.find('='))) &&
          !app.get_option_no_throw(a.substr(0, 2)))
      {
        std::fprintf(stderr, "%s: unknown option '%s'\nRun with --help for more information.\n", tool, a.c_str());
        return 2;
      }
    }
    return app.exit(e) == 0 ? 0 : 2;
  }
  catch (const CLI::ParseError & e)
  {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try
  {
    return body();
  }
  catch (const std::exception & e)
  {
    std::fprintf(stderr, "%s: error: %s\n", tool, e.what());
    return 1;
  }
}
} // namespace neml2::cli
