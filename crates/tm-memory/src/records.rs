//! The records the memory hands out: import batches, statistics, exported units.

use serde::Serialize;
use tm_formats::Unit;

/// One row of `tm memory list-batches`.
#[derive(Debug, Clone, Serialize)]
pub struct BatchInfo {
    pub id: i64,
    /// The batch's identity across memories: made when the file is imported, kept when
    /// `tm memory sync` copies the batch into another memory.
    pub uid: String,
    pub file: String,
    pub sha256: Option<String>,
    pub format: String,
    pub options: String,
    pub imported_at: String,
    pub read: i64,
    pub added: i64,
    pub merged: i64,
    pub variants: i64,
    pub skipped: i64,
    /// Units that still belong to this batch.
    pub units: i64,
}

/// Units of one language pair.
#[derive(Debug, Clone, Serialize)]
pub struct PairStats {
    pub src: String,
    pub tgt: String,
    pub units: i64,
    /// Sources stored with more than one translation.
    pub sources_with_variants: i64,
    /// Targets used for more than one source.
    pub reused_targets: i64,
    pub origins: Vec<(String, i64)>,
}

/// `tm memory stats`.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub units: i64,
    pub batches: i64,
    pub pairs: Vec<PairStats>,
}

/// What `tm memory dedupe` did.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct DedupeReport {
    pub units_before: i64,
    pub duplicates_removed: i64,
    pub units_after: i64,
    pub index_chunks: i64,
}

/// A unit as exported: its id in the memory and the unit record.
#[derive(Debug, Clone, Serialize)]
pub struct ExportUnit {
    pub id: i64,
    #[serde(flatten)]
    pub unit: Unit,
    /// `tm`'s segmenter version, when `tm` segmented the text (kept by `tm memory sync`).
    #[serde(skip)]
    pub seg_version: Option<String>,
    /// Hash of the previous source sentence's matching form (kept by `tm memory sync`).
    #[serde(skip)]
    pub prev_hash: Option<i64>,
}

/// A batch about to be recorded: the imported file and how it was imported.
#[derive(Debug, Clone, Copy, Default)]
pub struct NewBatch<'a> {
    pub file: &'a str,
    pub sha256: Option<&'a str>,
    pub format: &'a str,
    pub options: &'a str,
    /// Set when `tm memory sync` copies a batch: the original's uid and time. A new import
    /// gets a fresh uid and the current time.
    pub copy_of: Option<(&'a str, &'a str)>,
}
