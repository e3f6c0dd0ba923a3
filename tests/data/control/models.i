# Mixed control and the condensed-rate warm start (tests/unit/core/test_models_control.cpp).
[Models]
  [mixed]
    type = MixedControlSetup
    x_above = 'prescribed'
    x_below = 'mixed_state'
    y = 'stress'
    z = 'strain'
  []
  [mixed_threshold]
    type = MixedControlSetup
    threshold = 2
  []
  [mixed_same]
    type = MixedControlSetup
    x_above = 'control'
  []
  [linear_path]
    type = ScalarLinearCombination
    from = 'a gamma_rate'
    to = 'f'
    weights = '1 -2'
  []
  [linear_condensation]
    type = RateCondensation
    model = 'linear_path'
    rate = 'gamma_rate'
    driving_force = 'f'
  []
  [bad_rate]
    type = RateCondensation
    model = 'linear_path'
    rate = 'gama_rate'
    driving_force = 'f'
  []
  [perzyna]
    type = PerzynaPlasticFlowRate
    reference_stress = 100
    exponent = 2
  []
  [perzyna_linear]
    type = PerzynaPlasticFlowRate
    reference_stress = 100
    exponent = 1
  []
  [descent]
    type = CoordinateDescentPredictor
    rate_law = 'perzyna'
    driving_force_input = 'yield_function'
    rate = 'flow_rate'
  []
  [descent_linear]
    type = CoordinateDescentPredictor
    rate_law = 'perzyna_linear'
    driving_force_input = 'yield_function'
    rate = 'flow_rate'
  []
  [descent_bad_input]
    type = CoordinateDescentPredictor
    rate_law = 'perzyna'
    driving_force_input = 'stress'
  []
[]
