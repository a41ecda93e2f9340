-- A run's match sets also hold the papers a keyword matched by meaning only (not by its words): related = 1.
ALTER TABLE digest_run_matches ADD COLUMN related BIGINT NOT NULL DEFAULT 0;
