# Parameters given as the name of a [Models] block (NEML2's "the named model's output feeds the
# parameter"): tests/unit/core/test_models_provided_parameters.cpp.
[Models]
  [K_model]
    type = ArrheniusParameter
    reference_value = 2000
    activation_energy = 5000
    ideal_gas_constant = 8.314
  []
  [K_renamed]
    type = ArrheniusParameter
    temperature = 'T'
    parameter = 'K'
    reference_value = 2000
    activation_energy = 5000
    ideal_gas_constant = 8.314
  []
  [isoharden]
    type = LinearIsotropicHardening
    hardening_modulus = 'K_model'
  []
  # `models` lists only isoharden: K_model joins because isoharden's parameter names it.
  [chain]
    type = ComposedModel
    models = 'isoharden'
  []
  # A provider of a provider: p0 of K_nested is itself an Arrhenius law (of the same temperature).
  [p0_model]
    type = ArrheniusParameter
    reference_value = 4000
    activation_energy = 1000
    ideal_gas_constant = 8.314
  []
  [K_nested]
    type = ArrheniusParameter
    reference_value = 'p0_model'
    activation_energy = 5000
    ideal_gas_constant = 8.314
  []
  [isoharden_nested]
    type = LinearIsotropicHardening
    hardening_modulus = 'K_nested'
    isotropic_hardening = 'h'
  []
  [chain_nested]
    type = ComposedModel
    models = 'isoharden_nested'
  []
  # Listing the provider as well changes nothing.
  [chain_listed]
    type = ComposedModel
    models = 'K_model isoharden'
  []
  # A wrapper passes its wrapped model's providers on: Normality of a yield function whose yield
  # stress comes from a model, inside a composition that lists only the Normality.
  [ys]
    type = ArrheniusParameter
    reference_value = 500
    activation_energy = 3000
    ideal_gas_constant = 8.314
  []
  [yield_surface]
    type = YieldFunction
    yield_stress = 'ys'
  []
  [normality]
    type = Normality
    model = 'yield_surface'
    function = 'yield_function'
    from = 'effective_stress'
    to = 'flow_direction'
  []
  [wrapped]
    type = ComposedModel
    models = 'normality'
  []

  # Errors
  [two_outputs]
    type = ComposedModel
    models = 'K_renamed isoharden_plain'
  []
  [isoharden_plain]
    type = LinearIsotropicHardening
    hardening_modulus = 100
  []
  [from_two_outputs]
    type = LinearIsotropicHardening
    hardening_modulus = 'two_outputs'
  []
  [sr2_value]
    type = SR2ConstantParameter
    value = 1
  []
  [from_sr2]
    type = LinearIsotropicHardening
    hardening_modulus = 'sr2_value'
  []
  [from_itself]
    type = LinearIsotropicHardening
    hardening_modulus = 'from_itself'
  []
  [bad_R]
    type = ArrheniusParameter
    reference_value = 1
    activation_energy = 1
    ideal_gas_constant = 0
  []
[]
