"""Adapters over data packages: phone numbers (phonenumbers), US places (zipcodes), company names
(cleanco), the parts of a name (nameparser) and nicknames of given names (nicknames)."""
