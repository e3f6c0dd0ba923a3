# Precipitation of Al2Cu in an Al-4 wt% Cu alloy held at 300 K: a Kampmann-Wagner numerical
# (KWN) model of the precipitate size distribution. Units: micrometres, hours, J, mol.
#
#   size distribution   number density n(R) per unit radius on 40 bins; the radius axis [0, inf)
#                       is mapped onto [0, 1) by R = s y / (1 - y) (s = 5 um) and the density
#                       carried in the mapped coordinate, n_y = n dR/dy (ScalarMultiplication by
#                       the per-bin Jacobian: a model mapped over the bins)
#   matrix              x = (x0 - f xp) / (1 - f), f = sum 4/3 pi R^3 n dR the volume fraction
#                       (CurrentConcentration, PrecipitateVolumeFraction)
#   driving force       the chemical potential difference, interpolated in x from a CALPHAD table
#   growth              dR/dt = dg / (R R_g T s_D), s_D = dx^2 / (D x) (SFFKPrecipitationGrowthRate,
#                       ProjectedDiffusivitySum), carried across the bins as an upwinded flux
#   nucleation          classical: R*, barrier, Zeldovich factor, kinetic factor, rate
#                       J = Z beta N0 exp(-barrier / (k T)), put into the smallest bin
#   time                backward Euler on every bin at once
#
# Material data (composition, CALPHAD equilibrium and driving force, diffusivity, surface energy,
# molar volume, site density) are those of NEML2's KWN regression test "growth-nucleation".
# The bins cover the distribution with closed ends, so only nucleation adds precipitates: the
# total number grows by the integral of the nucleation rate alone.
# The per-bin tensors are Python expressions, as in NEML2 v3's own KWN inputs: run this file with
# the neml2-run that `pip install` provides (or NEML2 itself).
# Run: neml2-run precipitation.i driver
x0_Cu = 0.01738
T = 300.0
xp_Cu = 3.333291e-01
dx_Cu = 3.333270e-01
D = 297794
gamma = 0.1e-12
Vm = 21.55e12
N0 = 1e16
s = 5.0
N_edges = 41
t_end = 100.0
steps = 101

[Tensors]
  [edges]
    type = Python
    expr = 'linspace(Scalar(0.0).sub_batch, Scalar(1.0).sub_batch, ${N_edges})'
  []
  [centers]
    type = Python
    expr = 'Scalar(0.5 * (edges.data[..., :-1] + edges.data[..., 1:]), sub_batch_ndim=1)'
  []
  [dx]
    type = Python
    expr = 'Scalar(edges.data[..., 1:] - edges.data[..., :-1], sub_batch_ndim=1)'
  []
  [radii]
    type = Python
    expr = 'Scalar(${s} * centers.data / (1.0 - centers.data), sub_batch_ndim=1)'
  []
  [dR_dy]
    type = Python
    expr = 'Scalar(${s} / (1.0 - centers.data) ** 2, sub_batch_ndim=1)'
  []
  [dy_dR]
    type = Python
    expr = 'Scalar((1.0 - centers.data) ** 2 / ${s}, sub_batch_ndim=1)'
  []
  [ic]
    type = Python
    expr = 'Scalar(1e-12 * dR_dy.data, sub_batch_ndim=1)'
  []
  [time]
    type = Python
    expr = 'linspace(Scalar(0.0).dynamic_batch, Scalar(${t_end}).dynamic_batch, ${steps})'
  []
  [x_table]
    type = Python
    expr = 'Scalar(torch.tensor([1e-10, 0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.035, 0.04, 0.045, 0.05, 0.055, 0.06, 0.065, 0.07, 0.075, 0.08, 0.085, 0.09, 0.095], dtype=torch.float64), sub_batch_ndim=1)'
  []
  [dg_table]
    type = Python
    expr = 'Scalar(torch.tensor([-8296.144765949808, 4829.582140453559, 4829.582140453546, 4829.582140453556, 4829.582140453537, 4829.582140453549, 4829.5821404535445, 4829.5821404535445, 4829.582140453554, 4829.582140453549, 4829.582140453542, 4829.582140453542, 4829.582140453532, 4829.582140453542, 4829.582140453554, 4829.5821404535445, 4829.582140453552, 4829.582140453537, 4829.5821404535445, 4829.582140453542], dtype=torch.float64), sub_batch_ndim=1)'
  []
[]

[Drivers]
  [driver]
    type = TransientDriver
    model = 'model'
    prescribed_time = 'time'
    ic_Scalar_names = 'number_density'
    ic_Scalar_values = 'ic'
    save_as = 'precipitation.npz'
  []
[]

[EquationSystems]
  [eq_sys]
    type = NonlinearSystem
    model = 'implicit_rate'
    unknowns = 'number_density'
  []
[]

[Solvers]
  # The number densities are 1e-12 to 1e-6 per unit volume and size: far below Newton's default
  # absolute tolerance (1e-10), which would accept the first guess. Tolerances scaled to them:
  [newton]
    type = Newton
    linear_solver = 'lu'
    rel_tol = 1e-10
    abs_tol = 1e-20
  []
  [lu]
    type = DenseLU
  []
