# Eigenstrains, deformation Jacobians, Green-Lagrange strain, elasticity tensors, the J2 trial
# stress update and the Hermite functions (tests/unit/core/test_models_kinematics.cpp).
[Models]
  [thermal_eigenstrain]
    type = ThermalEigenstrain
    reference_temperature = 300
    CTE = 1e-5
  []
  [volume_eigenstrain]
    type = VolumeChangeEigenstrain
    reference_volume = 1
  []
  [phase_eigenstrain]
    type = PhaseTransformationEigenstrain
  []
  [thermal_jacobian]
    type = ThermalDeformationJacobian
    reference_temperature = 300
    CTE = 1e-5
  []
  [swelling_jacobian]
    type = SwellingAndPhaseChangeDeformationJacobian
    phase_fraction = 0.3
    swelling_coefficient = 0.1
    reference_volume_difference = 0.09
  []
  [volume_adjust]
    type = VolumeAdjustDeformationGradient
    input = 'F'
    output = 'Fe'
  []
  [green_lagrange]
    type = GreenLagrangeStrain
  []
  [isotropic_C]
    type = IsotropicElasticityTensor
    coefficients = '200e3 0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
  []
  [isotropic_C_KG]
    type = IsotropicElasticityTensor
    coefficients = '80e3 150e3'
    coefficient_types = 'SHEAR_MODULUS BULK_MODULUS'
    C = 'stiffness'
  []
  [cubic_C]
    type = CubicElasticityTensor
    coefficients = '100e3 0.3 60e3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO SHEAR_MODULUS'
  []
  [cubic_bad]
    type = CubicElasticityTensor
    coefficients = '100e3 0.3 60e3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO YOUNGS_MODULUS'
  []
  [trial_update]
    type = LinearIsotropicElasticJ2TrialStressUpdate
    coefficients = '200e3 0.25'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
  []
  [step]
    type = HermiteSmoothStep
    lower_bound = 1
    upper_bound = 3
  []
  [step_complement]
    type = HermiteSmoothStep
    lower_bound = 1
    upper_bound = 3
    complement = true
  []
  [bump]
    type = SymmetricHermiteInterpolation
    lower_bound = 0
    upper_bound = 2
  []
[]

# Full second-order tensors and rotations.
[Models]
  [product]
    type = R2Multiplication
  []
  [inverse_times_transpose]
    type = R2Multiplication
    invert_A = true
    transpose_B = true
  []
  [sym_part]
    type = R2ToSR2
  []
  [skew_part]
    type = R2ToWR2
  []
  [full]
    type = SR2ToR2
  []
  [rotation]
    type = RotationMatrix
    from = 'orientation'
    to = 'R'
  []
  [rotated_elasticity]
    type = GeneralElasticity
    elastic_stiffness_tensor = 'C'
  []
  [cubic_crystal_elasticity]
    type = GeneralElasticity
    elastic_stiffness_tensor = 'cubic_C'
  []
  [crystal]
    type = ComposedModel
    models = 'cubic_C cubic_crystal_elasticity'
  []
[]

# Exponential time integration of rotations.
[Models]
  [spin_explicit]
    type = WR2ExplicitExponentialTimeIntegration
    variable = 'orientation'
  []
  [spin_implicit]
    type = WR2ImplicitExponentialTimeIntegration
    variable = 'orientation'
  []
[]
