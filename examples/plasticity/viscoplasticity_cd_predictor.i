# viscoplasticity_isoharden.i with a warm start for the implicit update (NEML2 v3's coordinate
# descent predictor): on the first step, where there is no history to extrapolate from, the
# guess of the unknowns comes from solving the update condensed onto the flow rate,
#
#   trial state       stress_trial = stress~1 + dt C : E_rate, flow direction N frozen there
#   return path       f(gamma_rate): the yield function after a step with that flow rate
#   condensation      b = f(0), A = -df/dgamma_rate at 0        (RateCondensation, exact AD)
#   scalar solve      w + A g(w) = b, g the Perzyna law, w the driving force (bisection + Newton)
#   guess             stress and equivalent_plastic_strain advanced with gamma_rate = g(w)
#
# The converged answers are those of viscoplasticity_isoharden.i (a predictor moves the initial
# guess, never the solution); the first steps need fewer Newton iterations.
# Run: neml2-run viscoplasticity_cd_predictor.i driver
[Tensors]
  [end_time]
    type = LogspaceScalar
    start = -1
    end = 5
    nstep = 20
  []
  [times]
    type = LinspaceScalar
    start = 0
    end = 'end_time'
    nstep = 101
  []
  [max_strain]
    type = FillSR2
    values = '0.1 -0.05 -0.05'
  []
  [strains]
    type = LinspaceSR2
    start = 0
    end = 'max_strain'
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
    save_as = 'viscoplasticity_cd_predictor.npz'
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
  [isoharden]
    type = LinearIsotropicHardening
    hardening_modulus = 1000
  []
  [yield_surface]
    type = YieldFunction
    yield_stress = 5
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
    reference_stress = 100
    exponent = 2
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
    coefficients = '1e5 0.3'
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
  # The residuals of the implicit update.
  [rate]
    type = ComposedModel
    models = 'mandel_stress vonmises isoharden yield_surface normality flow_rate Eprate eprate
              Erate Eerate elasticity integrate_stress integrate_ep'
  []
[]

[EquationSystems]
  [eq]
    type = NonlinearSystem
    model = 'rate'
    unknowns = 'stress equivalent_plastic_strain'
  []
[]

[Solvers]
  [newton]
    type = Newton
  []
[]


[Models]
  # The trial state: an elastic step from the previous stress, and its flow directions.
  [trial_stress_rate]
    type = LinearIsotropicElasticity
    coefficients = '1e5 0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
    rate_form = true
    strain = 'E'
    stress = 'stress_trial'
  []
  [trial_stress]
    type = SR2ForwardEulerTimeIntegration
    variable = 'stress_trial'
    old_variable = 'stress~1'
  []
  [trial_mandel_stress]
    type = IsotropicMandelStress
    cauchy_stress = 'stress_trial'
    mandel_stress = 'mandel_stress_trial'
  []
  [trial_vonmises]
    type = SR2Invariant
    invariant_type = 'VONMISES'
    tensor = 'mandel_stress_trial'
    invariant = 'effective_stress_trial'
  []
  [trial_isoharden]
    type = LinearIsotropicHardening
    hardening_modulus = 1000
    equivalent_plastic_strain = 'equivalent_plastic_strain~1'
    isotropic_hardening = 'isotropic_hardening_trial'
  []
  [trial_yield_surface]
    type = YieldFunction
    yield_stress = 5
    effective_stress = 'effective_stress_trial'
    isotropic_hardening = 'isotropic_hardening_trial'
    yield_function = 'yield_function_trial'
  []
  [trial_flow]
    type = ComposedModel
    models = 'trial_vonmises trial_yield_surface'
  []
  [trial_normality]
    type = Normality
    model = 'trial_flow'
    function = 'yield_function_trial'
    from = 'mandel_stress_trial isotropic_hardening_trial'
    to = 'flow_direction isotropic_hardening_direction'
  []

  # The return path: flow rate in, yield function after the step out (directions frozen).
  [path_stress]
    type = SR2ForwardEulerTimeIntegration
    variable = 'stress'
    old_variable = 'stress~1'
  []
  [path_ep]
    type = ScalarForwardEulerTimeIntegration
    variable = 'equivalent_plastic_strain'
    old_variable = 'equivalent_plastic_strain~1'
  []
  [path]
    type = ComposedModel
    models = 'Erate Eprate Eerate elasticity path_stress eprate path_ep mandel_stress vonmises isoharden
              yield_surface'
  []
  [condensation]
    type = RateCondensation
    model = 'path'
    rate = 'flow_rate'
    driving_force = 'yield_function'
    coupling = 'flow_coupling'
    trial_driving_force = 'trial_yield_function'
  []
  [coordinate_descent]
    type = CoordinateDescentPredictor
    rate_law = 'flow_rate'
    driving_force_input = 'yield_function'
    coupling = 'flow_coupling'
    trial_driving_force = 'trial_yield_function'
    rate = 'flow_rate'
    sweeps = 1
  []

  # The guess: the unknowns advanced with the predicted flow rate, used where there is no history.
  [guess_stress]
    type = SR2ForwardEulerTimeIntegration
    variable = 'stress_guess'
    old_variable = 'stress~1'
    rate = 'stress_rate'
  []
  [guess_ep]
    type = ScalarForwardEulerTimeIntegration
    variable = 'equivalent_plastic_strain_guess'
    old_variable = 'equivalent_plastic_strain~1'
    rate = 'equivalent_plastic_strain_rate'
  []
  [extrapolate]
    type = ConstantExtrapolationPredictor
    unknowns_SR2 = 'stress'
    unknowns_Scalar = 'equivalent_plastic_strain'
    cold = 'stress:stress_guess equivalent_plastic_strain:equivalent_plastic_strain_guess'
  []
  [predictor]
    type = ComposedModel
    models = 'trial_stress_rate trial_stress trial_mandel_stress trial_vonmises trial_isoharden
              trial_yield_surface trial_normality Erate Eprate Eerate elasticity eprate condensation
              coordinate_descent guess_stress guess_ep extrapolate'
  []
  [model]
    type = ImplicitUpdate
    equation_system = 'eq'
    solver = 'newton'
    predictor = 'predictor'
  []
[]
