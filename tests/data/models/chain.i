# Compositions of the common models: strain history -> strain rate -> stress rate -> invariants.
[Models]
  [rate]
    type = SR2VariableRate
    variable = 'strain'
  []
  [elastic]
    type = LinearIsotropicElasticity
    coefficients = '200e3 0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
    rate_form = true
  []
  [mandel]
    type = IsotropicMandelStress
    cauchy_stress = 'stress_rate'
    mandel_stress = 'mandel_rate'
  []
  [vm]
    type = SR2Invariant
    invariant_type = VONMISES
    tensor = 'mandel_rate'
    invariant = 'vm_rate'
  []
  [pressure]
    type = SR2Invariant
    invariant_type = I1
    tensor = 'stress_rate'
    invariant = 'tr_rate'
  []
  [mix]
    type = ScalarLinearCombination
    from_var = 'vm_rate tr_rate'
    to_var = 'mix_rate'
    coefficients = '1 -0.5'
  []
  [per_time]
    type = ScalarMultiplication
    from_var = 'mix_rate t'
    to_var = 'mix_per_t'
    reciprocal = 'false true'
  []
  [model]
    type = ComposedModel
    models = 'rate elastic mandel vm pressure mix per_time'
    additional_outputs = 'stress_rate vm_rate'
  []

  # A shared Young's modulus: [youngs] produces the variable that [el2] reads as a coefficient.
  [youngs]
    type = ScalarConstantParameter
    value = 150e3
  []
  [el2]
    type = LinearIsotropicElasticity
    coefficients = 'youngs 0.25'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
  []
  [shared]
    type = ComposedModel
    models = 'el2 youngs'
  []
[]
