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
pipeline AS (
  SELECT c.job_id, c.person_id, p.state, coalesce(nullif(p.timezone, ''), :desk_zone) AS zone,
         j.urgency, j.opportunity, c.is_target, j.seniority AS job_seniority, p.seniority,
         j.lat AS job_lat, j.lon AS job_lon, p.lat, p.lon,
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
scored AS (
  SELECT pl.job_id, pl.person_id, pl.state, pl.zone, pl.due, {score_terms(_REAL, "pl.miles")} AS score
  FROM (SELECT pl.*, {haversine(_REAL)} AS miles FROM pipeline pl) pl),
state_rules(state, opens, shuts, cap) AS (VALUES {state_rules_values("TIME {}")}),
-- The person-level rules, once per person: each callee's clock and window today (the desk's window
-- narrowed to 08:00-21:00 and to the state's rule), and their latest dial.
folk AS (
  SELECT f.person_id, f.zone, f.local, r.cap,
         greatest(CAST(:win_start AS TIME), TIME '08:00', r.opens) AS opens,
         least(CAST(:win_end AS TIME), TIME '21:00', r.shuts) AS shuts
  FROM (SELECT DISTINCT s.person_id, s.zone, s.state, ({_NOW} AT TIME ZONE s.zone) AS local FROM scored s) f
  LEFT JOIN state_rules r ON r.state = upper(f.state)),
-- Business days (weekdays that are not holidays) numbered in a row, for the no-answer and
-- voicemail holds: n business days after day d is the first day numbered number(d) + n.
calendar AS (
  SELECT d.day, sum(CASE WHEN extract(isodow FROM d.day) < 6 AND d.day <> ALL(CAST(:holidays AS DATE[]))
                         THEN 1 ELSE 0 END) OVER (ORDER BY d.day) AS number
  FROM (SELECT CAST({_NOW} AS DATE) + k AS day FROM generate_series(-40, 20) AS k) d),
callable_folk AS (
  SELECT f.person_id, f.zone,
         -- When today's window closes, for the sheet's order.
         (CAST(f.local AS DATE) + f.shuts) AT TIME ZONE f.zone AS closes
  FROM folk f
  -- The latest dial (any job), whose outcome may hold the person for a while.
  LEFT JOIN LATERAL (
    SELECT t.at, t.outcome, CAST(t.at AT TIME ZONE f.zone AS DATE) AS day, CAST(t.at AT TIME ZONE f.zone AS TIME) AS tod
    FROM touches t WHERE t.person_id = f.person_id AND t.at <= {_NOW} AND t.outcome IN ({DIALS})
    ORDER BY t.at DESC, t.id DESC LIMIT 1) last ON true
  -- Window: open now in the callee's zone, on one of the desk's days.
  WHERE CAST(extract(isodow FROM f.local) AS INTEGER) - 1 = ANY(CAST(:win_days AS INTEGER[]))
    AND f.opens < f.shuts AND CAST(f.local AS TIME) >= f.opens AND CAST(f.local AS TIME) < f.shuts
    -- A usable phone: status ok and never logged as a wrong number.
    AND EXISTS (SELECT 1 FROM phones ph WHERE ph.person_id = f.person_id AND ph.status = 'ok'
                AND NOT EXISTS (SELECT 1 FROM touches w WHERE w.person_id = f.person_id
                                AND w.outcome = 'wrong_number' AND w.phone = ph.e164 AND w.at <= {_NOW}))
    -- Hung up: no calls for {RULES.hung_up_days} days, any job.
    AND NOT EXISTS (SELECT 1 FROM touches t WHERE t.person_id = f.person_id AND t.outcome = 'hung_up'
                    AND t.at > {_NOW} - {_H.format(24 * RULES.hung_up_days)} AND t.at <= {_NOW})
    -- The latest dial's hold: busy an hour; no answer and voicemail, business days at the same local time.
    AND NOT coalesce(last.outcome = 'busy' AND last.at + {_H.format(RULES.busy_hours)} > {_NOW}, false)
    AND NOT coalesce(last.outcome IN ('no_answer', 'voicemail') AND
        ((SELECT min(b.day) FROM calendar a JOIN calendar b
           ON b.number = a.number + CASE last.outcome WHEN 'no_answer' THEN {RULES.no_answer_business_days}
                                                      ELSE {RULES.voicemail_business_days} END
         WHERE a.day = last.day) + last.tod) AT TIME ZONE f.zone > {_NOW}, false)
    -- A state that caps calls: at most that many dials in 24 hours.
    AND (f.cap IS NULL OR (SELECT count(*) FROM touches t WHERE t.person_id = f.person_id
                           AND t.outcome IN ({DIALS}) AND t.at > {_NOW} - {_H.format(24)}
                           AND t.at <= {_NOW}) < f.cap)),
-- The job-level rules, per candidacy of a callable person: declined, a callback asked for later,
-- the voicemail cap, and a rest after a streak of unanswered attempts.
allowed AS (
  SELECT s.person_id, s.job_id, s.due, s.score, cf.closes
  FROM scored s JOIN callable_folk cf ON cf.person_id = s.person_id
  CROSS JOIN LATERAL (
    SELECT bool_or(t.outcome = 'declined') AS declined,
           count(*) FILTER (WHERE t.outcome = 'voicemail'
                            AND t.at > {_NOW} - {_H.format(24 * RULES.voicemail_cap_days)}) AS voicemails
    FROM touches t WHERE t.person_id = s.person_id AND t.job_id = s.job_id AND t.at <= {_NOW}) job
  CROSS JOIN LATERAL (
    SELECT bool_or(x.n = 1 AND x.outcome = 'callback' AND x.callback_at > {_NOW}) AS callback_later,
           count(*) = {RULES.max_attempts} AND bool_and(x.outcome IN ({ATTEMPTS}))
             AND max(x.at) > {_NOW} - {_H.format(24 * RULES.rest_days)} AS resting
    FROM (SELECT t.outcome, t.at, t.callback_at, row_number() OVER (ORDER BY t.at DESC, t.id DESC) AS n
          FROM touches t WHERE t.person_id = s.person_id AND t.job_id = s.job_id AND t.at <= {_NOW}
          ORDER BY t.at DESC, t.id DESC LIMIT {RULES.max_attempts}) x) tail
  WHERE NOT coalesce(job.declined, false) AND job.voicemails < {RULES.voicemail_cap}
    AND NOT coalesce(tail.callback_later, false) AND NOT coalesce(tail.resting, false)),
-- One row per person: their best allowed candidacy; then the best `limit` people.
best AS (
  SELECT DISTINCT ON (a.person_id) a.* FROM allowed a ORDER BY a.person_id, a.score DESC, a.job_id),
top AS (
  SELECT b.*, {round_to_cents("b.score", _REAL)} AS cents FROM best b ORDER BY b.score DESC, b.person_id LIMIT :limit)
-- The sheet's order: callbacks, then 5-point bands, then the window that closes soonest.
SELECT t.person_id, t.job_id, t.cents / {_REAL.format(100)} AS score
FROM top t
ORDER BY t.due DESC, {round_half_even(f"(t.cents / {_REAL.format(100)} / 5)")} DESC, t.closes, t.cents DESC,
         t.score DESC, t.person_id
"""

OWNER = "AND j.owner_id = (SELECT u.id FROM users u WHERE u.login = :owner)"
