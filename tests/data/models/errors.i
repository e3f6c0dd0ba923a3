# Malformed blocks of the common models; tests/unit/core/test_models_errors.cpp loads each by
# name and checks the message and its file:line:col. Keep line numbers in step with the test.
[Models]
  [lc_typo]
    type = ScalarLinearCombination
    from_var = 'a b'
    to_var = 'u'
    coefficent = '1 2'
  []
  [lc_count]
    type = SR2LinearCombination
    from_var = 'a b'
    to_var = 'u'
    coefficients = '1 2 3'
  []
  [lc_both]
    type = ScalarLinearCombination
    from_var = 'a b'
    from = 'a b'
    to_var = 'u'
  []
  [lc_missing]
    type = ScalarLinearCombination
    to_var = 'u'
  []
  [rate_typo]
    type = ScalarVariableRate
    varible = 'foo'
  []
  [rate_same]
    type = SR2VariableRate
    variable = 'x'
    time = 'x'
  []
  [inv_enum]
    type = SR2Invariant
    invariant_type = VONMISSES
    tensor = 'A'
    invariant = 'i'
  []
  [inv_missing]
    type = SR2Invariant
    tensor = 'A'
    invariant = 'i'
  []
  [mandel_typo]
    type = IsotropicMandelStress
    cauchy_stres = 'S'
  []
  [mul_bool]
    type = ScalarMultiplication
    from_var = 'a b'
    to_var = 'u'
    reciprocal = 'false maybe'
  []
  [mul_count]
    type = ScalarMultiplication
    from_var = 'a b c'
    to_var = 'u'
    reciprocal = 'true false'
  []
  [const_count]
    type = ScalarConstantParameter
    value = '1 2'
  []
  [const_sr2_count]
    type = SR2ConstantParameter
    value = '1 2 3'
  []
  [input_same]
    type = ScalarInputParameter
    from = 'input_same'
  []
  [el_enum]
    type = LinearIsotropicElasticity
    coefficients = '200e3 0.3'
    coefficient_types = 'YOUNG_MODULUS POISSONS_RATIO'
  []
  [el_count]
    type = LinearIsotropicElasticity
    coefficients = '200e3 0.3 1'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
  []
  [el_typo]
    type = LinearIsotropicElasticity
    coefficients = '200e3 0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
    compliant = true
  []
  [rate_both]
    type = ScalarVariableRate
    variable = 'foo'
    variable_rate = 'a'
    rate = 'b'
  []
[]
