//! The translation memory, backend-neutral: the unit record, the import decisions (dedupe,
//! merge, variants), the trigram postings and sketches, the fuzzy search algorithm and
//! concordance, analysis — all over the [`Store`] trait, which a backend implements
//! (`tm-memory-sqlite` for the embedded file today).
//!
//! Writes go through one transaction per imported file, so a failed or killed import leaves
//! the memory as it was before that file.

pub mod analyze;
pub mod diff;
pub mod import;
mod importer;
pub mod lang;
mod location;
pub mod matching;
pub mod postings;
mod records;
mod search;
pub mod store;
pub mod sync;

pub use importer::{
    ImportCounts, Importer, NewUnit, OnConflict, Outcome, json_list, json_props, parse_notes, parse_props,
};
pub use location::MemoryLocation;
pub use records::{BatchInfo, DedupeReport, ExportUnit, NewBatch, PairStats, Stats};
pub use search::{Concordance, ConcordanceField, Lookup, Match, SearchOptions, Searcher, VERIFY_BATCH};
pub use store::{SearchStore, Store};
/// The unit record, defined once in the formats layer.
pub use tm_formats::{Meta, Unit};

/// A backend's own error (a database driver's), kept as the cause.
pub type BackendError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Where a memory lives when nothing says otherwise, relative to the project root.
pub const DEFAULT_PATH: &str = "memory/tm.sqlite";

/// Errors of the memory, whatever the backend: the backend's own errors are carried as
/// [`BackendError`], never as a driver's type.
#[derive(Debug, thiserror::Error)]
pub enum MemoryError {
    #[error("{path}: the memory has schema version {found}, this tm knows up to {known}; use a newer tm")]
    NewerSchema { path: String, found: i64, known: i64 },
    #[error("{path}: no memory here yet (import something first, or give --memory)")]
    Missing { path: String },
    #[error("{path}: cannot create the memory's folder: {source}")]
    CreateFolder { path: String, source: std::io::Error },
    #[error("memory database: {0}")]
    Backend(BackendError),
    #[error(
        "{location}: this tm has no backend for that kind of memory (it stores memories in SQLite files and in PostgreSQL: postgres://user@host/database)"
    )]
    Unsupported { location: String },
    #[error("{location}: cannot reach the memory: {why}")]
    Connect { location: String, why: String },
    #[error("{location}: {what}")]
    NotHere { location: String, what: String },
    #[error("no import batch {0}")]
    NoBatch(i64),
    #[error("copying batch {batch} ({file}) from {from}: {source}")]
    Sync { batch: i64, file: String, from: String, source: Box<MemoryError> },
    #[error("{location}: batch {uid} is here already")]
    BatchPresent { location: String, uid: String },
    #[error("{path} is not a tm memory: {why}; tm leaves it untouched (give another --memory)")]
    NotAMemory { path: String, why: String },
    #[error("{path} is damaged ({problem}); restore it from a backup (`tm memory backup`) or re-import")]
    Corrupt { path: String, problem: String },
    #[error("writing: {0}")]
    Io(#[from] std::io::Error),
    #[error(
        "{path}: the import is committed but still only in {path}-wal: moving it into the memory file failed ({source}); \
         free space and run the import again (it adds nothing twice), and until then copy the memory only with `tm memory backup`"
    )]
    Checkpoint { path: String, source: BackendError },
    #[error(
        "{path}: cannot write the memory (is its folder or disk read-only?); commands that only read it still work: {source}"
    )]
    NotWritable { path: String, source: BackendError },
    #[error(
        "{path}: the memory has schema version {found} and this tm reads version {known}; it must be migrated, which needs write access ({why})"
    )]
    ReadOnlyOld { path: String, found: i64, known: i64, why: String },
}
