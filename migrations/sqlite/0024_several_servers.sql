-- Several servers on one database (SQLite serves one; the tables are the
-- same on both engines).
--
-- An email is claimed before it is sent: the server writes its own mark
-- and a time after which the claim lapses (if that server dies mid-send,
-- another sends the email once the claim has lapsed).
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until INTEGER;

-- Sign-in and invitation attempts per network address, shared by every
-- server. The address is kept only as a keyed hash of its group.
CREATE TABLE address_attempts (
    id INTEGER PRIMARY KEY,
    address_hash TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX address_attempts_by_address ON address_attempts (address_hash, at);

-- Scheduled jobs (purges, reminders) take turns: a server runs a job only
-- while it holds the job's turn, which lapses on its own.
CREATE TABLE job_turns (
    name TEXT PRIMARY KEY,
    held_by TEXT NOT NULL,
    held_until INTEGER NOT NULL
);
