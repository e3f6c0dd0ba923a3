# The Kocks-Mecking family (tests/unit/core/test_models_kocks_mecking.cpp). Units: mm, N, MPa, K
# (k in mJ/K).
[Models]
  [g]
    type = KocksMeckingActivationEnergy
    shear_modulus = 80000
    eps0 = 1e10
    k = 1.38064e-20
    b = 2.48e-7
  []
  [switch]
    type = KocksMeckingFlowSwitch
    g0 = 0.5
    sharpness = 20
  []
  [eta]
    type = KocksMeckingFlowViscosity
    A = -3.4
    B = -5.9
    shear_modulus = 'mu'
    eps0 = 1e10
    k = 1.38064e-20
    b = 2.48e-7
  []
  [n]
    type = KocksMeckingRateSensitivity
    A = -3.4
    shear_modulus = 80000
    k = 1.38064e-20
    b = 2.48e-7
  []
  [g0]
    type = KocksMeckingIntercept
    A = -3.4
    B = -5.9
    C = -5.4
  []
  [ys]
    type = KocksMeckingYieldStress
    C = -5.4
    shear_modulus = 80000
  []
  [bad_b]
    type = KocksMeckingRateSensitivity
    A = -3.4
    shear_modulus = 80000
    k = 1.38064e-20
    b = 0
  []
[]
[Models]
  [bad_eps0]
    type = KocksMeckingActivationEnergy
    shear_modulus = 80000
    eps0 = -1
    k = 1.38064e-20
    b = 2.48e-7
  []
[]
[Solvers]
  [bad_substep]
    type = Newton
    substep_del_tol = -1
  []
[]
