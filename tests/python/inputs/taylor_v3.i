# A Taylor polycrystal of three FCC grains (NEML2 v3 dialect): each grain is a single crystal
# with its own elastic strain, slip hardening and orientation, every grain has the same
# deformation rate, and that rate is found so that the grains' mean Cauchy stress meets a mixed
# control: one strain-rate component prescribed, the rest of the stress zero. Two material points,
# pulled along x and along y. The grains are a sub-batch axis in front of the slip systems', set by
# the initial conditions; all the unknowns are solved together (NonlinearSystem groups with
# structure 'block dense', NEML2's Schur-complement solver). test_crystal_regression.py runs it
# against a reference that NEML2 3.1.0 computed (tests/python/make_crystal_reference.py).
[Tensors]
  [times]
    type = Python
    expr = 'Scalar(torch.linspace(0.0, 20.0, 41, dtype=torch.float64).reshape(41, 1))'
  []
  [control]
    type = Python
    expr = 'SR2(torch.tensor([[1.0, 0, 0, 0, 0, 0], [0, 1.0, 0, 0, 0, 0]], dtype=torch.float64).expand(41, 2, 6).contiguous())'
  []
  [prescribed]
    type = Python
    expr = 'SR2(torch.tensor([[2e-3, 0, 0, 0, 0, 0], [0, 1.5e-3, 0, 0, 0, 0]], dtype=torch.float64).expand(41, 2, 6).contiguous())'
  []
  [vorticity]
    type = Python
    expr = 'WR2(torch.tensor([0.0, 0.0, 2e-4], dtype=torch.float64).expand(41, 2, 3).contiguous())'
  []
  [directions]
    type = Python
    expr = 'MillerIndex(torch.tensor([1, 1, 0], dtype=torch.int64))'
  []
  [planes]
    type = Python
    expr = 'MillerIndex(torch.tensor([1, 1, 1], dtype=torch.int64))'
  []
  [stiffness]
    type = Python
    expr = 'SSR4(torch.tensor([[168400.0, 121400.0, 121400.0, 0, 0, 0], [121400.0, 168400.0, 121400.0, 0, 0, 0], [121400.0, 121400.0, 168400.0, 0, 0, 0], [0, 0, 0, 150800.0, 0, 0], [0, 0, 0, 0, 150800.0, 0], [0, 0, 0, 0, 0, 150800.0]], dtype=torch.float64))'
  []
  [initial_orientation]
    type = Python
    expr = 'MRP(torch.tensor([[0.12, -0.31, 0.05], [-0.4, 0.1, 0.22], [0.03, 0.27, -0.18]], dtype=torch.float64), sub_batch_ndim=1).sub_batch.retag(1)'
  []
  [initial_elastic_strain]
    type = Python
    expr = 'SR2(torch.zeros(3, 6, dtype=torch.float64), sub_batch_ndim=1).sub_batch.retag(1)'
  []
  [initial_slip_hardening]
    type = Python
    expr = 'Scalar(torch.zeros(3, dtype=torch.float64), sub_batch_ndim=1).sub_batch.retag(1)'
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

[Drivers]
  [driver]
    type = TransientDriver
    model = 'model'
    prescribed_time = 'times'
    prescribed_SR2_names = 'prescribed control'
    prescribed_SR2_values = 'prescribed control'
    prescribed_WR2_names = 'vorticity'
    prescribed_WR2_values = 'vorticity'
    ic_MRP_names = 'orientation'
    ic_MRP_values = 'initial_orientation'
    ic_SR2_names = 'elastic_strain'
    ic_SR2_values = 'initial_elastic_strain'
    ic_Scalar_names = 'slip_hardening'
    ic_Scalar_values = 'initial_slip_hardening'
  []
[]

[Models]
  # The mixed control: deformation_rate where `control` is 1, target_cauchy_stress elsewhere.
  [mixed_control]
    type = MixedControlSetup
    x_above = 'deformation_rate'
    x_below = 'target_cauchy_stress'
    y = 'mixed_state'
  []
  [meet_prescribed]
    type = SR2LinearCombination
    from = 'mixed_state prescribed'
    to = 'y_residual'
    weights = '1 -1'
  []
  # One grain: a single crystal.
  [orientation_matrix]
    type = RotationMatrix
    from = 'orientation'
    to = 'orientation_matrix'
  []
  [elasticity]
    type = GeneralElasticity
    elastic_stiffness_tensor = 'stiffness'
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
    gamma0 = 0.1
  []
  [slip_strength]
    type = SingleSlipStrengthMap
    constant_strength = 60.0
  []
  [hardening]
    type = VoceSingleSlipHardeningRule
    initial_slope = 400.0
    saturated_hardening = 80.0
  []
  [integrate_slip_hardening]
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
  [grain]
    type = ComposedModel
    models = 'elasticity orientation_matrix orientation_rate resolved_shear elastic_strain_rate
              plastic_deformation_rate plastic_vorticity sum_slip_rates slip_rule slip_strength hardening
              integrate_slip_hardening integrate_elastic_strain integrate_orientation'
    additional_outputs = 'cauchy_stress'
  []
  # The aggregate: the grains' mean stress meets the control's target.
  [mean_stress]
    type = SR2IntermediateMean
    from = 'cauchy_stress'
    to = 'mean_cauchy_stress'
    reduces = 'grain'
  []
  [meet_target]
    type = SR2LinearCombination
    from = 'target_cauchy_stress mean_cauchy_stress'
    to = 'target_cauchy_stress_residual'
    weights = '1 -1'
  []
  [residuals]
    type = ComposedModel
    models = 'mixed_control meet_prescribed grain mean_stress meet_target'
  []
  [predictor]
    type = ConstantExtrapolationPredictor
    unknowns_SR2 = 'elastic_strain deformation_rate target_cauchy_stress'
    unknowns_MRP = 'orientation'
    unknowns_Scalar = 'slip_hardening'
  []
  [update]
    type = ImplicitUpdate
    equation_system = 'system'
    solver = 'newton'
    predictor = 'predictor'
  []
  [stress_and_strain_rate]
    type = MixedControlSetup
    x_above = 'deformation_rate'
    x_below = 'target_cauchy_stress'
    y = 'mixed_state'
  []
  [model]
    type = ComposedModel
    models = 'update stress_and_strain_rate'
    additional_outputs = 'mixed_state'
  []
[]

[EquationSystems]
  [system]
    type = NonlinearSystem
    model = 'residuals'
    unknowns = 'elastic_strain orientation slip_hardening; deformation_rate target_cauchy_stress'
    residuals = 'elastic_strain_residual orientation_residual slip_hardening_residual; y_residual target_cauchy_stress_residual'
    structure = 'block dense'
  []
[]

[Solvers]
  [newton]
    type = NewtonWithLineSearch
    max_linesearch_iterations = 5
    linear_solver = 'schur'
  []
  [lu]
    type = DenseLU
  []
  [schur]
    type = SchurComplement
    primary_solver = 'lu'
    schur_solver = 'lu'
  []
[]
