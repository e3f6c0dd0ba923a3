# The rheological elements, alone and in a Zener stress relaxation solved implicitly
# (tests/unit/core/test_models_viscoelasticity.cpp).
[Models]
  [dashpot]
    type = LinearDashpot
    viscosity = 200
  []
  [kelvin_voigt]
    type = KelvinVoigtElement
    modulus = 2000
    viscosity = 100
  []
  [zener]
    type = ZenerElement
    equilibrium_modulus = 1000
    maxwell_modulus = 5000
    maxwell_viscosity = 200
  []
  [wiechert]
    type = WiechertElement
    equilibrium_modulus = 1000
    modulus_1 = 5000
    viscosity_1 = 200
    modulus_2 = 2000
    viscosity_2 = 1000
  []
  [burgers]
    type = BurgersElement
    maxwell_modulus = 5000
    maxwell_viscosity = 200
    kelvin_modulus = 2000
    kelvin_viscosity = 100
  []
  [dashpot_renamed]
    type = LinearDashpot
    viscosity = 'eta_field'
    stress = 'S'
    viscous_strain_rate = 'Ev_rate'
  []
  [dashpot_same]
    type = LinearDashpot
    viscosity = 200
    viscous_strain_rate = 'stress'
  []

  # Zener relaxation: backward Euler on the viscous strain, Newton on the residual.
  [integrate]
    type = SR2BackwardEulerTimeIntegration
    variable = 'viscous_strain'
  []
  [residual]
    type = ComposedModel
    models = 'zener integrate'
  []
  [update]
    type = ImplicitUpdate
    equation_system = 'eq'
    solver = 'newton'
  []
  [relaxation]
    type = ComposedModel
    models = 'update zener'
    additional_outputs = 'viscous_strain'
  []
[]
[EquationSystems]
  [eq]
    type = NonlinearSystem
    model = 'residual'
    unknowns = 'viscous_strain'
  []
[]
[Solvers]
  [newton]
    type = Newton
    abs_tol = 1e-12
    rel_tol = 1e-12
  []
[]
[Models]
  [burgers_same]
    type = BurgersElement
    maxwell_modulus = 5000
    maxwell_viscosity = 200
    kelvin_modulus = 2000
    kelvin_viscosity = 100
    kelvin_voigt_strain = 'strain'
  []
[]
