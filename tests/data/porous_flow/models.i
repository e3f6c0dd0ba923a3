# Porous-flow relations (tests/unit/core/test_models_porous_flow.cpp).
[Tensors]
  [F]
    type = R2
    values = '0.2 0.5 0.3 1.0 8.0 7.0 6.0 5.0 2.0'
  []
  [P]
    type = R2
    values = '3.0 2.0 4.0 9.8 1.2 3.3 4.4 7.3 2.1'
  []
[]
[Models]
  [advective]
    type = AdvectiveStress
    coefficient = 1.0
    js = 'Js'
    jt = 'Jt'
    deformation_gradient = 'F'
    pk1_stress = 'P'
    advective_stress = 'pc'
  []
  [advective_no_expansion]
    type = AdvectiveStress
    coefficient = 2.5
  []
  [brooks_corey]
    type = BrooksCoreyCapillaryPressure
    threshold_pressure = 2.3
    exponent = 0.7
  []
  [brooks_corey_log]
    type = BrooksCoreyCapillaryPressure
    threshold_pressure = 2.3
    exponent = 0.7
    effective_saturation = 'S'
    capillary_pressure = 'Pc'
    log_extension = true
    transition_saturation = 0.1
  []
  [van_genuchten]
    type = VanGenuchtenCapillaryPressure
    a = 0.333333333333333
    m = 0.7
  []
  [van_genuchten_log]
    type = VanGenuchtenCapillaryPressure
    a = 0.333333333333333
    m = 0.7
    effective_saturation = 'S'
    capillary_pressure = 'Pc'
    log_extension = true
    transition_saturation = 0.1
  []
  [saturation]
    type = EffectiveSaturation
    residual_saturation = 0.1
    max_fraction = 0.6
  []
  [saturation_coupled]
    # the largest fraction given per point, as a variable (NEML2's test does so)
    type = EffectiveSaturation
    residual_saturation = 0.0
    fluid_fraction = 'phi'
    max_fraction = 'phimax'
    effective_saturation = 'out'
  []
  [power_law]
    type = PowerLawPermeability
    reference_permeability = 3
    reference_porosity = 0.35
    exponent = 0.4
  []
  [exponential]
    type = ExponentialLawPermeability
    reference_permeability = 3
    reference_porosity = 0.35
    scale = 0.4
  []
  [kozeny_carman]
    type = KozenyCarmanPermeability
    reference_permeability = 3
    reference_porosity = 0.35
    n = 0.8
    m = 0.4
  []
  # Capillary pressure of a fluid fraction: saturation, then Brooks-Corey with its extension.
  [pressure_of_fraction]
    type = ComposedModel
    models = 'saturation brooks_corey_log_default'
  []
  [brooks_corey_log_default]
    type = BrooksCoreyCapillaryPressure
    threshold_pressure = 2.3
    exponent = 0.7
    log_extension = true
    transition_saturation = 0.1
  []
[]
# The three permeability relations side by side, for the compiled-equals-eager check.
[Models]
  [permeabilities]
    type = ComposedModel
    models = 'K_power K_exponential K_kozeny_carman'
  []
  [K_power]
    type = PowerLawPermeability
    reference_permeability = 3
    reference_porosity = 0.35
    exponent = 0.4
    permeability = 'K_power'
  []
  [K_exponential]
    type = ExponentialLawPermeability
    reference_permeability = 3
    reference_porosity = 0.35
    scale = 0.4
    permeability = 'K_exponential'
  []
  [K_kozeny_carman]
    type = KozenyCarmanPermeability
    reference_permeability = 3
    reference_porosity = 0.35
    n = 0.8
    m = 0.4
    permeability = 'K_kozeny_carman'
  []
[]
