-- What a person chose for themselves, kept with their account so it comes
-- back at every sign-in (Exit this page clears the browser's copy):
-- the language pages are shown in (a shipped language code, or none for
-- the browser's own), simpler mode (1 = on), and when a child was first
-- shown how Exit this page works (none = show it at the next sign-in).
ALTER TABLE accounts ADD COLUMN language TEXT;
ALTER TABLE accounts ADD COLUMN simpler BIGINT NOT NULL DEFAULT 0 CHECK (simpler IN (0, 1));
ALTER TABLE accounts ADD COLUMN exit_explained_at BIGINT;
