E = 200e3
nu = 0.3
[Models/elasticity]
  coefficients = '${E} ${nu}'
  name = ${raw a ${nu} b}
  home = "${env HOME}"
  same = ${replace E}
[]
