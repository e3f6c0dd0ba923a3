# single_crystal_v3.i with NEML2 v3's coordinate-descent warm start: each step's guess of the
# slip rates solves the condensed system phi(rate) + A rate = b over the 12 slip systems (the trial
# resolved shears b, the elastic coupling A from SlipSystemElasticInteraction), and the guesses of
# the elastic strain and the hardening follow from them by forward Euler.
# test_crystal_regression.py runs it against a reference that NEML2 3.1.0 computed
# (tests/python/make_crystal_reference.py).
[Tensors]
  [isotropic_stiffness]
    type = Python
    expr = 'SSR4(torch.tensor([[120000.0, 40000.0, 40000.0, 0, 0, 0], [40000.0, 120000.0, 40000.0, 0, 0, 0], [40000.0, 40000.0, 120000.0, 0, 0, 0], [0, 0, 0, 80000.0, 0, 0], [0, 0, 0, 0, 80000.0, 0], [0, 0, 0, 0, 0, 80000.0]], dtype=torch.float64))'
  []
  [times]
    type = Python
    expr = 'Scalar(torch.linspace(0.0, 1.0, 41, dtype=torch.float64).unsqueeze(-1) * torch.tensor([1.0, 2.0, 3.0, 4.0], dtype=torch.float64))'
  []
  [deformation_rate]
    type = Python
    expr = 'SR2.fill(-0.05, 0.1, -0.05, 0.01, 0.0, -0.01).dynamic_batch.expand(41, 4)'
  []
  [vorticity]
    type = Python
    expr = 'WR2(torch.tensor([0.05, -0.02, 0.1], dtype=torch.float64).expand(41, 4, 3).contiguous())'
  []
  [initial_orientation]
    type = Python
    expr = 'MRP(torch.tensor([[0.1, -0.2, 0.05], [0.0, 0.0, 0.0], [-0.3, 0.15, 0.2], [0.25, 0.3, -0.1]], dtype=torch.float64))'
  []
  [directions]
    type = Python
    expr = 'MillerIndex(torch.tensor([1, 1, 0], dtype=torch.int64))'
  []
  [planes]
    type = Python
    expr = 'MillerIndex(torch.tensor([1, 1, 1], dtype=torch.int64))'
  []
[]

[Data]
  [crystal_geometry]
    type = CubicCrystal
    lattice_parameter = 1
    slip_directions = 'directions'
    slip_planes = 'planes'
  []
[]

