# Rate-independent J2 plasticity with linear isotropic and linear kinematic hardening by radial
# return: the flow directions are computed once per step at the elastic trial state, the
# internal variables follow by forward Euler along them, and the only unknown is the flow rate.
#
#   trial state      Ee_trial = E - plastic_strain~1, S_trial = C : Ee_trial (E = 1e5, nu = 0.3)
#                    k_trial = K ep~1 (K = 1000), X_trial = H Kp~1 (H = 1000)
#                    NM, NX, Nk = df/dM, df/dX, df/dk of
#                    f = sqrt(2/3) (vm(M - X) - sy - k) at the trial state (sy = 100)
#   update           plastic_strain = plastic_strain~1 + dt gamma_rate NM
#                    kinematic_plastic_strain = Kp~1 - dt gamma_rate NX
#                    equivalent_plastic_strain = ep~1 - dt gamma_rate Nk
#   consistency      Fischer-Burmeister r = -f + gamma_rate - sqrt(f^2 + gamma_rate^2) at the
#                    updated state (named flow_rate_residual)
#
# For linear hardening and J2 the direction does not change during the return, so this is exact.
# Run: neml2-run radial_return.i driver
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
    save_as = 'radial_return.npz'
  []
[]

[Models]
  # The elastic trial state and its flow directions (fixed during the step).
  [trial_elastic_strain]
    type = SR2LinearCombination
    from = 'E plastic_strain~1'
    to = 'Ee_trial'
    weights = '1 -1'
  []
  [trial_stress]
    type = LinearIsotropicElasticity
    coefficients = '1e5 0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
    strain = 'Ee_trial'
    stress = 'S_trial'
  []
  [trial_mandel_stress]
    type = IsotropicMandelStress
    cauchy_stress = 'S_trial'
    mandel_stress = 'M_trial'
  []
  [trial_isoharden]
    type = LinearIsotropicHardening
    hardening_modulus = 1000
    equivalent_plastic_strain = 'equivalent_plastic_strain~1'
    isotropic_hardening = 'k_trial'
  []
  [trial_kinharden]
    type = LinearKinematicHardening
    hardening_modulus = 1000
    kinematic_plastic_strain = 'kinematic_plastic_strain~1'
    back_stress = 'X_trial'
  []
  [trial_overstress]
    type = SR2LinearCombination
    from = 'M_trial X_trial'
    to = 'O_trial'
    weights = '1 -1'
  []
  [trial_vonmises]
    type = SR2Invariant
    invariant_type = 'VONMISES'
    tensor = 'O_trial'
    invariant = 's_trial'
  []
  [trial_yield]
    type = YieldFunction
    yield_stress = 100
    effective_stress = 's_trial'
    isotropic_hardening = 'k_trial'
    yield_function = 'f_trial'
  []
  [trial_flow]
    type = ComposedModel
    models = 'trial_overstress trial_vonmises trial_yield'
  []
  [trial_normality]
    type = Normality
    model = 'trial_flow'
    function = 'f_trial'
    from = 'M_trial X_trial k_trial'
    to = 'NM NX Nk'
  []
  [trial_state]
    type = ComposedModel
    models = 'trial_elastic_strain trial_stress trial_mandel_stress trial_isoharden trial_kinharden
              trial_normality'
  []

  # The return along the trial directions.
  [plastic_strain_rate]
    type = AssociativePlasticFlow
    flow_direction = 'NM'
  []
  [plastic_strain]
    type = SR2ForwardEulerTimeIntegration
    variable = 'plastic_strain'
  []
  [kinematic_plastic_strain_rate]
    type = AssociativeKinematicPlasticHardening
    kinematic_hardening_direction = 'NX'
  []
  [kinematic_plastic_strain]
    type = SR2ForwardEulerTimeIntegration
    variable = 'kinematic_plastic_strain'
  []
  [equivalent_plastic_strain_rate]
    type = AssociativeIsotropicPlasticHardening
    isotropic_hardening_direction = 'Nk'
  []
  [equivalent_plastic_strain]
    type = ScalarForwardEulerTimeIntegration
    variable = 'equivalent_plastic_strain'
  []
  [elastic_strain]
    type = SR2LinearCombination
    from = 'E plastic_strain'
    to = 'elastic_strain'
    weights = '1 -1'
  []
  [stress]
    type = LinearIsotropicElasticity
    coefficients = '1e5 0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
    strain = 'elastic_strain'
  []
  [mandel_stress]
    type = IsotropicMandelStress
    cauchy_stress = 'stress'
  []
  [isoharden]
    type = LinearIsotropicHardening
    hardening_modulus = 1000
  []
  [kinharden]
    type = LinearKinematicHardening
    hardening_modulus = 1000
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
    yield_stress = 100
    isotropic_hardening = 'isotropic_hardening'
  []
  [consistency]
    type = FBComplementarity
    a = 'yield_function'
    a_inequality = 'LE'
    b = 'flow_rate'
    complementarity = 'flow_rate_residual'
  []
  # The residual of the implicit update (the unknown is flow_rate; NM, NX, Nk are given).
  [surface]
    type = ComposedModel
    models = 'plastic_strain_rate plastic_strain elastic_strain stress mandel_stress
              kinematic_plastic_strain_rate kinematic_plastic_strain kinharden
              equivalent_plastic_strain_rate equivalent_plastic_strain isoharden
              overstress vonmises yield_surface consistency'
  []
[]

[EquationSystems]
  [eq]
    type = NonlinearSystem
    model = 'surface'
    unknowns = 'flow_rate'
  []
[]

[Solvers]
  [newton]
    type = Newton
  []
[]

[Models]
  [return_map]
    type = ImplicitUpdate
    equation_system = 'eq'
    solver = 'newton'
  []
  # Trial state, return, then the internal variables and the stress at the converged flow rate.
  [model]
    type = ComposedModel
    models = 'trial_state return_map plastic_strain_rate plastic_strain
              kinematic_plastic_strain_rate kinematic_plastic_strain
              equivalent_plastic_strain_rate equivalent_plastic_strain elastic_strain stress'
    additional_outputs = 'plastic_strain'
  []
[]
