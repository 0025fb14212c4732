-- An IRO's own figures (what children on their caseload are saying) are
-- kept in memory too, as of the same count of changes (migration 0026):
-- a child allocated to an IRO, moved to another or no longer allocated
-- changes them, so the database counts that as well, in the same
-- transaction as the change.
CREATE TRIGGER figures_allocation_added AFTER INSERT ON iro_allocations
BEGIN
    UPDATE figures_changes SET changes = changes + 1 WHERE id = 1;
END;
CREATE TRIGGER figures_allocation_changed
AFTER UPDATE OF child_id, iro_account_id, ended_at ON iro_allocations
BEGIN
    UPDATE figures_changes SET changes = changes + 1 WHERE id = 1;
END;
CREATE TRIGGER figures_allocation_removed AFTER DELETE ON iro_allocations
BEGIN
    UPDATE figures_changes SET changes = changes + 1 WHERE id = 1;
END;
