//! Writing units: one [`Importer`] per imported file, one transaction per importer. The
//! decisions (too long, empty, a repeat to merge, a variant, an overwrite) and the index are
//! made here for every backend; the backend's [`ImportTx`] only stores rows.

use std::collections::HashMap;

use serde::Serialize;
use tm_formats::Unit;

use crate::matching::{grams, hash, hash_parts, matching_form, quick_form, skeleton_hash, sketch, stored_form};
use crate::postings::{PostingsBuilder, SketchRuns};
use crate::store::{ImportTx, KeyedUnit, MergedMeta, Store, UnitRow};
use crate::{MemoryError, NewBatch, lang};

/// A unit about to be stored: the unit record and what `tm` knows about how it was segmented.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewUnit {
    pub unit: Unit,
    /// `tm`'s segmenter version, when `tm` segmented the text.
    pub seg_version: Option<String>,
    /// Hash of the previous source sentence's matching form, for context matches.
    pub prev_hash: Option<i64>,
}

impl From<Unit> for NewUnit {
    fn from(unit: Unit) -> Self {
        Self { unit, seg_version: None, prev_hash: None }
    }
}

/// What to do when a unit's source is already stored with a different target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum OnConflict {
    /// Keep the stored translation and skip the new one.
    Keep,
    /// Replace the stored translation (of the most recent unit with that source).
    Overwrite,
    /// Store the new translation beside the old one.
    #[default]
    AddVariant,
}

/// What happened to one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Added,
    /// The same source and target were stored already; metadata merged.
    Merged,
    /// Stored as another translation of a known source.
    Variant,
    /// The stored translation was replaced (`--on-conflict overwrite`).
    Overwritten,
    Skipped(String),
}

/// Per-file counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    pub read: u64,
    pub added: u64,
    pub merged: u64,
    pub variants: u64,
    pub overwritten: u64,
    pub skipped: u64,
}

/// Longest segment stored, in bytes: anything longer is a document or a broken export, not a
/// sentence, and would make every lookup that touches it slow.
pub(crate) const MAX_SEGMENT_BYTES: usize = 1 << 20;

/// Postings held in memory before they are written as chunks (about 8 bytes each).
const FLUSH_ENTRIES: usize = 8_000_000;

/// Writes one file's units in one transaction. Dropping it without [`Importer::commit`] rolls
/// everything back.
pub struct Importer<'m> {
    tx: Box<dyn ImportTx + 'm>,
    /// The batch's file: units from it store no origin of their own.
    file: String,
    on_conflict: OnConflict,
    pairs: HashMap<(String, String), i64>,
    postings: PostingsBuilder,
    sketches: SketchRuns,
    counts: ImportCounts,
}

impl std::fmt::Debug for Importer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Importer")
            .field("batch", &self.tx.batch())
            .field("counts", &self.counts)
            .finish_non_exhaustive()
    }
}

