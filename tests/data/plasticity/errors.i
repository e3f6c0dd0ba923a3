# Malformed blocks of the plasticity models; tests/unit/core/test_plasticity_errors.cpp loads each
# by name and checks the message and its file:line:col. Keep line numbers in step with the test.
[Models]
  [be_missing]
    type = ScalarBackwardEulerTimeIntegration
    rate = 'variable'
  []
  [be_same]
    type = SR2BackwardEulerTimeIntegration
    variable = 'x'
    rate = 'x'
  []
  [fe_time]
    type = ScalarForwardEulerTimeIntegration
    variable = 't'
  []
  [fb_enum]
    type = FBComplementarity
    a_inequality = 'LT'
  []
  [minmap_same]
    type = MinMapComplementarity
    a = 'f'
    b = 'f'
  []
  [yield_missing]
    type = YieldFunction
    isotropic_hardening = 'h'
  []
  [yield_count]
    type = YieldFunction
    yield_stress = '5 6'
  []
  [perzyna_typo]
    type = PerzynaPlasticFlowRate
    reference_stres = 100
    exponent = 2
  []
  [Eprate_same]
    type = AssociativePlasticFlow
    plastic_strain_rate = 'flow_direction'
  []
  [eprate_same]
    type = AssociativeIsotropicPlasticHardening
    isotropic_hardening_direction = 'flow_rate'
  []
  [Kprate_same]
    type = AssociativeKinematicPlasticHardening
    kinematic_plastic_strain_rate = 'kinematic_hardening_direction'
  []
  [j2_same]
    type = AssociativeJ2FlowDirection
    flow_direction = 'mandel_stress'
  []
  [linear_iso_tensor]
    type = LinearIsotropicHardening
    hardening_modulus = 'no_such_tensor extra'
  []
  [voce_missing]
    type = VoceIsotropicHardening
    saturated_hardening = 100
  []
  [linear_kin_same]
    type = LinearKinematicHardening
    hardening_modulus = 1000
    back_stress = 'kinematic_plastic_strain'
  []
  [fa_same]
    type = FredrickArmstrongPlasticHardening
    C = 1000
    g = 10
    back_stress_rate = 'flow_rate'
  []
  [chaboche_missing]
    type = ChabochePlasticHardening
    C = 1000
    g = 10
    A = 1e-6
  []
  [yield]
    type = YieldFunction
    yield_stress = 5
  []
  [normality_function]
    type = Normality
    model = 'yield'
    function = 'yield_functon'
    from = 'effective_stress'
    to = 'N'
  []
  [normality_from]
    type = Normality
    model = 'yield'
    function = 'yield_function'
    from = 'effective_stres'
    to = 'N'
  []
  [normality_count]
    type = Normality
    model = 'yield'
    function = 'yield_function'
    from = 'effective_stress'
    to = 'N M'
  []
  [normality_model]
    type = Normality
    model = 'yeild'
    function = 'yield_function'
    from = 'effective_stress'
    to = 'N'
  []
  [normality_type]
    type = Normality
    model = 'j2'
    function = 'flow_direction'
    from = 'mandel_stress'
    to = 'N'
  []
  [j2]
    type = AssociativeJ2FlowDirection
  []
[]
