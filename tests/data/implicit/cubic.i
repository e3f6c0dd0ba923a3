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
  [two_steps]
    type = Newton
    max_its = 2
    abs_tol = 1e-14
    rel_tol = 1e-14
  []
[]
