"""Industry focus: GB/T 4754-2017, the bank's target industries, RM specialisations, the
concentration of each RM's book and prospect lists per industry and region."""
