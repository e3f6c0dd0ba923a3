# A strain-rate jump test of Kocks-Mecking viscoplasticity: J2 Perzyna flow whose reference
# stress and rate exponent follow the Kocks-Mecking relations at the current temperature
# (NEML2 v3's KocksMeckingFlowViscosity and KocksMeckingRateSensitivity), no hardening.
#
#   yield stress     sy = exp(C) mu                           (KocksMeckingYieldStress, C = -5.41)
#   viscosity        eta = exp(B) mu eps0^(k T A / (mu b^3))  (A = -8.679, B = -0.744)
#   rate exponent    n = -mu b^3 / (k T A)
#   flow rate        gamma_rate = (<f> / eta)^n, f = sqrt(2/3) (vm(stress) - sy)
#   mu = 5e4 MPa, b = 2.474e-7 mm, k = 1.38064e-20 mJ/K, eps0 = 1e10 /s, T = 1000 K
#
# A deviatoric strain (e, -e/2, -e/2) is applied at 1e-4 /s up to e = 0.03, then at 1e-2 /s up
# to 0.06 (kocks_mecking_rate_jump.csv). In the steady state of each segment all the strain rate
# is plastic, gamma_rate = sqrt(3/2) e_rate, so the overstress vm - sy = sqrt(3/2) eta
# gamma_rate^(1/n) jumps by the factor 100^(1/n) with the rate.
# Run: neml2-run kocks_mecking_rate_jump.i driver
[Tensors]
  [times]
    type = CSVScalar
    csv_file = 'kocks_mecking_rate_jump.csv'
    variable = 'time'
  []
  [temperatures]
    type = CSVScalar
    csv_file = 'kocks_mecking_rate_jump.csv'
    variable = 'temperature'
  []
  [strains]
    type = CSVSR2
    csv_file = 'kocks_mecking_rate_jump.csv'
    variable = 'strain'
  []
[]

[Drivers]
  [driver]
    type = TransientDriver
    model = 'model'
    prescribed_time = 'times'
    prescribed_Scalar_names = 'temperature'
    prescribed_Scalar_values = 'temperatures'
    prescribed_SR2_names = 'E'
    prescribed_SR2_values = 'strains'
    save_as = 'kocks_mecking_rate_jump.npz'
  []
[]

[Models]
  [yield_stress]
    type = KocksMeckingYieldStress
    shear_modulus = 5e4
    C = -5.41
  []
  [viscosity]
    type = KocksMeckingFlowViscosity
    A = -8.679
    B = -0.744
    shear_modulus = 5e4
    k = 1.38064e-20
    b = 2.474e-7
    eps0 = 1e10
  []
  [rate_sensitivity]
    type = KocksMeckingRateSensitivity
    A = -8.679
    shear_modulus = 5e4
    k = 1.38064e-20
    b = 2.474e-7
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
    yield_stress = 'yield_stress'
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
    reference_stress = 'viscosity'
    exponent = 'rate_sensitivity'
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
  [rate]
    type = ComposedModel
    models = 'mandel_stress vonmises yield_surface normality flow_rate Eprate Erate Eerate elasticity
              integrate_stress'
  []
[]

[EquationSystems]
  [eq]
    type = NonlinearSystem
    model = 'rate'
    unknowns = 'stress'
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
