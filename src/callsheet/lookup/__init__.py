"""Adapters over data packages: phone numbers (phonenumbers) and US places (zipcodes)."""
