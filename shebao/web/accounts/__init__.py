"""Staff accounts: a role, a service point for clerks and reviewers, API tokens."""
