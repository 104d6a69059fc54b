"""Imports: parsers per format (linkedin, vcard, csv_rows) feed one merge engine (engine)."""
