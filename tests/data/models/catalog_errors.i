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
[]
