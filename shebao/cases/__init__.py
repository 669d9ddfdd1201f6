"""Cases (办件): applicants, case numbers, statuses, the intake decision and its deadlines."""
