"""Operating the stored data: backup and restore."""
