//! The translation memory: aligned Russian–English units in SQLite, with a trigram index for
//! fuzzy search.
//!
//! One file per memory (`memory/tm.sqlite` by default). Writes go through one transaction per
//! imported file, so a failed or killed import leaves the memory as it was before that file.

mod admin;
pub mod analyze;
pub mod diff;
pub mod import;
pub mod lang;
pub mod matching;
pub mod postings;
mod schema;
mod search;
mod store;
pub mod synth;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

pub use admin::{BatchInfo, DedupeReport, ExportUnit, PairStats, Stats};
pub use schema::SCHEMA_VERSION;
pub use search::{Concordance, ConcordanceField, Match, SearchOptions, Searcher};
pub use store::{ImportCounts, Importer, NewUnit, OnConflict, Outcome};

/// Where a memory lives when nothing says otherwise, relative to the project root.
pub const DEFAULT_PATH: &str = "memory/tm.sqlite";

/// Errors of the memory store.
#[derive(Debug, thiserror::Error)]
pub enum MemoryError {
    #[error("{path}: the memory has schema version {found}, this tm knows up to {known}; use a newer tm")]
    NewerSchema { path: String, found: i64, known: i64 },
    #[error("{path}: no memory here yet (import something first, or give --memory)")]
    Missing { path: String },
    #[error("{path}: cannot create the memory's folder: {source}")]
    CreateFolder { path: String, source: std::io::Error },
    #[error("memory database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("no import batch {0}")]
    NoBatch(i64),
    #[error("{path} is not a tm memory: {why}; tm leaves it untouched (give another --memory)")]
    NotAMemory { path: String, why: String },
    #[error("{path} is damaged ({problem}); restore it from a backup (`tm memory backup`) or re-import")]
    Corrupt { path: String, problem: String },
    #[error("writing: {0}")]
    Io(#[from] std::io::Error),
}

/// An open memory.
#[derive(Debug)]
pub struct Memory {
    connection: Connection,
    path: PathBuf,
}

impl Memory {
    /// Opens the memory at `path`, creating it (and its folder) if needed, and migrating an
    /// older schema.
    pub fn open(path: &Path) -> Result<Self, MemoryError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|source| MemoryError::CreateFolder { path: parent.display().to_string(), source })?;
        }
        Self::connect(path)
    }

    /// Opens an existing memory; a missing file is an error rather than a new empty memory.
    pub fn open_existing(path: &Path) -> Result<Self, MemoryError> {
        if !path.exists() {
            return Err(MemoryError::Missing { path: path.display().to_string() });
        }
        Self::connect(path)
    }

    fn connect(path: &Path) -> Result<Self, MemoryError> {
        let mut connection = Connection::open(path)?;
        // Concurrent imports queue on the write lock instead of failing.
        connection.busy_timeout(Duration::from_secs(600))?;
        schema::claim(&connection, &path.display().to_string())?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "NORMAL")?;
        connection.pragma_update(None, "foreign_keys", "ON")?;
        connection.pragma_update(None, "cache_size", -65_536)?;
        // Reads through a memory map avoid copying every page touched by a lookup.
        connection.pragma_update(None, "mmap_size", 1i64 << 31)?;
        schema::migrate(&mut connection, &path.display().to_string())?;
        Ok(Self { connection, path: path.to_owned() })
    }

    /// Opens a memory file only to read it (no migration, no journal change).
    fn connect_read_only(path: &Path) -> Result<Self, MemoryError> {
        let connection = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        Ok(Self { connection, path: path.to_owned() })
    }

    /// The file this memory lives in.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The id of a language pair by primary subtags, if any unit uses it.
    fn pair_id(&self, src: &str, tgt: &str) -> Result<Option<i64>, MemoryError> {
        use rusqlite::OptionalExtension;
        Ok(self
            .connection
            .query_row("SELECT id FROM lang_pair WHERE src = ?1 AND tgt = ?2", (src, tgt), |row| row.get(0))
            .optional()?)
    }
}
