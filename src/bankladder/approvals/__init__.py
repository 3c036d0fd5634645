"""The approvals inbox: what waits for the signed-in checker's decision."""
