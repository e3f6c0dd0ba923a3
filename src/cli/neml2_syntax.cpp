// neml2-syntax: list every registered type with its options and docs (text or JSON).
#include "tools_internal.h"

#include <CLI/CLI.hpp>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "neml2/base/registry.h"

namespace neml2::cli
{
int
neml2_syntax(int argc, char ** argv)
{
  CLI::App app{"List every type an input file can name, with its options, defaults and docs."};
  bool json = false;
  std::string only;
  app.add_flag("--json", json, "print JSON instead of text");
  app.add_option("type", only, "show only this type");
  return parse_and_run(app, argc, argv, "neml2-syntax", [&] {
    nlohmann::json out = nlohmann::json::object();
    bool found = false;
    for (const auto * e : neml2::Registry::all())
    {
      if (!only.empty() && e->type != only)
        continue;
      found = true;
      const auto schema = e->schema();
      const auto section = std::string(neml2::section_name(e->kind));
      if (json)
      {
        auto & j = out[section][e->type];
        j["doc"] = schema.doc();
        j["options"] = nlohmann::json::array();
        for (const auto & s : schema.specs())
        {
          nlohmann::json o = {{"name", s.name},
                              {"type", std::string(neml2::option_kind_name(s.kind))},
                              {"required", s.required},
                              {"doc", s.doc}};
          if (s.default_text)
            o["default"] = *s.default_text;
          if (!s.choices.empty())
            o["choices"] = s.choices;
          j["options"].push_back(o);
        }
        continue;
      }
      std::printf("[%s] %s\n", section.c_str(), e->type.c_str());
      if (!schema.doc().empty())
        std::printf("  %s\n", schema.doc().c_str());
      for (const auto & s : schema.specs())
      {
        std::string extra = s.required ? "required" : fmt::format("default '{}'", s.default_text.value_or(""));
        if (!s.choices.empty())
          extra += fmt::format("; one of {}", fmt::join(s.choices, ", "));
        std::printf("    %-20s %-16s %s (%s)\n", s.name.c_str(), std::string(neml2::option_kind_name(s.kind)).c_str(),
                    s.doc.c_str(), extra.c_str());
      }
      std::printf("\n");
    }
    if (!only.empty() && !found)
    {
      std::fprintf(stderr, "neml2-syntax: error: no registered type named '%s'\n", only.c_str());
      return 1;
    }
    if (json)
      std::printf("%s\n", out.dump(2).c_str());
    return 0;
  });
}
} // namespace neml2::cli
