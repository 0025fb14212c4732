-- A review is scheduled for a day and a time as people in England say them
-- (UK local time), not an instant; `scheduled_at` is no longer written.
ALTER TABLE reviews ADD COLUMN scheduled_on TEXT;
ALTER TABLE reviews ADD COLUMN scheduled_time TEXT;
-- Recorded with the participation code: whether the child came.
ALTER TABLE reviews ADD COLUMN child_attended BIGINT CHECK (child_attended IN (0, 1));
ALTER TABLE reviews ADD COLUMN recorded_by BIGINT REFERENCES accounts (id);
ALTER TABLE reviews ADD COLUMN recorded_at BIGINT;
UPDATE reviews
SET scheduled_on = to_char(to_timestamp(scheduled_at / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
    scheduled_time = to_char(to_timestamp(scheduled_at / 1000) AT TIME ZONE 'UTC', 'HH24:MI')
WHERE scheduled_at IS NOT NULL;

-- Bank holidays a manager adds to the ones MySay ships with (new years,
-- new one-off holidays). Working days leave out both.
CREATE TABLE bank_holidays (
    holiday_on TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    added_by BIGINT NOT NULL REFERENCES accounts (id),
    added_at BIGINT NOT NULL
);
