-- The service's figures (each child's latest views in a period, and the
-- themes tagged on them) are the same for every IRO who reads them, so a
-- server keeps them in memory. This row says when to read them again: the
-- database itself counts every change to what they are counted from, on
-- every server and by every path (a child sending, an IRO tagging or
-- untagging, a theme renamed), in the same transaction as the change, so
-- the new count is seen exactly when the change is.
CREATE TABLE figures_changes (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    changes BIGINT NOT NULL
);
INSERT INTO figures_changes (id, changes) VALUES (1, 0);

CREATE FUNCTION figures_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE figures_changes SET changes = changes + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;

-- A draft is not counted until it is sent: only sent views and what the
-- figures read of them (migration 0019) count as a change.
CREATE TRIGGER figures_sent_added AFTER INSERT ON consultations
    FOR EACH ROW WHEN (NEW.submitted_at IS NOT NULL) EXECUTE FUNCTION figures_changed();
CREATE TRIGGER figures_sent_changed
    AFTER UPDATE OF child_id, submitted_at, sent_topics, sent_talk, sent_faces, sent_age_band
    ON consultations FOR EACH STATEMENT EXECUTE FUNCTION figures_changed();
CREATE TRIGGER figures_sent_removed AFTER DELETE OR TRUNCATE ON consultations
    FOR EACH STATEMENT EXECUTE FUNCTION figures_changed();
CREATE TRIGGER figures_tags_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON consultation_themes FOR EACH STATEMENT EXECUTE FUNCTION figures_changed();
CREATE TRIGGER figures_theme_renamed AFTER UPDATE OF name OR DELETE OR TRUNCATE ON themes
    FOR EACH STATEMENT EXECUTE FUNCTION figures_changed();
