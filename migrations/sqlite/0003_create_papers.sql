-- Papers, stored once whatever the source, with a full-text index kept in step by triggers
-- (so every write to papers updates the index in the same transaction).
CREATE TABLE papers (
    id            INTEGER PRIMARY KEY,                 -- internal; the FTS rowid
    paper_key     TEXT    NOT NULL UNIQUE,             -- stable public id given at first sight: the arXiv id, or t-<hash of the title>
    arxiv_id      TEXT    UNIQUE,                      -- attached whenever a source tells it
    title         TEXT    NOT NULL,
    title_key     TEXT    NOT NULL,                    -- normalised title (case, whitespace, punctuation) for merging
    abstract      TEXT    NOT NULL DEFAULT '',
    authors       TEXT    NOT NULL DEFAULT '[]',       -- JSON array of names
    ai_keywords   TEXT    NOT NULL DEFAULT '[]',       -- JSON array of phrases
    published_at  TEXT,
    feed_date     TEXT,                                -- YYYY-MM-DD the paper appeared on a feed
    upvotes       INTEGER,
    github_repo   TEXT,
    project_page  TEXT,
    thumbnail     TEXT,
    sources       TEXT    NOT NULL DEFAULT '',         -- comma-separated source names, in order of first sight
    title_parts   TEXT    NOT NULL DEFAULT '',         -- parts of compound words in the title ("TinySAM" -> "Tiny SAM"), for matching
    abstract_parts TEXT   NOT NULL DEFAULT '',         -- the same for the abstract
    first_seen_at TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);

CREATE INDEX ix_papers_title_key ON papers (title_key);
CREATE INDEX ix_papers_feed_date ON papers (feed_date DESC, id DESC);
CREATE INDEX ix_papers_first_seen ON papers (first_seen_at);

-- SQLite-only: FTS5 over title, abstract, keywords and compound parts, with English stemming.
CREATE VIRTUAL TABLE papers_fts USING fts5 (
    title, abstract, ai_keywords, title_parts, abstract_parts,
    content = 'papers', content_rowid = 'id',
    tokenize = 'porter unicode61'
);

CREATE TRIGGER papers_fts_insert AFTER INSERT ON papers BEGIN
    INSERT INTO papers_fts (rowid, title, abstract, ai_keywords, title_parts, abstract_parts)
    VALUES (new.id, new.title, new.abstract, new.ai_keywords, new.title_parts, new.abstract_parts);
END;

CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers BEGIN
    INSERT INTO papers_fts (papers_fts, rowid, title, abstract, ai_keywords, title_parts, abstract_parts)
    VALUES ('delete', old.id, old.title, old.abstract, old.ai_keywords, old.title_parts, old.abstract_parts);
END;

CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, abstract, ai_keywords, title_parts, abstract_parts ON papers BEGIN
    INSERT INTO papers_fts (papers_fts, rowid, title, abstract, ai_keywords, title_parts, abstract_parts)
    VALUES ('delete', old.id, old.title, old.abstract, old.ai_keywords, old.title_parts, old.abstract_parts);
    INSERT INTO papers_fts (rowid, title, abstract, ai_keywords, title_parts, abstract_parts)
    VALUES (new.id, new.title, new.abstract, new.ai_keywords, new.title_parts, new.abstract_parts);
END;

-- Acronyms and their expansions as the papers define them ("Mixture-of-Experts (MoE)"), both as
-- lower-case words joined by single spaces; matching treats each as a synonym of the other.
CREATE TABLE acronyms (
    acronym   TEXT    NOT NULL,
    expansion TEXT    NOT NULL,
    seen      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (acronym, expansion)
);
CREATE INDEX ix_acronyms_expansion ON acronyms (expansion);
