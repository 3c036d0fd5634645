"""Party 360: everything an RM needs to know about one party on one page, masked by default."""
