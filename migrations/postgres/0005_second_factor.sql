-- Staff's second factor: an authenticator app (TOTP, RFC 6238) and
-- one-time recovery codes.

CREATE TABLE second_factors (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    -- The shared secret, base32. Set up but unconfirmed until the first
    -- code from the app is entered.
    secret TEXT NOT NULL,
    confirmed_at BIGINT,
    -- The last 30-second step a code was accepted for: a code works once.
    last_step BIGINT
);

CREATE TABLE recovery_codes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    code_hash TEXT NOT NULL,
    used_at BIGINT
);
CREATE INDEX recovery_codes_by_account ON recovery_codes (account_id);
