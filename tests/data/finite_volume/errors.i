[Tensors]
  [three]
    type = Scalar
    values = '0.5 1 1.5'
    intermediate_dimension = 1
  []
  [two]
    type = Scalar
    values = '1 1'
    intermediate_dimension = 1
  []
  [grid]
    type = Scalar
    values = '1 2 3 4'
    batch_shape = '(2,2)'
    intermediate_dimension = 2
  []
  [bad_linspace]
    type = LinspaceScalar
    start = 0
    end = 1
    nstep = 4
    group = intermediate
    dim = 1
  []
[]

[Models]
  [sizes_disagree]
    type = FiniteVolumeGradient
    u = 'u'
    dx = 'three'
    prefactor = 'two'
    grad_u = 'g'
  []
  [spacing_zero]
    type = FiniteVolumeGradient
    u = 'u'
    dx = 0
    grad_u = 'g'
  []
  [two_axes]
    type = FiniteVolumeGradient
    u = 'u'
    dx = 'grid'
    grad_u = 'g'
  []
  [bc_two_values]
    type = FiniteVolumeAppendBoundaryCondition
    input = 'J'
    bc_value = '1 2'
  []
  [bc_variable]
    type = FiniteVolumeAppendBoundaryCondition
    input = 'J'
    bc_value = 'J_boundary'
  []
  [velocity_is_u]
    type = FiniteVolumeUpwindedAdvectiveFlux
    u = 'u'
    v_edge = 'u'
    flux = 'J'
  []
  [edges_short]
    type = LinearlyInterpolateToCellEdges
    cell_values = 1
    cell_centers = 'three'
    cell_edges = 'three'
    edge_values = 'q'
  []
  [coefficients_disagree]
    type = ScalarLinearCombination
    from = 'a b'
    to = 'c'
    weights = 'three two'
  []
  [linspace_dim]
    type = FiniteVolumeGradient
    u = 'u'
    dx = 'bad_linspace'
    grad_u = 'g'
  []
  [interpolate3]
    type = LinearlyInterpolateToCellEdges
    cell_values = 1
    cell_centers = 'three'
    cell_edges = '0 0.2 1 2'
    edge_values = 'q'
  []
  [gradient_of_three_edges]
    type = FiniteVolumeGradient
    u = 'q'
    dx = 'three'
    grad_u = 'g'
  []
  [cells_disagree]
    type = ComposedModel
    models = 'interpolate3 gradient_of_three_edges'
  []
[]
