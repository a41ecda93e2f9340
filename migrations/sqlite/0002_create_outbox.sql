-- The durable outbox: every email is a row before any SMTP traffic.
-- A row says what to render (kind + subscriber), not the rendered bytes, so millions of rows stay small.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL,                  -- confirm_subscription, already_subscribed, digest, ...
    subscriber_id   INTEGER REFERENCES subscribers (id) ON DELETE CASCADE,
    recipient       TEXT    NOT NULL,
    message_id      TEXT    NOT NULL UNIQUE,           -- fixed at enqueue time, so a retried send carries the same id
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,                  -- when pending: due time; when sending: end of the claim lease
    claimed_by      TEXT,
    last_error      TEXT,
    created_at      TEXT    NOT NULL,
    sent_at         TEXT
);

-- Claiming scans only unfinished rows; sent and failed rows never enter this index.
CREATE INDEX ix_outbox_due ON outbox (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX ix_outbox_subscriber ON outbox (subscriber_id);
