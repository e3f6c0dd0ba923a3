# Bad input for the catalog's models (tests/unit/core/test_models_catalog_errors.cpp); the line
# numbers of the offending options are checked, keep them in place.
[Models]
  [mixity_same]
    type = ModeMixity
    tangential_separation = 'normal_separation'
  []
  [volume_adjust_same]
    type = VolumeAdjustDeformationGradient
    jacobian = 'input'
  []
  [general_same]
    type = GeneralElasticity
    orientation = 'strain'
    elastic_stiffness_tensor = 'C'
  []
  [spin_same]
    type = WR2ImplicitExponentialTimeIntegration
    variable = 'r'
    rate = 't'
  []
  [descent_no_sweeps]
    type = CoordinateDescentPredictor
    rate_law = 'law'
    driving_force_input = 'yield_function'
    sweeps = 0
  []
  [law]
    type = PerzynaPlasticFlowRate
    reference_stress = 100
    exponent = 2
  []
  [table_words]
    type = ScalarLinearInterpolation
    abscissa = '0 1 two'
    ordinate = '0 1 2'
  []
  [trial_same]
    type = LinearIsotropicElasticJ2TrialStressUpdate
    coefficients = '200e3 0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
    equivalent_plastic_strain = 'elastic_trial_stress'
  []
  [log_without_transition]
    type = BrooksCoreyCapillaryPressure
    threshold_pressure = 1
    exponent = 2
    log_extension = true
  []
  [transition_above_one]
    type = VanGenuchtenCapillaryPressure
    a = 1
    m = 0.5
    transition_saturation = 1.5
  []
  [spectral_split]
    type = LinearIsotropicStrainEnergyDensity
    coefficient_types = 'BULK_MODULUS SHEAR_MODULUS'
    coefficients = '1.4e5 7.8e4'
    decomposition = 'SPECTRAL'
  []
  [eta_one]
    type = PowerDegradationFunction
    power = 2
    eta = 1
  []
  [densities_short]
    type = EffectiveVolume
    mass_fractions = 'w1 w2 w3'
    densities = '1000 500'
    reference_mass = 1
  []
  [molar_volume_zero]
    type = DiffusionLimitedReaction
    diffusion_coefficient = 1e-3
    molar_volume = 0
  []
  [channel_same]
    type = CylindricalChannelGeometry
    product_fraction = 'solid_fraction'
  []
  [thickness_zero]
    type = DiffusionLimitedReaction
    diffusion_coefficient = 1e-3
    molar_volume = 1
    product_dummy_thickness = 0
  []
  [open_fraction_is_a_mass_fraction]
    type = EffectiveVolume
    mass_fractions = 'w phio'
    open_volume_fraction = 'phio'
    densities = '1000 500'
    reference_mass = 1
  []
[]
