-- Server-side sessions, sign-in failures for throttling, and the
-- append-only audit log.

CREATE TABLE sessions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- SHA-256 of the cookie's random token, hex; the token itself is
    -- never stored.
    token_hash TEXT NOT NULL UNIQUE,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    -- 'full' once signed in; 'set_up' or 'code' while a member of staff
    -- still has to set up or enter their second factor.
    stage TEXT NOT NULL DEFAULT 'full' CHECK (stage IN ('full', 'set_up', 'code')),
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);
CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);

-- Keyed by a hash of the name typed, not by account, so that a name with no
-- account is slowed and locked exactly like one with an account, and a
-- passphrase typed into the name box is never stored.
CREATE TABLE sign_in_failures (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name_hash TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_by_name ON sign_in_failures (name_hash, at);

-- Who did what, when. Never updated or deleted (the trigger refuses).
CREATE TABLE audit_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at BIGINT NOT NULL,
    -- The person acting, when known.
    actor_account_id BIGINT REFERENCES accounts (id),
    -- What happened, e.g. 'sign_in', 'sign_in_failed', 'sign_out'.
    action TEXT NOT NULL,
    -- The account or record acted on, as 'account:12' or 'child:3'.
    subject TEXT
);
CREATE INDEX audit_log_by_at ON audit_log (at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
