# A uniaxial creep test of J2 viscoplasticity (Perzyna flow, no hardening) under a prescribed
# stress: every stress component is controlled (MixedControlSetup, control 1 everywhere), the
# strain is found by the implicit update.
#
#   stress rate      = C : (strain_rate - plastic_strain_rate)          (E = 1e5, nu = 0.3)
#   yield function   f = sqrt(2/3) (vm(stress) - sy),                   sy = 100
#   flow rate        gamma_rate = (<f> / eta)^n,                        eta = 200, n = 4
#   plastic flow     plastic_strain_rate = gamma_rate df/dstress
#
# sigma_xx is ramped to 150 over 1 s, then held until t = 100 s (stress_controlled_creep.csv).
# Under the held stress the strain rate is steady at once (no hardening):
#   strain_rate_xx = sqrt(2/3) ((sqrt(2/3) (150 - sy)) / eta)^n,
# and the lateral strain rates are -1/2 of it (plastic incompressibility).
# Run: neml2-run stress_controlled_creep.i driver
[Tensors]
  [times]
    type = CSVScalar
    csv_file = 'stress_controlled_creep.csv'
    variable = 'time'
  []
  [stresses]
    type = CSVSR2
    csv_file = 'stress_controlled_creep.csv'
    variable = 'stress'
  []
  [controls]
    type = CSVSR2
    csv_file = 'stress_controlled_creep.csv'
    variable = 'control'
  []
[]

[Drivers]
  [driver]
    type = TransientDriver
    model = 'model'
    prescribed_time = 'times'
    prescribed_SR2_names = 'prescribed control'
    prescribed_SR2_values = 'stresses controls'
    save_as = 'stress_controlled_creep.npz'
  []
[]

[Models]
  [mixed]
    type = MixedControlSetup
    x_above = 'prescribed'
    x_below = 'mixed_state'
    y = 'stress'
    z = 'strain'
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
  [yield_surface]
    type = YieldFunction
    yield_stress = 100
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
  [flow_rate]
    type = PerzynaPlasticFlowRate
    reference_stress = 200
    exponent = 4
  []
  [Eprate]
    type = AssociativePlasticFlow
  []
  [Erate]
    type = SR2VariableRate
    variable = 'strain'
  []
  [Eerate]
    type = SR2LinearCombination
    from = 'strain_rate plastic_strain_rate'
    to = 'elastic_strain_rate'
    weights = '1 -1'
  []
  [elasticity]
    type = LinearIsotropicElasticity
    coefficients = '1e5 0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
    strain = 'elastic_strain'
    rate_form = true
  []
  [integrate_stress]
    type = SR2BackwardEulerTimeIntegration
    variable = 'stress'
  []
  [residual]
    type = ComposedModel
    models = 'mixed mandel_stress vonmises yield_surface normality flow_rate Eprate Erate Eerate elasticity
              integrate_stress'
  []
[]

[EquationSystems]
  [eq]
    type = NonlinearSystem
    model = 'residual'
    unknowns = 'mixed_state'
    residuals = 'stress_residual'
  []
[]

[Solvers]
  [newton]
    type = Newton
  []
[]

[Models]
  [update]
    type = ImplicitUpdate
    equation_system = 'eq'
    solver = 'newton'
  []
  [model]
    type = ComposedModel
    models = 'update mixed'
  []
[]
