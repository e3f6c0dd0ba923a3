# A Taylor polycrystal of 216 FCC grains with a random texture (texture_216.csv, written by
# make_texture.py) stretched along z: every grain has the same deformation rate d (isochoric,
# d_zz = 0.1 /s) and no spin, the Taylor assumption, and the aggregate's stress is the grains' mean
# (plot_taylor_polycrystal.py computes it). The grains are the points of the batch, so each solves
# its own single-crystal update: the model is single_crystal.i's (the coupled formulation:
# elastic strain, slip hardening and lattice orientation solved together, Voce hardening, power-law
# slip on the 12 {111}<110> systems). The lattices turn toward the <111> and <100> fibres of FCC
# tension, which the pole figures show.
#
# For a Taylor aggregate under mixed control (the mean stress prescribed where the strain rate is
# not), the grains are instead a sub-batch axis solved together with the shared deformation rate:
# tests/python/inputs/taylor_v3.i, NEML2's NonlinearSystem groups and SchurComplement.
#
# Run: neml2-run taylor_polycrystal.i driver      (writes taylor_polycrystal.npz)
#      python3 plot_taylor_polycrystal.py         (writes taylor_polycrystal.png)
[Tensors]
  [times]
    type = LinspaceScalar
    start = 0
    end = 3
    nstep = 61
  []
  [rate]
    type = FillSR2
    values = '-0.05 -0.05 0.1 0 0 0'
  []
  [deformation_rate]
    type = LinspaceSR2
    start = 'rate'
    end = 'rate'
    nstep = 61
  []
  [spin]
    type = FillWR2
    values = '0 0 0'
  []
  [vorticity]
    type = LinspaceWR2
    start = 'spin'
    end = 'spin'
    nstep = 61
  []
  [initial_orientation]
    type = CSVMRP
    csv_file = 'texture_216.csv'
    variable = 'orientation'
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
    save_as = 'taylor_polycrystal.npz'
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
