"""People: records and cards, merges and duplicates, erasure, suppressions, exports for outreach."""
