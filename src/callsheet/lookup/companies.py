"""Company names as people write them: the one key that every spelling of a company shares.

The legal forms ("Inc.", "Corp", "Corporation", "LLC", "Ltd", "GmbH", "S.A." ...) are cleanco's list, so
the desk knows the same suffixes in every country cleanco knows.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cleanco import basename
from cleanco.clean import normalized

KEY_MAX = 300  # the width of companies.name_key
_JOINING = re.compile(r"[.'\u2019]")  # "A.C.M.E." is "ACME", "O'Neil" is "ONeil"
_SEPARATING = re.compile(r"[\W_]+")  # every other mark parts words: "Acme-Corp", "AT&T", "Acme, Inc."


@lru_cache(maxsize=65536)
def company_key(name: str) -> str:
    """The key two spellings of one company share: case, accents, punctuation, spacing and legal forms
    do not count; every other word does.

    >>> company_key("ACME, Inc.") == company_key("Acme Corporation") == company_key("  acme   corp ") == "acme"
    True
    >>> company_key("Acme Rockets LLC")
    'acme rockets'
    >>> company_key("Société Générale S.A.")
    'societe generale'

    A name that is nothing but a legal form keeps it, so it still names one company:

    >>> company_key("Corp.")
    'corp'
    """
    words: str = _SEPARATING.sub(" ", _JOINING.sub("", normalized(name))).strip()
    base = words
    while (shorter := str(basename(base))) and shorter != base:
        base = shorter
    key = base or words or " ".join(name.split()).casefold()
    return key[:KEY_MAX]
