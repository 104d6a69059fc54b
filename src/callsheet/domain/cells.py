"""Cells of a file a spreadsheet opens: the one guard against a cell being run as a formula.

A spreadsheet runs a cell starting with `=`, `+`, `-` or `@` (and, in some, a tab or a carriage
return) as a formula: a name such as `=HYPERLINK(...)` in an export would act on the reader's
machine (CSV injection). Every CSV the product writes passes its cells through `spreadsheet_safe`;
the CSV import takes the apostrophe off again with `from_spreadsheet`, so an export re-imports alike.
"""

from __future__ import annotations

#: A cell starting with one of these is run as a formula by some spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """The cell as a spreadsheet shows it as text, never runs it: a leading apostrophe when needed.

    A phone number in E.164 keeps every digit; the apostrophe only makes it text.

    >>> spreadsheet_safe("=1+1"), spreadsheet_safe("+14145550142"), spreadsheet_safe("Ann Lee")
    ("'=1+1", "'+14145550142", 'Ann Lee')
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def from_spreadsheet(text: str) -> str:
    """A cell read back from a file: the apostrophe `spreadsheet_safe` added comes off.

    >>> from_spreadsheet("'+14145550142"), from_spreadsheet("'twas"), from_spreadsheet("'")
    ('+14145550142', "'twas", "'")
    """
    if text[:1] == "'" and text[1:2] and text[1:2] in FORMULA_STARTS:
        return text[1:]
    return text
