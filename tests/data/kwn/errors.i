[Models]
  [potentials_short]
    type = ChemicalGibbsFreeEnergyDifference
    concentration_differences = 'dx1 dx2'
    chemical_potentials = '1.0'
    equilibrium_potentials = '0.4 1.5'
  []
  [weights_two_of_three]
    type = IdealSolutionVolumetricDrivingForce
    current_concentrations = 'x1 x2 x3'
    equilibrium_concentrations = '0.1 0.1 0.1'
    weights = '1 2'
    gas_constant = 8.314
  []
  [no_species]
    type = CurrentConcentration
    precipitate_volume_fractions = ''
    initial_concentration = 0.25
    precipitate_concentrations = ''
  []
  [same_outputs]
    type = NucleationBarrierAndCriticalRadius
    surface_energy = 0.2
    total_gibbs_free_energy_difference = 4
    molar_volume = 2
    nucleation_barrier = 'out'
    critical_radius = 'out'
  []
  [molar_volume_zero]
    type = KineticFactor
    molar_volume = 0
    avogadro_number = 1
  []
[]
