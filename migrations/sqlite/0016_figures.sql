-- The figures count children by the SSDA903 age band they were in when
-- they sent their views: kept with the sent copy, as the advocacy request
-- keeps the child as they were when they asked.
ALTER TABLE consultations ADD COLUMN sent_age_band TEXT;
UPDATE consultations SET sent_age_band = (
    SELECT CASE
        WHEN age < 1 THEN 'under-1'
        WHEN age <= 4 THEN '1-4'
        WHEN age <= 9 THEN '5-9'
        WHEN age <= 15 THEN '10-15'
        ELSE '16-plus'
    END
    FROM (
        SELECT CAST(strftime('%Y', consultations.submitted_at / 1000, 'unixepoch') AS INTEGER)
            - CAST(substr(ch.date_of_birth, 1, 4) AS INTEGER)
            - (strftime('%m-%d', consultations.submitted_at / 1000, 'unixepoch') < substr(ch.date_of_birth, 6, 5)) AS age
        FROM children ch WHERE ch.id = consultations.child_id
    )
)
WHERE submitted_at IS NOT NULL;

-- The figures for a period read the consultations sent in it, and each
-- child's latest one.
CREATE INDEX consultations_by_sent ON consultations (submitted_at);
CREATE INDEX consultations_by_child_sent ON consultations (child_id, submitted_at);
CREATE INDEX advocacy_requests_by_sent ON advocacy_requests (sent_at);
