-- The figures count each child's latest views in a period. Reading every
-- answer of a county's year for that is too slow, so each sent
-- consultation keeps what the figures need, taken from the sent answers
-- whenever the child sends (and filled in at start-up for views sent
-- before this change). Each topic has its place in app::vocabulary::TOPICS
-- (0 for "where I live", and on):
-- sent_topics: bit 2^place set when the topic was answered (a face, words
--   or "talk about it");
-- sent_talk: bit 2^place set when the child wants to talk about it;
-- sent_faces: the face picked (1 to 5; 0 none) times 8^place.
ALTER TABLE consultations ADD COLUMN sent_topics INTEGER;
ALTER TABLE consultations ADD COLUMN sent_talk INTEGER;
ALTER TABLE consultations ADD COLUMN sent_faces INTEGER;

-- A period's figures read only this index, never the consultations' rows.
CREATE INDEX consultations_counted ON consultations
    (submitted_at, child_id, sent_topics, sent_talk, sent_faces, sent_age_band);

-- How many of a consultation's sent answers carry each theme, kept as
-- IROs tag and untag answers (only the themes area writes it). A row
-- counts while 'answers' is above 0.
CREATE TABLE consultation_themes (
    consultation_id INTEGER NOT NULL REFERENCES consultations (id),
    theme_id INTEGER NOT NULL REFERENCES themes (id),
    answers INTEGER NOT NULL,
    PRIMARY KEY (consultation_id, theme_id)
);
INSERT INTO consultation_themes (consultation_id, theme_id, answers)
SELECT a.consultation_id, t.theme_id, COUNT(*) FROM answer_themes t
JOIN consultation_answers a ON a.id = t.answer_id
WHERE a.sent_at IS NOT NULL
GROUP BY a.consultation_id, t.theme_id;
