# The models of tests/python/inputs/taylor_v3.i in the C++ dialect (no [Tensors] of type Python):
# a Taylor polycrystal whose grains (a sub-batch axis the test gives the orientation) share one
# deformation rate, found so that the grains' mean stress meets a mixed control. Used by
# test_crystal_plasticity_models.cpp for per-grain tangents against finite differences.
[Tensors]
  [directions]
    type = MillerIndex
    values = '1 1 0'
  []
  [planes]
    type = MillerIndex
    values = '1 1 1'
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
    elastic_stiffness_tensor = '168400 121400 121400 0 0 0  121400 168400 121400 0 0 0  121400 121400 168400 0 0 0
                                0 0 0 150800 0 0  0 0 0 0 150800 0  0 0 0 0 0 150800'
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
