-- The semantic index: one sentence embedding per paper (title and the start of its abstract), made in the
-- background after import. A paper without one is still matched by its words.
CREATE TABLE paper_embeddings (
    paper_id   INTEGER PRIMARY KEY REFERENCES papers (id) ON DELETE CASCADE,
    model      TEXT    NOT NULL,   -- which model made it; another model's vectors are made again
    vector     BLOB    NOT NULL,   -- float32 little-endian, unit length
    created_at TEXT    NOT NULL
);
