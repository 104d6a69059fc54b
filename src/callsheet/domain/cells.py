"""Cells of a file a spreadsheet opens: the one guard against a cell being run as a formula.

A spreadsheet runs a cell starting with `=`, `+`, `-` or `@` (and, in some, a tab or a carriage
return) as a formula: a name such as `=HYPERLINK(...)` in an export would act on the reader's
machine (CSV injection). Every CSV the product writes passes its cells through `spreadsheet_safe`;
the CSV import takes the apostrophe off again with `from_spreadsheet`, so an export re-imports alike.

A cell of digits, signs and a phone number's punctuation alone ("+14145550142", "-3",
"+1 (414) 555-0142; +44 20 7946 0000") can name no function, cell or command, so it is written as it
is: phone numbers stay readable.
"""

from __future__ import annotations

import re

#: A cell starting with one of these is run as a formula by some spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Numbers and phone numbers: at worst arithmetic, never a call.
_NUMBERS = re.compile(r"[+-]?[0-9][0-9 ().;,+-]*")


def spreadsheet_safe(text: str) -> str:
    """The cell as a spreadsheet shows it as text, never runs it: a leading apostrophe when needed.

    >>> spreadsheet_safe("=1+1"), spreadsheet_safe("+A1"), spreadsheet_safe("Ann Lee")
    ("'=1+1", "'+A1", 'Ann Lee')
    >>> spreadsheet_safe("+14145550142"), spreadsheet_safe("-2+3+cmd|' /C calc'!A0")
    ('+14145550142', "'-2+3+cmd|' /C calc'!A0")
    """
    if not text.startswith(FORMULA_STARTS) or _NUMBERS.fullmatch(text):
        return text
    return "'" + text


def from_spreadsheet(text: str) -> str:
    """A cell read back from a file: the apostrophe `spreadsheet_safe` added comes off.

    >>> from_spreadsheet("'+14145550142"), from_spreadsheet("'twas"), from_spreadsheet("'")
    ('+14145550142', "'twas", "'")
    """
    if text[:1] == "'" and text[1:2] and text[1:2] in FORMULA_STARTS:
        return text[1:]
    return text
