# Common models whose parameters come from [Tensors] objects (needs the FullScalar / FillSR2
# generators).
[Tensors]
  [T]
    type = FullScalar
    value = 20.0
  []
  [weights]
    type = FullScalar
    batch_shape = '(5)'
    value = 0.5
  []
  [A]
    type = FillSR2
    values = '1 2 3 4 5 6'
  []
  [youngs]
    type = FullScalar
    batch_shape = '(5)'
    value = 150e3
  []
[]

[Models]
  [E]
    type = ScalarConstantParameter
    value = 'T'
  []
  [A_param]
    type = SR2ConstantParameter
    value = 'A'
    parameter = 'a'
  []
  [sum]
    type = ScalarLinearCombination
    from_var = 'x y'
    to_var = 'u'
    coefficients = 'weights 2'
    offset = 'T'
  []
  [el]
    type = LinearIsotropicElasticity
    coefficients = 'youngs 0.25'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
  []
  [wrong_type]
    type = ScalarMultiplication
    from_var = 'x'
    to_var = 'u'
    coefficient = 'A'
  []
[]
