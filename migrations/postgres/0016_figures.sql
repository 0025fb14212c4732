-- The figures count children by the SSDA903 age band they were in when
-- they sent their views: kept with the sent copy, as the advocacy request
-- keeps the child as they were when they asked.
ALTER TABLE consultations ADD COLUMN sent_age_band TEXT;
UPDATE consultations c SET sent_age_band = CASE
        WHEN a.age < 1 THEN 'under-1'
        WHEN a.age <= 4 THEN '1-4'
        WHEN a.age <= 9 THEN '5-9'
        WHEN a.age <= 15 THEN '10-15'
        ELSE '16-plus'
    END
FROM (
    SELECT c2.id, date_part('year', age(
        (to_timestamp(c2.submitted_at / 1000.0) AT TIME ZONE 'UTC')::date,
        ch.date_of_birth::date))::int AS age
    FROM consultations c2 JOIN children ch ON ch.id = c2.child_id
    WHERE c2.submitted_at IS NOT NULL
) a
WHERE a.id = c.id;

-- The figures for a period read the consultations sent in it, and each
-- child's latest one.
CREATE INDEX consultations_by_sent ON consultations (submitted_at);
CREATE INDEX consultations_by_child_sent ON consultations (child_id, submitted_at);
CREATE INDEX advocacy_requests_by_sent ON advocacy_requests (sent_at);
