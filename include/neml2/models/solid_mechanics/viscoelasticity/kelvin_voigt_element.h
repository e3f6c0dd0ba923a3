// KelvinVoigtElement: a spring and a dashpot in parallel, stress = K strain + eta strain_rate.
#pragma once

#include "neml2/models/model.h"

namespace neml2
{
/**
 * σ = K ε + η ε̇: a spring (modulus K, option `modulus`, parameter `K`) in parallel with a dashpot
 * (viscosity η, option `viscosity`, parameter `eta`) sharing the strain. Variables `strain` and
 * `<strain>_rate` (inputs), `stress` (output).
 */
class KelvinVoigtElement : public Model
{
public:
  KelvinVoigtElement(const Options & options, Factory & factory);
  static OptionSchema expected_options();
  void define(Staging & s) const override;

private:
  std::string _E, _E_rate, _S;
  Param<sym::Scalar> _K, _eta;
};
} // namespace neml2
