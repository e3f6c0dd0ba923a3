# Bad crystal-plasticity blocks for test_crystal_plasticity_models.cpp (line numbers are checked).
[Models]
  [no_crystal]
    type = ResolvedShear
    crystal_geometry = 'fcc'
  []
  [same_rates]
    type = PowerLawSlipRule
    resolved_shears = 'tau'
    slip_strengths = 'tau'
    gamma0 = 1
    n = 2
  []
  [rate_is_input]
    type = PerSlipForestDislocationEvolution
    dislocation_density = 'rho'
    slip_rates = 'gamma'
    dislocation_density_rate = 'gamma'
    k1 = 1
    k2 = 1
  []
  [bad_threshold]
    type = FixOrientation
    input = 'r'
    output = 's'
    threshold = -1
  []
  [same_kinematics]
    type = ElasticStrainRate
    elastic_strain = 'e'
    deformation_rate = 'e'
  []
[]
