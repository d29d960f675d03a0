//! The database schema and its migrations, versioned by `PRAGMA user_version`.

use rusqlite::{Connection, Transaction, params};

use tm_memory::MemoryError;

use crate::db;

/// The newest schema this binary knows.
pub const SCHEMA_VERSION: i64 = 2;

/// Each migration brings the schema from version `index` to `index + 1`.
const MIGRATIONS: &[&str] = &[
    r"
CREATE TABLE lang_pair (
    id INTEGER PRIMARY KEY,
    src TEXT NOT NULL,          -- primary subtag, lower case
    tgt TEXT NOT NULL,
    UNIQUE (src, tgt)
);

CREATE TABLE import_batch (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    file TEXT NOT NULL,
    sha256 TEXT,
    format TEXT NOT NULL,
    options TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    units_read INTEGER NOT NULL DEFAULT 0,
    units_added INTEGER NOT NULL DEFAULT 0,
    units_merged INTEGER NOT NULL DEFAULT 0,
    units_variant INTEGER NOT NULL DEFAULT 0,
    units_skipped INTEGER NOT NULL DEFAULT 0
);

-- AUTOINCREMENT: ids are never reused, so index postings of deleted units can never point
-- at a different unit later.
CREATE TABLE unit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    pair INTEGER NOT NULL REFERENCES lang_pair (id),
    src_tag TEXT NOT NULL,
    tgt_tag TEXT NOT NULL,
    source TEXT NOT NULL,       -- inline codes as placeholders U+E000…
    target TEXT NOT NULL,
    source_markup TEXT,         -- the original inline markup, when there was any
    target_markup TEXT,
    src_norm TEXT,              -- matching form of the source, when quick_form(source) differs
    src_hash INTEGER NOT NULL,
    skel_hash INTEGER NOT NULL, -- 0 when the skeleton is too short to match on
    key_hash INTEGER NOT NULL,  -- (matching source, matching target): the dedupe key
    origin TEXT,                -- NULL: the batch's file
    batch INTEGER REFERENCES import_batch (id) ON DELETE SET NULL,
    created_at TEXT,
    created_by TEXT,
    changed_at TEXT,
    changed_by TEXT,
    usage_count INTEGER,
    context TEXT,
    notes TEXT,                 -- JSON array of strings
    props TEXT,                 -- JSON array of [type, value]
    seg_version TEXT,
    prev_hash INTEGER
);
CREATE INDEX unit_key ON unit (pair, key_hash);
CREATE INDEX unit_src ON unit (pair, src_hash);
CREATE INDEX unit_skel ON unit (pair, skel_hash) WHERE skel_hash <> 0;
CREATE INDEX unit_batch ON unit (batch);

-- Trigram postings: one row per (gram, chunk of ids). A chunk is a delta-varint list or a
-- bitmap over [first_id, last_id], whichever is smaller. Chunks are appended per import and
-- merged by `tm memory dedupe`.
CREATE TABLE gram_chunk (
    pair INTEGER NOT NULL,
    gram INTEGER NOT NULL,
    first_id INTEGER NOT NULL,
    n INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (pair, gram, first_id)
) WITHOUT ROWID;

-- Character sketches (length + histogram, 64 bytes per unit) of consecutive ids starting at
-- first_id: a cheap lower bound on edit distance before a candidate is read.
CREATE TABLE sketch_chunk (
    pair INTEGER NOT NULL,
    first_id INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (pair, first_id)
) WITHOUT ROWID;
",
    r"
-- Version 2: a batch's identity across memories (tm memory sync). Batches recorded before
-- get theirs from their record after this script (see legacy_uids).
ALTER TABLE import_batch ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX import_batch_uid ON import_batch (uid);
",
];

/// Brings the database to [`SCHEMA_VERSION`], refusing one written by a newer `tm`.
/// What marks a SQLite file as a tm memory (`PRAGMA application_id`, "TMEM").
const APPLICATION_ID: i64 = 0x544D_454D;

/// The tables every tm memory has.
const OWN_TABLES: [&str; 3] = ["lang_pair", "import_batch", "unit"];

/// Refuses a SQLite file that is not a tm memory, before anything is written to it (another
/// application's database must not be converted to WAL or given tm's tables). A new, empty
/// file and a memory written before the mark existed are taken, and marked.
pub(super) fn claim(connection: &Connection, path: &str) -> Result<(), MemoryError> {
    if !verify(connection, path)? {
        connection.pragma_update(None, "application_id", APPLICATION_ID).map_err(db)?;
    }
    Ok(())
}

/// Whether the database is a marked tm memory (true) or an unmarked one tm may claim: empty,
/// or holding tm's tables from before the mark (false); any other database is an error. Writes
/// nothing.
pub(super) fn verify(connection: &Connection, path: &str) -> Result<bool, MemoryError> {
    let id: i64 = connection.query_row("PRAGMA application_id", [], |row| row.get(0)).map_err(db)?;
    if id == APPLICATION_ID {
        return Ok(true);
    }
    if id != 0 {
        return Err(MemoryError::NotAMemory { path: path.to_owned(), why: format!("its application id is {id:#x}") });
    }
    let mut statement = connection
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .map_err(db)?;
    let tables: Vec<String> =
        statement.query_map([], |row| row.get(0)).map_err(db)?.collect::<Result<_, _>>().map_err(db)?;
    if !tables.is_empty() && !OWN_TABLES.iter().all(|t| tables.iter().any(|name| name == t)) {
        return Err(MemoryError::NotAMemory {
            path: path.to_owned(),
            why: format!("it holds other tables ({})", tables.join(", ")),
        });
    }
    Ok(false)
}

/// The schema version a memory has.
pub(super) fn version(connection: &Connection) -> Result<i64, MemoryError> {
    connection.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(db)
}

pub(super) fn migrate(connection: &mut Connection, path: &str) -> Result<(), MemoryError> {
    let found: i64 = connection.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(db)?;
    if found > SCHEMA_VERSION {
        return Err(MemoryError::NewerSchema { path: path.to_owned(), found, known: SCHEMA_VERSION });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    let transaction = Transaction::new(connection, rusqlite::TransactionBehavior::Immediate).map_err(db)?;
    // Another process may have migrated while we waited for the lock.
    let found: i64 = transaction.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(db)?;
    let start = usize::try_from(found).unwrap_or(0);
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(start) {
        transaction.execute_batch(sql).map_err(db)?;
        if index == 1 {
            legacy_uids(&transaction)?;
        }
        transaction.pragma_update(None, "user_version", index as i64 + 1).map_err(db)?;
    }
    transaction.commit().map_err(db)?;
    Ok(())
}

/// Gives every batch recorded before version 2 its uid, made from its record
/// ([`tm_memory::sync::legacy_uid`]).
fn legacy_uids(transaction: &Transaction<'_>) -> Result<(), MemoryError> {
    let batches: Vec<(i64, String, String, Option<String>)> = {
        let mut statement = transaction
            .prepare("SELECT id, file, imported_at, sha256 FROM import_batch WHERE uid IS NULL")
            .map_err(db)?;
        let rows =
            statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))).map_err(db)?;
        rows.collect::<Result<_, _>>().map_err(db)?
    };
    for (id, file, imported_at, sha256) in batches {
        let uid = tm_memory::sync::legacy_uid(id, &file, &imported_at, sha256.as_deref());
        transaction.execute("UPDATE import_batch SET uid = ?1 WHERE id = ?2", params![uid, id]).map_err(db)?;
    }
    Ok(())
}
