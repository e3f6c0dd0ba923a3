# A single FCC crystal whose slip strengths come from one dislocation density per slip system
# (Taylor obstacle strength, forest evolution), solved together with the elastic strain and the
# orientation each step (NEML2 v3 dialect). The initial condition's sub-batch gives the number of
# slip systems; test_crystal_regression.py also runs it with the number declared in [Settings]
# instead, against the history NEML2 3.1.0 computed (tests/python/make_crystal_reference.py).
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
  # One dislocation density per slip system: the trailing 12 is a sub-batch (sub_batch_ndim=1).
  [initial_dislocation_density]
    type = Python
    expr = 'Scalar(torch.full((4, 12), 10.0, dtype=torch.float64), sub_batch_ndim=1)'
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
  [slip_rule]
    type = PowerLawSlipRule
    n = 8.0
    gamma0 = 0.2
  []
  [slip_strength]
    type = DislocationObstacleStrengthMap
    dislocation_density = 'dislocation_density'
    alpha = 0.3
    mu = 1.0e5
    b = 1.0e-4
    constant_strength = 50.0
  []
  [dislocation_density_rate]
    type = PerSlipForestDislocationEvolution
    dislocation_density = 'dislocation_density'
    k1 = 1e2
    k2 = 40.0
  []
  [integrate_dislocation_density]
    type = ScalarBackwardEulerTimeIntegration
    variable = 'dislocation_density'
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
              plastic_deformation_rate plastic_vorticity slip_rule slip_strength dislocation_density_rate
              integrate_dislocation_density integrate_elastic_strain integrate_orientation'
  []
  [strain_guess]
    type = CrystalPlasticityStrainPredictor
    scale = 0.1
  []
  [state_guess]
    type = ConstantExtrapolationPredictor
    unknowns_MRP = 'orientation'
    unknowns_Scalar = 'dislocation_density'
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
    unknowns = 'elastic_strain dislocation_density orientation'
    residuals = 'elastic_strain_residual dislocation_density_residual orientation_residual'
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
    ic_Scalar_names = 'dislocation_density'
    ic_Scalar_values = 'initial_dislocation_density'
    ic_MRP_names = 'orientation'
    ic_MRP_values = 'initial_orientation'
  []
[]
