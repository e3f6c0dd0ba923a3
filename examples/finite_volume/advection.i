# Advection of a Gaussian pulse along a closed 1-D channel, by finite volumes.
#
#   transport          dc/dt = -d(v c)/dx, v = 0.5, on 50 cells over [0, 1]
#   edge velocity      v interpolated from the cells onto the interior edges
#                      (LinearlyInterpolateToCellEdges)
#   flux               J = v c of the upwind cell on each interior edge
#                      (FiniteVolumeUpwindedAdvectiveFlux)
#   closed ends        J = 0 on both boundary edges (FiniteVolumeAppendBoundaryCondition)
#   divergence         dc/dt = -(J_right - J_left) / dx per cell (FiniteVolumeGradient)
#   time               backward Euler on every cell at once (one Newton system per point)
#
# No flux leaves the channel, so the total amount sum(c dx) stays what it was, to round-off;
# the pulse moves by v t = 0.4 and spreads by the scheme's numerical diffusion, which shrinks in
# proportion to the cell size (the upwind scheme is first-order). The cell-wise tensors are
# Python expressions, as in NEML2 v3's own finite-volume inputs: run this file with the
# neml2-run that `pip install` provides (or NEML2 itself).
# Run: neml2-run advection.i driver
L = 1.0
N_edges = 51
v = 0.5
c0 = 1.0
width = 0.06
center = 0.3
t_end = 0.8
steps = 81

[Tensors]
  [edges]
    type = Python
    expr = 'linspace(Scalar(0.0).sub_batch, Scalar(${L}).sub_batch, ${N_edges})'
  []
  [centers]
    type = Python
    expr = 'Scalar(0.5 * (edges.data[..., 1:] + edges.data[..., :-1]), sub_batch_ndim=1)'
  []
  [dx]
    type = Python
    expr = 'Scalar(edges.data[..., 1:] - edges.data[..., :-1], sub_batch_ndim=1)'
  []
  [velocity]
    type = Python
    expr = 'Scalar(torch.full_like(centers.data, ${v}), sub_batch_ndim=1)'
  []
  [ic]
    type = Python
    expr = 'Scalar(${c0} * torch.exp(-0.5 * ((centers.data - ${center}) / ${width}) ** 2), sub_batch_ndim=1)'
  []
  [time]
    type = Python
    expr = 'linspace(Scalar(0.0).dynamic_batch, Scalar(${t_end}).dynamic_batch, ${steps})'
  []
[]

[Drivers]
  [driver]
    type = TransientDriver
    model = 'model'
    prescribed_time = 'time'
    ic_Scalar_names = 'concentration'
    ic_Scalar_values = 'ic'
    save_as = 'advection.npz'
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
    cell_values = 'velocity'
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
    dx = 'dx'
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
