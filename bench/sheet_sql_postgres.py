"""The call sheet as one hand-written PostgreSQL statement (see bench/sheet_sql.py for what it covers).

Parameters: :owner (a login; the statement for every recruiter takes none), :now (aware), :limit,
:desk_zone, :win_start / :win_end ('HH:MM:SS'), :win_days (Monday=0) and :holidays (dates).
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

_REAL = "CAST({} AS DOUBLE PRECISION)"
_NOW = "(SELECT CAST(:now AS TIMESTAMP WITH TIME ZONE))"
# Time spans as hours: a timestamptz plus '30 days' moves by calendar days in the session's zone,
# the policy's timedelta(days=30) by 720 hours.
_H = "interval '{} hours'"

POSTGRES = f"""
WITH
-- The recruiter's open jobs (jobs.owner_id index), each one's wanted skills split once.
mine AS MATERIALIZED (
  SELECT j.id, j.urgency, j.opportunity, j.seniority, j.lat, j.lon,
         ARRAY(SELECT DISTINCT s FROM unnest(string_to_array(j.skills, ',')) AS s WHERE s <> '') AS wanted
  FROM jobs j WHERE j.status = 'open' {{owner}}),
-- Open candidacies of people not suppressed (ix_candidacies_job_stage), with what the score reads:
-- the callback due on the candidacy, skill overlap, staleness from people.last_touch_at.
pipeline AS MATERIALIZED (
  SELECT c.job_id, c.person_id, p.state, coalesce(nullif(p.timezone, ''), :desk_zone) AS zone,
         j.urgency, j.opportunity, c.is_target, j.seniority AS job_seniority, p.seniority,
         {haversine(_REAL, "p.", "j.")} AS miles,
         EXISTS (SELECT 1 FROM touches t
                 WHERE t.person_id = c.person_id AND t.job_id = c.job_id AND t.outcome = 'callback'
                   AND t.callback_at <= {_NOW} AND t.at <= {_NOW}) AS due,
         cardinality(j.wanted) AS skills_wanted,
         (SELECT count(*) FROM unnest(j.wanted) AS w
          WHERE strpos(',' || p.skills || ',', ',' || w || ',') > 0) AS skills_matched,
         CAST(CASE WHEN p.last_touch_at IS NULL THEN NULL
                   WHEN p.last_touch_at <= {_NOW} THEN extract(epoch FROM {_NOW} - p.last_touch_at) / 86400.0
                   ELSE extract(epoch FROM {_NOW} - (SELECT max(t.at) FROM touches t
                                                     WHERE t.person_id = c.person_id AND t.at <= {_NOW})) / 86400.0
              END AS DOUBLE PRECISION) AS stale
  FROM mine j JOIN candidacies c ON c.job_id = j.id JOIN people p ON p.id = c.person_id
  WHERE c.stage IN ({OPEN_STAGES}) AND p.suppression = 'none'),
-- The score: domain.scoring.sheet_points, term by term in its order (the same doubles).
scored AS MATERIALIZED (
  SELECT pl.job_id, pl.person_id, pl.state, pl.zone, pl.due, {score_terms(_REAL, "pl.miles")} AS score
  FROM pipeline pl),
state_rules(state, opens, shuts, cap) AS (VALUES {state_rules_values("TIME {}")}),
-- Business days (weekdays that are not holidays) numbered in a row; for each day, the day a no-answer's
-- and a voicemail's hold ends (n business days later: the first day numbered number(d) + n).
calendar AS (
  SELECT d.day, sum(CASE WHEN extract(isodow FROM d.day) < 6 AND d.day <> ALL(CAST(:holidays AS DATE[]))
                         THEN 1 ELSE 0 END) OVER (ORDER BY d.day) AS number
  FROM (SELECT CAST({_NOW} AS DATE) + k AS day FROM generate_series(-40, 20) AS k) d),
holds AS MATERIALIZED (
  SELECT a.day,
         (SELECT min(b.day) FROM calendar b WHERE b.number = a.number + {RULES.no_answer_business_days}) AS no_answer,
         (SELECT min(b.day) FROM calendar b WHERE b.number = a.number + {RULES.voicemail_business_days}) AS voicemail
  FROM calendar a),
-- The candidacies whose callee's window is open now (the desk's window narrowed to 08:00-21:00 and
-- to the state's rule, in the callee's zone, on one of the desk's days), best first. OFFSET 0 keeps
-- the policy's look-ups below from being pushed under the sort: they run row by row, best first.
ranked AS (
  SELECT s.*, r.cap, (CAST(lt.local AS DATE) + w.shuts) AT TIME ZONE s.zone AS closes
  FROM scored s
  CROSS JOIN LATERAL (SELECT {_NOW} AT TIME ZONE s.zone AS local) lt
  LEFT JOIN state_rules r ON r.state = upper(s.state)
  CROSS JOIN LATERAL (SELECT greatest(CAST(:win_start AS TIME), TIME '08:00', r.opens) AS opens,
                             least(CAST(:win_end AS TIME), TIME '21:00', r.shuts) AS shuts) w
  WHERE CAST(extract(isodow FROM lt.local) AS INTEGER) - 1 = ANY(CAST(:win_days AS INTEGER[]))
    AND w.opens < w.shuts AND CAST(lt.local AS TIME) >= w.opens AND CAST(lt.local AS TIME) < w.shuts
  ORDER BY s.score DESC, s.person_id, s.job_id OFFSET 0),
