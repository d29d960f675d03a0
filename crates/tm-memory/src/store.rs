//! The storage seam: what a backend (the embedded SQLite file today, a shared database
//! tomorrow) must provide, and nothing about how.
//!
//! Three traits, from small to large:
//!
//! * [`SearchStore`]: the reads the fuzzy search and concordance make — a unit's language
//!   pair, ids by hash, the trigram postings and sketches, candidate texts, finished matches.
//!   `tm check` needs only this (through [`crate::Searcher`]).
//! * [`ImportTx`]: one import transaction — the rows [`crate::Importer`] decides to write.
//!   The dedupe key, merging and the postings are worked out above it, once for every backend.
//! * [`Store`]: a whole memory: both of the above plus the admin operations (batches,
//!   deletion, dedupe, statistics, export, integrity, backup).
//!
//! Ids are the backend's unit ids: positive, increasing in insertion order (the search ranks
//! ties by newest first and indexes sketches by id).

use std::path::Path;

use crate::matching::Sketch;
use crate::postings::IntMap;
use crate::{BatchInfo, DedupeReport, ExportUnit, ImportCounts, Match, MemoryError, NewBatch, NewUnit, Stats};
use tm_formats::Unit;

/// Held for the length of one lookup: the backend's read snapshot (a read transaction), so a
/// lookup sees one state of the memory. Dropping it ends the snapshot.
pub trait ReadSnapshot {}

