"""What both hand-written call-sheet statements share: the rules' numbers, the score, the rounding.

The numbers come from the domain (PolicySettings' defaults, STATE_RULES, the outcome sets, the
score's weights in domain/scoring.py), written into the SQL once, so the statements follow the
domain rather than copies of it.
"""

from __future__ import annotations

from callsheet.domain.geo import EARTH_RADIUS_MILES
from callsheet.domain.model import CLOSED_STAGES, Stage
from callsheet.domain.outcomes import Outcome
from callsheet.domain.policy import ATTEMPTS as _ATTEMPTS
from callsheet.domain.policy import DIALS as _DIALS
from callsheet.domain.policy import PolicySettings
from callsheet.domain.scoring import (
    CALLBACK_DUE_POINTS,
    HEAT_WEIGHT,
    MILES_CAP,
    MILES_PER_POINT,
    NEVER_CALLED_POINTS,
    SENIORITY_POINTS,
    SKILL_POINTS,
    STALE_CAP_DAYS,
    STALE_DIVISOR,
    TARGET_POINTS,
)
from callsheet.domain.windows import STATE_RULES


def _quoted(values: object) -> str:
    return ", ".join(f"'{v}'" for v in sorted(str(v) for v in values))  # type: ignore[attr-defined]


#: The rules' numbers the service uses (services.policy.policy_settings sets only window, holidays, zone).
RULES = PolicySettings()
OPEN_STAGES = _quoted(s.value for s in Stage if s not in CLOSED_STAGES)
DIALS = _quoted(o.value for o in _DIALS)
ATTEMPTS = _quoted(o.value for o in _ATTEMPTS)
assert Outcome.WRONG_NUMBER in _DIALS and Outcome.HUNG_UP in _DIALS

#: The clause that narrows `mine` to one recruiter's jobs, put in place of {owner} (none: every recruiter).
OWNER = "AND j.owner_id = (SELECT u.id FROM users u WHERE u.login = :owner)"


def state_rules_values(as_time: str) -> str:
    """STATE_RULES as the rows of a VALUES list: (state, opens, shuts, cap per 24 hours or NULL)."""
    rows = []
    for state, rule in sorted(STATE_RULES.items()):
        cap = "NULL" if rule.max_calls_per_day is None else str(rule.max_calls_per_day)
        rows.append(f"('{state}', {as_time.format(repr(rule.start.strftime('%H:%M:%S')))}, "
                    f"{as_time.format(repr(rule.end.strftime('%H:%M:%S')))}, {cap})")
    return ", ".join(rows)


def score_terms(real: str, miles: str) -> str:
    """domain.scoring.sheet_points over a row of the pipeline (alias pl), term by term in the same order:
    the same doubles come out, so ties fall the same way. `real` casts to a double; `miles` is the
    haversine's expression (or column)."""
    r = real.format
    due, stale_cap = f"{CALLBACK_DUE_POINTS:g}", f"{STALE_CAP_DAYS:g}"
    return f"""((((({r(f'CASE WHEN pl.due THEN {due} ELSE 0 END')}
      + (pl.urgency * pl.opportunity * {HEAT_WEIGHT} + CASE WHEN pl.is_target THEN {TARGET_POINTS} ELSE 0 END))
      + CASE WHEN pl.skills_wanted > 0 THEN {r(f'{SKILL_POINTS} * pl.skills_matched')} / pl.skills_wanted
             ELSE {r('0')} END)
      - CASE WHEN pl.seniority <> 0 AND pl.job_seniority <> 0
             THEN {SENIORITY_POINTS} * abs(pl.seniority - pl.job_seniority) ELSE 0 END)
      - CASE WHEN {miles} IS NULL THEN {r('0')} WHEN {miles} < {MILES_CAP} THEN {miles} / {MILES_PER_POINT}
             ELSE {r(str(MILES_CAP))} / {MILES_PER_POINT} END)
      + CASE WHEN pl.stale IS NULL THEN {r(str(NEVER_CALLED_POINTS))} WHEN pl.stale < 0 THEN {r('0')} / {STALE_DIVISOR}
             WHEN pl.stale < {stale_cap} THEN pl.stale / {STALE_DIVISOR} ELSE {r(stale_cap)} / {STALE_DIVISOR} END)"""


def haversine(real: str, person: str, job: str) -> str:
    """domain.geo.miles_between from the person to the job (`person` and `job` prefix the lat and
    lon columns), NULL if either is unplaced."""
    r = real.format
    return f"""CASE WHEN {person}lat IS NOT NULL AND {job}lat IS NOT NULL AND {job}lon IS NOT NULL THEN
      {r(repr(2 * EARTH_RADIUS_MILES))} * asin(sqrt(power(sin((radians({job}lat) - radians({person}lat)) / 2), 2)
        + cos(radians({person}lat)) * cos(radians({job}lat)) * power(sin(radians({job}lon - {person}lon) / 2), 2)))
    END"""


def round_half_even(x: str) -> str:
    """Python's round(x) of a double: to the nearest integer, a tie to the even one."""
    k = f"floor({x})"
    return (f"(CASE WHEN {x} - {k} < 0.5 THEN {k} WHEN {x} - {k} > 0.5 THEN {k} + 1 "
            f"ELSE {k} + ({k} - 2 * floor({k} / 2.0)) END)")


def round_to_cents(x: str, real: str) -> str:
    """100 * Python's round(x, 2), as an integral double: x to the nearest hundredth by its exact binary
    value, a tie to the even one. Where x * 100 lands exactly on a half the product may have been
    rounded, so the sign of the exact x * 100 - (k + 0.5) decides, from x split in two halves that
    multiply by 100 exactly (Dekker's split). SQL's own round() rounds ties away from zero, and
    SQLite's rounds through a 15-digit text."""
    r = real.format
    y, k = f"({x} * 100)", f"floor({x} * 100)"
    c = f"({r('134217729')} * {x})"
    high = f"({c} - ({c} - {x}))"
    residual = f"(({high} * 100 - ({k} + 0.5)) + ({x} - {high}) * 100)"
    return (f"(CASE WHEN {y} - {k} < 0.5 THEN {k} WHEN {y} - {k} > 0.5 THEN {k} + 1 "
            f"WHEN {residual} > 0 THEN {k} + 1 WHEN {residual} < 0 THEN {k} "
            f"ELSE {k} + ({k} - 2 * floor({k} / 2.0)) END)")
