# SlipSystemElasticInteraction with an anisotropic (orthotropic) stiffness for
# test_crystal_interaction.py; NEML2 3.1.0's values are in slip_interaction_v3_neml2.npy
# (tests/python/make_crystal_reference.py).
[Tensors]
  [a]
    type = Python
    expr = 'Scalar(1.0)'
  []
  [sdirs]
    type = Python
    expr = 'MillerIndex(torch.tensor([1, 1, 0], dtype=torch.int64))'
  []
  [splanes]
    type = Python
    expr = 'MillerIndex(torch.tensor([1, 1, 1], dtype=torch.int64))'
  []
  [C]
    type = Python
    expr = 'SSR4(torch.tensor([[200000.0, 90000, 70000, 0, 0, 0], [90000, 210000, 80000, 0, 0, 0], [70000, 80000, 190000, 0, 0, 0], [0, 0, 0, 110000, 0, 0], [0, 0, 0, 0, 100000, 0], [0, 0, 0, 0, 0, 120000]], dtype=torch.float64))'
  []
[]
[Data]
  [crystal_geometry]
    type = CubicCrystal
    lattice_parameter = 'a'
    slip_directions = 'sdirs'
    slip_planes = 'splanes'
  []
[]
[Models]
  [interaction]
    type = SlipSystemElasticInteraction
    elastic_stiffness_tensor = 'C'
  []
[]
