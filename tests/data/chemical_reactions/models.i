# Chemical-reaction relations (tests/unit/core/test_models_chemical_reactions.cpp).
[Models]
  [avrami]
    type = AvramiErofeevNucleation
    coef = 0.7
    order = 2.75
  []
  [contracting]
    type = ContractingGeometry
    coef = 0.7
    order = 2.75
    conversion_degree = 'alpha'
    reaction_rate = 'alpha_rate'
  []
  [channel]
    type = CylindricalChannelGeometry
  []
  [diffusion]
    type = DiffusionLimitedReaction
    diffusion_coefficient = 1e-3
    molar_volume = 1
  []
  [volume]
    type = EffectiveVolume
    reference_mass = 4.1
    densities = '1123 576 988 11'
    mass_fractions = 'wb ws wp wg'
    open_volume_fraction = 'phio'
  []
  [volume_closed]
    type = EffectiveVolume
    reference_mass = 2
    densities = '1000 500'
    mass_fractions = 'w1 w2'
    composite_volume = 'V'
  []
  # A shrinking-core reaction: the channel's radii feed the diffusion-limited rate.
  [shrinking_core]
    type = ComposedModel
    models = 'channel_radii diffusion_in_channel'
  []
  [channel_radii]
    type = CylindricalChannelGeometry
    inner_radius = 'ri'
    outer_radius = 'ro'
  []
  [diffusion_in_channel]
    type = DiffusionLimitedReaction
    product_inner_radius = 'ri'
    solid_inner_radius = 'ro'
    diffusion_coefficient = 2e-3
    molar_volume = 0.5
    product_dummy_thickness = 0.02
  []
[]
