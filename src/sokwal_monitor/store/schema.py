"""The project store's SQLite schema, as a list of migrations.

``MIGRATIONS[i]`` takes a store from schema version ``i`` to ``i + 1``; the version
lives in ``PRAGMA user_version`` and ``PRAGMA application_id`` marks the file as a
sokwal-monitor store. Migrations only ever add: a released migration is never edited.
Statements are separated by semicolons (none may appear inside a literal).

>>> len(MIGRATIONS) >= 1
True
"""

from __future__ import annotations

__all__ = ["APPLICATION_ID", "DATA_MIGRATIONS", "MIGRATIONS", "REBUILDS"]

#: "SKWL" as a 32-bit integer: marks the SQLite file as a sokwal-monitor store.
APPLICATION_ID = 0x534B574C

_V1 = """
CREATE TABLE store_info (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE projects (
    project_id TEXT PRIMARY KEY,
    attributes TEXT NOT NULL DEFAULT '{}',
    in_metadata INTEGER NOT NULL DEFAULT 1 CHECK (in_metadata IN (0, 1)),
    updated_at TEXT NOT NULL
);
CREATE TABLE ingests (
    ingest_id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    written_by TEXT NOT NULL,
    roots TEXT NOT NULL DEFAULT '[]',
    n_added INTEGER NOT NULL DEFAULT 0,
    n_new_version INTEGER NOT NULL DEFAULT 0,
    n_unchanged INTEGER NOT NULL DEFAULT 0,
    n_failed INTEGER NOT NULL DEFAULT 0,
    n_skipped INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    is_current INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
    project_id TEXT REFERENCES projects (project_id) ON UPDATE CASCADE,
    wave TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('interview', 'report', 'survey', 'other')),
    format TEXT NOT NULL,
    title TEXT,
    respondent_role TEXT,
    n_chars INTEGER NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    attributes TEXT NOT NULL DEFAULT '{}',
    properties TEXT NOT NULL DEFAULT '{}',
    ingest_id INTEGER REFERENCES ingests (ingest_id),
    ingested_at TEXT NOT NULL,
    CHECK (n_chars = length(text))
);
CREATE UNIQUE INDEX documents_one_current_per_path ON documents (path) WHERE is_current = 1;
CREATE INDEX documents_project ON documents (project_id, wave);
CREATE TABLE segments (
    doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    segment_id TEXT GENERATED ALWAYS AS (doc_id || '-' || printf('%05d', position)) VIRTUAL,
    speaker TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT '' CHECK (role IN ('', 'interviewer', 'respondent')),
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    start_time REAL,
    end_time REAL,
    section TEXT NOT NULL DEFAULT '',
    page INTEGER,
    PRIMARY KEY (doc_id, position),
    CHECK (0 <= start_char AND start_char <= end_char)
) WITHOUT ROWID;
CREATE TABLE ingest_files (
    ingest_id INTEGER NOT NULL REFERENCES ingests (ingest_id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    status TEXT NOT NULL,
    doc_id TEXT,
    message TEXT NOT NULL DEFAULT ''
);
CREATE TABLE surveys (
    doc_id TEXT PRIMARY KEY REFERENCES documents (doc_id) ON DELETE CASCADE,
    n_rows INTEGER NOT NULL,
    n_variables INTEGER NOT NULL,
    file_label TEXT,
    file_encoding TEXT,
    notes TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE survey_variables (
    doc_id TEXT NOT NULL REFERENCES surveys (doc_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    label TEXT,
    type TEXT NOT NULL CHECK (type IN ('numeric', 'string', 'date', 'datetime', 'time')),
    measure TEXT,
    format TEXT,
    value_labels TEXT NOT NULL DEFAULT '{}',
    missing_ranges TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (doc_id, name)
);
CREATE TABLE survey_values (
    doc_id TEXT NOT NULL,
    name TEXT NOT NULL,
    row INTEGER NOT NULL,
    num REAL,
    str TEXT,
    PRIMARY KEY (doc_id, name, row),
    FOREIGN KEY (doc_id, name) REFERENCES survey_variables (doc_id, name) ON DELETE CASCADE
) WITHOUT ROWID
"""

# 2: pseudonymization (issue 3). The originals live in a separate key file, never here.
_V2 = """
ALTER TABLE documents ADD COLUMN pseudonymized_at TEXT;
CREATE TABLE pseudonymizations (
    run_id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    key_id TEXT NOT NULL,
    written_by TEXT NOT NULL,
    n_documents INTEGER NOT NULL,
    n_changed INTEGER NOT NULL,
    n_replacements INTEGER NOT NULL
)
"""

