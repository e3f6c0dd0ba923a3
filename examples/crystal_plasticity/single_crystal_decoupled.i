# single_crystal.i in NEML2's "decoupled" formulation: each step first solves the elastic strain
# and the slip hardening with the lattice held at its previous orientation, then the orientation
# alone from the lattice spin at the new state (two ImplicitUpdates in sequence). The equations
# are single_crystal.i's; splitting the update costs an error of first order in the time step,
# which test_crystal_plasticity_models.cpp checks shrinks as the steps are refined.
#
#   step 1, unknowns e, h at Q_n = Q(r~1): backward-Euler residuals of
#     e' = d - d^p + W e - e W,   h' = 500 (1 - h / 50) sum_i |gamma_i|
#   step 2, unknown r at Q(r):  r = exp(dt Omega) o r~1,  Omega = w - w^p + d^p e - e d^p
#
# Run: neml2-run single_crystal_decoupled.i driver   (writes single_crystal_decoupled.npz;
#      plot_single_crystal.py single_crystal_decoupled.npz draws it)
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
    save_as = 'single_crystal_decoupled.npz'
  []
[]

[Models]
  # Step 1: elastic strain and slip hardening, the lattice at its previous orientation.
  [old_orientation_matrix]
    type = RotationMatrix
    from = 'orientation~1'
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
  [plastic_deformation_rate]
    type = PlasticDeformationRate
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
  [strain_and_hardening_rates]
    type = ComposedModel
    models = 'old_orientation_matrix elasticity resolved_shear elastic_strain_rate plastic_deformation_rate
              sum_slip_rates slip_rule slip_strength hardening integrate_hardening integrate_elastic_strain'
  []
  [strain_guess]
    type = CrystalPlasticityStrainPredictor
    scale = 0.1
  []
  [hardening_guess]
    type = ConstantExtrapolationPredictor
    unknowns_Scalar = 'slip_hardening'
  []
  [strain_and_hardening_guess]
    type = ComposedModel
    models = 'strain_guess hardening_guess'
  []
  [strain_and_hardening]
    type = ImplicitUpdate
    equation_system = 'strain_and_hardening_system'
    solver = 'newton'
    predictor = 'strain_and_hardening_guess'
  []

  # Step 2: the orientation, at the new elastic strain and hardening.
  [orientation_matrix]
    type = RotationMatrix
    from = 'orientation'
    to = 'orientation_matrix'
  []
  [plastic_vorticity]
    type = PlasticVorticity
  []
  [orientation_rate]
    type = OrientationRate
  []
  [integrate_orientation]
    type = WR2ImplicitExponentialTimeIntegration
    variable = 'orientation'
  []
  [orientation_rates]
    type = ComposedModel
    models = 'orientation_matrix elasticity resolved_shear plastic_deformation_rate plastic_vorticity slip_rule
              slip_strength orientation_rate integrate_orientation'
  []
  [orientation_guess]
    type = ConstantExtrapolationPredictor
    unknowns_MRP = 'orientation'
  []
  [orientation_update]
    type = ImplicitUpdate
    equation_system = 'orientation_system'
    solver = 'newton'
    predictor = 'orientation_guess'
  []

  [model]
    type = ComposedModel
    models = 'strain_and_hardening orientation_update elasticity'
    additional_outputs = 'elastic_strain slip_hardening'
  []
[]

[EquationSystems]
  [strain_and_hardening_system]
    type = NonlinearSystem
    model = 'strain_and_hardening_rates'
    unknowns = 'elastic_strain slip_hardening'
  []
  [orientation_system]
    type = NonlinearSystem
    model = 'orientation_rates'
    unknowns = 'orientation'
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