[Models]
  [orientation_matrix]
    type = RotationMatrix
    from = 'orientation'
    to = 'orientation_matrix'
  []
  [elasticity]
    type = LinearIsotropicElasticity
    coefficients = '1e5 0.25'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
    strain = 'elastic_strain'
    stress = 'cauchy_stress'
  []
  [resolved_shear]
    type = ResolvedShear
    stress = 'cauchy_stress'
  []
  [elastic_strain_rate]
    type = ElasticStrainRate
  []
  [plastic_vorticity]
    type = PlasticVorticity
  []
  [plastic_deformation_rate]
    type = PlasticDeformationRate
  []
  [orientation_rate]
    type = OrientationRate
  []
  [sum_slip_rates]
    type = SumSlipRates
  []
  [slip_rule]
    type = PowerLawSlipRule
    n = 8.0
    gamma0 = 0.2
  []
  [slip_strength]
    type = SingleSlipStrengthMap
    constant_strength = 50.0
  []
  [hardening]
    type = VoceSingleSlipHardeningRule
    initial_slope = 500.0
    saturated_hardening = 60.0
  []
  [integrate_hardening]
    type = ScalarBackwardEulerTimeIntegration
    variable = 'slip_hardening'
  []
  [integrate_elastic_strain]
    type = SR2BackwardEulerTimeIntegration
    variable = 'elastic_strain'
  []
  [integrate_orientation]
    type = WR2ImplicitExponentialTimeIntegration
    variable = 'orientation'
  []
  [rates]
    type = ComposedModel
    models = 'orientation_matrix elasticity orientation_rate resolved_shear elastic_strain_rate
              plastic_deformation_rate plastic_vorticity sum_slip_rates slip_rule slip_strength
              hardening integrate_hardening integrate_elastic_strain integrate_orientation'
  []
  # The warm start: trial state, coupling, the rates by coordinate descent, then the unknowns.
  [trial_strain]
    type = SR2ForwardEulerTimeIntegration
    variable = 'elastic_strain_trial'
    old_variable = 'elastic_strain~1'
    rate = 'deformation_rate'
  []
  [old_orientation_matrix]
    type = RotationMatrix
    from = 'orientation~1'
    to = 'orientation_matrix'
  []
  [trial_stress]
    type = LinearIsotropicElasticity
    coefficients = '1e5 0.25'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
    strain = 'elastic_strain_trial'
    stress = 'cauchy_stress_trial'
  []
  [trial_shears]
    type = ResolvedShear
    stress = 'cauchy_stress_trial'
    resolved_shears = 'resolved_shears_trial'
  []
  [coupling]
    type = SlipSystemElasticInteraction
    orientation = 'orientation~1'
    elastic_stiffness_tensor = 'isotropic_stiffness'
    coupling = 'slip_coupling'
  []
  [old_strength]
    type = SingleSlipStrengthMap
    slip_hardening = 'slip_hardening~1'
    constant_strength = 50.0
  []
  [descent]
    type = CoordinateDescentPredictor
    rate_law = 'slip_rule'
    driving_force_input = 'resolved_shears'
    coupling = 'slip_coupling'
    trial_driving_force = 'resolved_shears_trial'
    rate = 'slip_rates'
  []
  [old_elastic_strain_rate]
    type = ElasticStrainRate
    elastic_strain = 'elastic_strain~1'
  []
  [strain_guess]
    type = SR2ForwardEulerTimeIntegration
    variable = 'elastic_strain_cd'
    old_variable = 'elastic_strain~1'
    rate = 'elastic_strain_rate'
  []
  [old_hardening_rate]
    type = VoceSingleSlipHardeningRule
    slip_hardening = 'slip_hardening~1'
    initial_slope = 500.0
    saturated_hardening = 60.0
  []
  [hardening_guess]
    type = ScalarForwardEulerTimeIntegration
    variable = 'slip_hardening_cd'
    old_variable = 'slip_hardening~1'
    rate = 'slip_hardening_rate'
  []
  [seed]
    type = ConstantExtrapolationPredictor
    unknowns_SR2 = 'elastic_strain'
    unknowns_Scalar = 'slip_hardening'
    cold = 'elastic_strain:elastic_strain_cd slip_hardening:slip_hardening_cd'
  []
  [orientation_guess]
    type = ConstantExtrapolationPredictor
    unknowns_MRP = 'orientation'
  []
  [predictor]
    type = ComposedModel
    models = 'trial_strain old_orientation_matrix trial_stress trial_shears coupling old_strength descent
              plastic_deformation_rate old_elastic_strain_rate strain_guess sum_slip_rates old_hardening_rate
              hardening_guess seed orientation_guess'
  []
  [update]
    type = ImplicitUpdate
    equation_system = 'system'
    solver = 'newton'
    predictor = 'predictor'
  []
  [model]
    type = ComposedModel
    models = 'update elasticity'
    additional_outputs = 'elastic_strain'
  []
[]

[EquationSystems]
  [system]
    type = NonlinearSystem
    model = 'rates'
    unknowns = 'elastic_strain slip_hardening orientation'
    residuals = 'elastic_strain_residual slip_hardening_residual orientation_residual'
  []
[]

[Solvers]
  [newton]
    type = NewtonWithLineSearch
    max_linesearch_iterations = 5
    linear_solver = 'lu'
  []
  [lu]
    type = DenseLU
  []
[]

[Drivers]
  [driver]
    type = TransientDriver
    model = 'model'
    prescribed_time = 'times'
    prescribed_SR2_names = 'deformation_rate'
    prescribed_SR2_values = 'deformation_rate'
    prescribed_WR2_names = 'vorticity'
    prescribed_WR2_values = 'vorticity'
    ic_MRP_names = 'orientation'
    ic_MRP_values = 'initial_orientation'
  []
[]
