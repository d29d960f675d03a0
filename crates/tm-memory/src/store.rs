//! Writing units: one [`Importer`] per imported file, one transaction per importer.

use std::collections::HashMap;

use rusqlite::{Transaction, TransactionBehavior, params};
use serde::Serialize;

use super::matching::{grams, hash, hash_parts, matching_form, quick_form, skeleton_hash, sketch, stored_form};
use super::postings::{PostingsBuilder, SketchRuns};
use super::{Memory, MemoryError, lang};

/// A unit about to be stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewUnit {
    /// Language tags as the file gave them (`ru-RU`).
    pub src_tag: String,
    pub tgt_tag: String,
    /// Text with inline codes replaced by placeholders (see [`super::matching::placeholder`]).
    pub source: String,
    pub target: String,
    /// The original inline markup, when the segment had codes.
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
    /// `tm`'s segmenter version, when `tm` segmented the text.
    pub seg_version: Option<String>,
    /// Hash of the previous source sentence's matching form, for context matches.
    pub prev_hash: Option<i64>,
}

/// What to do when a unit's source is already stored with a different target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
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
    transaction: Transaction<'m>,
    batch: i64,
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
        f.debug_struct("Importer").field("batch", &self.batch).field("counts", &self.counts).finish_non_exhaustive()
    }
}

struct Existing {
    id: i64,
    created_at: Option<String>,
    changed_at: Option<String>,
    notes: Option<String>,
    props: Option<String>,
    usage_count: Option<i64>,
}

impl Memory {
    /// Starts importing one file: takes the write lock (waiting for other writers) and records
    /// the batch.
    pub fn importer(
        &mut self,
        file: &str,
        sha256: Option<&str>,
        format: &str,
        options: &str,
        on_conflict: OnConflict,
    ) -> Result<Importer<'_>, MemoryError> {
        let transaction = Transaction::new(&mut self.connection, TransactionBehavior::Immediate)?;
        transaction.execute(
            "INSERT INTO import_batch (file, sha256, format, options, imported_at) \
             VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            params![file, sha256, format, options],
        )?;
        let batch = transaction.last_insert_rowid();
        Ok(Importer {
            transaction,
            batch,
            file: file.to_owned(),
            on_conflict,
            pairs: HashMap::new(),
            postings: PostingsBuilder::default(),
            sketches: SketchRuns::default(),
            counts: ImportCounts::default(),
        })
    }
}

