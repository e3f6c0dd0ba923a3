# TransientDriver runs of tests/unit/core/test_driver_*.cpp: an explicit elastic model, a rate
# of a prescribed variable (E~1, t~1), and a forward Euler accumulation from an initial condition.
[Tensors]
  [end_times]
    type = Scalar
    values = '1 2 4'
  []
  [times]
    type = LinspaceScalar
    start = 0
    end = 'end_times'
    nstep = 11
  []
  [max_strain]
    type = FillSR2
    values = '0.01 -0.003 -0.003 0.001 0 0.002'
  []
  [strains]
    type = LinspaceSR2
    start = 0
    end = 'max_strain'
    nstep = 11
  []
  [rates]
    type = LinspaceScalar
    start = 1
    end = 2
    nstep = 11
  []
[]

[Models]
  [elasticity]
    type = LinearIsotropicElasticity
    coefficients = '1e5 0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
    strain = 'E'
  []
  [Erate]
    type = SR2VariableRate
    variable = 'E'
  []
  [accumulate]
    type = ScalarForwardEulerTimeIntegration
    variable = 'x'
    rate = 'r'
  []
  [model]
    type = ComposedModel
    models = 'elasticity Erate accumulate'
  []
[]

[Drivers]
  [elastic]
    type = TransientDriver
    model = 'elasticity'
    prescribed_time = 'times'
    prescribed_SR2_names = 'E'
    prescribed_SR2_values = 'strains'
    show_progress = false
  []
  [driver]
    type = TransientDriver
    model = 'model'
    prescribed_time = 'times'
    prescribed_SR2_names = 'E'
    prescribed_SR2_values = 'strains'
    prescribed_Scalar_names = 'r'
    prescribed_Scalar_values = 'rates'
    ic_Scalar_names = 'x'
    ic_Scalar_values = 0.5
    show_progress = false
  []
  [v2_names]
    type = TransientDriver
    model = 'elasticity'
    prescribed_time = 'times'
    force_SR2_names = 'E'
    force_SR2_values = 'strains'
    show_progress = false
  []
[]

# TransientRegression (test_driver_regression.cpp sets the reference of each run).
[Drivers]
  [regression]
    type = TransientRegression
    driver = 'elastic'
    reference = 'elastic_reference.npz'
  []
  [regression_of_itself]
    type = TransientRegression
    driver = 'regression_of_itself'
    reference = 'elastic_reference.npz'
  []
  [regression_of_a_regression]
    type = TransientRegression
    driver = 'regression'
    reference = 'elastic_reference.npz'
  []
[]

# Verification (test_driver_verification.cpp writes the CSV references).
[Tensors]
  [stress_reference]
    type = CSVSR2
    csv_file = 'elastic_stress.csv'
    variable = 'stress'
  []
[]

[Drivers]
  [verification]
    type = Verification
    driver = 'elastic'
    SR2_names = 'output.stress'
    SR2_values = 'stress_reference'
  []
  [verification_steps]
    type = Verification
    driver = 'elastic'
    SR2_names = 'output.stress'
    SR2_values = 'stress_reference'
    time_steps = '2 5 10'
  []
  [verification_nothing]
    type = Verification
    driver = 'elastic'
  []
[]
