"""Who may do what, and the one place that scopes queries to what a user may see."""
