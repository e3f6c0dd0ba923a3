# A single FCC crystal in eight orientations under the same deformation rate and spin: the elastic
# strain, the slip hardening and the lattice orientation solved together each step (NEML2's
# "coupled" single-crystal formulation).
#
#   elastic strain rate   e' = d - d^p + W e - e W                       (E = 1e5, nu = 0.25)
#   resolved shear        tau_i = sigma : Q sym(d_i n_i) Q^T              (12 {111}<110> systems)
#   slip rate             gamma_i = 0.2 |tau_i / tau_hat|^7 tau_i / tau_hat, tau_hat = 50 + h
#   hardening             h' = 500 (1 - h / 50) sum_i |gamma_i|
#   plastic rates         d^p, w^p = Q (sum_i gamma_i sym/skew(d_i n_i)) Q^T
#   lattice spin          Omega = w - w^p + d^p e - e d^p,  orientation r = exp(dt Omega) o r~1
#
# Unknowns of the implicit update: elastic_strain, slip_hardening and orientation (backward Euler
# and the implicit exponential map), warm-started by CrystalPlasticityStrainPredictor.
# Run: neml2-run single_crystal.i driver
[Tensors]
  [times]
    type = LinspaceScalar
    start = 0
    end = 4
    nstep = 41
  []
  [rate]
    type = FillSR2
    values = '-0.05 0.1 -0.05 0.01 0 -0.01'
  []
  [deformation_rate]
    type = LinspaceSR2
    start = 'rate'
    end = 'rate'
    nstep = 41
  []
  [spin]
    type = FillWR2
    values = '0.05 -0.02 0.1'
  []
  [vorticity]
    type = LinspaceWR2
    start = 'spin'
    end = 'spin'
    nstep = 41
  []
  [initial_orientation]
    type = MRP
    values = '0.1 -0.2 0.05  0 0 0  -0.3 0.15 0.2  0.25 0.3 -0.1
              0.4 0.1 0.1  -0.05 -0.35 0.2  0.2 0.2 0.2  -0.15 0.05 -0.4'
    batch_shape = '(8)'
  []
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
    save_as = 'single_crystal.npz'
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
    n = 8
    gamma0 = 0.2
  []
  [slip_strength]
    type = SingleSlipStrengthMap
    constant_strength = 50
  []
  [hardening]
    type = VoceSingleSlipHardeningRule
    initial_slope = 500
    saturated_hardening = 50
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
