-- The service's figures (each child's latest views in a period, and the
-- themes tagged on them) are the same for every IRO who reads them, so a
-- server keeps them in memory. This row says when to read them again: the
-- database itself counts every change to what they are counted from, on
-- every server and by every path (a child sending, an IRO tagging or
-- untagging, a theme renamed), in the same transaction as the change.
CREATE TABLE figures_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    changes INTEGER NOT NULL
);
INSERT INTO figures_changes (id, changes) VALUES (1, 0);

-- A draft is not counted until it is sent: only sent views and what the
-- figures read of them (migration 0019) count as a change.
CREATE TRIGGER figures_sent_added AFTER INSERT ON consultations
WHEN NEW.submitted_at IS NOT NULL
BEGIN
    UPDATE figures_changes SET changes = changes + 1 WHERE id = 1;
END;
CREATE TRIGGER figures_sent_changed
AFTER UPDATE OF child_id, submitted_at, sent_topics, sent_talk, sent_faces, sent_age_band
ON consultations
BEGIN
    UPDATE figures_changes SET changes = changes + 1 WHERE id = 1;
END;
CREATE TRIGGER figures_sent_removed AFTER DELETE ON consultations
WHEN OLD.submitted_at IS NOT NULL
BEGIN
    UPDATE figures_changes SET changes = changes + 1 WHERE id = 1;
END;
CREATE TRIGGER figures_tag_added AFTER INSERT ON consultation_themes
BEGIN
    UPDATE figures_changes SET changes = changes + 1 WHERE id = 1;
END;
CREATE TRIGGER figures_tag_changed AFTER UPDATE ON consultation_themes
BEGIN
    UPDATE figures_changes SET changes = changes + 1 WHERE id = 1;
END;
CREATE TRIGGER figures_tag_removed AFTER DELETE ON consultation_themes
BEGIN
    UPDATE figures_changes SET changes = changes + 1 WHERE id = 1;
END;
CREATE TRIGGER figures_theme_renamed AFTER UPDATE OF name ON themes
BEGIN
    UPDATE figures_changes SET changes = changes + 1 WHERE id = 1;
END;
CREATE TRIGGER figures_theme_removed AFTER DELETE ON themes
BEGIN
    UPDATE figures_changes SET changes = changes + 1 WHERE id = 1;
END;
