# Cohesive (traction-separation) laws, their mixed-mode separations, IrreversibleScalar and
# ScalarPNorm (tests/unit/core/test_models_traction_separation.cpp).
[Models]
  [ortho]
    type = OrthotropicLinearTraction
    normal_stiffness = 100
    tangential_stiffness = 50
    penalty_stiffness = 1000
    normal_penetration = 'normal_penetration'
  []
  [ortho_open_only]
    type = OrthotropicLinearTraction
    normal_stiffness = 100
    tangential_stiffness = 50
  []
  [bilinear]
    type = BilinearTraction
    penalty_stiffness = 1000
    critical_separation = 0.2
    full_separation = 1.2
    normal_penetration = 'normal_penetration'
  []
  [bilinear_coupled]
    # delta_c and delta_f given per point, as variables
    type = BilinearTraction
    penalty_stiffness = 1000
    critical_separation = 'dc'
    full_separation = 'df'
  []
  [salehani]
    type = SalehaniIraniTraction
    normal_characteristic_length = 0.02
    tangential_characteristic_length = 0.05
    normal_strength = 30
    shear_strength = 20
    penalty_stiffness = 1e4
    normal_penetration = 'normal_penetration'
  []
  [mixity]
    type = ModeMixity
  []
  [onset]
    type = CamanhoDavilaCriticalSeparation
    mode_mixity = 'beta'
    penalty_stiffness = 1000
    normal_strength = 10
    shear_strength = 15
  []
  [bk]
    type = BenzeggaghKenaneFullSeparation
    mode_mixity = 'beta'
    critical_separation = 'delta_c'
    penalty_stiffness = 1000
    mode_I_fracture_toughness = 0.5
    mode_II_fracture_toughness = 1.5
    shear_strength = 15
    eta = 1.8
  []
  [bk_equal]
    type = BenzeggaghKenaneFullSeparation
    mode_mixity = 'beta'
    critical_separation = 'delta_c'
    penalty_stiffness = 1000
    mode_I_fracture_toughness = 0.8
    mode_II_fracture_toughness = 0.8
    shear_strength = 15
    eta = 1.8
  []
  [power_law]
    type = PowerLawFullSeparation
    mode_mixity = 'beta'
    critical_separation = 'delta_c'
    penalty_stiffness = 1000
    mode_I_fracture_toughness = 0.5
    mode_II_fracture_toughness = 1.5
    shear_strength = 15
    eta = 1.5
  []
  [power_law_linear]
    type = PowerLawFullSeparation
    mode_mixity = 'beta'
    critical_separation = 'delta_c'
    penalty_stiffness = 1000
    mode_I_fracture_toughness = 0.8
    mode_II_fracture_toughness = 0.8
    shear_strength = 15
    eta = 1
  []
  [ratchet]
    type = IrreversibleScalar
    from = 'd_trial'
    to = 'd'
  []
  [pnorm]
    type = ScalarPNorm
    from = 'a b'
    to = 'c'
    exponent = 2
    weights = '1 4'
  []
  [pnorm3]
    type = ScalarPNorm
    from = 'a b'
    to = 'c'
    exponent = 3
  []
  [pnorm_bad_weights]
    type = ScalarPNorm
    from = 'a b c'
    to = 'n'
    exponent = 2
    weights = '1 2'
  []

  # A mixed-mode bilinear interface from the jump vector: the onset and full separations are
  # models fed by the mode mixity, itself a model (parameters provided by models, two deep).
  [split_jump]
    type = VecComponents
    from = 'jump'
    to = 'signed_normal_separation tangential_separation_1 tangential_separation_2'
  []
  [tangential_norm]
    type = ScalarPNorm
    from = 'tangential_separation_1 tangential_separation_2'
    to = 'tangential_separation'
    exponent = 2
  []
  [macaulay]
    type = MacaulaySplit
    from = 'signed_normal_separation'
    to_positive = 'normal_separation'
    to_negative = 'normal_penetration'
  []
  [mode_mixity]
    type = ModeMixity
  []
  [critical_separation]
    type = CamanhoDavilaCriticalSeparation
    mode_mixity = 'mode_mixity'
    penalty_stiffness = 1000
    normal_strength = 10
    shear_strength = 15
  []
  [full_separation]
    type = BenzeggaghKenaneFullSeparation
    mode_mixity = 'mode_mixity'
    critical_separation = 'critical_separation'
    penalty_stiffness = 1000
    mode_I_fracture_toughness = 0.5
    mode_II_fracture_toughness = 1.5
    shear_strength = 15
    eta = 1.8
  []
  [effective_separation]
    type = ScalarPNorm
    from = 'normal_separation tangential_separation'
    to = 'effective_separation'
    exponent = 2
  []
  [interface_traction]
    type = BilinearTraction
    critical_separation = 'critical_separation'
    full_separation = 'full_separation'
    normal_penetration = 'normal_penetration'
    penalty_stiffness = 1000
  []
  [interface]
    type = ComposedModel
    models = 'split_jump tangential_norm macaulay effective_separation interface_traction'
    additional_outputs = 'damage'
  []
[]
