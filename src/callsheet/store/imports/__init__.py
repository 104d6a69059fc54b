"""What the importer reads and writes: batch look-ups by key, and each table written in one statement."""
