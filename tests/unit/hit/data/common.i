# Shared constants
nu = 0.3
