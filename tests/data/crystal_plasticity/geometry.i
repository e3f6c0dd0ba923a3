# Crystal geometries for test_crystal_geometry.cpp.
[Tensors]
  [a]
    type = Scalar
    values = 2
  []
  [fcc_directions]
    type = MillerIndex
    values = '1 1 0'
  []
  [fcc_planes]
    type = MillerIndex
    values = '1 1 1'
  []
  [bcc_directions]
    type = MillerIndex
    values = '1 1 1 1 1 1'
    batch_shape = '(2)'
  []
  [bcc_planes]
    type = MillerIndex
    values = '1 1 0 1 1 2'
    batch_shape = '(2)'
  []
  [one_plane]
    type = MillerIndex
    values = '1 1 1'
  []
  [bad_family]
    type = MillerIndex
    values = '1 1 1'
  []
  [scaled]
    type = MillerIndex
    values = '2 2 0'
  []
  [strain]
    type = SR2
    values = '0 0 0 0 0 0'
  []
[]

[Data]
  [fcc]
    type = CubicCrystal
    lattice_parameter = 1
    slip_directions = 'fcc_directions'
    slip_planes = 'fcc_planes'
  []
  [fcc_a2]
    type = CubicCrystal
    lattice_parameter = 'a'
    slip_directions = 'scaled'
    slip_planes = 'fcc_planes'
  []
  [bcc]
    type = CubicCrystal
    lattice_parameter = 1
    slip_directions = 'bcc_directions'
    slip_planes = 'bcc_planes'
  []
  [mismatched]
    type = CubicCrystal
    lattice_parameter = 1
    slip_directions = 'bcc_directions'
    slip_planes = 'one_plane'
  []
  [no_system]
    type = CubicCrystal
    lattice_parameter = 1
    slip_directions = 'bad_family'
    slip_planes = 'fcc_planes'
  []
  [not_miller]
    type = CubicCrystal
    lattice_parameter = 1
    slip_directions = 'strain'
    slip_planes = 'fcc_planes'
  []
  [negative]
    type = CubicCrystal
    lattice_parameter = -1
    slip_directions = 'fcc_directions'
    slip_planes = 'fcc_planes'
  []
[]
