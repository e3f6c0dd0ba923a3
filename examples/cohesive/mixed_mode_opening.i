# A cohesive interface opened in mixed mode, unloaded and reloaded (NEML2 v3's bilinear
# traction-separation law with Camanho-Davila damage onset and Benzeggagh-Kenane propagation).
#
#   jump (Vec)        split into the normal separation dn and tangential ones ds1, ds2;
#                     the normal one into opening <dn> and penetration (MacaulaySplit)
#   mode mixity       beta = |ds| / <dn>
#   damage onset      delta_c(beta) (CamanhoDavilaCriticalSeparation: N = 10, S = 15, K = 1000)
#   full separation   delta_f(beta, delta_c) (BenzeggaghKenaneFullSeparation: GIc = 0.5,
#                     GIIc = 1.5, eta = 1.8)
#   damage            d = max(d_trial(dm), d~1), dm = sqrt(<dn>^2 + |ds|^2), bilinear d_trial
#   traction          T = K (1 - d) (<dn>, ds1, ds2) + K (penetration, 0, 0)
#
# The jump follows s (1, 0.6, 0.3), s from 0 to 0.05 (into softening), back to 0.02 (unloading
# along the damaged secant: d stays constant), then to 0.09 (softening resumes past the previous
# maximum, nearly to full separation). The path is read from mixed_mode_opening.csv.
# Run: neml2-run mixed_mode_opening.i driver
[Tensors]
  [times]
    type = CSVScalar
    csv_file = 'mixed_mode_opening.csv'
    variable = 'time'
  []
  [jumps]
    type = CSVVec
    csv_file = 'mixed_mode_opening.csv'
    variable = 'jump'
  []
[]

[Drivers]
  [driver]
    type = TransientDriver
    model = 'model'
    prescribed_time = 'times'
    prescribed_Vec_names = 'jump'
    prescribed_Vec_values = 'jumps'
    save_as = 'mixed_mode_opening.npz'
  []
[]

[Models]
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
  [opening]
    type = MacaulaySplit
    from = 'signed_normal_separation'
    to_positive = 'normal_separation'
    to_negative = 'normal_penetration'
  []
  [effective_separation]
    type = ScalarPNorm
    from = 'normal_separation tangential_separation'
    to = 'effective_separation'
    exponent = 2
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
  [traction]
    type = BilinearTraction
    critical_separation = 'critical_separation'
    full_separation = 'full_separation'
    normal_penetration = 'normal_penetration'
    penalty_stiffness = 1000
  []
  [model]
    type = ComposedModel
    models = 'split_jump tangential_norm opening effective_separation traction'
    additional_outputs = 'damage'
  []
[]
