"""Cases (办件): intake stored with its frozen decision, status history, documents, lookups."""
