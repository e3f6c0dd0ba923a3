# ScalarLinearInterpolation (tests/unit/core/test_models_interpolation.cpp).
[Tensors]
  [T_table]
    type = LinspaceScalar
    start = 273.15
    end = 2000
    nstep = 100
  []
  [E_table]
    type = LinspaceScalar
    start = 1.9e5
    end = 1.2e5
    nstep = 100
  []
  [short_table]
    type = LinspaceScalar
    start = 0
    end = 1
    nstep = 7
  []
[]

[Tensors]
  [stress_grid]
    # 2 x 2 grid of SR2s: component c at node (i, j) is 10 c + 2 i + j
    type = SR2
    values = '0 10 20 30 40 50  1 11 21 31 41 51  2 12 22 32 42 52  3 13 23 33 43 53'
    batch_shape = '(2,2)'
  []
[]

[Models]
  [hat]
    type = ScalarLinearInterpolation
    argument = 'x'
    abscissa = '0 1 3'
    ordinate = '10 20 0'
  []
  [E]
    type = ScalarLinearInterpolation
    argument = 'T'
    abscissa = 'T_table'
    ordinate = 'E_table'
  []
  [decreasing]
    type = ScalarLinearInterpolation
    abscissa = '0 2 1'
    ordinate = '1 2 3'
  []
  [mismatched]
    type = ScalarLinearInterpolation
    abscissa = 'T_table'
    ordinate = 'short_table'
  []
  [grid]
    # f = 1 + 2 x - y + 0.5 x y at x in (0, 1, 3), y in (-1, 0.5, 2), row by row
    type = ScalarBilinearInterpolation
    argument1 = 'x'
    argument2 = 'y'
    abscissa1 = '0 1 3'
    abscissa2 = '-1 0.5 2'
    ordinate = '2 0.5 -1  3.5 2.75 2  6.5 7.25 8'
  []
  [neml2_grid]
    type = ScalarBilinearInterpolation
    argument1 = 'T'
    argument2 = 'eps'
    abscissa1 = '0 1 2'
    abscissa2 = '0 2'
    ordinate = '1 2 3 4 5 6'
    output = 'E'
  []
  [sr2_grid]
    type = SR2BilinearInterpolation
    abscissa1 = '0 1'
    abscissa2 = '0 1'
    ordinate = 'stress_grid'
  []
  [short_grid]
    type = ScalarBilinearInterpolation
    abscissa1 = '0 1'
    abscissa2 = '0 1'
    ordinate = '1 2 3'
  []
[]
