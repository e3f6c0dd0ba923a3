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
[]
