"""Query objects: read-only statements services ask for beyond one repository's records."""