/// The text the verification step compares: the stored matching form when the backend keeps
/// one (the form differs from the quick form of the source), else the source itself.
#[derive(Debug, Clone, Copy)]
pub enum CandidateText<'a> {
    Form(&'a str),
    Source(&'a str),
}

/// The reads fuzzy search and concordance make. Every method is for one language pair, named
/// by the id [`SearchStore::pair_id`] gives.
pub trait SearchStore {
    /// The id of a language pair by primary subtags (`ru`, `en`), if any unit uses it.
    fn pair_id(&self, src: &str, tgt: &str) -> Result<Option<i64>, MemoryError>;
    /// Starts a read snapshot held for one lookup.
    fn snapshot(&self) -> Result<Box<dyn ReadSnapshot + '_>, MemoryError>;
    /// The largest unit id in the memory (0 when empty).
    fn max_unit_id(&self) -> Result<i64, MemoryError>;
    /// Writes the pair's sketches into `out`, indexed by unit id (`out` holds `max_unit_id + 1`
    /// slots): those of the stored runs that reach id `from` or beyond (0: all). Ids only grow,
    /// so a searcher that has the sketches below `from` reads only what was imported since.
    fn load_sketches(&self, pair: i64, from: i64, out: &mut [Sketch]) -> Result<(), MemoryError>;
    /// The postings length of every gram of the pair, counting the stored chunks that start at
    /// id `from` or beyond (0: all; a later import's chunks start past every earlier id).
    fn gram_sizes(&self, pair: i64, from: i64) -> Result<IntMap<i64, i64>, MemoryError>;
    /// Ids of the units whose matching form hashes to `src_hash`.
    fn ids_by_source_hash(&self, pair: i64, src_hash: i64) -> Result<Vec<i64>, MemoryError>;
    /// Ids of the units whose skeleton hashes to `skel_hash` (never 0).
    fn ids_by_skeleton_hash(&self, pair: i64, skel_hash: i64) -> Result<Vec<i64>, MemoryError>;
    /// Ids of the units whose matching form hashes to `src_hash`, and of those whose skeleton
    /// hashes to `skel_hash` (none when it is 0): one question where a round trip is dear.
    fn ids_by_hashes(&self, pair: i64, src_hash: i64, skel_hash: i64) -> Result<(Vec<i64>, Vec<i64>), MemoryError> {
        let skeletons = if skel_hash == 0 { Vec::new() } else { self.ids_by_skeleton_hash(pair, skel_hash)? };
        Ok((self.ids_by_source_hash(pair, src_hash)?, skeletons))
    }
    /// Calls `each(first_id, encoded ids)` for every stored chunk of a gram's postings (see
    /// [`crate::postings`]); the bytes may be borrowed from the backend's row.
    fn for_each_posting_chunk(&self, pair: i64, gram: i64, each: &mut dyn FnMut(i64, &[u8]))
    -> Result<(), MemoryError>;
    /// The same for several grams, in any order: one question where a round trip is dear.
    fn for_each_posting_chunk_of(
        &self,
        pair: i64,
        grams: &[i64],
        each: &mut dyn FnMut(i64, &[u8]),
    ) -> Result<(), MemoryError> {
        for &gram in grams {
            self.for_each_posting_chunk(pair, gram, each)?;
        }
        Ok(())
    }
    /// How many candidates verification fetches at once: few where a fetch is cheap (the
    /// threshold rises sooner), more where each fetch is a round trip to a server.
    fn verify_batch(&self) -> usize {
        crate::VERIFY_BATCH
    }
    /// Calls `each(id, text, skeleton hash)` for those of `ids` that are units of the pair, in
    /// any order.
    fn candidates(
        &self,
        pair: i64,
        ids: &[i64],
        each: &mut dyn FnMut(i64, CandidateText<'_>, i64),
    ) -> Result<(), MemoryError>;
    /// Calls `each(id, text)` for every unit of the pair (the brute-force reference).
    fn for_each_unit(&self, pair: i64, each: &mut dyn FnMut(i64, CandidateText<'_>)) -> Result<(), MemoryError>;
    /// The pair's unit ids, newest first (concordance over targets).
    fn unit_ids_newest_first(&self, pair: i64) -> Result<Vec<i64>, MemoryError>;
    /// A unit's source and target.
    fn texts(&self, id: i64) -> Result<Option<(String, String)>, MemoryError>;
    /// Finished matches for `(score, id)` entries, in their order; ids no longer stored are
    /// left out.
    fn matches(&self, entries: &[(u8, i64)]) -> Result<Vec<Match>, MemoryError>;
}

/// A unit as a backend stores it: the record and the keys [`crate::Importer`] computed.
#[derive(Debug, Clone, Copy)]
pub struct UnitRow<'a> {
    pub pair: i64,
    pub unit: &'a NewUnit,
    /// The matching form, stored only when it differs from the quick form of the source.
    pub src_norm: Option<&'a str>,
    pub src_hash: i64,
    pub skel_hash: i64,
    /// Hash of the source and target matching forms: the dedupe key.
    pub key_hash: i64,
    /// The unit's own origin, when it differs from the batch's file.
    pub origin: Option<&'a str>,
}

/// A stored unit with the dedupe key of a new one, and the metadata a merge combines.
#[derive(Debug, Clone, Default)]
pub struct KeyedUnit {
    pub id: i64,
    pub src_norm: Option<String>,
    pub source: String,
    pub target: String,
    pub created_at: Option<String>,
    pub changed_at: Option<String>,
    /// JSON lists as stored (`["…"]`, `[["type","value"]]`).
    pub notes: Option<String>,
    pub props: Option<String>,
    pub usage_count: Option<i64>,
}

/// The merged metadata of a repeated unit.
#[derive(Debug, Clone, Default)]
pub struct MergedMeta {
    pub created_at: Option<String>,
    pub notes: Option<String>,
    pub props: Option<String>,
    pub usage_count: Option<i64>,
    /// Set only when the new unit is newer; then `changed_by` replaces the stored one.
    pub changed_at: Option<String>,
    pub changed_by: Option<String>,
}

/// One import transaction: nothing is visible to readers before [`ImportTx::commit`], and
/// dropping it without committing leaves the memory as it was.
pub trait ImportTx {
    /// The batch number this import will have.
    fn batch(&self) -> i64;
    /// The id of a language pair by primary subtags, created when new.
    fn pair_id(&mut self, src: &str, tgt: &str) -> Result<i64, MemoryError>;
    /// Stored units of the pair with this dedupe key.
    fn units_with_key(&mut self, pair: i64, key_hash: i64) -> Result<Vec<KeyedUnit>, MemoryError>;
    /// `(id, stored matching form, source)` of the pair's units whose source hashes to
    /// `src_hash`, newest first.
    fn sources_with_hash(
        &mut self,
        pair: i64,
        src_hash: i64,
    ) -> Result<Vec<(i64, Option<String>, String)>, MemoryError>;
    /// Writes a merge's metadata into unit `id`.
    fn merge(&mut self, id: i64, merged: &MergedMeta) -> Result<(), MemoryError>;
    /// Replaces the translation of unit `id` and moves it into this batch.
    fn overwrite(&mut self, id: i64, unit: &Unit, key_hash: i64) -> Result<(), MemoryError>;
    /// Stores a new unit, returning its id (greater than every id stored before).
    fn insert(&mut self, row: &UnitRow<'_>) -> Result<i64, MemoryError>;
    /// Appends postings chunks `(pair, gram, first_id, ids in the chunk, encoded ids)`.
    fn write_postings(
        &mut self,
        chunks: &mut dyn Iterator<Item = (i64, i64, i64, usize, Vec<u8>)>,
    ) -> Result<(), MemoryError>;
    /// Appends sketch runs `(pair, first_id, 64 bytes per unit)`.
    fn write_sketches(&mut self, runs: Vec<(i64, i64, Vec<u8>)>) -> Result<(), MemoryError>;
    /// Records the file's checksum (known once it has been read).
    fn set_sha256(&mut self, sha256: &str) -> Result<(), MemoryError>;
    /// Records the batch's counts and commits.
    fn commit(self: Box<Self>, counts: ImportCounts) -> Result<(), MemoryError>;
}

/// A translation memory: search, import and administration.
pub trait Store: SearchStore {
    /// Where the memory is, as shown to people (a path, or a URL without its password).
    fn location(&self) -> String;
    /// Starts importing one file: takes the write lock (waiting for other writers) and
    /// records the batch. A copied batch whose uid the memory holds already is refused with
    /// [`MemoryError::BatchPresent`], decided under the lock.
    fn begin_import(&mut self, batch: &NewBatch<'_>) -> Result<Box<dyn ImportTx + '_>, MemoryError>;
    /// Makes committed writes durable where the backend defers it (SQLite's write-ahead log);
    /// a failure is an error, never ignored.
    fn finish_writes(&self) -> Result<(), MemoryError>;
    /// The backend's own consistency check: the problems found, none when whole.
    fn integrity(&self, quick: bool) -> Result<Vec<String>, MemoryError>;
    /// A consistent copy of the memory at `to`, written while it stays in use.
    fn backup(&self, to: &Path) -> Result<(), MemoryError>;
    /// Import batches, oldest first.
    fn batches(&self) -> Result<Vec<BatchInfo>, MemoryError>;
    /// Deletes the units a batch added and the batch record; the number of units deleted.
    fn delete_batch(&mut self, batch: i64) -> Result<usize, MemoryError>;
    /// The language pairs that hold units, as (source, target) primary subtags.
    fn language_pairs(&self) -> Result<Vec<(String, String)>, MemoryError>;
    /// Every origin the units came from (a unit's own, else its import's file), sorted.
    fn origins(&self) -> Result<Vec<String>, MemoryError>;
    /// Deletes every unit whose origin is `origin`; the number deleted.
    fn delete_origin(&mut self, origin: &str) -> Result<usize, MemoryError>;
    /// Recomputes matching forms, merges units that became duplicates and rebuilds the index.
    fn dedupe(&mut self) -> Result<DedupeReport, MemoryError>;
    /// Units per language pair and origin, variants, reused targets.
    fn stats(&self) -> Result<Stats, MemoryError>;
    /// Calls `each` for every unit of a language pair (primary subtags; either side may be
    /// open) or of one import batch, oldest first; the number of units.
    fn export_where(
        &self,
        src: Option<&str>,
        tgt: Option<&str>,
        batch: Option<i64>,
        each: &mut dyn FnMut(ExportUnit) -> std::io::Result<()>,
    ) -> Result<u64, MemoryError>;
    /// Calls `each` for every unit of the pair (language tags, reduced to their primary
    /// subtags; `None` for all), oldest first; the number of units.
    fn export(
        &self,
        src: Option<&str>,
        tgt: Option<&str>,
        each: &mut dyn FnMut(ExportUnit) -> std::io::Result<()>,
    ) -> Result<u64, MemoryError> {
        let (src, tgt) = (src.map(crate::lang::primary), tgt.map(crate::lang::primary));
        self.export_where(src.as_deref(), tgt.as_deref(), None, each)
    }
    /// Calls `each` for every unit that belongs to import batch `batch`, oldest first; the
    /// number of units.
    fn export_batch(
        &self,
        batch: i64,
        each: &mut dyn FnMut(ExportUnit) -> std::io::Result<()>,
    ) -> Result<u64, MemoryError> {
        self.export_where(None, None, Some(batch), each)
    }
    /// Number of stored units.
    fn unit_count(&self) -> Result<i64, MemoryError>;
}
