"""Public pages for citizens (no login): find an item, what to bring, check beforehand, dates."""