impl<'m> Importer<'m> {
    /// Starts importing one file into `store`: takes its write lock (waiting for other
    /// writers) and records the batch.
    pub fn begin(
        store: &'m mut (dyn Store + 'm),
        file: &str,
        sha256: Option<&str>,
        format: &str,
        options: &str,
        on_conflict: OnConflict,
    ) -> Result<Self, MemoryError> {
        Self::begin_batch(store, &NewBatch { file, sha256, format, options, copy_of: None }, on_conflict)
    }

    /// Starts importing a batch described in full (`tm memory sync` copies one with its uid).
    pub fn begin_batch(
        store: &'m mut (dyn Store + 'm),
        batch: &NewBatch<'_>,
        on_conflict: OnConflict,
    ) -> Result<Self, MemoryError> {
        let tx = store.begin_import(batch)?;
        Ok(Importer {
            tx,
            file: batch.file.to_owned(),
            on_conflict,
            pairs: HashMap::new(),
            postings: PostingsBuilder::default(),
            sketches: SketchRuns::default(),
            counts: ImportCounts::default(),
        })
    }

    /// The batch number this import will have.
    #[must_use]
    pub fn batch(&self) -> i64 {
        self.tx.batch()
    }

    /// Counts so far.
    #[must_use]
    pub fn counts(&self) -> ImportCounts {
        self.counts
    }

    /// Counts a unit the reader could not use.
    pub fn skip(&mut self) {
        self.counts.read += 1;
        self.counts.skipped += 1;
    }

    /// Stores one unit (or merges it into the stored one).
    pub fn add(&mut self, unit: &NewUnit) -> Result<Outcome, MemoryError> {
        self.counts.read += 1;
        let outcome = self.add_inner(unit)?;
        match &outcome {
            Outcome::Added => self.counts.added += 1,
            Outcome::Merged => self.counts.merged += 1,
            Outcome::Variant => self.counts.variants += 1,
            Outcome::Overwritten => self.counts.overwritten += 1,
            Outcome::Skipped(_) => self.counts.skipped += 1,
        }
        if self.postings.entries() >= FLUSH_ENTRIES {
            self.flush()?;
        }
        Ok(outcome)
    }

    fn add_inner(&mut self, new: &NewUnit) -> Result<Outcome, MemoryError> {
        let unit = &new.unit;
        let longest = unit.source.len().max(unit.target.len());
        if longest > MAX_SEGMENT_BYTES {
            return Ok(Outcome::Skipped(format!(
                "a segment of {longest} bytes is longer than tm stores ({MAX_SEGMENT_BYTES} bytes): not a sentence"
            )));
        }
        let src_norm = matching_form(&unit.source);
        let tgt_norm = matching_form(&unit.target);
        if src_norm.is_empty() {
            return Ok(Outcome::Skipped("empty source".to_owned()));
        }
        if tgt_norm.is_empty() {
            return Ok(Outcome::Skipped("empty target".to_owned()));
        }
        let pair = self.pair(&lang::primary(&unit.src_tag), &lang::primary(&unit.tgt_tag))?;
        let key_hash = hash_parts(&[&src_norm, &tgt_norm]);
        if let Some(existing) = self.find_same(pair, key_hash, &src_norm, &tgt_norm)? {
            self.tx.merge(existing.id, &merged(&existing, unit))?;
            return Ok(Outcome::Merged);
        }
        let src_hash = hash(&src_norm);
        let same_source = self
            .tx
            .sources_with_hash(pair, src_hash)?
            .into_iter()
            .find(|(_, stored, source)| stored_form(stored.clone(), source) == src_norm)
            .map(|(id, _, _)| id);
        match (same_source, self.on_conflict) {
            (None, _) => {
                self.insert(pair, new, &src_norm, src_hash, key_hash)?;
                Ok(Outcome::Added)
            }
            (Some(_), OnConflict::AddVariant) => {
                self.insert(pair, new, &src_norm, src_hash, key_hash)?;
                Ok(Outcome::Variant)
            }
            (Some(_), OnConflict::Keep) => {
                Ok(Outcome::Skipped("source already stored with another translation".into()))
            }
            (Some(id), OnConflict::Overwrite) => {
                self.tx.overwrite(id, unit, key_hash)?;
                Ok(Outcome::Overwritten)
            }
        }
    }

    fn find_same(
        &mut self,
        pair: i64,
        key_hash: i64,
        src_norm: &str,
        tgt_norm: &str,
    ) -> Result<Option<KeyedUnit>, MemoryError> {
        Ok(self.tx.units_with_key(pair, key_hash)?.into_iter().find(|stored| {
            stored_form(stored.src_norm.clone(), &stored.source) == src_norm
                && matching_form(&stored.target) == tgt_norm
        }))
    }

    fn insert(
        &mut self,
        pair: i64,
        unit: &NewUnit,
        src_norm: &str,
        src_hash: i64,
        key_hash: i64,
    ) -> Result<(), MemoryError> {
        let chars: Vec<char> = src_norm.chars().collect();
        let row = UnitRow {
            pair,
            unit,
            src_norm: (quick_form(&unit.unit.source) != src_norm).then_some(src_norm),
            src_hash,
            skel_hash: skeleton_hash(src_norm),
            key_hash,
            origin: unit.unit.origin.as_deref().filter(|origin| *origin != self.file),
        };
        let id = self.tx.insert(&row)?;
        self.postings.add(pair, id, &grams(&chars));
        self.sketches.add(pair, id, &sketch(&chars));
        Ok(())
    }

    fn pair(&mut self, src: &str, tgt: &str) -> Result<i64, MemoryError> {
        if let Some(&id) = self.pairs.get(&(src.to_owned(), tgt.to_owned())) {
            return Ok(id);
        }
        let id = self.tx.pair_id(src, tgt)?;
        self.pairs.insert((src.to_owned(), tgt.to_owned()), id);
        Ok(id)
    }

    fn flush(&mut self) -> Result<(), MemoryError> {
        self.tx.write_postings(&mut self.postings.drain())?;
        self.tx.write_sketches(self.sketches.drain())
    }

    /// Records the file's checksum (known once it has been read).
    pub fn set_sha256(&mut self, sha256: &str) -> Result<(), MemoryError> {
        self.tx.set_sha256(sha256)
    }

    /// Writes the index and the batch's counts and commits the file.
    pub fn commit(mut self) -> Result<ImportCounts, MemoryError> {
        self.flush()?;
        let counts = self.counts;
        self.tx.commit(counts)?;
        Ok(counts)
    }
}

