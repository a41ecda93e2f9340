-- How each recurring job (digest schedule, paper fetches, purge) last ended, shared by every instance, so that
-- /health can say "the schedule has been failing since …" without anyone reading Hangfire's retries.
CREATE TABLE job_outcomes (
    job               TEXT PRIMARY KEY,   -- the recurring job id, e.g. digests:schedule
    last_run_at       TEXT NOT NULL,      -- when an execution last ended, either way
    last_succeeded_at TEXT,
    last_failed_at    TEXT,
    last_error        TEXT                -- the exception type and message of the last failure
);
