# A bar under uniaxial strain that cracks, unloads, reloads and is then compressed: local
# (homogeneous) AT-2 phase-field fracture with the volumetric-deviatoric energy split.
#
#   free energy   psi = g(d) psi+(e) + psi-(e) + w alpha(d)
#                 g = (1 - d)^2 (PowerDegradationFunction, p = 2), alpha = d^2 (AT-2),
#                 psi+ / psi- the active / inactive parts of the elastic energy (VOLDEV split:
#                 the volumetric energy is inactive in compression), w = Gc / (2 l) = 1
#   phase field   d minimises psi and never decreases: dpsi/dd >= 0, d_rate >= 0 and
#                 dpsi/dd d_rate = 0 (Fischer-Burmeister), solved for d by Newton at every step
#   stress        dpsi/de (Normality of the same energy)
#
# While d grows, dpsi/dd = -2 (1 - d) psi+ + 2 w d = 0 gives d = psi+ / (psi+ + w): the stress
# (1 - d)^2 M e (M = K + 4G/3) peaks at psi+ = w / 3 and then softens. Unloading keeps d;
# reloading follows the damaged secant until psi+ passes its earlier maximum. In compression the
# crack closes: the volumetric stiffness K comes back, the deviatoric one stays degraded.
# The strain path is read from brittle_bar.csv.
# Run: neml2-run brittle_bar.i driver
[Tensors]
  [times]
    type = CSVScalar
    csv_file = 'brittle_bar.csv'
    variable = 'time'
  []
  [strains]
    type = CSVSR2
    csv_file = 'brittle_bar.csv'
    variable = 'strain'
  []
[]

[Drivers]
  [driver]
    type = TransientDriver
    model = 'model'
    prescribed_time = 'times'
    prescribed_SR2_names = 'strain'
    prescribed_SR2_values = 'strains'
    save_as = 'brittle_bar.npz'
  []
[]

[Models]
  [degradation]
    type = PowerDegradationFunction
    phase = 'd'
    power = 2
  []
  [elastic_energy]
    type = LinearIsotropicStrainEnergyDensity
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
    coefficients = '25.84e3 0.18'
    decomposition = 'VOLDEV'
  []
  [degraded_energy]
    type = ScalarMultiplication
    from = 'degradation active_strain_energy_density'
    to = 'degraded_active_energy'
  []
  [crack]
    type = CrackGeometricFunctionAT2
    phase = 'd'
  []
  [free_energy]
    type = ScalarLinearCombination
    from = 'degraded_active_energy inactive_strain_energy_density crack'
    to = 'psi'
    weights = '1 1 1.0'
  []
  [energy]
    type = ComposedModel
    models = 'degradation elastic_energy degraded_energy crack free_energy'
  []
  [driving_force]
    type = Normality
    model = 'energy'
    function = 'psi'
    from = 'd'
    to = 'dpsi_dd'
  []
  [d_rate]
    type = ScalarVariableRate
    variable = 'd'
  []
  [irreversibility]
    type = FBComplementarity
    a = 'dpsi_dd'
    a_inequality = 'GE'
    b = 'd_rate'
    b_inequality = 'GE'
    complementarity = 'd_residual'
  []
  [residual]
    type = ComposedModel
    models = 'irreversibility driving_force d_rate'
  []
[]

[EquationSystems]
  [phase_field]
    type = NonlinearSystem
    model = 'residual'
    unknowns = 'd'
  []
[]

[Solvers]
  [newton]
    type = Newton
    rel_tol = 1e-10
    abs_tol = 1e-12
    max_its = 30
  []
[]

[Models]
  [solve_d]
    type = ImplicitUpdate
    equation_system = 'phase_field'
    solver = 'newton'
  []
  [stress]
    type = Normality
    model = 'energy'
    function = 'psi'
    from = 'strain'
    to = 'stress'
  []
  [model]
    type = ComposedModel
    models = 'solve_d stress'
    additional_outputs = 'd'
  []
[]
