-- A child's say-so, per answer, that their words may be used without their
-- name to help make things better (off unless they tick it), now and as
-- last sent. The CRO reads an answer's words only where both say yes and
-- the words have a reference: ticking takes effect when the child sends,
-- unticking at once.
ALTER TABLE consultation_answers ADD COLUMN use_words BIGINT NOT NULL DEFAULT 0 CHECK (use_words IN (0, 1));
ALTER TABLE consultation_answers ADD COLUMN sent_use_words BIGINT CHECK (sent_use_words IN (0, 1));
UPDATE consultation_answers SET sent_use_words = 0 WHERE sent_at IS NOT NULL;

-- What the CRO's page calls the words by: random, never the row's number
-- (which would order them finer than the month the CRO is shown). It names
-- these very words with the say-so: given when they are sent with it, gone
-- when the child unticks it, new when they send different words.
ALTER TABLE consultation_answers ADD COLUMN words_ref TEXT;
CREATE UNIQUE INDEX consultation_answers_words_ref ON consultation_answers (words_ref);

-- The quotes the CRO (or a manager) picked for a report, by the words'
-- reference: a pick whose reference has gone is no longer shown, and is
-- cleared.
CREATE TABLE picked_words (
    words_ref TEXT PRIMARY KEY,
    picked_by BIGINT NOT NULL REFERENCES accounts (id),
    picked_at BIGINT NOT NULL
);
