# A single FCC crystal under a constant deformation rate and spin, with the elastic strain, the slip
# hardening and the lattice orientation solved together each step (NEML2 v3 dialect: Python tensors,
# [Data] CubicCrystal). test_crystal_regression.py runs it against a reference that NEML2 3.1.0
# computed (tests/python/make_crystal_reference.py).
[Tensors]
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
  [strain_guess]
    type = CrystalPlasticityStrainPredictor
    scale = 0.1
  []
  [state_guess]
    type = ConstantExtrapolationPredictor
    unknowns_MRP = 'orientation'
    unknowns_Scalar = 'slip_hardening'
  []
  [predictor]
    type = ComposedModel
    models = 'strain_guess state_guess'
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
