# KWN precipitation models: NEML2 v3's unit cases (its tests/models/kwn), size bins as a
# sub-batch axis, plus compositions for the C++ tests.
[Tensors]
  [R3]
    type = Scalar
    values = '1 2 3'
    intermediate_dimension = 1
  []
  [R124]
    type = Scalar
    values = '1 2 4'
    intermediate_dimension = 1
  []
  [R_nm]
    type = Scalar
    values = '1e-9 2e-9 4e-9'
    intermediate_dimension = 1
  []
  [gamma]
    type = Scalar
    values = '4'
  []
  [dx1]
    type = Scalar
    values = '0.2 0.1'
  []
  [dx2]
    type = Scalar
    values = '0.05 0.15'
  []
[]

[Models]
  [gibbs]
    type = ChemicalGibbsFreeEnergyDifference
    concentration_differences = 'state/dx1 state/dx2'
    chemical_potentials = '1.0 2.0'
    equilibrium_potentials = '0.4 1.5'
    chemical_gibbs_free_energy = 'state/dg'
  []
  [current]
    type = CurrentConcentration
    initial_concentration = 0.25
    precipitate_volume_fractions = 'state/f1 state/f2'
    precipitate_concentrations = '0.8 0.6'
    current_concentration = 'state/x'
  []
  [ideal]
    type = IdealSolutionVolumetricDrivingForce
    temperature = 'forces/T'
    current_concentrations = 'state/x1 state/x2'
    equilibrium_concentrations = '0.1 0.1'
    gas_constant = 8.314
    driving_force = 'state/dg_v'
  []
  [ideal_weighted]
    type = IdealSolutionVolumetricDrivingForce
    current_concentrations = 'x1 x2'
    equilibrium_concentrations = '0.1 x_eq'
    weights = '2 0.5'
    gas_constant = 8.314
  []
  [kinetic]
    type = KineticFactor
    critical_radius = 'state/R_crit'
    projected_diffusivity_sum = 'state/sum'
    molar_volume = 1.0
    avogadro_number = 1.0
    kinetic_factor = 'state/beta'
  []
  [barrier]
    type = NucleationBarrierAndCriticalRadius
    surface_energy = 'surface_energy'
    total_gibbs_free_energy_difference = 'total_gibbs_free_energy_difference'
    molar_volume = 2.0
    nucleation_barrier = 'state/barrier'
    critical_radius = 'state/R_crit'
  []
  [flux]
    type = NucleationFluxMagnitude
    zeldovich_factor = 'state/Z'
    kinetic_factor = 'state/beta'
    nucleation_barrier = 'state/dg'
    temperature = 'state/T'
    nucleation_site_density = 5.0
    boltzmann_constant = 2.0
    nucleation_flux_magnitude = 'state/J'
  []
  [fraction]
    type = PrecipitateVolumeFraction
    radius = 'R3'
    number_density = 'state/n'
    volume_fraction = 'state/f'
  []
  [projected]
    type = ProjectedDiffusivitySum
    concentration_differences = 'dx1 dx2'
    diffusivities = '0.5 0.2'
    far_field_concentrations = 'state/x1 state/x2'
    projected_diffusivity_sum = 'state/sum'
  []
  [projected_scalar]
    type = ProjectedDiffusivitySum
    concentration_differences = '0.2 0.05'
    diffusivities = '0.5 0.2'
    far_field_concentrations = 'state/x1 state/x2'
    projected_diffusivity_sum = 'state/sum'
  []
  [rate_limited]
    type = RateLimitedPrecipitateGrowthRate
    radius = 'R124'
    current_concentration = 'state/x_inf'
    equilibrium_concentration = 0.1
    concentration_difference = 0.7
    diffusivity = 2.0
    growth_rate = 'state/R_dot'
  []
  [sffk]
    type = SFFKPrecipitationGrowthRate
    radius = 'R124'
    projected_diffusivity_sum = 'state/sum'
    gibbs_free_energy_difference = 2.0
    temperature = 'state/T'
    gas_constant = 8.0
    growth_rate = 'state/R_dot'
  []
  [zeldovich]
    type = ZeldovichFactor
    critical_radius = 'state/R_crit'
    surface_energy = 'gamma'
    temperature = 'state/T'
    molar_volume = 2.0
    avogadro_number = 2.0
    boltzmann_constant = 1.0
    zeldovich_factor = 'state/Z'
  []

  # Classical nucleation from the ideal-solution driving force of one species, and growth of three
  # size bins by SFFK: the chain of a KWN rate evaluation. (Growth by the same ideal-solution driving
  # force would not depend on T at all, R T cancelling; a fixed one keeps d/dT away from round-off.)
  [drive]
    type = IdealSolutionVolumetricDrivingForce
    temperature = 'T'
    current_concentrations = 'x'
    equilibrium_concentrations = 0.01
    gas_constant = 8.314
    driving_force = 'dg'
  []
  [nucleus]
    type = NucleationBarrierAndCriticalRadius
    surface_energy = 0.2
    total_gibbs_free_energy_difference = 'dg'
    molar_volume = 1e-5
    nucleation_barrier = 'barrier'
    critical_radius = 'R_crit'
  []
  [diffusion]
    type = ProjectedDiffusivitySum
    far_field_concentrations = 'x'
    concentration_differences = 0.9
    diffusivities = 1e-15
    projected_diffusivity_sum = 'sum'
  []
  [beta]
    type = KineticFactor
    critical_radius = 'R_crit'
    projected_diffusivity_sum = 'sum'
    molar_volume = 1e-5
    avogadro_number = 6.02214076e23
    kinetic_factor = 'beta'
  []
  [Z]
    type = ZeldovichFactor
    critical_radius = 'R_crit'
    temperature = 'T'
    surface_energy = 0.2
    molar_volume = 1e-5
    avogadro_number = 6.02214076e23
    boltzmann_constant = 1.380649e-23
    zeldovich_factor = 'Z'
  []
  [nucleation]
    type = NucleationFluxMagnitude
    zeldovich_factor = 'Z'
    kinetic_factor = 'beta'
    nucleation_barrier = 'barrier'
    temperature = 'T'
    nucleation_site_density = 1e28
    boltzmann_constant = 1.380649e-23
    nucleation_flux_magnitude = 'J'
  []
  [growth]
    type = SFFKPrecipitationGrowthRate
    radius = 'R_nm'
    projected_diffusivity_sum = 'sum'
    temperature = 'T'
    gibbs_free_energy_difference = 1e4
    gas_constant = 8.314
    growth_rate = 'R_dot'
  []
  [kwn_rates]
    type = ComposedModel
    models = 'drive nucleus diffusion beta Z nucleation growth'
  []
[]