/// Merges metadata of a repeat: the newest change date (and its author) wins, notes and
/// properties are united, the earliest creation date and the highest usage count kept.
fn merged(existing: &KeyedUnit, unit: &Unit) -> MergedMeta {
    let unit = &unit.meta;
    let newer = match (&unit.changed_at, &existing.changed_at) {
        (Some(new), Some(old)) => new > old,
        (Some(_), None) => true,
        _ => false,
    };
    let created_at = match (&existing.created_at, &unit.created_at) {
        (Some(old), Some(new)) => Some(old.min(new).clone()),
        (old, new) => old.clone().or_else(|| new.clone()),
    };
    let mut notes = parse_notes(existing.notes.as_deref());
    for note in &unit.notes {
        if !notes.contains(note) {
            notes.push(note.clone());
        }
    }
    let mut props = parse_props(existing.props.as_deref());
    for prop in &unit.props {
        if let Some(slot) = props.iter_mut().find(|(kind, _)| *kind == prop.0) {
            if newer {
                slot.1.clone_from(&prop.1);
            }
        } else {
            props.push(prop.clone());
        }
    }
    let usage_count = match (existing.usage_count, unit.usage_count) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    let (changed_at, changed_by) =
        if newer { (unit.changed_at.clone(), unit.changed_by.clone()) } else { (None, None) };
    MergedMeta { created_at, notes: json_list(&notes), props: json_props(&props), usage_count, changed_at, changed_by }
}

/// Notes as stored: a JSON list, or nothing when there are none.
#[must_use]
pub fn json_list(items: &[String]) -> Option<String> {
    (!items.is_empty()).then(|| serde_json::to_string(items).unwrap_or_default())
}

/// Properties as stored: a JSON list of `[type, value]`, or nothing when there are none.
#[must_use]
pub fn json_props(items: &[(String, String)]) -> Option<String> {
    (!items.is_empty()).then(|| serde_json::to_string(items).unwrap_or_default())
}

/// Notes as stored ([`json_list`]) read back; anything unreadable as none.
#[must_use]
pub fn parse_notes(stored: Option<&str>) -> Vec<String> {
    stored.and_then(|n| serde_json::from_str(n).ok()).unwrap_or_default()
}

/// Properties as stored ([`json_props`]) read back; anything unreadable as none.
#[must_use]
pub fn parse_props(stored: Option<&str>) -> Vec<(String, String)> {
    stored.and_then(|p| serde_json::from_str(p).ok()).unwrap_or_default()
}
