-- Addresses that left: an HMAC of the normalised address (keyed outside the database), never the address.
-- An import cannot re-add them; only the person, by confirming a new subscription, lifts it.
CREATE TABLE suppressions (
    email_hash TEXT PRIMARY KEY,
    reason     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
