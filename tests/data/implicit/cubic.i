# r(x; b) = c x^3 + x - b = 0: monotone in x, so Newton from 0 converges; dx/db = 1/(3 c x^2 + 1).
[Models]
  [cube]
    type = ScalarMultiplication
    from_var = 'x x x'
    to_var = 'x3'
    coefficient = 2
  []
  [residual]
    type = ScalarLinearCombination
    from_var = 'x3 x b'
    to_var = 'x_residual'
    coefficients = '1 1 -1'
  []
  [rate]
    type = ComposedModel
    models = 'cube residual'
  []
  [update]
    type = ImplicitUpdate
    equation_system = 'eq'
    solver = 'newton'
  []
  [strict]
    type = ImplicitUpdate
    equation_system = 'eq'
    solver = 'two_steps'
  []
  # NEML2 v3's solver options, at values that ask for what this project does anyway.
  [v3_options]
    type = ImplicitUpdate
    equation_system = 'eq'
    solver = 'newton_v3'
    input_sensitivity_solver = 'lu'
    param_sensitivity_solver = 'lu'
    max_substepping_level = 0
    incremental_variables = 'b'
  []
  [substepping]
    type = ImplicitUpdate
    equation_system = 'eq'
    solver = 'newton'
    max_substepping_level = 2
  []
  [sensitivity_not_linear]
    type = ImplicitUpdate
    equation_system = 'eq'
    solver = 'newton'
    input_sensitivity_solver = 'two_steps'
  []
[]
[EquationSystems]
  [eq]
    type = NonlinearSystem
    model = 'rate'
    unknowns = 'x'
  []
[]
[Solvers]
  [newton]
    type = Newton
  []
  [lu]
    type = DenseLU
  []
  [newton_v3]
    type = Newton
    linear_solver = 'lu'
    substep_del_tol = 1e-6
  []
  [two_steps]
    type = Newton
    max_its = 2
    abs_tol = 1e-14
    rel_tol = 1e-14
  []
[]
