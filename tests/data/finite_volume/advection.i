# Advection of a cell field at speed v on a uniform grid of N cells over [0, L], closed at both
# ends (no flux through the boundaries), implicit in time (backward Euler, first-order upwinding).
# The grid is given by the top-level numbers, which tests override together to refine it.
L = 1.0
N = 40
N_edges = 41
dx = 0.025
first_center = 0.0125
last_center = 0.9875
v = 0.5

[Tensors]
  [edges]
    type = LinspaceScalar
    start = 0
    end = ${L}
    nstep = ${N_edges}
    group = intermediate
  []
  [centers]
    type = LinspaceScalar
    start = ${first_center}
    end = ${last_center}
    nstep = ${N}
    group = intermediate
  []
[]

[EquationSystems]
  [eq_sys]
    type = NonlinearSystem
    model = 'implicit_rate'
    unknowns = 'concentration'
  []
[]

[Solvers]
  [newton]
    type = Newton
    linear_solver = 'lu'
  []
  [lu]
    type = DenseLU
  []
[]

[Models]
  [advection_velocity]
    type = LinearlyInterpolateToCellEdges
    cell_values = ${v}
    cell_centers = 'centers'
    cell_edges = 'edges'
    edge_values = 'v_edge'
  []
  [advective_flux]
    type = FiniteVolumeUpwindedAdvectiveFlux
    u = 'concentration'
    v_edge = 'v_edge'
    flux = 'J'
  []
  [left_bc]
    type = FiniteVolumeAppendBoundaryCondition
    input = 'J'
    bc_value = 0.0
    side = 'left'
  []
  [right_bc]
    type = FiniteVolumeAppendBoundaryCondition
    input = 'J_with_bc_left'
    bc_value = 0.0
    side = 'right'
  []
  [flux_divergence]
    type = FiniteVolumeGradient
    u = 'J_with_bc_left_with_bc_right'
    dx = ${dx}
    grad_u = 'concentration_rate'
  []
  [integrate_u]
    type = ScalarBackwardEulerTimeIntegration
    variable = 'concentration'
  []
  [implicit_rate]
    type = ComposedModel
    models = 'advection_velocity advective_flux left_bc right_bc flux_divergence integrate_u'
  []
  [predictor]
    type = ConstantExtrapolationPredictor
    unknowns_Scalar = 'concentration'
  []
  [model]
    type = ImplicitUpdate
    equation_system = 'eq_sys'
    solver = 'newton'
    predictor = 'predictor'
  []
[]
