# Linear isotropic elasticity model, with a variable and an include
E = 200000
!include common.i
[Models]
  [elasticity]
    type = LinearIsotropicElasticity
    coefficients      = '${E}          ${nu}'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
  []
[]
