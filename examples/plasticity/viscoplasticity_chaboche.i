# J2 viscoplasticity with Voce isotropic hardening and two Chaboche back stresses, Perzyna flow.
#
#   stress rate      = C : (E_rate - plastic_strain_rate)            (E = 1e5, nu = 0.3)
#   back stress      X = X1 + X2
#   yield function   f = sqrt(2/3) (vm(mandel_stress - X) - sy - h), sy = 5
#   isotropic        h = R (1 - exp(-d ep)),                         R = 100, d = 1.2
#   flow rate        gamma_rate = (<f> / eta)^n,                     eta = 100, n = 2
#   back stresses    Xi_rate = gamma_rate (2/3 Ci N - gi Xi) - Ai |Xi|^(ai - 1) Xi
#                    (C, g, A, a) = (10000, 100, 1e-8, 1.2) and (1000, 9, 1e-10, 3.2)
#
# Unknowns of the implicit update: stress, equivalent_plastic_strain, X1, X2, with backward
# Euler residuals <unknown>_residual.
# Run: neml2-run viscoplasticity_chaboche.i driver
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
    save_as = 'viscoplasticity_chaboche.npz'
  []
[]

[Models]
  [isoharden]
    type = VoceIsotropicHardening
    saturated_hardening = 100
    saturation_rate = 1.2
  []
  [kinharden]
    type = SR2LinearCombination
    from = 'X1 X2'
    to = 'back_stress'
    weights = '1 1'
  []
  [mandel_stress]
    type = IsotropicMandelStress
    cauchy_stress = 'stress'
  []
  [overstress]
    type = SR2LinearCombination
    from = 'mandel_stress back_stress'
    to = 'overstress'
    weights = '1 -1'
  []
  [vonmises]
    type = SR2Invariant
    invariant_type = 'VONMISES'
    tensor = 'overstress'
    invariant = 'effective_stress'
  []
  [yield_surface]
    type = YieldFunction
    yield_stress = 5
    isotropic_hardening = 'isotropic_hardening'
  []
  [flow]
    type = ComposedModel
    models = 'overstress vonmises yield_surface'
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
  [eprate]
    type = AssociativeIsotropicPlasticHardening
  []
  [X1rate]
    type = ChabochePlasticHardening
    back_stress = 'X1'
    C = 10000
    g = 100
    A = 1e-8
    a = 1.2
  []
  [X2rate]
    type = ChabochePlasticHardening
    back_stress = 'X2'
    C = 1000
    g = 9
    A = 1e-10
    a = 3.2
  []
  [Eprate]
    type = AssociativePlasticFlow
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
  [integrate_X1]
    type = SR2BackwardEulerTimeIntegration
    variable = 'X1'
  []
  [integrate_X2]
    type = SR2BackwardEulerTimeIntegration
    variable = 'X2'
  []
  # The residuals of the implicit update.
  [rate]
    type = ComposedModel
    models = 'isoharden kinharden mandel_stress overstress vonmises yield_surface normality flow_rate
              eprate Eprate X1rate X2rate Erate Eerate elasticity
              integrate_stress integrate_ep integrate_X1 integrate_X2'
  []
[]

[EquationSystems]
  [eq]
    type = NonlinearSystem
    model = 'rate'
    unknowns = 'stress equivalent_plastic_strain X1 X2'
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
