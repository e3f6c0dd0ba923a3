# A CoordinateDescentPredictor over several coordinates (one per slip system): the power-law slip
# rule as the rate law, the coupling A and trial shears b given as values (sub-batches (m, m) and
# (m)); test_crystal_plasticity_models.cpp checks the rates against the equation they solve.
[Models]
  [slip_rule]
    type = PowerLawSlipRule
    gamma0 = 1e-3
    n = 5
  []
  [descent]
    type = CoordinateDescentPredictor
    rate_law = 'slip_rule'
    driving_force_input = 'resolved_shears'
    coupling = 'coupling'
    trial_driving_force = 'resolved_shears_trial'
    rate = 'slip_rates'
  []
[]
