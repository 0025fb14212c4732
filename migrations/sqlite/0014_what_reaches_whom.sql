-- What the IRO reads is what the child sent: a copy of each answer (and
-- of how they want to take part) taken when they press send. Changes made
-- afterwards stay the child's own until they send again.
ALTER TABLE consultation_answers ADD COLUMN sent_feeling INTEGER CHECK (sent_feeling BETWEEN 1 AND 5);
ALTER TABLE consultation_answers ADD COLUMN sent_text TEXT;
ALTER TABLE consultation_answers ADD COLUMN sent_talk_about INTEGER CHECK (sent_talk_about IN (0, 1));
ALTER TABLE consultation_answers ADD COLUMN sent_share_at_meeting INTEGER CHECK (sent_share_at_meeting IN (0, 1));
ALTER TABLE consultation_answers ADD COLUMN sent_language TEXT;
-- When this answer was last sent; empty: never sent.
ALTER TABLE consultation_answers ADD COLUMN sent_at INTEGER;
ALTER TABLE consultations ADD COLUMN sent_take_part TEXT;
ALTER TABLE consultations ADD COLUMN sent_who_there TEXT;
ALTER TABLE consultations ADD COLUMN sent_where_held TEXT;
ALTER TABLE consultations ADD COLUMN sent_taking_part_language TEXT;

-- Consultations sent before this change: what is stored now is what the
-- IRO has been reading, so it counts as sent.
UPDATE consultation_answers SET sent_feeling = feeling, sent_text = answer_text,
    sent_talk_about = talk_about, sent_share_at_meeting = share_at_meeting,
    sent_language = language, sent_at = updated_at
WHERE consultation_id IN (SELECT id FROM consultations WHERE status = 'submitted');
UPDATE consultations SET sent_take_part = take_part, sent_who_there = who_there,
    sent_where_held = where_held, sent_taking_part_language = taking_part_language
WHERE status = 'submitted';

-- A manager opening a child's record to read their words, outside
-- covering for the child's absent IRO: who, why, and until when the
-- opening lasts. Shown to the child in their own information. Never
-- updated or deleted.
CREATE TABLE record_openings (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES children (id),
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    -- The manager's own words: why they must read the child's words.
    reason TEXT NOT NULL,
    opened_at INTEGER NOT NULL,
    until_at INTEGER NOT NULL
);
CREATE INDEX record_openings_by_child ON record_openings (child_id, account_id, until_at);

-- Failed invitation codes are counted across the service from the audit
-- log (a budget that holds over restarts and across servers), and a
-- child's information lists who read their words: both look entries up by
-- action and time.
CREATE INDEX audit_log_by_action ON audit_log (action, at);
CREATE INDEX audit_log_by_subject ON audit_log (subject);

-- Safety alerts come from anything a child writes: a consultation
-- answer, a request for an advocate or a message about it, or a reply to
-- a letter. 'source_id' is that request's or letter's id.
ALTER TABLE safety_alerts ADD COLUMN source TEXT NOT NULL DEFAULT 'consultation'
    CHECK (source IN ('consultation', 'advocacy', 'letter'));
ALTER TABLE safety_alerts ADD COLUMN source_id INTEGER;

-- (PostgreSQL also refuses TRUNCATE on the audit log here; SQLite has no
-- TRUNCATE, and its DELETE trigger already refuses.)

-- A new invitation made by staff for a child who already has an account
-- (it can set a new passphrase): when and by whom, until the child has
-- seen the notice on their home page.
ALTER TABLE accounts ADD COLUMN reset_invited_at INTEGER;
ALTER TABLE accounts ADD COLUMN reset_invited_by INTEGER REFERENCES accounts (id);

-- A child who gave an email address resets a forgotten passphrase by a
-- one-time emailed link: only its hash is kept; it lasts 30 minutes.
CREATE TABLE passphrase_resets (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX passphrase_resets_by_account ON passphrase_resets (account_id, created_at);
