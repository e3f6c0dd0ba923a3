# Pyrolysis of a polymer binder heated at a constant rate: the binder turns into char and gas.
#
#   rate coefficient   k(T) = k0 exp(-Q / (R T))          (ArrheniusParameter)
#   mechanism          da/dt = k(T) (1 - a)^n, n = 1       (ContractingGeometry, first order)
#                      solved by backward Euler at every step (Newton on a)
#   mass fractions     binder wb = 1 - a, char wc = Y a, the rest (1 - Y) a leaves as gas
#   volume             V = M (wb / rho_b + wc / rho_c)      (EffectiveVolume of the solid)
#
# The temperature rises from 300 K to 1500 K in 2700 s (100 steps, read from pyrolysis.csv). Parameters (yield, k0, Q) are
# those of NEML2's pyrolysis regression test. With n = 1 the backward Euler recursion is
# 1 - a_(k+1) = (1 - a_k) / (1 + (t_(k+1) - t_k) k(T_(k+1))), which the test checks step by step.
# Run: neml2-run pyrolysis.i driver
[Tensors]
  [times]
    type = CSVScalar
    csv_file = 'pyrolysis.csv'
    variable = 'time'
  []
  [temperatures]
    type = CSVScalar
    csv_file = 'pyrolysis.csv'
    variable = 'T'
  []
[]

[Drivers]
  [driver]
    type = TransientDriver
    model = 'model'
    prescribed_time = 'times'
    prescribed_Scalar_names = 'T'
    prescribed_Scalar_values = 'temperatures'
    save_as = 'pyrolysis.npz'
  []
[]

[Models]
  [rate_coefficient]
    type = ArrheniusParameter
    reference_value = 0.04210147513030456
    activation_energy = 21191.61425138572
    ideal_gas_constant = 8.31446261815324
    temperature = 'T'
  []
  [mechanism]
    type = ContractingGeometry
    coef = 'rate_coefficient'
    order = 1
    conversion_degree = 'a'
    reaction_rate = 'a_rate'
  []
  [integrate]
    type = ScalarBackwardEulerTimeIntegration
    variable = 'a'
  []
  [reaction]
    type = ComposedModel
    models = 'rate_coefficient mechanism integrate'
  []
[]

[EquationSystems]
  [conversion]
    type = NonlinearSystem
    model = 'reaction'
    unknowns = 'a'
  []
[]

[Solvers]
  [newton]
    type = Newton
    rel_tol = 1e-12
    abs_tol = 1e-14
  []
[]

[Models]
  [solve_conversion]
    type = ImplicitUpdate
    equation_system = 'conversion'
    solver = 'newton'
  []
  [binder]
    type = ScalarLinearCombination
    from = 'a'
    weights = '-1'
    offset = 1
    to = 'wb'
  []
  [char]
    type = ScalarLinearCombination
    from = 'a'
    weights = 0.5835777126099713
    to = 'wc'
  []
  [volume]
    type = EffectiveVolume
    mass_fractions = 'wb wc'
    densities = '1250 1800'
    reference_mass = 1
    composite_volume = 'V'
  []
  [model]
    type = ComposedModel
    models = 'solve_conversion binder char volume'
    additional_outputs = 'a'
  []
[]
