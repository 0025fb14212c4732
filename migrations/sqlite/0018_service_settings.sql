-- The service's own settings that a manager changes in the browser, one
-- row each by name; a setting without a row has its default. The first is
-- how small numbers are hidden in figures ('disclosure_rule', as 'dfe:6').
CREATE TABLE service_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    changed_at INTEGER NOT NULL,
    changed_by INTEGER NOT NULL REFERENCES accounts (id)
);

-- What an entry needs beyond its subject: a setting's old and new values.
-- Never a child's words, a passphrase, a token or an email address.
ALTER TABLE audit_log ADD COLUMN detail TEXT;
