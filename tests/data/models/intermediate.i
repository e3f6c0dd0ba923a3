# Reductions and differences along a sub-batch (NEML2's intermediate dimensions): x has 3 x 4
# values per point, as [Settings] declares.
[Models]
  [sum]
    type = SR2IntermediateSum
    from = 'x'
    to = 'y'
    reduces = 'grain'
  []
  [mean]
    type = SR2IntermediateMean
    from = 'x'
    to = 'y'
    reduces = 'grain'
  []
  [diff_first]
    type = SR2IntermediateDiff
    from = 'x'
    to = 'y'
    dim = 0
    n = 2
    reduces = 'grain'
  []
  [diff_last]
    type = SR2IntermediateDiff
    from = 'x'
    to = 'y'
    dim = -1
    reduces = 'grain'
  []
  [too_short]
    type = SR2IntermediateDiff
    from = 'x'
    to = 'y'
    dim = 0
    n = 3
    reduces = 'grain'
  []
[]

[Settings]
  [example_batch_shape]
    x = '(2; 3, 4)'
  []
[]
