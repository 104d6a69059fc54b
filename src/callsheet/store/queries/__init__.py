"""Read-only queries: what services read that is not one repository's records."""
