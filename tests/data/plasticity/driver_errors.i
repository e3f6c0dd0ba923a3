# Malformed TransientDriver blocks; tests/unit/core/test_driver_errors.cpp checks each message.
[Tensors]
  [times]
    type = LinspaceScalar
    start = 0
    end = 1
    nstep = 11
  []
  [short_strains]
    type = LinspaceSR2
    start = 0
    end = 0.01
    nstep = 5
  []
  [strains]
    type = LinspaceSR2
    start = 0
    end = 0.01
    nstep = 11
  []
  [spins]
    type = FullWR2
    batch_shape = '(11,)'
    value = 0.1
  []
  [rotations]
    type = FullRot
    batch_shape = '(11,)'
    value = 0.1
  []
  [batch3]
    type = Scalar
    values = '0 0 0 1 1 1 2 2 2 3 3 3 4 4 4 5 5 5 6 6 6 7 7 7 8 8 8 9 9 9 10 10 10'
    batch_shape = '(11,3)'
  []
  [batch4]
    type = FullSR2
    batch_shape = '(11,4)'
    value = 0.001
  []
  [one_time]
    type = Scalar
    values = 1
  []
[]

[Models]
  [elasticity]
    type = LinearIsotropicElasticity
    coefficients = '1e5 0.3'
    coefficient_types = 'YOUNGS_MODULUS POISSONS_RATIO'
    strain = 'E'
  []
  [needs_foo]
    type = SR2LinearCombination
    from = 'E foo'
    to = 'sum'
  []
[]

[Drivers]
  [missing_tensor]
    type = TransientDriver
    model = 'elasticity'
    prescribed_time = 'times'
    prescribed_SR2_names = 'E'
    prescribed_SR2_values = 'strians'
  []
  [short]
    type = TransientDriver
    model = 'elasticity'
    prescribed_time = 'times'
    prescribed_SR2_names = 'E'
    prescribed_SR2_values = 'short_strains'
  []
  [batch_mismatch]
    type = TransientDriver
    model = 'elasticity'
    prescribed_time = 'batch3'
    prescribed_SR2_names = 'E'
    prescribed_SR2_values = 'batch4'
  []
  [unknown_model]
    type = TransientDriver
    model = 'elastcity'
    prescribed_time = 'times'
  []
  [unprovided_input]
    type = TransientDriver
    model = 'needs_foo'
    prescribed_time = 'times'
    prescribed_SR2_names = 'E'
    prescribed_SR2_values = 'strains'
  []
  # Every tensor type has prescribed_<Type>_names/values (MRP also as Rot): read, and checked
  # against the model like any other.
  [unused_wr2]
    type = TransientDriver
    model = 'elasticity'
    prescribed_time = 'times'
    prescribed_SR2_names = 'E'
    prescribed_SR2_values = 'strains'
    prescribed_WR2_names = 'w'
    prescribed_WR2_values = 'spins'
  []
  [unused_rot]
    type = TransientDriver
    model = 'elasticity'
    prescribed_time = 'times'
    prescribed_SR2_names = 'E'
    prescribed_SR2_values = 'strains'
    prescribed_Rot_names = 'r'
    prescribed_Rot_values = 'rotations'
  []
  [wrong_type]
    type = TransientDriver
    model = 'elasticity'
    prescribed_time = 'times'
    prescribed_Scalar_names = 'E'
    prescribed_Scalar_values = 'strains'
  []
  [count]
    type = TransientDriver
    model = 'elasticity'
    prescribed_time = 'times'
    prescribed_SR2_names = 'E'
    prescribed_SR2_values = 'strains strains'
  []
  [ic_not_output]
    type = TransientDriver
    model = 'elasticity'
    prescribed_time = 'times'
    prescribed_SR2_names = 'E'
    prescribed_SR2_values = 'strains'
    ic_SR2_names = 'E'
    ic_SR2_values = 0
  []
  [unused]
    type = TransientDriver
    model = 'elasticity'
    prescribed_time = 'times'
    prescribed_SR2_names = 'E strain'
    prescribed_SR2_values = 'strains strains'
  []
  [bad_save]
    type = TransientDriver
    model = 'elasticity'
    prescribed_time = 'times'
    prescribed_SR2_names = 'E'
    prescribed_SR2_values = 'strains'
    save_as = 'result.pt'
  []
  [no_steps]
    type = TransientDriver
    model = 'elasticity'
    prescribed_time = 'one_time'
  []
  [number_prescribed]
    type = TransientDriver
    model = 'elasticity'
    prescribed_time = 'times'
    prescribed_SR2_names = 'E'
    prescribed_SR2_values = 0.01
  []
  [both_spellings]
    type = TransientDriver
    model = 'elasticity'
    prescribed_time = 'times'
    prescribed_SR2_names = 'E'
    prescribed_SR2_values = 'strains'
    force_SR2_names = 'E'
    force_SR2_values = 'strains'
  []
  [type_mismatch]
    type = TransientDriver
    model = 'elasticity'
    prescribed_time = 'times'
    prescribed_Scalar_names = 'E'
    prescribed_Scalar_values = 'times'
  []
[]
