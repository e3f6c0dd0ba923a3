# Crystal-plasticity models for test_crystal_plasticity_models.cpp: an FCC crystal, the slip-level
# models composed into one rate model, the per-system models on their own, and the kinematics.
[Tensors]
  [sdirs]
    type = MillerIndex
    values = '1 1 0'
  []
  [splanes]
    type = MillerIndex
    values = '1 1 1'
  []
[]

[Data]
  [crystal_geometry]
    type = CubicCrystal
    lattice_parameter = 1
    slip_directions = 'sdirs'
    slip_planes = 'splanes'
  []
[]

[Models]
  [rotation]
    type = RotationMatrix
    from = 'orientation'
    to = 'orientation_matrix'
  []
  [resolved]
    type = ResolvedShear
    stress = 'cauchy_stress'
    orientation_matrix = 'orientation_matrix'
    resolved_shears = 'resolved_shears'
  []
  [strength]
    type = SingleSlipStrengthMap
    slip_hardening = 'slip_hardening'
    slip_strengths = 'slip_strengths'
    constant_strength = 50
  []
  [slip_rule]
    type = PowerLawSlipRule
    resolved_shears = 'resolved_shears'
    slip_strengths = 'slip_strengths'
    slip_rates = 'slip_rates'
    gamma0 = 1e-3
    n = 5.1
  []
  [sum]
    type = SumSlipRates
    slip_rates = 'slip_rates'
    sum_slip_rates = 'sum_slip_rates'
  []
  [voce]
    type = VoceSingleSlipHardeningRule
    slip_hardening = 'slip_hardening'
    sum_slip_rates = 'sum_slip_rates'
    slip_hardening_rate = 'slip_hardening_rate'
    initial_slope = 200
    saturated_hardening = 60
  []
  [linear]
    type = LinearSingleSlipHardeningRule
    slip_hardening = 'slip_hardening'
    sum_slip_rates = 'sum_slip_rates'
    slip_hardening_rate = 'slip_hardening_rate'
    hardening_slope = 150
  []
  [plastic_d]
    type = PlasticDeformationRate
    orientation_matrix = 'orientation_matrix'
    slip_rates = 'slip_rates'
    plastic_deformation_rate = 'plastic_deformation_rate'
  []
  [plastic_w]
    type = PlasticVorticity
    orientation_matrix = 'orientation_matrix'
    slip_rates = 'slip_rates'
    plastic_vorticity = 'plastic_vorticity'
  []
  [plastic_l]
    type = PlasticSpatialVelocityGradient
    orientation_matrix = 'orientation_matrix'
    slip_rates = 'slip_rates'
    plastic_spatial_velocity_gradient = 'plastic_spatial_velocity_gradient'
  []
  [chain]
    type = ComposedModel
    models = 'rotation resolved strength slip_rule sum voce plastic_d plastic_w plastic_l'
    additional_outputs = 'slip_rates resolved_shears sum_slip_rates'
  []
  [obstacle]
    type = DislocationObstacleStrengthMap
    dislocation_density = 'dislocation_density'
    slip_strengths = 'slip_strengths'
    constant_strength = 20
    alpha = 0.3
    mu = 80e3
    b = 2.5e-4
  []
  [forest]
    type = PerSlipForestDislocationEvolution
    dislocation_density = 'dislocation_density'
    slip_rates = 'slip_rates'
    k1 = 100
    k2 = 40
  []
  [forest_chain]
    type = ComposedModel
    models = 'rotation resolved obstacle slip_rule forest'
  []
  [integrate_rho]
    type = ScalarBackwardEulerTimeIntegration
    variable = 'dislocation_density'
  []
  [forest_integration]
    type = ComposedModel
    models = 'rotation resolved obstacle slip_rule forest integrate_rho'
  []
  [elastic_rate]
    type = ElasticStrainRate
    elastic_strain = 'elastic_strain'
    deformation_rate = 'deformation_rate'
    vorticity = 'vorticity'
    plastic_deformation_rate = 'plastic_deformation_rate'
    elastic_strain_rate = 'elastic_strain_rate'
  []
  [spin]
    type = OrientationRate
    elastic_strain = 'elastic_strain'
    vorticity = 'vorticity'
    plastic_deformation_rate = 'plastic_deformation_rate'
    plastic_vorticity = 'plastic_vorticity'
    orientation_rate = 'orientation_rate'
  []
  [fix]
    type = FixOrientation
    input = 'orientation'
    output = 'fixed_orientation'
  []
  [warm_start]
    type = CrystalPlasticityStrainPredictor
    deformation_rate = 'deformation_rate'
    elastic_strain = 'elastic_strain'
    scale = 0.1
  []
[]

[Models]
  [fp_warm_start]
    type = CrystalPlasticityDeformationGradientPredictor
    deformation_gradient = 'F'
    plastic_deformation_gradient = 'Fp'
  []
[]

# The elastic coupling between slip systems, for an isotropic stiffness (E = 1e5, nu = 0.25:
# lambda = mu = 4e4) in Mandel form.
[Tensors]
  [C_iso]
    type = SSR4
    values = '120000 40000 40000 0 0 0  40000 120000 40000 0 0 0  40000 40000 120000 0 0 0
              0 0 0 80000 0 0  0 0 0 0 80000 0  0 0 0 0 0 80000'
  []
[]
[Models]
  [interaction]
    type = SlipSystemElasticInteraction
    elastic_stiffness_tensor = 'C_iso'
  []
[]
