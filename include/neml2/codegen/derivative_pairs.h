// The -d OUT:IN requests of neml2-compile, resolved against a model.
#pragma once

#include <string>
#include <vector>

namespace neml2
{
class Model;
}

namespace neml2::codegen
{
struct DerivativePair
{
  std::string output;
  std::string input;      ///< an input variable, or a qualified parameter name
  bool parameter = false; ///< whether `input` is a parameter
};

/**
 * Expands and checks `-d` specs: "OUT:IN" one pair, "OUT:" OUT against every input variable,
 * ":IN" every output against IN, ":" every (output, input variable) pair. IN may name a parameter
 * (bare or qualified) for parameter derivatives. Duplicates are dropped; order is kept. Throws
 * CompileError naming the valid outputs / inputs / parameters when a name is unknown.
 */
std::vector<DerivativePair> resolve_derivative_pairs(Model & model, const std::vector<std::string> & specs);
} // namespace neml2::codegen