# 3: codings with provenance, the codebooks they came from, coding runs, memos (issue 4).
# A coding's segment is the one its first character is in; coding_id is derived from
# (doc_id, start_char, end_char, code, coder) when the coding is made, so the same
# inputs give the same ids.
_V3 = """
CREATE TABLE codebooks (
    sha256 TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    version TEXT,
    content TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE coding_runs (
    run_id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    coder TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('manual', 'rule', 'model', 'import')),
    codebook_sha256 TEXT REFERENCES codebooks (sha256),
    options TEXT NOT NULL DEFAULT '{}',
    written_by TEXT NOT NULL,
    n_documents INTEGER NOT NULL DEFAULT 0,
    n_added INTEGER NOT NULL DEFAULT 0,
    n_removed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE codings (
    coding_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    segment_position INTEGER,
    segment_id TEXT GENERATED ALWAYS AS (
        CASE WHEN segment_position IS NULL THEN NULL
        ELSE doc_id || '-' || printf('%05d', segment_position) END
    ) VIRTUAL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    code TEXT NOT NULL CHECK (code <> ''),
    coder TEXT NOT NULL CHECK (coder <> ''),
    origin TEXT NOT NULL CHECK (origin IN ('manual', 'rule', 'model', 'import')),
    score REAL,
    memo TEXT NOT NULL DEFAULT '',
    pattern TEXT NOT NULL DEFAULT '',
    run_id INTEGER REFERENCES coding_runs (run_id),
    created_at TEXT NOT NULL,
    CHECK (0 <= start_char AND start_char <= end_char)
);
CREATE INDEX codings_document ON codings (doc_id, start_char);
CREATE INDEX codings_segment ON codings (segment_id);
CREATE INDEX codings_coder ON codings (coder, code);
CREATE TABLE memos (
    memo_id INTEGER PRIMARY KEY,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('project', 'document', 'code')),
    target TEXT NOT NULL,
    author TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX memos_target ON memos (target_kind, target)
"""

# 4: topics (issue 7): the assignments of the last topic model, and every model's
# provenance. A unit is a segment or one of its sentences (start_char, end_char).
_V4 = """
CREATE TABLE topic_models (
    model_id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    written_by TEXT NOT NULL,
    embedding TEXT NOT NULL,
    unit TEXT NOT NULL CHECK (unit IN ('segments', 'sentences')),
    seed INTEGER NOT NULL,
    options TEXT NOT NULL DEFAULT '{}',
    n_units INTEGER NOT NULL,
    n_topics INTEGER NOT NULL,
    folder TEXT NOT NULL DEFAULT '',
    info TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE topics (
    model_id INTEGER NOT NULL REFERENCES topic_models (model_id),
    doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    segment_position INTEGER NOT NULL,
    segment_id TEXT GENERATED ALWAYS AS (
        doc_id || '-' || printf('%05d', segment_position)
    ) VIRTUAL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    topic INTEGER NOT NULL CHECK (topic >= -1),
    label TEXT NOT NULL,
    probability REAL,
    CHECK (0 <= start_char AND start_char <= end_char)
);
CREATE INDEX topics_segment ON topics (doc_id, segment_position)
"""

# 5: full-text search (issue 16). One row of ``search_segments`` per segment of a
# current document, with the lemmas of its words (space-separated, one per word: a
# lemma search cannot be computed in SQL); ``search_index`` is an FTS5 index with
# external content: the segment's text sliced from its document, and its lemmas.
# Nothing of the text is stored twice. The rows are written by the store's search
# operations (store/search.py) whenever a text or a segment changes; after this
# migration, ``rebuild_search_index`` fills them (see DATA_MIGRATIONS).
_V5 = """
CREATE TABLE search_segments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    lemmas TEXT NOT NULL,
    UNIQUE (doc_id, position)
);
CREATE VIEW search_content AS
    SELECT r.id AS id,
           substr(d.text, s.start_char + 1, s.end_char - s.start_char) AS text,
           r.lemmas AS lemmas
    FROM search_segments r
    JOIN segments s ON s.doc_id = r.doc_id AND s.position = r.position
    JOIN documents d ON d.doc_id = r.doc_id;
CREATE VIRTUAL TABLE search_index USING fts5 (
    text, lemmas, content = 'search_content', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
)
"""

