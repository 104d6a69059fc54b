"""The call sheet as one hand-written SQLite statement (see bench/sheet_sql.py for what it covers).

Parameters: :owner (a login; the statement for every recruiter takes none), :now (UTC text as the
store keeps it), :limit and :desk, a JSON object of what SQLite cannot know or compute:
{"zone": desk zone, "start"/"end": the desk's window ('HH:MM:SS'), "days": [Monday=0 ...],
 "holidays": ["YYYY-MM-DD", ...], "offsets": [[zone, from, until, UTC offset in seconds], ...]}
where the offsets cover each zone over the last 40 days and the next 20 (one or two rows a zone).
Times are compared as the store's text ('YYYY-MM-DD HH:MM:SS.ffffff'); a moment shifted by whole
hours keeps its fraction, so `_shift` puts it back after strftime.
"""

from __future__ import annotations

from bench.sheet_common import (
    ATTEMPTS,
    DIALS,
    OPEN_STAGES,
    RULES,
    haversine,
    round_half_even,
    round_to_cents,
    score_terms,
    state_rules_values,
)
from callsheet.domain.scoring import SCORE_BAND

_REAL = "CAST({} AS REAL)"


def _shift(moment: str, modifier: str) -> str:
    return f"(strftime('%Y-%m-%d %H:%M:%S', {moment}, {modifier}) || substr({moment}, 20))"


def _ago(hours: int) -> str:
    return _shift(":now", f"'-{hours} hours'")


