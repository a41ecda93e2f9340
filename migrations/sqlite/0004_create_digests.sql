-- Digest runs, the digests they build, and what each subscriber has been sent.
ALTER TABLE subscribers ADD COLUMN last_digest_at TEXT;           -- end of the window of their latest digest (built or skipped)
ALTER TABLE subscribers ADD COLUMN last_digest_local_date TEXT;   -- the local date it was for: never two in one local day

CREATE TABLE digest_runs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL CHECK (kind IN ('scheduled', 'manual')),
    status       TEXT    NOT NULL DEFAULT 'preparing' CHECK (status IN ('preparing', 'building', 'built', 'failed')),
    since        TEXT,                                  -- a manual run's override of every window's start
    window_end   TEXT    NOT NULL,                      -- papers first seen after this wait for the next run
    subscribers  INTEGER NOT NULL DEFAULT 0,
    batches      INTEGER NOT NULL DEFAULT 0,
    error        TEXT,
    created_at   TEXT    NOT NULL,
    completed_at TEXT
);

-- Who a run is for, cut into batches (one Hangfire job each).
CREATE TABLE digest_run_subscribers (
    run_id        INTEGER NOT NULL REFERENCES digest_runs (id) ON DELETE CASCADE,
    subscriber_id INTEGER NOT NULL,
    batch         INTEGER NOT NULL,
    local_date    TEXT,                                 -- scheduled runs: the local date the digest is for
    PRIMARY KEY (run_id, subscriber_id)
);
CREATE INDEX ix_digest_run_subscribers_batch ON digest_run_subscribers (run_id, batch);

-- A batch is done once its digests and outbox rows are committed; a retried batch skips what it already built.
CREATE TABLE digest_run_batches (
    run_id  INTEGER NOT NULL REFERENCES digest_runs (id) ON DELETE CASCADE,
    batch   INTEGER NOT NULL,
    done_at TEXT,
    PRIMARY KEY (run_id, batch)
);

-- Each distinct keyword of the run, matched once against the run's papers.
CREATE TABLE digest_run_matches (
    run_id   INTEGER NOT NULL REFERENCES digest_runs (id) ON DELETE CASCADE,
    keyword  TEXT    NOT NULL,                          -- KeywordQuery.Key
    paper_id INTEGER NOT NULL,
    in_title INTEGER NOT NULL,
    PRIMARY KEY (run_id, keyword, paper_id)
);

-- One row per subscriber per run. paper_count 0 records a skip (nothing matched: no email).
CREATE TABLE digests (
    id            INTEGER PRIMARY KEY,
    run_id        INTEGER NOT NULL REFERENCES digest_runs (id) ON DELETE CASCADE,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    window_start  TEXT    NOT NULL,
    window_end    TEXT    NOT NULL,
    local_date    TEXT    NOT NULL,                     -- the subscriber's local date it is for
    paper_count   INTEGER NOT NULL,
    papers        TEXT    NOT NULL DEFAULT '[]',        -- JSON [{"id", "score", "matched": [keywords]}], ranked
    created_at    TEXT    NOT NULL,
    UNIQUE (run_id, subscriber_id)
);
CREATE INDEX ix_digests_subscriber ON digests (subscriber_id, created_at);

ALTER TABLE outbox ADD COLUMN digest_id INTEGER REFERENCES digests (id) ON DELETE CASCADE;
CREATE INDEX ix_outbox_digest ON outbox (digest_id);

-- The hourly schedule's memory: up to when it has looked for due subscribers.
CREATE TABLE digest_schedule (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    covered_until  TEXT    NOT NULL
);
