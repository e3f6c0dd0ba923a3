# Rate-independent perfect J2 plasticity with an Arrhenius yield stress, written the NEML2 v3 way:
# Python tensors, the yield stress given as the name of a model (`yield_stress = 'ys'`), the
# predictor declared in [Models], a second [Models] section.
# Five temperature histories (300 -> 500 ... 600 -> 900 K, linearly in time), 40 steps of a
# deviatoric strain ramp to (0.004, -0.002, -0.002).
[Tensors]
  [times]
    type = Python
    expr = 'Scalar(torch.linspace(0.0, 1.0, 40, dtype=torch.float64).unsqueeze(-1).expand(40, 5))'
  []
  [strains]
    type = Python
    expr = '''
      final = SR2.fill(0.004, -0.002, -0.002, 0.0, 0.0, 0.0).dynamic_batch.expand(5)
      fraction = torch.linspace(0.0, 1.0, 40, dtype=torch.float64).reshape(40, 1, 1)
      result = SR2(final.data.unsqueeze(0) * fraction)
    '''
  []
  [start_temperature]
    type = Python
    expr = 'linspace(Scalar(300.0).dynamic_batch, Scalar(600.0).dynamic_batch, 5)'
  []
  [end_temperature]
    type = Python
    expr = 'linspace(Scalar(500.0).dynamic_batch, Scalar(900.0).dynamic_batch, 5)'
  []
  [temperatures]
    type = Python
    expr = '''
      fraction = torch.linspace(0.0, 1.0, 40, dtype=torch.float64).unsqueeze(-1)
      span = end_temperature.data - start_temperature.data
      result = Scalar(start_temperature.data.unsqueeze(0) + span.unsqueeze(0) * fraction)
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
    prescribed_Scalar_names = 'temperature'
    prescribed_Scalar_values = 'temperatures'
  []
[]

[Models]
  [elastic_strain]
    type = SR2LinearCombination
    from = 'E plastic_strain'
    to = 'elastic_strain'
    weights = '1 -1'
  []
  [elasticity]
    type = LinearIsotropicElasticity
    coefficients = '1e5 0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
    strain = 'elastic_strain'
  []
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
  [ys]
    type = ArrheniusParameter
    temperature = 'temperature'
    reference_value = 500.0
    activation_energy = 3000.0
    ideal_gas_constant = 8.314
  []
  [yield_surface]
    type = YieldFunction
    yield_stress = 'ys'
  []
  [flow]
    type = ComposedModel
    models = 'vonmises yield_surface'
  []
  [normality]
    type = Normality
    model = 'flow'
    function = 'yield_function'
    from = 'mandel_stress'
    to = 'flow_direction'
  []
  [Eprate]
    type = AssociativePlasticFlow
  []
  [integrate_Ep]
    type = SR2BackwardEulerTimeIntegration
    variable = 'plastic_strain'
  []
  [consistency]
    type = MinMapComplementarity
    a = 'yield_function'
    a_inequality = 'LE'
    b = 'flow_rate'
  []
  [surface]
    type = ComposedModel
    models = 'elastic_strain elasticity mandel_stress vonmises yield_surface normality Eprate
              consistency integrate_Ep'
  []
[]

[EquationSystems]
  [eq_sys]
    type = NonlinearSystem
    model = 'surface'
    unknowns = 'plastic_strain flow_rate'
    residuals = 'plastic_strain_residual complementarity'
  []
[]

[Solvers]
  [newton]
    type = Newton
    linear_solver = 'lu'
    abs_tol = 1e-12
    rel_tol = 1e-14
  []
  [lu]
    type = DenseLU
  []
[]

[Models]
  [predictor]
    type = ConstantExtrapolationPredictor
    unknowns_SR2 = 'plastic_strain'
    unknowns_Scalar = 'flow_rate'
  []
  [return_map]
    type = ImplicitUpdate
    equation_system = 'eq_sys'
    solver = 'newton'
    predictor = 'predictor'
  []
  [model]
    type = ComposedModel
    models = 'return_map elastic_strain elasticity'
    additional_outputs = 'plastic_strain'
  []
[]
