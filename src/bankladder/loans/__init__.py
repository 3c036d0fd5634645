"""The loan pipeline: applications moving through their steps, the checklist, turnaround on a
working-day calendar, SLA breaches and credit quotas."""
