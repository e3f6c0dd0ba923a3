// Expanding and checking the -d OUT:IN derivative requests.
#include "neml2/codegen/derivative_pairs.h"

#include <algorithm>

#include <fmt/format.h>

#include "neml2/hit/hit.h"
#include "neml2/models/model.h"

namespace neml2::codegen
{
namespace
{
std::string
did_you_mean(const std::string & name, const std::vector<std::string> & valid)
{
  const auto near = hit::nearest(name, valid);
  return near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near);
}

std::string
listing(const std::vector<std::string> & names)
{
  return names.empty() ? std::string("none") : fmt::format("{}", fmt::join(names, ", "));
}
} // namespace

std::vector<DerivativePair>
resolve_derivative_pairs(Model & model, const std::vector<std::string> & specs)
{
  std::vector<std::string> outs, ins, params;
  for (const auto & v : model.output_spec())
    outs.push_back(v.name);
  for (const auto & v : model.input_spec())
    ins.push_back(v.name);
  for (const auto & [q, p] : model.named_parameters())
    params.push_back(q);

  std::vector<DerivativePair> pairs;
  auto add = [&](const std::string & o, const std::string & i, bool is_param) {
    for (const auto & p : pairs)
      if (p.output == o && p.input == i)
        return;
    pairs.push_back({o, i, is_param});
  };
  for (const auto & spec : specs)
  {
    const auto colon = spec.find(':');
    if (colon == std::string::npos)
      throw CompileError(fmt::format("-d '{}': expected OUT:IN, e.g. -d stress:strain (leave a side empty for all: "
                                     "-d stress:, -d :strain, -d :)",
                                     spec));
    const auto out = spec.substr(0, colon), in = spec.substr(colon + 1);
    if (!out.empty() && std::find(outs.begin(), outs.end(), out) == outs.end())
      throw CompileError(fmt::format("-d {}: model '{}' has no output '{}'{}; its outputs are: {}", spec, model.name(),
                                     out, did_you_mean(out, outs), listing(outs)));
    std::vector<std::pair<std::string, bool>> wrt;
    if (in.empty())
      for (const auto & i : ins)
        wrt.emplace_back(i, false);
    else if (std::find(ins.begin(), ins.end(), in) != ins.end())
      wrt.emplace_back(in, false);
    else
    {
      std::string q;
      try
      {
        q = model.resolve_parameter(in);
      }
      catch (const ValueError & e)
      {
        std::vector<std::string> all = ins;
        all.insert(all.end(), params.begin(), params.end());
        throw CompileError(fmt::format("-d {}: model '{}' has no input variable or parameter '{}'{}; its inputs are: "
                                       "{}; its parameters are: {}",
                                       spec, model.name(), in, did_you_mean(in, all), listing(ins), listing(params)));
      }
      wrt.emplace_back(q, true);
    }
    for (const auto & o : outs)
      if (out.empty() || o == out)
        for (const auto & [i, is_param] : wrt)
          add(o, i, is_param);
  }
  return pairs;
}
} // namespace neml2::codegen
