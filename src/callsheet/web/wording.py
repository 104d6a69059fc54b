"""Error messages in web wording: the services speak the command line's language (--near PLACE), pages must not.

One rewrite for every page, fragment and API answer: a known CLI hint becomes a sentence about the form,
any other `--flag VALUE` becomes the field's name.
"""

from __future__ import annotations

import re

#: Whole hints whose CLI form would read oddly on a page; checked first.
_HINTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"give both --near PLACE and --radius MILES"), "give both a place (near) and a radius in miles"),
    (re.compile(r"give the job too: --stage STAGE --job ID"), "choose a job too: a stage is a step of one job's "
                                                              "pipeline"),
    (re.compile(r"add --map COLUMN=name"), "map a column to name (COLUMN=name)"),
    (re.compile(r"--job needs --person"), "a job needs a person"),
    (re.compile(r"give both --city and --state, or --zip"), "give both a city and a state, or a ZIP code"),
)
_FLAG = re.compile(r"--([a-z][a-z-]*)(?:\s+[A-Z][A-Z_]*\b)?")

#: How each field is labelled on the web desk's forms.
LABELS = {"query": "Search", "q": "Search", "near": "Near", "radius": "Radius (miles)", "seniority": "Seniority",
          "stage": "Stage", "job": "Job", "job_id": "Job", "limit": "Show", "kind": "Kind of file", "file": "File",
          "map": "Column map", "header": "File's header", "reason": "Reason", "phone": "Phone",
          "callback_at": "Callback time", "add": "Add", "source": "Name of the list"}


def plain(message: str) -> str:
    """A message without command-line options in it.

    >>> plain("give both --near PLACE and --radius MILES")
    'give both a place (near) and a radius in miles'
    >>> plain("is about a job: give --job (the person is in 2)")
    'is about a job: give job (the person is in 2)'
    """
    for pattern, replacement in _HINTS:
        message = pattern.sub(replacement, message)
    return _FLAG.sub(lambda m: m.group(1).replace("-", " "), message)


def for_page(field: str, message: str) -> str:
    """`field: message` as a form shows it: the field's label, then the plain message.

    >>> for_page("query", "nothing to search for")
    'Search: nothing to search for'
    """
    return f"{LABELS.get(field, field.replace('_', ' ').capitalize())}: {plain(message)}"
