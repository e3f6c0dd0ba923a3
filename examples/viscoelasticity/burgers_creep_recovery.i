# Creep and recovery of a Burgers element (a Maxwell element in series with a Kelvin-Voigt one)
# under a prescribed stress: every stress component is controlled (MixedControlSetup with a
# control of 1 everywhere), so the strain is the unknown of the implicit update.
#
#   stress            sigma = EM (strain - maxwell_viscous_strain - kelvin_voigt_strain)
#   rates             maxwell_viscous_strain_rate = sigma / etaM
#                     kelvin_voigt_strain_rate = (sigma - EK kelvin_voigt_strain) / etaK
#   EM = 5000, etaM = 200, EK = 2000, etaK = 100 (Kelvin-Voigt time etaK / EK = 0.05)
#
# sigma_xx = 10 is applied at t = 0+ and held until t = 0.2, then removed until t = 0.4
# (burgers_creep_recovery.csv, dt = 0.002). Exact response (first order in dt here):
#   creep      strain_xx = s/EM + s t/etaM + s/EK (1 - exp(-EK t/etaK))
#   recovery   strain_xx = s t1/etaM + s/EK (1 - exp(-EK t1/etaK)) exp(-EK (t - t1)/etaK)
# Run: neml2-run burgers_creep_recovery.i driver
[Tensors]
  [times]
    type = CSVScalar
    csv_file = 'burgers_creep_recovery.csv'
    variable = 'time'
  []
  [stresses]
    type = CSVSR2
    csv_file = 'burgers_creep_recovery.csv'
    variable = 'stress'
  []
  [controls]
    type = CSVSR2
    csv_file = 'burgers_creep_recovery.csv'
    variable = 'control'
  []
[]

[Drivers]
  [driver]
    type = TransientDriver
    model = 'model'
    prescribed_time = 'times'
    prescribed_SR2_names = 'prescribed control'
    prescribed_SR2_values = 'stresses controls'
    save_as = 'burgers_creep_recovery.npz'
  []
[]

[Models]
  [mixed]
    type = MixedControlSetup
    x_above = 'prescribed'
    x_below = 'mixed_state'
    y = 'stress'
    z = 'strain'
  []
  [burgers]
    type = BurgersElement
    maxwell_modulus = 5000
    maxwell_viscosity = 200
    kelvin_modulus = 2000
    kelvin_viscosity = 100
    stress = 'element_stress'
  []
  [equilibrium]
    # the element's stress must equal the prescribed one
    type = SR2LinearCombination
    from = 'element_stress stress'
    to = 'equilibrium_residual'
    weights = '1 -1'
  []
  [integrate_maxwell]
    type = SR2BackwardEulerTimeIntegration
    variable = 'maxwell_viscous_strain'
  []
  [integrate_kelvin]
    type = SR2BackwardEulerTimeIntegration
    variable = 'kelvin_voigt_strain'
  []
  [residual]
    type = ComposedModel
    models = 'mixed burgers equilibrium integrate_maxwell integrate_kelvin'
  []
[]

[EquationSystems]
  [eq]
    type = NonlinearSystem
    model = 'residual'
    unknowns = 'mixed_state maxwell_viscous_strain kelvin_voigt_strain'
    residuals = 'equilibrium_residual maxwell_viscous_strain_residual kelvin_voigt_strain_residual'
  []
[]

[Solvers]
  [newton]
    type = Newton
  []
[]

[Models]
  [update]
    type = ImplicitUpdate
    equation_system = 'eq'
    solver = 'newton'
  []
  [model]
    type = ComposedModel
    models = 'update mixed'
    additional_outputs = 'maxwell_viscous_strain kelvin_voigt_strain'
  []
[]
