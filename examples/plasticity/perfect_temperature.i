# Rate-independent perfect J2 plasticity whose yield stress depends on temperature (Arrhenius).
#
#   stress           = C : (E - plastic_strain)                      (E = 1e5, nu = 0.3)
#   yield stress     sy(T) = p0 exp(-Q / (R T)),                      p0 = 500, Q = 3000, R = 8.314
#   yield function   f = vm(mandel_stress) - sy(T)
#   flow             Ep_rate = gamma_rate df/dM
#   consistency      f <= 0, gamma_rate >= 0, f gamma_rate = 0 (minimum map)
#
# The yield function's `yield_stress` names the model `ys`: as in NEML2, the model's output feeds
# the parameter, every composition that contains `yield_surface` evaluates `ys` first, and
# derivatives (d stress / d temperature) flow through it. `-p ys.p0` keeps p0 mutable in a
# compiled model.
#
# Loading: a deviatoric strain ramp from 0 to (0.003, -0.0015, -0.0015) (xx yy zz) in 100 steps,
# at 4 temperature histories at once: 300 -> 900, 500 -> 600, 900 -> 300 and 600 -> 600 K.
# Run: neml2-run perfect_temperature.i driver
[Tensors]
  [times]
    type = LinspaceScalar
    start = 0
    end = 1
    nstep = 101
  []
  [max_strain]
    type = FillSR2
    values = '0.003 -0.0015 -0.0015'
  []
  [strains]
    type = LinspaceSR2
    start = 0
    end = 'max_strain'
    nstep = 101
  []
  [start_temperature]
    type = Scalar
    values = '300 500 900 600'
  []
  [end_temperature]
    type = Scalar
    values = '900 600 300 600'
  []
  [temperatures]
    type = LinspaceScalar
    start = 'start_temperature'
    end = 'end_temperature'
    nstep = 101
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
    save_as = 'perfect_temperature.npz'
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
    reference_value = 500
    activation_energy = 3000
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
  # The residuals of the implicit update; `ys` joins through yield_surface's parameter.
  [surface]
    type = ComposedModel
    models = 'elastic_strain elasticity mandel_stress vonmises yield_surface normality Eprate
              consistency integrate_Ep'
  []
[]

[EquationSystems]
  [eq]
    type = NonlinearSystem
    model = 'surface'
    unknowns = 'plastic_strain flow_rate'
    residuals = 'plastic_strain_residual complementarity'
  []
[]

[Solvers]
  [newton]
    type = Newton
  []
[]

[Models]
  [predictor]
    type = ConstantExtrapolationPredictor
    unknowns_SR2 = 'plastic_strain'
    unknowns_Scalar = 'flow_rate'
  []
  [update]
    type = ImplicitUpdate
    equation_system = 'eq'
    solver = 'newton'
    predictor = 'predictor'
  []
  # The stress from the converged plastic strain.
  [model]
    type = ComposedModel
    models = 'update elastic_strain elasticity'
    additional_outputs = 'plastic_strain'
  []
[]
