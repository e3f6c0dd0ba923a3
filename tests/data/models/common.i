# Models of tests/unit/core/test_models_*.cpp: one block per configuration under test.
[Models]
  # LinearCombination
  [sum3]
    type = ScalarLinearCombination
    from_var = 'a b c'
    to_var = 'u'
    coefficients = '2 -3 0.5'
  []
  [sum_default]
    type = ScalarLinearCombination
    from_var = 'a b'
    to_var = 'u'
  []
  [sum_new_names]
    type = ScalarLinearCombination
    from = 'a b'
    to = 'u'
    weights = 1.5
    offset = 0.25
  []
  [sum_old_offset]
    type = ScalarLinearCombination
    from_var = 'a'
    to_var = 'u'
    coefficients = -1.0
    constant_coefficient = 1.0
  []
  [sum_var_coef]
    type = ScalarLinearCombination
    from_var = 'a b'
    to_var = 'u'
    coefficients = 'k 2'
    offset = 'd'
  []
  [sr2_sum]
    type = SR2LinearCombination
    from_var = 'x y'
    to_var = 'z'
    coefficients = '2 -1'
    offset = 0.1
  []
  # VariableRate
  [scalar_rate]
    type = ScalarVariableRate
    variable = 'foo'
  []
  [sr2_rate]
    type = SR2VariableRate
    variable = 'strain'
    time = 'time'
    rate = 'edot'
  []
  # SR2Invariant
  [i1]
    type = SR2Invariant
    invariant_type = I1
    tensor = 'A'
    invariant = 'i'
  []
  [i2]
    type = SR2Invariant
    invariant_type = I2
    tensor = 'A'
    invariant = 'i'
  []
  [vm]
    type = SR2Invariant
    invariant_type = VONMISES
    tensor = 'A'
    invariant = 'i'
  []
  [eff]
    type = SR2Invariant
    invariant_type = EFFECTIVE_STRAIN
    tensor = 'A'
    invariant = 'i'
  []
  # IsotropicMandelStress
  [mandel]
    type = IsotropicMandelStress
  []
  [mandel_renamed]
    type = IsotropicMandelStress
    cauchy_stress = 'S'
    mandel_stress = 'M'
  []
  # ScalarMultiplication
  [product]
    type = ScalarMultiplication
    from = 'A B C D'
    to = 'E'
    scaling = 1.5
  []
  [product_reciprocal]
    type = ScalarMultiplication
    from_var = 'a b c'
    to_var = 'u'
    coefficient = -2
    reciprocal = 'false true true'
  []
  [product_all_reciprocal]
    type = ScalarMultiplication
    from_var = 'a b'
    to_var = 'u'
    reciprocal = true
  []
  # ConstantParameter / InputParameter
  [E]
    type = ScalarConstantParameter
    value = 200e3
  []
  [C]
    type = SR2ConstantParameter
    value = '1 2 3 4 5 6'
    parameter = 'c'
  []
  [coupled]
    type = ScalarConstantParameter
    value = 'T'
  []
  [p]
    type = ScalarInputParameter
    from = 'T'
  []
  [q]
    type = SR2InputParameter
    from = 'stress'
    to = 'sigma'
  []
  [p_v3_defaults]
    type = ScalarInputParameter
  []
  [q_v3]
    type = SR2InputParameter
    variable = 'stress'
    parameter = 'sigma'
  []
  [sr2_rate_v3]
    type = SR2VariableRate
    variable = 'strain'
    time = 'time'
    variable_rate = 'edot'
  []
[]
[Models]
  # Copies, parameters as variables, splits and conversions (test_models_common_utilities.cpp)
  [copy_sr2]
    type = CopySR2
  []
  [copy_mrp]
    type = CopyMRP
    from = 'r'
    to = 'r_copy'
  []
  [p2v_sr2]
    type = SR2ParameterToVariable
    from = '1 2 3 4 5 6'
  []
  [p2v_coupled]
    type = ScalarParameterToVariable
    from = 'T'
    to = 'T_out'
  []
  [mrp_constant]
    type = MRPConstantParameter
    value = '0.1 -0.2 0.3'
  []
  [miller_input]
    type = MillerIndexInputParameter
  []
  [split]
    type = MacaulaySplit
  []
  [diagonal]
    type = ScalarToDiagonalSR2
    input = 'p'
    output = 'P'
  []
  [components]
    type = VecComponents
    from = 'traction'
    to = 'tn ts1 ts2'
  []
  [components_two]
    type = VecComponents
    to = 'a b'
  []
  [det_sr2]
    type = SR2Determinant
  []
  [det_r2]
    type = R2Determinant
    input = 'F'
    determinant = 'J'
  []
[]
