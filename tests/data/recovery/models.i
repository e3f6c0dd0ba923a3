# Hardening with static recovery and thermal annealing
# (tests/unit/core/test_models_recovery.cpp).
[Models]
  [slope_voce]
    type = SlopeSaturationVoceIsotropicHardening
    saturated_hardening = 100
    initial_hardening_rate = 1200
  []
  [slope_voce_negative]
    type = SlopeSaturationVoceIsotropicHardening
    saturated_hardening = -100
    initial_hardening_rate = 1200
    isotropic_hardening = 'k'
    isotropic_hardening_rate = 'kdot'
  []
  [iso_recovery]
    type = PowerLawIsotropicHardeningStaticRecovery
    tau = 1000
    n = 2.5
  []
  [kin_recovery]
    type = PowerLawKinematicHardeningStaticRecovery
    tau = 1000
    n = 3
    back_stress = 'X1'
  []
  [anneal_scalar]
    type = ScalarTwoStageThermalAnnealing
    T1 = 500
    T2 = 800
    tau = 20
  []
  [anneal_sr2]
    type = SR2TwoStageThermalAnnealing
    T1 = 500
    T2 = 800
    tau = 20
    base_rate = 'X_rate_hardening'
    base = 'X'
    temperature = 'T'
    modified_rate = 'X_rate'
  []
  [recovery_same]
    type = PowerLawIsotropicHardeningStaticRecovery
    tau = 1000
    n = 2
    isotropic_hardening_rate = 'isotropic_hardening'
  []
[]
