"""Adapters over data packages: phone numbers (phonenumbers), US places (zipcodes) and
company names (cleanco)."""
