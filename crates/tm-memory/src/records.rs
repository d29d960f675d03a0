//! The records the memory hands out: import batches, statistics, exported units.

use serde::Serialize;

/// One row of `tm memory list-batches`.
#[derive(Debug, Clone, Serialize)]
pub struct BatchInfo {
    pub id: i64,
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

/// A unit as exported.
#[derive(Debug, Clone, Serialize)]
pub struct ExportUnit {
    pub id: i64,
    pub src_tag: String,
    pub tgt_tag: String,
    pub source: String,
    pub target: String,
    pub source_markup: Option<String>,
    pub target_markup: Option<String>,
    pub origin: Option<String>,
    pub created_at: Option<String>,
    pub created_by: Option<String>,
    pub changed_at: Option<String>,
    pub changed_by: Option<String>,
    pub usage_count: Option<i64>,
    pub context: Option<String>,
    pub notes: Vec<String>,
    pub props: Vec<(String, String)>,
}

/// A stored unit as the TMX writer takes it (the memory depends on the formats, not the
/// other way round).
impl<'a> From<&'a ExportUnit> for tm_formats::tmx::WriteUnit<'a> {
    fn from(unit: &'a ExportUnit) -> Self {
        tm_formats::tmx::WriteUnit {
            src_tag: &unit.src_tag,
            tgt_tag: &unit.tgt_tag,
            source: &unit.source,
            target: &unit.target,
            source_markup: unit.source_markup.as_deref(),
            target_markup: unit.target_markup.as_deref(),
            origin: unit.origin.as_deref(),
            created_at: unit.created_at.as_deref(),
            created_by: unit.created_by.as_deref(),
            changed_at: unit.changed_at.as_deref(),
            changed_by: unit.changed_by.as_deref(),
            usage_count: unit.usage_count,
            context: unit.context.as_deref(),
            notes: &unit.notes,
            props: &unit.props,
        }
    }
}
