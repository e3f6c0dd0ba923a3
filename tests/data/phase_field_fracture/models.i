# Phase-field fracture relations (tests/unit/core/test_models_phase_field_fracture.cpp).
[Models]
  [at1]
    type = CrackGeometricFunctionAT1
  []
  [at2]
    type = CrackGeometricFunctionAT2
    phase = 'd'
    crack = 'alpha'
  []
  [power]
    type = PowerDegradationFunction
    power = 5
  []
  [power_residual]
    type = PowerDegradationFunction
    phase = 'd'
    degradation = 'g'
    power = 2
    eta = 1e-3
  []
  [rational]
    type = RationalDegradationFunction
    power = 2
    b1 = 1
    b2 = 1.3868
    b3 = 0.6567
  []
  [rational_residual]
    type = RationalDegradationFunction
    power = 2.5
    b1 = 2
    b2 = -0.5
    b3 = 0
    eta = 0.01
  []
  [energy]
    type = LinearIsotropicStrainEnergyDensity
    coefficient_types = 'BULK_MODULUS SHEAR_MODULUS'
    coefficients = '1.4e5 7.8e4'
  []
  [energy_voldev]
    type = LinearIsotropicStrainEnergyDensity
    strain = 'Ee'
    active_strain_energy_density = 'psie_active'
    inactive_strain_energy_density = 'psie_inactive'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
    coefficients = '2e5 0.3'
    decomposition = 'VOLDEV'
  []
  # The degraded energy of a strain and a phase field: g(d) psi_active + psi_inactive.
  [degraded_energy]
    type = ComposedModel
    models = 'energy_voldev_default power_residual_default degrade total'
  []
  [energy_voldev_default]
    type = LinearIsotropicStrainEnergyDensity
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
    coefficients = '2e5 0.3'
    decomposition = 'VOLDEV'
  []
  [power_residual_default]
    type = PowerDegradationFunction
    power = 2
    eta = 1e-3
  []
  [degrade]
    type = ScalarMultiplication
    from_var = 'degradation active_strain_energy_density'
    to_var = 'degraded_active'
  []
  [total]
    type = ScalarLinearCombination
    from_var = 'degraded_active inactive_strain_energy_density'
    to_var = 'psi'
  []
[]
# Both crack functions and the undivided energy side by side, for the compiled-equals-eager check.
[Models]
  [crack_functions_and_energy]
    type = ComposedModel
    models = 'at1 at2_of_phase energy'
  []
  [at2_of_phase]
    type = CrackGeometricFunctionAT2
    crack = 'crack_at2'
  []
[]
