-- Email waiting to be sent. Rows are written in the same transaction as
-- the change that causes them, so a change is never saved without its
-- email or the other way round; a worker sends them with retries.
-- Bodies never hold a child's words: only a notice and a link.

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sent_at INTEGER,
    -- The last failure's kind, never an address or a body.
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
