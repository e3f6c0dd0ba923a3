# Finite-volume models: NEML2 v3's unit cases (its tests/models/finite_volume), with their
# per-cell parameters as sub-batched [Tensors], plus variants and compositions for the C++ tests.
[Tensors]
  [prefactor]
    type = Scalar
    values = '3 5'
    intermediate_dimension = 1
  []
  [dx]
    type = Scalar
    values = '1 1'
    intermediate_dimension = 1
  []
  [u_bc]
    type = Scalar
    values = '10'
    batch_shape = '(1)'
    intermediate_dimension = 1
  []
  [centers3]
    type = Scalar
    values = '0 0.5 1.5'
    intermediate_dimension = 1
  []
  [edges3]
    type = Scalar
    values = '0 0.2 1 2'
    intermediate_dimension = 1
  []
  [centers_sym]
    type = Scalar
    values = '-1 0 1'
    intermediate_dimension = 1
  []
  [bins]
    type = Scalar
    values = '0.1 0.5 1.0'
    intermediate_dimension = 1
  []
  # Five cells on a non-uniform grid: edges, centers, center spacings, cell widths.
  [edges5]
    type = Scalar
    values = '0 0.1 0.3 0.6 0.8 1.2'
    intermediate_dimension = 1
  []
  [centers5]
    type = Scalar
    values = '0.05 0.2 0.45 0.7 1.0'
    intermediate_dimension = 1
  []
  [dx_centers5]
    type = Scalar
    values = '0.15 0.25 0.25 0.3'
    intermediate_dimension = 1
  []
  [widths5]
    type = Scalar
    values = '0.1 0.2 0.3 0.2 0.4'
    intermediate_dimension = 1
  []
  [D5]
    type = Scalar
    values = '0.3 0.5 0.2 0.4 0.1'
    intermediate_dimension = 1
  []
[]

[Models]
  [gradient]
    type = FiniteVolumeGradient
    u = 'u'
    prefactor = 'prefactor'
    dx = 'dx'
    grad_u = 'grad_u'
  []
  [gradient_uniform]
    type = FiniteVolumeGradient
    u = 'u'
    dx = 0.5
    grad_u = 'grad_u'
  []
  [gradient_coupled]
    type = FiniteVolumeGradient
    u = 'u'
    prefactor = 'D'
    dx = '0.5 0.25 0.5'
    grad_u = 'grad_u'
  []
  [flux]
    type = FiniteVolumeUpwindedAdvectiveFlux
    u = 'u'
    v_edge = 'v_edge'
    flux = 'J'
  []
  [bc_left]
    type = FiniteVolumeAppendBoundaryCondition
    input = 'u_bar'
    bc_value = 'u_bc'
    side = 'left'
  []
  [bc_right]
    type = FiniteVolumeAppendBoundaryCondition
    input = 'u_bar'
    bc_value = -2
    side = 'right'
    output = 'with_bc'
  []
  [interpolate]
    type = LinearlyInterpolateToCellEdges
    cell_values = 'q_cell'
    cell_centers = 'centers3'
    cell_edges = 'edges3'
    edge_values = 'q_edge'
  []
  [transform]
    type = SemiInfiniteCoordinateTransform
    coordinate = 'state/x'
    shift = 1.0
  []
  [smeared]
    type = SmearedDeltaSource
    magnitude = 'state/mag'
    location = 'state/loc'
    width = 1.0
    cell_centers = 'centers_sym'
    smeared_source = 'state/source'
  []
  [dump]
    type = DumpInSmallestBin
    magnitude = 'state/mag'
    cell_centers = 'bins'
    dumped_source = 'state/source'
  []

  # A model that reads one value, given a per-cell parameter, runs once per cell.
  [scaling_per_cell]
    type = ScalarMultiplication
    from = 'a'
    to = 'b'
    scaling = 'centers3'
  []
  [interpolate_b]
    type = LinearlyInterpolateToCellEdges
    cell_values = 'b'
    cell_centers = 'centers3'
    cell_edges = 'edges3'
    edge_values = 'b_edge'
  []
  [scaled_then_interpolated]
    type = ComposedModel
    models = 'scaling_per_cell interpolate_b'
  []

  # Advection-diffusion rate on five non-uniform cells, closed at both ends (no flux through the
  # boundaries): the cell sizes are known from the parameters, so every variable's is too.
  [diffusivity]
    type = LinearlyInterpolateToCellEdges
    cell_values = 'D5'
    cell_centers = 'centers5'
    cell_edges = 'edges5'
    edge_values = 'D'
  []
  [velocity]
    type = LinearlyInterpolateToCellEdges
    cell_values = 'v_cell'
    cell_centers = 'centers5'
    cell_edges = 'edges5'
    edge_values = 'v_edge'
  []
  [diffusive_flux]
    type = FiniteVolumeGradient
    u = 'c'
    prefactor = 'D'
    dx = 'dx_centers5'
    grad_u = 'J_diffusive'
  []
  [advective_flux]
    type = FiniteVolumeUpwindedAdvectiveFlux
    u = 'c'
    v_edge = 'v_edge'
    flux = 'J_advective'
  []
  [total_flux]
    type = ScalarLinearCombination
    from = 'J_diffusive J_advective'
    to = 'J'
  []
  [closed_left]
    type = FiniteVolumeAppendBoundaryCondition
    input = 'J'
    bc_value = 0
  []
  [closed_right]
    type = FiniteVolumeAppendBoundaryCondition
    input = 'J_with_bc_left'
    bc_value = 0
    side = 'right'
  []
  [divergence]
    type = FiniteVolumeGradient
    u = 'J_with_bc_left_with_bc_right'
    dx = 'widths5'
    grad_u = 'c_rate'
  []
  [transport_rate]
    type = ComposedModel
    models = 'diffusivity velocity diffusive_flux advective_flux total_flux closed_left closed_right divergence'
  []
[]