# 6: rejected suggestions (issue 16): a coder said no to a rule's, a model's or another
# coder's coding. Who, when and which suggestion (its id and, should a new run replace it,
# its span, code and coder), so it is not offered to her again and a suggestion model can
# learn from it. One rejection per suggestion and coder.
_V6 = """
CREATE TABLE rejections (
    rejection_id INTEGER PRIMARY KEY,
    coding_id TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    code TEXT NOT NULL,
    suggested_by TEXT NOT NULL,
    origin TEXT NOT NULL,
    score REAL,
    rejected_by TEXT NOT NULL CHECK (rejected_by <> ''),
    rejected_at TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    UNIQUE (coding_id, rejected_by)
);
CREATE INDEX rejections_document ON rejections (doc_id, rejected_by)
"""

# 7: lessons (issue 17): one row per lesson (a span of whole sentences of a document, its
# type, themes, speaker role, provenance and review status) and the log of every review
# action with the row before and after it (JSON), so that each action can be undone.
_V7 = """
CREATE TABLE lessons (
    lesson_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    segment_position INTEGER,
    segment_id TEXT GENERATED ALWAYS AS (
        CASE WHEN segment_position IS NULL THEN NULL
        ELSE doc_id || '-' || printf('%05d', segment_position) END
    ) VIRTUAL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    type TEXT NOT NULL CHECK (
        type IN ('insight', 'do_differently', 'changed_practice', 'advice', 'shared')
    ),
    themes TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL CHECK (origin IN ('rule', 'model', 'manual')),
    coder TEXT NOT NULL CHECK (coder <> ''),
    status TEXT NOT NULL DEFAULT 'proposed' CHECK (
        status IN ('proposed', 'confirmed', 'rejected')
    ),
    score REAL,
    pattern TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT '',
    memo TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (0 <= start_char AND start_char < end_char)
);
CREATE INDEX lessons_document ON lessons (doc_id, start_char);
CREATE TABLE lesson_reviews (
    review_id INTEGER PRIMARY KEY,
    lesson_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('add', 'confirm', 'reject', 'edit', 'undo')),
    reviewer TEXT NOT NULL CHECK (reviewer <> ''),
    before TEXT NOT NULL DEFAULT '',
    after TEXT NOT NULL DEFAULT '',
    undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
    created_at TEXT NOT NULL
);
CREATE INDEX lesson_reviews_reviewer ON lesson_reviews (reviewer, review_id)
"""

# 8: the lessons library's curation (issue 17): per lesson whether the library hides it,
# the researcher's wording for the library (the lesson's own text stays as it is) and
# whether it is a favourite. Keyed by the lessons table's lesson_id (as text).
_V8 = """
CREATE TABLE library_curation (
    lesson_id TEXT PRIMARY KEY CHECK (lesson_id <> ''),
    hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    wording TEXT NOT NULL DEFAULT '',
    favourite INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1)),
    curator TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
)
"""

# 9: designlab sessions (issue 18): the boards imported from a session (one card set per
# session), the session's cards (their spans and text fingerprints), each board's groups
# (name, the code its cards were coded with, empty for an unnamed group; colour, votes,
# note, card ids as JSON), the candidate codes (group names kept apart from the codebook
# until a researcher accepts them) and who wrote which codebook version when.
_V9 = """
CREATE TABLE designlab_boards (
    session TEXT NOT NULL CHECK (session <> ''),
    board TEXT NOT NULL CHECK (board <> ''),
    card_set TEXT NOT NULL CHECK (card_set <> ''),
    coder TEXT NOT NULL CHECK (coder <> ''),
    board_sha256 TEXT NOT NULL,
    n_cards INTEGER NOT NULL DEFAULT 0,
    n_groups INTEGER NOT NULL DEFAULT 0,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (session, board)
);
CREATE TABLE designlab_cards (
    session TEXT NOT NULL CHECK (session <> ''),
    card_id TEXT NOT NULL CHECK (card_id <> ''),
    card_set TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text_sha256 TEXT NOT NULL,
    PRIMARY KEY (session, card_id),
    CHECK (0 <= start_char AND start_char < end_char)
);
CREATE TABLE designlab_groups (
    session TEXT NOT NULL,
    board TEXT NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    code TEXT NOT NULL DEFAULT '',
    mapped INTEGER NOT NULL DEFAULT 0 CHECK (mapped IN (0, 1)),
    colour TEXT NOT NULL DEFAULT '',
    votes INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0),
    note TEXT NOT NULL DEFAULT '',
    cards TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (session, board, position),
    FOREIGN KEY (session, board) REFERENCES designlab_boards (session, board) ON DELETE CASCADE
);
CREATE TABLE candidate_codes (
    code TEXT PRIMARY KEY CHECK (code <> ''),
    status TEXT NOT NULL DEFAULT 'candidate' CHECK (
        status IN ('candidate', 'accepted', 'rejected')
    ),
    session TEXT NOT NULL,
    board TEXT NOT NULL,
    codebook_sha256 TEXT,
    merged_into TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL DEFAULT '',
    decided_at TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE codebook_versions (
    sha256 TEXT PRIMARY KEY REFERENCES codebooks (sha256),
    parent_sha256 TEXT,
    author TEXT NOT NULL CHECK (author <> ''),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
)
"""

