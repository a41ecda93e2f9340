-- "More like this" / "Less like this" from the links in digests: at most one vote per subscriber and paper
-- (the latest direction wins), erased with the subscriber or the paper.
CREATE TABLE votes (
    subscriber_id BIGINT  NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    paper_id      BIGINT  NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    vote          TEXT    NOT NULL CHECK (vote IN ('more', 'less')),
    created_at    TEXT    NOT NULL,                    -- when this direction was chosen
    PRIMARY KEY (subscriber_id, paper_id)
);
CREATE INDEX ix_votes_paper ON votes (paper_id);       -- so deleting a paper finds its votes

-- Whether digests may be ranked by the subscriber's votes (1, the default) or not (0). Votes are kept either way.
ALTER TABLE subscribers ADD COLUMN learn_from_votes BIGINT  NOT NULL DEFAULT 1 CHECK (learn_from_votes IN (0, 1));
