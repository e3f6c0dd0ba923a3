# [Tensors] generators, checked against hand-worked values in test_generators.cpp.
[Tensors]
  [full_scalar]
    type = FullScalar
    batch_shape = '(2,3)'
    value = 1.5
  []
  [full_sr2]
    type = FullSR2
    batch_shape = '(5)'
    value = -2
  []
  [full_vec]
    type = FullVec
    value = 3
  []
  [full_rot]
    type = FullRot
    batch_shape = '(1)'
    value = 0.25
  []
  [scalars]
    type = Scalar
    values = '1 2 3'
  []
  [one_scalar]
    type = Scalar
    values = 4
  []
  [shaped_vec]
    type = Vec
    values = '1 2 3 4 5 6'
    batch_shape = '(2,1)'
  []
  [sr2_1]
    type = FillSR2
    values = 2
  []
  [sr2_3]
    type = FillSR2
    values = '1 2 3'
  []
  [sr2_6]
    type = FillSR2
    values = '1 2 3 4 5 6'
  []
  [sr2_batched]
    type = FillSR2
    values = 'scalars 0 one_scalar 0.5 0 0'
  []
  [r2_1]
    type = FillR2
    values = 2
  []
  [r2_3]
    type = FillR2
    values = '1 2 3'
  []
  [r2_6]
    type = FillR2
    values = '1 2 3 4 5 6'
  []
  [r2_9]
    type = FillR2
    values = '1 2 3 4 5 6 7 8 9'
  []
  [wr2]
    type = FillWR2
    values = '0.1 0.2 0.3'
  []
  [vec]
    type = FillVec
    values = '1 -2 3'
  []
  [miller]
    type = FillMillerIndex
    values = '1 1 0'
  []
  [mrp]
    type = FillMRP
    values = '0.1 0.2 0.3'
  []
  [rot_standard]
    type = FillRot
    values = '1 2 2'
    method = standard
  []
  [lin]
    type = LinspaceScalar
    start = 0
    end = 1
    nstep = 5
  []
  [lin_start]
    type = Scalar
    values = '1 2'
  []
  [lin_end]
    type = Scalar
    values = '3 6'
  []
  [lin_dim0]
    type = LinspaceScalar
    start = lin_start
    end = lin_end
    nstep = 3
  []
  [lin_dim1]
    type = LinspaceScalar
    start = lin_start
    end = lin_end
    nstep = 3
    dim = 1
  []
  [lin_dim_neg]
    type = LinspaceScalar
    start = lin_start
    end = lin_end
    nstep = 3
    dim = -1
  []
  [lin_one_step]
    type = LinspaceScalar
    start = lin_start
    end = 9
    nstep = 1
  []
  [lin_sr2]
    type = LinspaceSR2
    start = sr2_3
    end = sr2_6
    nstep = 3
  []
  [log]
    type = LogspaceScalar
    start = 0
    end = 2
    nstep = 3
  []
  [log2]
    type = LogspaceScalar
    start = 1
    end = 3
    nstep = 3
    base = 2
  []
  [csv_time]
    type = CSVScalar
    csv_file = data.csv
    column_names = 'time'
  []
  [csv_strain]
    type = CSVSR2
    csv_file = 'data.csv'
    column_names = 'strain'
  []
  [csv_strain_names]
    type = CSVSR2
    csv_file = 'data.csv'
    column_names = 'strain_xx strain_yy strain_zz strain_yz strain_xz strain_xy'
  []
  [csv_strain_indices]
    type = CSVSR2
    csv_file = 'data.csv'
    column_indices = '1 2 3 4 5 6'
  []
  [csv_time_variable]
    type = CSVScalar
    csv_file = 'data.csv'
    variable = 'time'
  []
  [csv_strain_variable]
    type = CSVSR2
    csv_file = 'data.csv'
    variable = 'strain'
  []
  [csv_strain_physical]
    type = CSVSR2
    csv_file = 'data.csv'
    variable = 'strain'
    apply_mandel = true
  []
  [csv_spin_variable]
    type = CSVWR2
    csv_file = 'data_wr2.csv'
    variable = 'spin'
  []
  [csv_space]
    type = CSVVec
    csv_file = 'data_space.txt'
    delimiter = SPACE
    no_header = true
  []
  [csv_comment]
    type = CSVVec
    csv_file = 'data_comment.csv'
    delimiter = SEMICOLON
    starting_row = 2
    column_indices = '2 1 0'
  []
  [multi]
    type = MultiColumnCSVScalar
    csv_file = 'data.csv'
    column_names = 'time strain_xx'
  []
  [multi_row]
    type = MultiColumnCSVScalar
    csv_file = 'data.csv'
    column_names = 'time strain_xx'
    indexing = ROW_MAJOR
  []
[]
