# Rate-independent J2 plasticity with Voce isotropic and linear kinematic hardening; the
# consistency condition is a complementarity problem.
#
#   stress           = C : (E - plastic_strain)                      (E = 1e5, nu = 0.3)
#   back stress      X = H Kp,                                       H = 1000
#   isotropic        h = R (1 - exp(-d ep)),                         R = 100, d = 10
#   yield function   f = sqrt(2/3) (vm(mandel_stress - X) - sy - h), sy = 100
#   flow             Ep_rate = gamma_rate df/dM, Kp_rate = -gamma_rate df/dX,
#                    ep_rate = -gamma_rate df/dh
#   consistency      f <= 0, gamma_rate >= 0, f gamma_rate = 0, as the minimum map
#                    r = min(-f, gamma_rate)  (MinMapComplementarity)
#
# For the smooth Fischer-Burmeister form r = -f + gamma_rate - sqrt(f^2 + gamma_rate^2), change
# the consistency block's type: neml2-run rate_independent_complementarity.i driver
#   Models/consistency/type=FBComplementarity
#
# Unknowns of the implicit update: plastic_strain, kinematic_plastic_strain,
# equivalent_plastic_strain (backward Euler residuals <unknown>_residual) and flow_rate (the
# complementarity residual, named flow_rate_residual).
# Run: neml2-run rate_independent_complementarity.i driver
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
    save_as = 'rate_independent_complementarity.npz'
  []
[]

[Models]
  [isoharden]
    type = VoceIsotropicHardening
    saturated_hardening = 100
    saturation_rate = 10
  []
  [kinharden]
    type = LinearKinematicHardening
    hardening_modulus = 1000
    back_stress = 'X'
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
  [overstress]
    type = SR2LinearCombination
    from = 'mandel_stress X'
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
    yield_stress = 100
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
    from = 'mandel_stress X isotropic_hardening'
    to = 'flow_direction kinematic_hardening_direction isotropic_hardening_direction'
  []
  [eprate]
    type = AssociativeIsotropicPlasticHardening
  []
  [Kprate]
    type = AssociativeKinematicPlasticHardening
  []
  [Eprate]
    type = AssociativePlasticFlow
  []
  [integrate_ep]
    type = ScalarBackwardEulerTimeIntegration
    variable = 'equivalent_plastic_strain'
  []
  [integrate_Kp]
    type = SR2BackwardEulerTimeIntegration
    variable = 'kinematic_plastic_strain'
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
    complementarity = 'flow_rate_residual'
  []
  # The residuals of the implicit update.
  [surface]
    type = ComposedModel
    models = 'isoharden kinharden elastic_strain elasticity mandel_stress overstress vonmises
              yield_surface normality eprate Kprate Eprate consistency
              integrate_ep integrate_Kp integrate_Ep'
  []
[]

[EquationSystems]
  [eq]
    type = NonlinearSystem
    model = 'surface'
    unknowns = 'plastic_strain kinematic_plastic_strain equivalent_plastic_strain flow_rate'
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
  # The stress from the converged plastic strain.
  [model]
    type = ComposedModel
    models = 'update elastic_strain elasticity'
    additional_outputs = 'plastic_strain'
  []
[]