[]

[Models]
  [temperature]
    type = ScalarConstantParameter
    value = ${T}
    parameter = 'T'
  []
  [true_density]
    type = ScalarMultiplication
    from = 'number_density'
    scaling = 'dy_dR'
    to = 'true_number_density'
  []
  [volume_fraction]
    type = PrecipitateVolumeFraction
    radius = 'radii'
    number_density = 'true_number_density'
    volume_fraction = 'f'
  []
  [matrix]
    type = CurrentConcentration
    initial_concentration = ${x0_Cu}
    precipitate_volume_fractions = 'f'
    precipitate_concentrations = ${xp_Cu}
    current_concentration = 'x_Cu'
  []
  [driving_force]
    type = ScalarLinearInterpolation
    argument = 'x_Cu'
    abscissa = 'x_table'
    ordinate = 'dg_table'
  []
  [resistance]
    type = ProjectedDiffusivitySum
    concentration_differences = ${dx_Cu}
    diffusivities = ${D}
    far_field_concentrations = 'x_Cu'
    projected_diffusivity_sum = 's_D'
  []
  [growth]
    type = SFFKPrecipitationGrowthRate
    radius = 'radii'
    projected_diffusivity_sum = 's_D'
    gibbs_free_energy_difference = 'driving_force'
    temperature = 'T'
    gas_constant = 8.314
    growth_rate = 'R_dot'
  []
  [mapped_growth]
    type = ScalarMultiplication
    from = 'R_dot'
    scaling = 'dy_dR'
    to = 'y_dot'
  []
  [edge_velocity]
    type = LinearlyInterpolateToCellEdges
    cell_values = 'y_dot'
    cell_centers = 'centers'
    cell_edges = 'edges'
    edge_values = 'v_edge'
  []
  [upwind_flux]
    type = FiniteVolumeUpwindedAdvectiveFlux
    u = 'number_density'
    v_edge = 'v_edge'
    flux = 'J'
  []
  [closed_left]
    type = FiniteVolumeAppendBoundaryCondition
    input = 'J'
    bc_value = 0.0
    side = 'left'
  []
  [closed_right]
    type = FiniteVolumeAppendBoundaryCondition
    input = 'J_with_bc_left'
    bc_value = 0.0
    side = 'right'
  []
  [divergence]
    type = FiniteVolumeGradient
    u = 'J_with_bc_left_with_bc_right'
    dx = 'dx'
    grad_u = 'transport'
  []
  [nucleus]
    type = NucleationBarrierAndCriticalRadius
    surface_energy = ${gamma}
    total_gibbs_free_energy_difference = 'driving_force'
    molar_volume = ${Vm}
    nucleation_barrier = 'barrier'
    critical_radius = 'R_crit'
  []
  [zeldovich]
    type = ZeldovichFactor
    critical_radius = 'R_crit'
    surface_energy = ${gamma}
    temperature = 'T'
    molar_volume = ${Vm}
    avogadro_number = 6.02214076e23
    boltzmann_constant = 1.380649e-23
    zeldovich_factor = 'Z'
  []
  [kinetic]
    type = KineticFactor
    critical_radius = 'R_crit'
    projected_diffusivity_sum = 's_D'
    molar_volume = ${Vm}
    avogadro_number = 6.02214076e23
    kinetic_factor = 'beta'
  []
  [nucleation_rate]
    type = NucleationFluxMagnitude
    zeldovich_factor = 'Z'
    kinetic_factor = 'beta'
    nucleation_barrier = 'barrier'
    temperature = 'T'
    nucleation_site_density = ${N0}
    boltzmann_constant = 1.380649e-23
    nucleation_flux_magnitude = 'J_nucleation'
  []
  [nucleation]
    type = DumpInSmallestBin
    magnitude = 'J_nucleation'
    cell_centers = 'radii'
    dumped_source = 'nucleation_source'
  []
  [rate]
    type = ScalarLinearCombination
    from = 'nucleation_source transport'
    to = 'number_density_rate'
  []
  [integrate]
    type = ScalarBackwardEulerTimeIntegration
    variable = 'number_density'
  []
  [implicit_rate]
    type = ComposedModel
    models = 'temperature true_density volume_fraction matrix driving_force resistance growth mapped_growth
              edge_velocity upwind_flux closed_left closed_right divergence nucleus zeldovich kinetic
              nucleation_rate nucleation rate integrate'
  []
  [predictor]
    type = ConstantExtrapolationPredictor
    unknowns_Scalar = 'number_density'
  []
  [update]
    type = ImplicitUpdate
    equation_system = 'eq_sys'
    solver = 'newton'
    predictor = 'predictor'
  []
  [model]
    type = ComposedModel
    models = 'update true_density volume_fraction matrix'
    additional_outputs = 'number_density'
  []
[]
