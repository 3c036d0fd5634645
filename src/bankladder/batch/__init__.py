"""Batch evaluation at scale: the store's source tables out as Parquet, the playbook evaluated
on Spark over them, and the results back into the store in bulk."""