-- The policy's look-ups, row by row in rank order, until enough rows pass: the sheet's `limit` people
-- are among the first `limit` + (rows of people in more than one pipeline) rows the policy allows.
allowed AS (
  SELECT r.person_id, r.job_id, r.due, r.score, r.closes
  FROM ranked r
  -- A usable phone: status ok and never logged as a wrong number.
  WHERE EXISTS (SELECT 1 FROM phones ph WHERE ph.person_id = r.person_id AND ph.status = 'ok'
                AND NOT EXISTS (SELECT 1 FROM touches w WHERE w.person_id = r.person_id
                                AND w.outcome = 'wrong_number' AND w.phone = ph.e164 AND w.at <= {_NOW}))
    -- Hung up: no calls for {RULES.hung_up_days} days, any job.
    AND NOT EXISTS (SELECT 1 FROM touches t WHERE t.person_id = r.person_id AND t.outcome = 'hung_up'
                    AND t.at > {_NOW} - {_H.format(24 * RULES.hung_up_days)} AND t.at <= {_NOW})
    -- The latest dial's hold (any job): busy an hour; no answer and voicemail, business days at the
    -- same local time.
    AND NOT coalesce((
      SELECT CASE t.outcome
               WHEN 'busy' THEN t.at + {_H.format(RULES.busy_hours)} > {_NOW}
               WHEN 'no_answer' THEN (h.no_answer + CAST(t.at AT TIME ZONE r.zone AS TIME)) AT TIME ZONE r.zone > {_NOW}
               WHEN 'voicemail' THEN (h.voicemail + CAST(t.at AT TIME ZONE r.zone AS TIME)) AT TIME ZONE r.zone > {_NOW}
               ELSE false END
      FROM touches t LEFT JOIN holds h ON h.day = CAST(t.at AT TIME ZONE r.zone AS DATE)
      WHERE t.person_id = r.person_id AND t.at <= {_NOW} AND t.outcome IN ({DIALS})
      ORDER BY t.at DESC, t.id DESC LIMIT 1), false)
    -- A state that caps calls: at most that many dials in 24 hours.
    AND (r.cap IS NULL OR (SELECT count(*) FROM touches t WHERE t.person_id = r.person_id
                           AND t.outcome IN ({DIALS}) AND t.at > {_NOW} - {_H.format(24)}
                           AND t.at <= {_NOW}) < r.cap)
    -- On this job: never after a decline; the voicemail cap.
    AND NOT EXISTS (SELECT 1 FROM touches t WHERE t.person_id = r.person_id AND t.job_id = r.job_id
                    AND t.outcome = 'declined' AND t.at <= {_NOW})
    AND (SELECT count(*) FROM touches t WHERE t.person_id = r.person_id AND t.job_id = r.job_id
         AND t.outcome = 'voicemail' AND t.at > {_NOW} - {_H.format(24 * RULES.voicemail_cap_days)}
         AND t.at <= {_NOW}) < {RULES.voicemail_cap}
    -- On this job, from its latest touches: a callback asked for later; a rest after a streak of
    -- unanswered attempts.
    AND NOT coalesce((
      SELECT bool_or(x.n = 1 AND x.outcome = 'callback' AND x.callback_at > {_NOW})
             OR (count(*) = {RULES.max_attempts} AND bool_and(x.outcome IN ({ATTEMPTS}))
                 AND max(x.at) > {_NOW} - {_H.format(24 * RULES.rest_days)})
      FROM (SELECT t.outcome, t.at, t.callback_at, row_number() OVER (ORDER BY t.at DESC, t.id DESC) AS n
            FROM touches t WHERE t.person_id = r.person_id AND t.job_id = r.job_id AND t.at <= {_NOW}
            ORDER BY t.at DESC, t.id DESC LIMIT {RULES.max_attempts}) x), false)
  ORDER BY r.score DESC, r.person_id, r.job_id
  LIMIT :limit + (SELECT count(*) - count(DISTINCT s.person_id) FROM scored s)),
-- One row per person: their best allowed candidacy; then the best `limit` people.
best AS (
  SELECT DISTINCT ON (a.person_id) a.* FROM allowed a ORDER BY a.person_id, a.score DESC, a.job_id),
top AS (
  SELECT b.*, {round_to_cents("b.score", _REAL)} AS cents FROM best b ORDER BY b.score DESC, b.person_id LIMIT :limit)
-- The sheet's order: callbacks, then 5-point bands, then the window that closes soonest.
SELECT t.person_id, t.job_id, t.cents / {_REAL.format(100)} AS score
FROM top t
ORDER BY t.due DESC, {round_half_even(f"(t.cents / {_REAL.format(100)} / {SCORE_BAND})")} DESC, t.closes, t.cents DESC,
         t.score DESC, t.person_id
"""
