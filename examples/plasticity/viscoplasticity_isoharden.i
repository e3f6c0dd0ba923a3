# J2 viscoplasticity with linear isotropic hardening and Perzyna flow (NEML2's "isoharden").
#
#   stress rate      = C : (E_rate - plastic_strain_rate)            (E = 1e5, nu = 0.3)
#   yield function   f = sqrt(2/3) (vm(mandel_stress) - sy - h),    sy = 5, h = K ep, K = 1000
#   flow rate        gamma_rate = (<f> / eta)^n,                     eta = 100, n = 2
#   flow             plastic_strain_rate = gamma_rate df/dM,  ep_rate = -gamma_rate df/dh
#
# Unknowns of the implicit update: stress and equivalent_plastic_strain, with backward Euler
# residuals stress_residual and equivalent_plastic_strain_residual.
# Run: neml2-run viscoplasticity_isoharden.i driver
# Loading: a strain ramp from 0 to (0.1, -0.05, -0.05) (xx yy zz) in 100 steps, run at 20 strain
# rates at once (end times logarithmically spaced from 0.1 to 1e5), as NEML2's regression tests.
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
    save_as = 'viscoplasticity_isoharden.npz'
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
  [model]
    type = ImplicitUpdate
    equation_system = 'eq'
    solver = 'newton'
  []
[]
