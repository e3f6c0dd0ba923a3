# J2 viscoplasticity (Perzyna flow, Voce hardening) written the NEML2 v3 way: inputs built by Python
# expressions, the predictor declared in [Models], the residual in [EquationSystems].
# Four strain rates (end times 1, 10, 100, 1000 s) to the same final strain, 40 steps each.
[Tensors]
  [end_time]
    type = Python
    expr = 'Scalar(torch.logspace(0.0, 3.0, 4, dtype=torch.float64))'
  []
  [times]
    type = Python
    expr = 'linspace(Scalar(0.0).dynamic_batch, end_time.dynamic_batch, 40)'
  []
  [final_strain]
    type = Python
    expr = 'SR2.fill(0.02, -0.01, -0.01, 0.004, 0.0, 0.0).dynamic_batch.expand(4)'
  []
  [strains]
    type = Python
    expr = '''
      fraction = torch.linspace(0.0, 1.0, 40, dtype=torch.float64).reshape(40, 1, 1)
      result = SR2(final_strain.data.unsqueeze(0) * fraction)
    '''
  []
[]

[Drivers]
  [driver]
    type = TransientDriver
    model = 'model'
    prescribed_time = 'times'
    prescribed_SR2_names = 'E'
    prescribed_SR2_values = 'strains'
  []
[]

[Models]
  [mandel_stress]
    type = IsotropicMandelStress
    cauchy_stress = 'stress'
  []
  [vonmises]
    type = SR2Invariant
    invariant_type = 'VONMISES'
    tensor = 'mandel_stress'
    invariant = 'effective_stress'
  []
  [hardening]
    type = VoceIsotropicHardening
    saturated_hardening = 80
    saturation_rate = 15
  []
  [yield_surface]
    type = YieldFunction
    yield_stress = 150
    isotropic_hardening = 'isotropic_hardening'
  []
  [flow]
    type = ComposedModel
    models = 'vonmises yield_surface'
  []
  [normality]
    type = Normality
    model = 'flow'
    function = 'yield_function'
    from = 'mandel_stress isotropic_hardening'
    to = 'flow_direction isotropic_hardening_direction'
  []
  [flow_rate]
    type = PerzynaPlasticFlowRate
    reference_stress = 120
    exponent = 4
  []
  [Eprate]
    type = AssociativePlasticFlow
  []
  [eprate]
    type = AssociativeIsotropicPlasticHardening
  []
  [Erate]
    type = SR2VariableRate
    variable = 'E'
  []
  [Eerate]
    type = SR2LinearCombination
    from = 'E_rate plastic_strain_rate'
    to = 'strain_rate'
    weights = '1 -1'
  []
  [elasticity]
    type = LinearIsotropicElasticity
    coefficients = '150e3 0.28'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
    rate_form = true
  []
  [integrate_stress]
    type = SR2BackwardEulerTimeIntegration
    variable = 'stress'
  []
  [integrate_ep]
    type = ScalarBackwardEulerTimeIntegration
    variable = 'equivalent_plastic_strain'
  []
  [implicit_rate]
    type = ComposedModel
    models = 'mandel_stress vonmises hardening yield_surface normality flow_rate Eprate eprate Erate Eerate
              elasticity integrate_stress integrate_ep'
  []
[]

[EquationSystems]
  [eq_sys]
    type = NonlinearSystem
    model = 'implicit_rate'
    unknowns = 'stress equivalent_plastic_strain'
    residuals = 'stress_residual equivalent_plastic_strain_residual'
  []
[]

[Solvers]
  [newton]
    type = Newton
    linear_solver = 'lu'
  []
  [lu]
    type = DenseLU
  []
[]

[Models]
  [predictor]
    type = ConstantExtrapolationPredictor
    unknowns_SR2 = 'stress'
    unknowns_Scalar = 'equivalent_plastic_strain'
  []
  [update]
    type = ImplicitUpdate
    equation_system = 'eq_sys'
    solver = 'newton'
    predictor = 'predictor'
  []
  [model]
    type = ComposedModel
    models = 'update'
    additional_outputs = 'equivalent_plastic_strain'
  []
[]
