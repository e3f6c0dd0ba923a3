# Void growth in a porous metal: rate-independent Gurson-Tvergaard-Needleman plasticity with Voce
# hardening, the consistency condition as a complementarity problem.
#
#   stress           = C : (E - plastic_strain)                     (E = 1e5, nu = 0.3)
#   invariants       se = vm(mandel_stress), sp = tr(mandel_stress)
#   yield function   f = (se / sf)^2 + 2 q1 phi cosh(q2 sp / (2 sf)) - (1 + q3 phi^2),
#                    sf = sy + h, sy = 100, q1 = 1.5, q2 = 1, q3 = q1^2
#   hardening        h = R (1 - exp(-d ep)),                        R = 100, d = 10
#   flow             plastic_strain_rate = gamma_rate df/dM, ep_rate = -gamma_rate df/dh
#   void growth      phi_rate = (1 - phi) tr(plastic_strain_rate)   (GursonCavitation)
#   consistency      f <= 0, gamma_rate >= 0, f gamma_rate = 0      (MinMapComplementarity)
#
# Loading: a strain ramp to (0.05, 0.02, 0.02) (xx yy zz), a high-triaxiality stretch, in 50
# steps, from an initial porosity of 0.01 (a second point starts at 0.05). The porosity grows
# with the plastic volume change; the larger initial porosity softens the response.
# Run: neml2-run gtn_void_growth.i driver
[Tensors]
  [times]
    type = LinspaceScalar
    start = 0
    end = 1
    nstep = 51
  []
  [max_strain]
    type = FillSR2
    values = '0.05 0.02 0.02'
  []
  [strains]
    type = LinspaceSR2
    start = 0
    end = 'max_strain'
    nstep = 51
  []
  [initial_porosity]
    type = Scalar
    values = '0.01 0.05'
    batch_shape = '(2)'
  []
[]

[Drivers]
  [driver]
    type = TransientDriver
    model = 'model'
    prescribed_time = 'times'
    prescribed_SR2_names = 'E'
    prescribed_SR2_values = 'strains'
    ic_Scalar_names = 'void_fraction'
    ic_Scalar_values = 'initial_porosity'
    save_as = 'gtn_void_growth.npz'
  []
[]

[Models]
  [isoharden]
    type = VoceIsotropicHardening
    saturated_hardening = 100
    saturation_rate = 10
  []
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
    invariant = 'flow_invariant'
  []
  [trace]
    type = SR2Invariant
    invariant_type = 'I1'
    tensor = 'mandel_stress'
    invariant = 'poro_invariant'
  []
  [yield_surface]
    type = GTNYieldFunction
    yield_stress = 100
    q1 = 1.5
    q2 = 1
    q3 = 2.25
    isotropic_hardening = 'isotropic_hardening'
  []
  [flow]
    type = ComposedModel
    models = 'vonmises trace yield_surface'
  []
  [normality]
    type = Normality
    model = 'flow'
    function = 'yield_function'
    from = 'mandel_stress isotropic_hardening'
    to = 'flow_direction isotropic_hardening_direction'
  []
  [Eprate]
    type = AssociativePlasticFlow
  []
  [eprate]
    type = AssociativeIsotropicPlasticHardening
  []
  [void_growth]
    type = GursonCavitation
  []
  [consistency]
    type = MinMapComplementarity
    a = 'yield_function'
    a_inequality = 'LE'
    b = 'flow_rate'
    complementarity = 'flow_rate_residual'
  []
  [integrate_Ep]
    type = SR2BackwardEulerTimeIntegration
    variable = 'plastic_strain'
  []
  [integrate_ep]
    type = ScalarBackwardEulerTimeIntegration
    variable = 'equivalent_plastic_strain'
  []
  [integrate_void]
    type = ScalarBackwardEulerTimeIntegration
    variable = 'void_fraction'
  []
  # The residuals of the implicit update.
  [surface]
    type = ComposedModel
    models = 'isoharden elastic_strain elasticity mandel_stress vonmises trace yield_surface normality
              Eprate eprate void_growth consistency integrate_Ep integrate_ep integrate_void'
  []
[]

[EquationSystems]
  [eq]
    type = NonlinearSystem
    model = 'surface'
    unknowns = 'plastic_strain equivalent_plastic_strain void_fraction flow_rate'
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
    models = 'update elastic_strain elasticity'
    additional_outputs = 'plastic_strain void_fraction'
  []
[]