# 10: two sources of a REFI-QDA project with the same text are two documents (issue 19).
# ``documents.sha256`` was UNIQUE; SQLite cannot drop a constraint, so the table is
# rebuilt (the migration runs with foreign keys off, checked before it commits; the
# search view that reads it is made again). The hash stays unique for documents read
# from files (ingest matches them by it); imported sources (format 'qdpx') may share one.
_V10 = """
DROP VIEW search_content;
CREATE TABLE documents_v10 (
    doc_id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    is_current INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
    project_id TEXT REFERENCES projects (project_id) ON UPDATE CASCADE,
    wave TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('interview', 'report', 'survey', 'other')),
    format TEXT NOT NULL,
    title TEXT,
    respondent_role TEXT,
    n_chars INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    text TEXT NOT NULL,
    attributes TEXT NOT NULL DEFAULT '{}',
    properties TEXT NOT NULL DEFAULT '{}',
    ingest_id INTEGER REFERENCES ingests (ingest_id),
    ingested_at TEXT NOT NULL,
    pseudonymized_at TEXT,
    CHECK (n_chars = length(text))
);
INSERT INTO documents_v10 (doc_id, path, version, is_current, project_id, wave, kind, format,
    title, respondent_role, n_chars, sha256, text, attributes, properties, ingest_id,
    ingested_at, pseudonymized_at)
SELECT doc_id, path, version, is_current, project_id, wave, kind, format, title,
    respondent_role, n_chars, sha256, text, attributes, properties, ingest_id, ingested_at,
    pseudonymized_at
FROM documents;
DROP TABLE documents;
ALTER TABLE documents_v10 RENAME TO documents;
CREATE UNIQUE INDEX documents_one_current_per_path ON documents (path) WHERE is_current = 1;
CREATE INDEX documents_project ON documents (project_id, wave);
CREATE UNIQUE INDEX documents_file_sha256 ON documents (sha256) WHERE format <> 'qdpx';
CREATE INDEX documents_sha256 ON documents (sha256);
CREATE VIEW search_content AS
    SELECT r.id AS id,
           substr(d.text, s.start_char + 1, s.end_char - s.start_char) AS text,
           r.lemmas AS lemmas
    FROM search_segments r
    JOIN segments s ON s.doc_id = r.doc_id AND s.position = r.position
    JOIN documents d ON d.doc_id = r.doc_id
"""

#: Migrations that rebuild a table: run with foreign keys off (SQLite's own recipe for
#: changing a table), ``PRAGMA foreign_key_check`` before they commit.
REBUILDS: frozenset[int] = frozenset({10})

# 11: the search index in document order (issue 16). Each indexed document gets a sort
# key, ordered as (path, doc_id) are; a search row's id (the index's rowid) is that key
# shifted left by 24 bits plus the segment's position, so the index's own rowid order is
# document order and a page of hits in document order needs no sort of every match.
# ``rebuild_search_index`` renumbers the rows after this migration (DATA_MIGRATIONS).
_V11 = """
CREATE TABLE search_documents (
    doc_id TEXT PRIMARY KEY REFERENCES documents (doc_id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    sort_key INTEGER NOT NULL UNIQUE
);
CREATE INDEX search_documents_path ON search_documents (path, doc_id)
"""

# 12: transcripts of recordings (issue 20): the recording a transcript was made from, by
# its path relative to the ingested folder and its SHA-256, for provenance. The audio
# itself is never stored.
_V12 = """
ALTER TABLE documents ADD COLUMN source_audio TEXT;
ALTER TABLE documents ADD COLUMN source_audio_sha256 TEXT
"""

MIGRATIONS: list[str] = [_V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8, _V9, _V10, _V11, _V12]

#: Work a migration needs Python for, run in the same transaction right after its SQL:
#: schema version -> the name of a ``ProjectStore`` method that takes no argument.
#: (The index is built once, at 9, also for a store older than 5: the rebuild needs the
#: tables of 9.)
DATA_MIGRATIONS: dict[int, str] = {11: "rebuild_search_index"}