impl Importer<'_> {
    /// The batch number this import will have.
    #[must_use]
    pub fn batch(&self) -> i64 {
        self.batch
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

    fn add_inner(&mut self, unit: &NewUnit) -> Result<Outcome, MemoryError> {
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
            self.merge(&existing, unit)?;
            return Ok(Outcome::Merged);
        }
        let src_hash = hash(&src_norm);
        let mut same_source: Option<i64> = None;
        {
            let mut statement = self.transaction.prepare_cached(
                "SELECT id, src_norm, source FROM unit WHERE pair = ?1 AND src_hash = ?2 ORDER BY id DESC",
            )?;
            let mut rows = statement.query(params![pair, src_hash])?;
            while let Some(row) = rows.next()? {
                if stored_form(row.get(1)?, &row.get::<_, String>(2)?) == src_norm {
                    same_source = Some(row.get(0)?);
                    break;
                }
            }
        }
        match (same_source, self.on_conflict) {
            (None, _) => {
                self.insert(pair, unit, &src_norm, src_hash, key_hash)?;
                Ok(Outcome::Added)
            }
            (Some(_), OnConflict::AddVariant) => {
                self.insert(pair, unit, &src_norm, src_hash, key_hash)?;
                Ok(Outcome::Variant)
            }
            (Some(_), OnConflict::Keep) => {
                Ok(Outcome::Skipped("source already stored with another translation".into()))
            }
            (Some(id), OnConflict::Overwrite) => {
                self.transaction.prepare_cached(
                    "UPDATE unit SET target = ?2, target_markup = ?3, tgt_tag = ?4, key_hash = ?5, \
                     changed_at = coalesce(?6, changed_at), changed_by = coalesce(?7, changed_by), batch = ?8 WHERE id = ?1",
                )?
                .execute(params![
                    id,
                    unit.target,
                    unit.target_markup,
                    unit.tgt_tag,
                    key_hash,
                    unit.changed_at,
                    unit.changed_by,
                    self.batch
                ])?;
                Ok(Outcome::Overwritten)
            }
        }
    }

    fn find_same(
        &self,
        pair: i64,
        key_hash: i64,
        src_norm: &str,
        tgt_norm: &str,
    ) -> Result<Option<Existing>, MemoryError> {
        let mut statement = self.transaction.prepare_cached(
            "SELECT id, src_norm, target, created_at, changed_at, notes, props, usage_count, source \
             FROM unit WHERE pair = ?1 AND key_hash = ?2",
        )?;
        let mut rows = statement.query(params![pair, key_hash])?;
        while let Some(row) = rows.next()? {
            let stored_src = stored_form(row.get(1)?, &row.get::<_, String>(8)?);
            let stored_target: String = row.get(2)?;
            if stored_src == src_norm && matching_form(&stored_target) == tgt_norm {
                return Ok(Some(Existing {
                    id: row.get(0)?,
                    created_at: row.get(3)?,
                    changed_at: row.get(4)?,
                    notes: row.get(5)?,
                    props: row.get(6)?,
                    usage_count: row.get(7)?,
                }));
            }
        }
        Ok(None)
    }

    /// Merges metadata of a repeat: the newest change date (and its author) wins, notes and
    /// properties are united, the earliest creation date and the highest usage count kept.
    fn merge(&self, existing: &Existing, unit: &NewUnit) -> Result<(), MemoryError> {
        let newer = match (&unit.changed_at, &existing.changed_at) {
            (Some(new), Some(old)) => new > old,
            (Some(_), None) => true,
            _ => false,
        };
        let created_at = match (&existing.created_at, &unit.created_at) {
            (Some(old), Some(new)) => Some(old.min(new).clone()),
            (old, new) => old.clone().or_else(|| new.clone()),
        };
        let mut notes: Vec<String> =
            existing.notes.as_deref().and_then(|n| serde_json::from_str(n).ok()).unwrap_or_default();
        for note in &unit.notes {
            if !notes.contains(note) {
                notes.push(note.clone());
            }
        }
        let mut props: Vec<(String, String)> =
            existing.props.as_deref().and_then(|p| serde_json::from_str(p).ok()).unwrap_or_default();
        for prop in &unit.props {
            if let Some(slot) = props.iter_mut().find(|(kind, _)| *kind == prop.0) {
                if newer {
                    slot.1.clone_from(&prop.1);
                }
            } else {
                props.push(prop.clone());
            }
        }
        let usage = match (existing.usage_count, unit.usage_count) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let (changed_at, changed_by) =
            if newer { (unit.changed_at.clone(), unit.changed_by.clone()) } else { (None, None) };
        self.transaction
            .prepare_cached(
                "UPDATE unit SET created_at = ?2, notes = ?3, props = ?4, usage_count = ?5, \
                 changed_at = coalesce(?6, changed_at), changed_by = CASE WHEN ?6 IS NULL THEN changed_by ELSE ?7 END \
                 WHERE id = ?1",
            )?
            .execute(params![
                existing.id,
                created_at,
                json_list(&notes),
                json_props(&props),
                usage,
                changed_at,
                changed_by
            ])?;
        Ok(())
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
        let skel_hash = skeleton_hash(src_norm);
        self.transaction
            .prepare_cached(
                "INSERT INTO unit (pair, src_tag, tgt_tag, source, target, source_markup, target_markup, src_norm, \
                 src_hash, skel_hash, key_hash, origin, batch, created_at, created_by, changed_at, changed_by, \
                 usage_count, context, notes, props, seg_version, prev_hash) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, \
                 ?21, ?22, ?23)",
            )?
            .execute(params![
                pair,
                unit.src_tag,
                unit.tgt_tag,
                unit.source,
                unit.target,
                unit.source_markup,
                unit.target_markup,
                (quick_form(&unit.source) != src_norm).then_some(src_norm),
                src_hash,
                skel_hash,
                key_hash,
                unit.origin.as_deref().filter(|origin| *origin != self.file),
                self.batch,
                unit.created_at,
                unit.created_by,
                unit.changed_at,
                unit.changed_by,
                unit.usage_count,
                unit.context,
                json_list(&unit.notes),
                json_props(&unit.props),
                unit.seg_version,
                unit.prev_hash,
            ])?;
        let id = self.transaction.last_insert_rowid();
        self.postings.add(pair, id, &grams(&chars));
        self.sketches.add(pair, id, &sketch(&chars));
        Ok(())
    }

    fn pair(&mut self, src: &str, tgt: &str) -> Result<i64, MemoryError> {
        if let Some(&id) = self.pairs.get(&(src.to_owned(), tgt.to_owned())) {
            return Ok(id);
        }
        self.transaction.execute("INSERT OR IGNORE INTO lang_pair (src, tgt) VALUES (?1, ?2)", (src, tgt))?;
        let id: i64 =
            self.transaction
                .query_row("SELECT id FROM lang_pair WHERE src = ?1 AND tgt = ?2", (src, tgt), |row| row.get(0))?;
        self.pairs.insert((src.to_owned(), tgt.to_owned()), id);
        Ok(id)
    }

    fn flush(&mut self) -> Result<(), MemoryError> {
        let mut statement = self
            .transaction
            .prepare_cached("INSERT INTO gram_chunk (pair, gram, first_id, n, data) VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for (pair, gram, first_id, n, data) in self.postings.drain() {
            statement.execute(params![pair, gram, first_id, n as i64, data])?;
        }
        let mut statement =
            self.transaction.prepare_cached("INSERT INTO sketch_chunk (pair, first_id, data) VALUES (?1, ?2, ?3)")?;
        for (pair, first_id, data) in self.sketches.drain() {
            statement.execute(params![pair, first_id, data])?;
        }
        Ok(())
    }

    /// Records the file's checksum (known once it has been read).
    pub fn set_sha256(&self, sha256: &str) -> Result<(), MemoryError> {
        self.transaction.execute("UPDATE import_batch SET sha256 = ?2 WHERE id = ?1", params![self.batch, sha256])?;
        Ok(())
    }

    /// Writes the index and the batch's counts and commits the file.
    pub fn commit(mut self) -> Result<ImportCounts, MemoryError> {
        self.flush()?;
        let c = self.counts;
        self.transaction.execute(
            "UPDATE import_batch SET units_read = ?2, units_added = ?3, units_merged = ?4, units_variant = ?5, \
             units_skipped = ?6 WHERE id = ?1",
            params![
                self.batch,
                c.read as i64,
                c.added as i64,
                (c.merged + c.overwritten) as i64,
                c.variants as i64,
                c.skipped as i64
            ],
        )?;
        self.transaction.commit()?;
        Ok(c)
    }
}

fn json_list(items: &[String]) -> Option<String> {
    (!items.is_empty()).then(|| serde_json::to_string(items).unwrap_or_default())
}

fn json_props(items: &[(String, String)]) -> Option<String> {
    (!items.is_empty()).then(|| serde_json::to_string(items).unwrap_or_default())
}
