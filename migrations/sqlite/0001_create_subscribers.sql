-- Subscribers and their keywords.
-- Timestamps are UTC, written by the application (never by SQL defaults) so one format holds everywhere.
CREATE TABLE subscribers (
    id               INTEGER PRIMARY KEY,
    email            TEXT    NOT NULL,                 -- as the subscriber typed it (trimmed)
    email_normalized TEXT    NOT NULL UNIQUE,          -- lower-cased, the identity of the address
    status           TEXT    NOT NULL CHECK (status IN ('pending', 'active', 'unsubscribed', 'bounced')),
    cadence          TEXT    NOT NULL DEFAULT 'daily' CHECK (cadence IN ('daily', 'weekly')),
    send_hour        INTEGER NOT NULL DEFAULT 7 CHECK (send_hour BETWEEN 0 AND 23),
    time_zone        TEXT    NOT NULL DEFAULT 'UTC',
    token_nonce      TEXT    NOT NULL,                 -- mixed into link tokens; useless without the key outside the database
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    confirmed_at     TEXT,
    unsubscribed_at  TEXT
);

CREATE INDEX ix_subscribers_status ON subscribers (status);

CREATE TABLE subscriber_keywords (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    keyword       TEXT    NOT NULL,                    -- the subscriber's spelling
    PRIMARY KEY (subscriber_id, position)
);
