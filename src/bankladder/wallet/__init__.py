"""Share of wallet: each party's total wallet estimated from a high quantile of what its peers
hold with us, its share at our bank and the opportunity left (issue 6, resource mining)."""
