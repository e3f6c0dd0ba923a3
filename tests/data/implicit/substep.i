# g(x) = g(x~1) + (t - t~1) with g(x) = x^3 + x, solved for x by Newton from x~1 (at most 6 updates).
# g telescopes, so cutting a step into pieces leaves the exact answer unchanged: whatever pieces a
# point takes, it must end at the root of g(x) = g(x~1) + t - t~1. A step of 1 converges whole;
# steps of 10 and 100 need more than 6 updates whole and converge in pieces; a step of 1000 fails
# even in pieces of 2^-6 of the step.
[Models]
  [cube]
    type = ScalarMultiplication
    from_var = 'x x x'
    to_var = 'x3'
  []
  [cube_old]
    type = ScalarMultiplication
    from_var = 'x~1 x~1 x~1'
    to_var = 'x3_old'
  []
  [residual]
    type = ScalarLinearCombination
    from_var = 'x3 x x3_old x~1 t t~1'
    to_var = 'x_residual'
    coefficients = '1 1 -1 -1 -1 1'
  []
  [rate]
    type = ComposedModel
    models = 'cube cube_old residual'
  []
  [update]
    type = ImplicitUpdate
    equation_system = 'eq'
    solver = 'newton'
    max_substepping_level = 6
  []
  [whole_steps]
    type = ImplicitUpdate
    equation_system = 'eq'
    solver = 'newton'
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
    max_its = 6
  []
[]

# One step from t = 0 to t = 1, 10 and 1000 at three points (x starts at 0).
[Tensors]
  [end_times]
    type = Scalar
    values = '1 10 1000'
  []
  [times]
    type = LinspaceScalar
    start = 0
    end = 'end_times'
    nstep = 2
  []
[]
[Drivers]
  [continue]
    type = TransientDriver
    model = 'update'
    prescribed_time = 'times'
    on_failure = 'continue'
    show_progress = false
  []
  [raise]
    type = TransientDriver
    model = 'update'
    prescribed_time = 'times'
    show_progress = false
  []
[]
