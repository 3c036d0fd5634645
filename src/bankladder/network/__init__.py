"""The referral network: prospects within two hops of the bank's intermediaries, the path of
introductions that leads to each, and how well each customer reaches non-customers."""
