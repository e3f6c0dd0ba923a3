# Models of tests/unit/core/test_plasticity_*.cpp: one block per configuration under test.
[Models]
  # Time integration
  [be_scalar]
    type = ScalarBackwardEulerTimeIntegration
    variable = 'ep'
  []
  [be_sr2_renamed]
    type = SR2BackwardEulerTimeIntegration
    variable = 'Ep'
    rate = 'Edot'
    time = 'time'
    residual = 'r'
  []
  [be_sr2_v3_names]
    type = SR2BackwardEulerTimeIntegration
    variable = 'Ep'
    rate = 'Edot'
    time = 'time'
    variable_residual = 'r'
  []
  [fe_scalar]
    type = ScalarForwardEulerTimeIntegration
    variable = 'ep'
  []
  [fe_sr2_old]
    type = SR2ForwardEulerTimeIntegration
    variable = 'Ee_trial'
    old_variable = 'Ee~1'
    rate = 'D'
  []
  # Complementarity
  [fb]
    type = FBComplementarity
    a = 'yield_function'
    b = 'flow_rate'
  []
  [fb_ge]
    type = FBComplementarity
    a_inequality = 'GE'
    b_inequality = 'GE'
  []
  [minmap]
    type = MinMapComplementarity
    a = 'yield_function'
    b = 'flow_rate'
  []
  [minmap_ge_le]
    type = MinMapComplementarity
    a_inequality = 'GE'
    b_inequality = 'LE'
    complementarity = 'r'
  []
  # Yield function and flow
  [yield]
    type = YieldFunction
    yield_stress = 5
    isotropic_hardening = 'isotropic_hardening'
  []
  [yield_perfect]
    type = YieldFunction
    yield_stress = 'sy'
    effective_stress = 's'
    yield_function = 'fp'
  []
  [perzyna]
    type = PerzynaPlasticFlowRate
    reference_stress = 150
    exponent = 6
  []
  [perzyna_n2]
    type = PerzynaPlasticFlowRate
    reference_stress = 100
    exponent = 2
    yield_function = 'f'
    flow_rate = 'gamma_rate'
  []
  [Eprate]
    type = AssociativePlasticFlow
  []
  [eprate]
    type = AssociativeIsotropicPlasticHardening
  []
  [Kprate]
    type = AssociativeKinematicPlasticHardening
  []
  [j2dir]
    type = AssociativeJ2FlowDirection
  []
  # Hardening
  [linear_iso]
    type = LinearIsotropicHardening
    hardening_modulus = 1000
  []
  [voce]
    type = VoceIsotropicHardening
    saturated_hardening = 100
    saturation_rate = 1.2
  []
  [linear_kin]
    type = LinearKinematicHardening
    hardening_modulus = 1000
    back_stress = 'X'
  []
  [fa]
    type = FredrickArmstrongPlasticHardening
    C = 1000
    g = 10
    back_stress = 'X1'
  []
  [chaboche]
    type = ChabochePlasticHardening
    C = 1000
    g = 10
    A = 1e-6
    a = 2.1
  []
  # Normality of a von Mises yield function with kinematic and isotropic hardening
  [overstress]
    type = SR2LinearCombination
    from = 'mandel_stress X'
    to = 'O'
    weights = '1 -1'
  []
  [vonmises]
    type = SR2Invariant
    invariant_type = 'VONMISES'
    tensor = 'O'
    invariant = 'effective_stress'
  []
  [flow]
    type = ComposedModel
    models = 'overstress vonmises yield'
  []
  [normality]
    type = Normality
    model = 'flow'
    function = 'yield_function'
    from = 'mandel_stress X isotropic_hardening'
    to = 'flow_direction kinematic_hardening_direction isotropic_hardening_direction'
  []
[]