SQLITE = f"""
WITH
-- The desk's settings, read from the JSON once.
desk AS MATERIALIZED (
  SELECT json_extract(:desk, '$.zone') AS zone, json_extract(:desk, '$.start') AS opens,
         json_extract(:desk, '$.end') AS shuts),
-- The recruiter's open jobs (jobs.owner_id index) and each one's wanted skills, split once.
mine AS MATERIALIZED (
  SELECT j.id, j.urgency, j.opportunity, j.seniority, j.lat, j.lon, j.skills
  FROM jobs j WHERE j.status = 'open' {{owner}}),
split(job_id, skill, rest) AS (
  SELECT m.id, '', m.skills || ',' FROM mine m
  UNION ALL
  SELECT job_id, substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1) FROM split
  WHERE rest <> ''),
wanted AS MATERIALIZED (SELECT DISTINCT job_id, skill FROM split WHERE skill <> ''),
jobs_wanted AS MATERIALIZED (
  SELECT m.*, (SELECT count(*) FROM wanted w WHERE w.job_id = m.id) AS skills_wanted,
         (SELECT json_group_array(w.skill) FROM wanted w WHERE w.job_id = m.id) AS wanted
  FROM mine m),
-- The callbacks due on the recruiter's jobs (ix_touches_outcome_callback: callbacks are few).
due AS MATERIALIZED (
  SELECT DISTINCT t.job_id, t.person_id FROM touches t
  WHERE t.outcome = 'callback' AND t.callback_at <= :now AND t.at <= :now AND +t.job_id IN (SELECT id FROM mine)),
-- Open candidacies of people not suppressed (ix_candidacies_job_stage), with what the score reads:
-- the callback due on the candidacy, skill overlap, staleness from people.last_touch_at.
pipeline AS MATERIALIZED (
  SELECT c.job_id, c.person_id, p.state, coalesce(nullif(p.timezone, ''), d.zone) AS zone,
         j.urgency, j.opportunity, c.is_target, j.seniority AS job_seniority, p.seniority,
         {haversine(_REAL, "p.", "j.")} AS miles,
         EXISTS (SELECT 1 FROM due WHERE due.job_id = c.job_id AND due.person_id = c.person_id) AS due,
         j.skills_wanted,
         (SELECT count(*) FROM json_each(j.wanted) w
          WHERE instr(',' || p.skills || ',', ',' || w.value || ',') > 0) AS skills_matched,
         CAST(CASE WHEN p.last_touch_at IS NULL THEN NULL
                   WHEN p.last_touch_at <= :now THEN julianday(:now) - julianday(p.last_touch_at)
                   ELSE julianday(:now) - julianday((SELECT max(t.at) FROM touches t
                                                     WHERE t.person_id = c.person_id AND t.at <= :now))
              END AS DOUBLE PRECISION) AS stale
  FROM jobs_wanted j JOIN candidacies c ON c.job_id = j.id JOIN people p ON p.id = c.person_id CROSS JOIN desk d
  WHERE c.stage IN ({OPEN_STAGES}) AND p.suppression = 'none'),
-- The score: domain.scoring.sheet_points, term by term in its order (the same doubles).
scored AS MATERIALIZED (
  SELECT pl.job_id, pl.person_id, pl.state, pl.zone, pl.due, {score_terms(_REAL, "pl.miles")} AS score
  FROM pipeline pl),
state_rules(state, opens, shuts, cap) AS (VALUES {state_rules_values("{}")}),
offsets(zone, starts, ends, seconds) AS MATERIALIZED (
  SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
         json_extract(value, '$[3]')
  FROM json_each(:desk, '$.offsets')),
-- Each zone's clock now (local time as the store's text).
clocks AS MATERIALIZED (
  SELECT o.zone, o.seconds, {_shift(":now", "o.seconds || ' seconds'")} AS local
  FROM offsets o WHERE o.starts <= :now AND :now < o.ends AND o.zone IN (SELECT zone FROM scored)),
-- Business days (weekdays that are not holidays) numbered in a row, for the no-answer and
-- voicemail holds: n business days after day d is the first day numbered number(d) + n.
days(k) AS (SELECT -40 UNION ALL SELECT k + 1 FROM days WHERE k < 20),
calendar AS MATERIALIZED (
  SELECT day, sum(business) OVER (ORDER BY day) AS number
  FROM (SELECT date(:now, k || ' days') AS day,
               CASE WHEN strftime('%w', :now, k || ' days') IN ('0', '6') THEN 0
                    WHEN date(:now, k || ' days') IN (SELECT value FROM json_each(:desk, '$.holidays')) THEN 0
                    ELSE 1 END AS business
        FROM days)),
-- For each day, the day a no-answer's and a voicemail's hold ends (n business days later).
holds AS MATERIALIZED (
  SELECT a.day,
         (SELECT min(b.day) FROM calendar b WHERE b.number = a.number + {RULES.no_answer_business_days}) AS no_answer,
         (SELECT min(b.day) FROM calendar b WHERE b.number = a.number + {RULES.voicemail_business_days}) AS voicemail
  FROM calendar a),
-- The candidacies whose callee's window is open now (the desk's window narrowed to 08:00-21:00 and
-- to the state's rule, in the callee's zone, on one of the desk's days). A zone the offsets do not
-- hold is never open.
open_now AS MATERIALIZED (
  SELECT w.person_id, w.job_id, w.zone, w.due, w.score, w.cap, w.local,
         -- When today's window closes, for the sheet's order (UTC text, as the store's times).
         datetime(substr(w.local, 1, 10) || ' ' || w.shuts, (-w.seconds) || ' seconds') AS closes
  FROM (SELECT s.*, r.cap, k.seconds, k.local,
               max(d.opens, '08:00:00', coalesce(r.opens, '00:00:00')) AS opens,
               min(d.shuts, '21:00:00', coalesce(r.shuts, '24:00:00')) AS shuts
        FROM scored s JOIN clocks k ON k.zone = s.zone
        CROSS JOIN desk d LEFT JOIN state_rules r ON r.state = upper(s.state)) w
  WHERE (CAST(strftime('%w', substr(w.local, 1, 10)) AS INTEGER) + 6) % 7
          IN (SELECT value FROM json_each(:desk, '$.days'))
    AND w.opens < w.shuts AND substr(w.local, 12) >= w.opens AND substr(w.local, 12) < w.shuts),
-- Numbered best first (a step of its own: numbering inside the CTE above costs SQLite twice as much).
ranked AS MATERIALIZED (
  SELECT o.*, row_number() OVER (ORDER BY o.score DESC, o.person_id, o.job_id) AS rank FROM open_now o),
-- The sheet's `limit` people are among the first `limit` + (rows of people in more than one pipeline)
-- rows the policy allows: the walk below asks the policy about one row at a time, best first, and
-- stops there.
spare AS (SELECT count(*) - count(DISTINCT person_id) AS rows FROM ranked),
walk(rank, ok, taken) AS (
  SELECT 0, 0, 0
  UNION ALL
  SELECT r.rank,
    -- A usable phone: status ok and never logged as a wrong number.
    EXISTS (SELECT 1 FROM phones ph WHERE ph.person_id = r.person_id AND ph.status = 'ok'
            AND NOT EXISTS (SELECT 1 FROM touches x WHERE x.person_id = r.person_id
                            AND x.outcome = 'wrong_number' AND x.phone = ph.e164 AND x.at <= :now))
    -- Hung up: no calls for {RULES.hung_up_days} days, any job.
    AND NOT EXISTS (SELECT 1 FROM touches t WHERE t.person_id = r.person_id AND t.outcome = 'hung_up'
                    AND t.at > {_ago(24 * RULES.hung_up_days)} AND t.at <= :now)
    -- The latest dial's hold (any job): busy an hour; no answer and voicemail, business days at the
    -- same local time (compared in local time: no business day has a DST change in the desk's zones).
    AND NOT coalesce((
      SELECT CASE l.outcome
               WHEN 'busy' THEN {_shift("l.at", f"'+{RULES.busy_hours} hours'")} > :now
               WHEN 'no_answer' THEN h.no_answer || substr(l.local, 11) > r.local
               WHEN 'voicemail' THEN h.voicemail || substr(l.local, 11) > r.local
               ELSE 0 END
      FROM (SELECT d.outcome, d.at, {_shift("d.at", "o.seconds || ' seconds'")} AS local
            FROM (SELECT t.outcome, t.at FROM touches t
                  WHERE t.person_id = r.person_id AND t.at <= :now AND t.outcome IN ({DIALS})
                  ORDER BY t.at DESC, t.id DESC LIMIT 1) d
            JOIN offsets o ON o.zone = r.zone AND o.starts <= d.at AND d.at < o.ends) l
      LEFT JOIN holds h ON h.day = substr(l.local, 1, 10)), 0)
    -- A state that caps calls: at most that many dials in 24 hours.
    AND (r.cap IS NULL OR (SELECT count(*) FROM touches t WHERE t.person_id = r.person_id
                           AND t.outcome IN ({DIALS}) AND t.at > {_ago(24)} AND t.at <= :now) < r.cap)
    -- On this job: never after a decline; the voicemail cap.
    AND NOT EXISTS (SELECT 1 FROM touches t WHERE t.person_id = r.person_id AND t.job_id = r.job_id
                    AND t.outcome = 'declined' AND t.at <= :now)
    AND (SELECT count(*) FROM touches t WHERE t.person_id = r.person_id AND t.job_id = r.job_id
         AND t.outcome = 'voicemail' AND t.at > {_ago(24 * RULES.voicemail_cap_days)} AND t.at <= :now)
        < {RULES.voicemail_cap}
    -- On this job, from its latest touches: a callback asked for later; a rest after a streak of
    -- unanswered attempts.
    AND NOT coalesce((SELECT t.outcome = 'callback' AND t.callback_at > :now FROM touches t
                      WHERE t.person_id = r.person_id AND t.job_id = r.job_id AND t.at <= :now
                      ORDER BY t.at DESC, t.id DESC LIMIT 1), 0)
    AND NOT (SELECT count(*) = {RULES.max_attempts} AND min(x.outcome IN ({ATTEMPTS})) = 1
                    AND max(x.at) > {_ago(24 * RULES.rest_days)}
             FROM (SELECT t.outcome, t.at FROM touches t
                   WHERE t.person_id = r.person_id AND t.job_id = r.job_id AND t.at <= :now
                   ORDER BY t.at DESC, t.id DESC LIMIT {RULES.max_attempts}) x),
    w.taken + w.ok
  FROM walk w JOIN ranked r ON r.rank = w.rank + 1
  WHERE w.taken + w.ok < :limit + (SELECT rows FROM spare)),
allowed AS (
  SELECT r.person_id, r.job_id, r.due, r.score, r.closes,
         row_number() OVER (PARTITION BY r.person_id ORDER BY r.score DESC, r.job_id) AS nth
  FROM walk w JOIN ranked r ON r.rank = w.rank WHERE w.ok),
-- One row per person: their best allowed candidacy; then the best `limit` people.
top AS (
  SELECT a.*, {round_to_cents("a.score", _REAL)} AS cents FROM allowed a WHERE a.nth = 1
  ORDER BY a.score DESC, a.person_id LIMIT :limit)
-- The sheet's order: callbacks, then 5-point bands, then the window that closes soonest.
SELECT t.person_id, t.job_id, t.cents / {_REAL.format(100)} AS score
FROM top t
ORDER BY t.due DESC, {round_half_even(f"(t.cents / {_REAL.format(100)} / {SCORE_BAND})")} DESC, t.closes, t.cents DESC,
         t.score DESC, t.person_id
"""
