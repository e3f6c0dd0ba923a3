[A]
  [./b]
    rows = '1 2;
            3 4'
    text = "it's"
    raw = '''keep ${this} as is'''
    x := 1
  [../]
[]
[A]
  y = 2 # merged
[]
