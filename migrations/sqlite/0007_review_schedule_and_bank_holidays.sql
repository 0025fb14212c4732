-- A review is scheduled for a day and a time as people in England say them
-- (UK local time), not an instant; `scheduled_at` is no longer written.
ALTER TABLE reviews ADD COLUMN scheduled_on TEXT;
ALTER TABLE reviews ADD COLUMN scheduled_time TEXT;
-- Recorded with the participation code: whether the child came.
ALTER TABLE reviews ADD COLUMN child_attended INTEGER CHECK (child_attended IN (0, 1));
ALTER TABLE reviews ADD COLUMN recorded_by INTEGER REFERENCES accounts (id);
ALTER TABLE reviews ADD COLUMN recorded_at INTEGER;
UPDATE reviews
SET scheduled_on = strftime('%Y-%m-%d', scheduled_at / 1000, 'unixepoch'),
    scheduled_time = strftime('%H:%M', scheduled_at / 1000, 'unixepoch')
WHERE scheduled_at IS NOT NULL;

-- Bank holidays a manager adds to the ones MySay ships with (new years,
-- new one-off holidays). Working days leave out both.
CREATE TABLE bank_holidays (
    holiday_on TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    added_by INTEGER NOT NULL REFERENCES accounts (id),
    added_at INTEGER NOT NULL
);
