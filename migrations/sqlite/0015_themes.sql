-- The service's list of themes that children's answers are tagged with,
-- kept by the Children's Rights Officer: added, renamed, retired. A theme
-- is never deleted; a retired one is no longer offered for tagging, and
-- what was tagged with it is still counted.
CREATE TABLE themes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    -- The name folded for comparison: no two themes differ by case alone.
    name_key TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    retired_at INTEGER
);

-- An IRO's tag on one answer a child sent: part of the child's record
-- (their own information shows it).
CREATE TABLE answer_themes (
    answer_id INTEGER NOT NULL REFERENCES consultation_answers (id),
    theme_id INTEGER NOT NULL REFERENCES themes (id),
    tagged_by INTEGER NOT NULL REFERENCES accounts (id),
    tagged_at INTEGER NOT NULL,
    PRIMARY KEY (answer_id, theme_id)
);
CREATE INDEX answer_themes_by_theme ON answer_themes (theme_id);

-- The themes of the service's own annual report and of what children
-- raise through advocacy, to start from.
INSERT INTO themes (name, name_key, created_at) VALUES
    ('Contact with family', 'contact with family', 0),
    ('Where I live and moving', 'where i live and moving', 0),
    ('Staying where I live', 'staying where i live', 0),
    ('Education, training and work', 'education, training and work', 0),
    ('Health and wellbeing', 'health and wellbeing', 0),
    ('Mental health', 'mental health', 0),
    ('Money, benefits and debt', 'money, benefits and debt', 0),
    ('Housing when leaving care', 'housing when leaving care', 0),
    ('A trusted adult', 'a trusted adult', 0),
    ('Identity and culture', 'identity and culture', 0),
    ('Activities and time outdoors', 'activities and time outdoors', 0),
    ('Friends', 'friends', 0),
    ('Feeling safe', 'feeling safe', 0),
    ('Changes of worker', 'changes of worker', 0),
    ('My social worker or personal adviser', 'my social worker or personal adviser', 0),
    ('Advocacy', 'advocacy', 0),
    ('Support at meetings', 'support at meetings', 0),
    ('Plans for the future', 'plans for the future', 0),
    ('Making a complaint', 'making a complaint', 0);
