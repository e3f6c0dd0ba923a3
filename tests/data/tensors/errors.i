# Bad [Tensors] blocks; each is built on its own by test_generators_errors.cpp.
[Tensors]
  [sr2_ok]
    type = FillSR2
    values = 1
  []
  [two]
    type = Scalar
    values = '1 2'
  []
  [three]
    type = Scalar
    values = '1 2 3'
  []
  [fill_sr2_count]
    type = FillSR2
    values = '1 2'
  []
  [fill_r2_count]
    type = FillR2
    values = '1 2 3 4'
  []
  [fill_wr2_count]
    type = FillWR2
    values = '1 2 3 4'
  []
  [fill_unknown_name]
    type = FillSR2
    values = 'tow 0 0'
  []
  [fill_wrong_type]
    type = FillSR2
    values = 'sr2_ok 0 0'
  []
  [fill_no_broadcast]
    type = FillVec
    values = 'two three 0'
  []
  [full_bad_shape]
    type = FullScalar
    batch_shape = '2,3'
    value = 1
  []
  [full_no_value]
    type = FullScalar
    batch_shape = '(2)'
  []
  [values_count]
    type = SR2
    values = '1 2 3 4'
  []
  [values_batch_count]
    type = Vec
    values = '1 2 3'
    batch_shape = '(2)'
  []
  [lin_nstep]
    type = LinspaceScalar
    start = 0
    end = 1
    nstep = 0
  []
  [lin_dim]
    type = LinspaceScalar
    start = two
    end = 1
    nstep = 3
    dim = 2
  []
  [lin_wrong_type]
    type = LinspaceScalar
    start = sr2_ok
    end = 1
    nstep = 3
  []
  [lin_no_broadcast]
    type = LinspaceScalar
    start = two
    end = three
    nstep = 3
  []
  [csv_missing]
    type = CSVScalar
    csv_file = 'no_such_file.csv'
  []
  [csv_unknown_column]
    type = CSVScalar
    csv_file = 'data.csv'
    column_names = 'strain_ww'
  []
  [csv_column_count]
    type = CSVSR2
    csv_file = 'data.csv'
    column_names = 'time strain_xx'
  []
  [csv_all_columns_count]
    type = CSVSR2
    csv_file = 'data.csv'
  []
  [csv_index_range]
    type = CSVVec
    csv_file = 'data.csv'
    column_indices = '0 1 7'
  []
  [csv_index_word]
    type = CSVScalar
    csv_file = 'data.csv'
    column_indices = 'one'
  []
  [csv_variable_and_names]
    type = CSVSR2
    csv_file = 'data.csv'
    variable = 'strain'
    column_names = 'strain'
  []
  [csv_variable_missing]
    type = CSVSR2
    csv_file = 'data.csv'
    variable = 'stress'
  []
  [csv_names_and_indices]
    type = CSVScalar
    csv_file = 'data.csv'
    column_names = 'time'
    column_indices = '0'
  []
  [csv_names_no_header]
    type = CSVScalar
    csv_file = 'data.csv'
    column_names = 'time'
    no_header = true
  []
  [csv_bad_cell]
    type = CSVVec
    csv_file = 'data_bad_cell.csv'
  []
  [csv_ragged]
    type = CSVVec
    csv_file = 'data_ragged.csv'
  []
  [csv_starting_row]
    type = CSVScalar
    csv_file = 'data.csv'
    column_names = 'time'
    starting_row = -1
  []
  [python_without_the_package]
    type = Python
    expr = 'SR2.fill(0.1, -0.05, -0.05, 0.0, 0.0, 0.0).dynamic_batch.expand(20)'
  []
[]
