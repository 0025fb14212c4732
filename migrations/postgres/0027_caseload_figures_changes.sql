-- An IRO's own figures (what children on their caseload are saying) are
-- kept in memory too, as of the same count of changes (migration 0026):
-- a child allocated to an IRO, moved to another or no longer allocated
-- changes them, so the database counts that as well, in the same
-- transaction as the change.
CREATE TRIGGER figures_allocations_changed
    AFTER INSERT OR UPDATE OF child_id, iro_account_id, ended_at OR DELETE OR TRUNCATE
    ON iro_allocations FOR EACH STATEMENT EXECUTE FUNCTION figures_changed();
