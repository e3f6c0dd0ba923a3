# The model calibrate.py fits: J2 viscoplasticity with linear isotropic hardening and Perzyna
# flow (the structure of ../plasticity/viscoplasticity_isoharden.i), in MPa and seconds.
#
#   stress rate      = C : (E_rate - plastic_strain_rate)         E = 200 GPa, nu = 0.3 (known)
#   yield function   f = sqrt(2/3) (vm(mandel_stress) - sy - K ep)  sy = 150 MPa, K = 2000 MPa
#   flow rate        gamma_rate = (<f> / eta)^n                   eta = 500 MPa s^(1/n), n = 4
#
# The values here are the "true" ones that make the synthetic data; the fit starts elsewhere
# (calibrate.py's GUESS) and must find sy, K, eta and n again from noisy stress-strain curves.
# calibrate.py does the time stepping itself (it needs the sensitivities of every step), so the
# file has no [Drivers] section.
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
    hardening_modulus = 2000
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
    reference_stress = 500
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
    coefficients = '200e3 0.3'
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
