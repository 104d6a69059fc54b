"""Query objects: read-only statements behind reports, built per engine where that matters."""
