# Porous plasticity (tests/unit/core/test_models_porous.cpp).
[Models]
  [gtn]
    type = GTNYieldFunction
    yield_stress = 60
    q1 = 1.25
    q2 = 1.0
    q3 = 1.57
  []
  [gtn_hardening]
    type = GTNYieldFunction
    yield_stress = 60
    q1 = 1.25
    q2 = 1.0
    q3 = 1.57
    isotropic_hardening = 'isotropic_hardening'
  []
  [cavitation]
    type = GursonCavitation
  []
  [sintering]
    type = OlevskySinteringStress
    surface_tension = 2
    particle_radius = 0.5
  []
  [gtn_same]
    type = GTNYieldFunction
    yield_stress = 60
    q1 = 1.25
    q2 = 1.0
    q3 = 1.57
    poro_invariant = 'flow_invariant'
  []
[]
