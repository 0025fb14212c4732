-- A child's views before a review: one consultation per child per review,
-- one row per topic answered. The system never deletes either.
CREATE TABLE consultations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    child_id BIGINT NOT NULL REFERENCES children (id),
    review_sequence BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('in_progress', 'submitted')),
    -- How the child wants to take part: choices separated by commas.
    take_part TEXT NOT NULL DEFAULT '',
    who_there TEXT NOT NULL DEFAULT '',
    where_held TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    submitted_at BIGINT,
    read_at BIGINT,
    read_by BIGINT REFERENCES accounts (id),
    UNIQUE (child_id, review_sequence)
);

CREATE TABLE consultation_answers (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consultation_id BIGINT NOT NULL REFERENCES consultations (id),
    topic TEXT NOT NULL,
    -- 1 (really unhappy) to 5 (really happy); empty when not picked.
    feeling BIGINT CHECK (feeling BETWEEN 1 AND 5),
    answer_text TEXT NOT NULL DEFAULT '',
    talk_about BIGINT NOT NULL DEFAULT 0 CHECK (talk_about IN (0, 1)),
    -- 0: just for my IRO (the default); 1: my IRO can share it at my
    -- meeting and with my social worker.
    share_at_meeting BIGINT NOT NULL DEFAULT 0 CHECK (share_at_meeting IN (0, 1)),
    updated_at BIGINT NOT NULL,
    UNIQUE (consultation_id, topic)
);

-- Raised when a child picks the worst face on "feeling safe" or writes a
-- risk phrase. Stands once raised, whether or not the child sends.
CREATE TABLE safety_alerts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    child_id BIGINT NOT NULL REFERENCES children (id),
    consultation_id BIGINT REFERENCES consultations (id),
    reason TEXT NOT NULL CHECK (reason IN ('feeling', 'words')),
    raised_at BIGINT NOT NULL,
    seen_at BIGINT,
    seen_by BIGINT REFERENCES accounts (id)
);
CREATE INDEX safety_alerts_by_child ON safety_alerts (child_id, seen_at);
