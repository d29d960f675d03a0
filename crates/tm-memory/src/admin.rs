//! Maintenance: batches, deletion, dedupe and index rebuild, statistics, export.

use std::path::Path;

use rusqlite::{Transaction, TransactionBehavior, params};
use serde::Serialize;

use super::matching::{grams, hash, hash_parts, matching_form, quick_form, skeleton_hash, sketch};
use super::postings::{PostingsBuilder, SketchRuns};
use super::{Memory, MemoryError, lang};

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

impl Memory {
    /// SQLite's own check of every page and index (`PRAGMA integrity_check`), or only the
    /// cheaper structural part (`quick_check`): the problems found, none when the memory is
    /// whole.
    pub fn integrity(&self, quick: bool) -> Result<Vec<String>, MemoryError> {
        let pragma = if quick { "PRAGMA quick_check" } else { "PRAGMA integrity_check" };
        let mut statement = self.connection.prepare(pragma)?;
        let rows: Vec<String> = statement.query_map([], |row| row.get(0))?.collect::<Result<_, _>>()?;
        Ok(rows.into_iter().filter(|row| row != "ok").collect())
    }

    /// Writes a consistent copy of the memory to `to` while it stays in use (`VACUUM INTO`,
    /// which reads through the write-ahead log, so the copy holds every committed import),
    /// checks the copy and then puts it in place in one rename. Copying `tm.sqlite` by hand
    /// misses what is still in `tm.sqlite-wal`.
    pub fn backup(&self, to: &Path) -> Result<(), MemoryError> {
        let folder = match to.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let name = to.file_name().map_or_else(|| "backup".into(), |n| n.to_string_lossy().into_owned());
        let temporary = folder.join(format!(".{name}.{}.tmp", std::process::id()));
        let _ = std::fs::remove_file(&temporary);
        let result = (|| {
            self.connection.execute("VACUUM INTO ?1", [temporary.to_string_lossy().as_ref()])?;
            let copy = Memory::connect_read_only(&temporary)?;
            let problems = copy.integrity(false)?;
            if let Some(problem) = problems.first() {
                return Err(MemoryError::Corrupt { path: temporary.display().to_string(), problem: problem.clone() });
            }
            drop(copy);
            std::fs::File::open(&temporary)?.sync_all()?;
            std::fs::rename(&temporary, to)?;
            Ok(())
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        result
    }

    /// Import batches, oldest first.
    pub fn batches(&self) -> Result<Vec<BatchInfo>, MemoryError> {
        let mut statement = self.connection.prepare(
            "SELECT b.id, b.file, b.sha256, b.format, b.options, b.imported_at, b.units_read, b.units_added, \
             b.units_merged, b.units_variant, b.units_skipped, (SELECT count(*) FROM unit u WHERE u.batch = b.id) \
             FROM import_batch b ORDER BY b.id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(BatchInfo {
                id: row.get(0)?,
                file: row.get(1)?,
                sha256: row.get(2)?,
                format: row.get(3)?,
                options: row.get(4)?,
                imported_at: row.get(5)?,
                read: row.get(6)?,
                added: row.get(7)?,
                merged: row.get(8)?,
                variants: row.get(9)?,
                skipped: row.get(10)?,
                units: row.get(11)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Deletes the units an import added (undoing it) and the batch record. Units that batch
    /// only merged into keep their merged metadata. Returns the number of units deleted.
    pub fn delete_batch(&mut self, batch: i64) -> Result<usize, MemoryError> {
        let transaction = Transaction::new(&mut self.connection, TransactionBehavior::Immediate)?;
        let exists: i64 =
            transaction.query_row("SELECT count(*) FROM import_batch WHERE id = ?1", [batch], |r| r.get(0))?;
        if exists == 0 {
            return Err(MemoryError::NoBatch(batch));
        }
        let deleted = transaction.execute("DELETE FROM unit WHERE batch = ?1", [batch])?;
        transaction.execute("DELETE FROM import_batch WHERE id = ?1", [batch])?;
        transaction.commit()?;
        Ok(deleted)
    }

    /// Deletes every unit whose origin (file or document) is `origin`.
    /// The language pairs that hold units, as (source, target) tags: cheap (one index probe a
    /// pair), unlike [`Memory::stats`].
    pub fn language_pairs(&self) -> Result<Vec<(String, String)>, MemoryError> {
        let mut statement = self.connection.prepare(
            "SELECT p.src, p.tgt FROM lang_pair p WHERE EXISTS (SELECT 1 FROM unit u WHERE u.pair = p.id) ORDER BY p.src, p.tgt",
        )?;
        let pairs = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        Ok(pairs)
    }

    /// Every origin the units came from (a unit's own, else its import's file), as
    /// [`Memory::delete_origin`] matches them, sorted.
    pub fn origins(&self) -> Result<Vec<String>, MemoryError> {
        let mut statement = self.connection.prepare(
            "SELECT DISTINCT coalesce(origin, (SELECT file FROM import_batch b WHERE b.id = unit.batch)) AS o FROM unit \
             WHERE o IS NOT NULL ORDER BY o",
        )?;
        let origins = statement.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok(origins)
    }

    pub fn delete_origin(&mut self, origin: &str) -> Result<usize, MemoryError> {
        let transaction = Transaction::new(&mut self.connection, TransactionBehavior::Immediate)?;
        let deleted = transaction.execute(
            "DELETE FROM unit WHERE coalesce(origin, (SELECT file FROM import_batch b WHERE b.id = unit.batch)) = ?1",
            [origin],
        )?;
        transaction.commit()?;
        Ok(deleted)
    }

    /// Recomputes every unit's matching form with this version's normaliser, merges units
    /// that became duplicates (keeping the oldest row, newest change date), and rebuilds the
    /// trigram index without deleted units, one chunk per gram.
    pub fn dedupe(&mut self) -> Result<DedupeReport, MemoryError> {
        let transaction = Transaction::new(&mut self.connection, TransactionBehavior::Immediate)?;
        let mut report = DedupeReport {
            units_before: transaction.query_row("SELECT count(*) FROM unit", [], |r| r.get(0))?,
            ..DedupeReport::default()
        };
        transaction.execute("DELETE FROM gram_chunk", [])?;
        transaction.execute("DELETE FROM sketch_chunk", [])?;
        let mut sketches = SketchRuns::default();
        // (pair, key hash) → kept units: (id, matching source, matching target).
        type Kept = Vec<(i64, String, String)>;
        let mut seen: std::collections::HashMap<(i64, i64), Kept> = std::collections::HashMap::new();
        let mut builder = PostingsBuilder::default();
        {
            let mut select =
                transaction.prepare("SELECT id, pair, source, target, changed_at FROM unit ORDER BY id")?;
            let mut update = transaction
                .prepare("UPDATE unit SET src_norm = ?2, src_hash = ?3, skel_hash = ?4, key_hash = ?5 WHERE id = ?1")?;
            let mut merge = transaction
                .prepare("UPDATE unit SET changed_at = ?2 WHERE id = ?1 AND (changed_at IS NULL OR changed_at < ?2)")?;
            let mut delete = transaction.prepare("DELETE FROM unit WHERE id = ?1")?;
            let mut rows = select.query([])?;
            while let Some(row) = rows.next()? {
                let (id, pair): (i64, i64) = (row.get(0)?, row.get(1)?);
                let (source, target): (String, String) = (row.get(2)?, row.get(3)?);
                let changed_at: Option<String> = row.get(4)?;
                let src_norm = matching_form(&source);
                let tgt_norm = matching_form(&target);
                let key_hash = hash_parts(&[&src_norm, &tgt_norm]);
                let same = seen.entry((pair, key_hash)).or_default();
                if let Some((kept, _, _)) = same.iter().find(|(_, s, t)| *s == src_norm && *t == tgt_norm) {
                    if let Some(changed_at) = changed_at {
                        merge.execute(params![kept, changed_at])?;
                    }
                    delete.execute([id])?;
                    report.duplicates_removed += 1;
                    continue;
                }
                let chars: Vec<char> = src_norm.chars().collect();
                let skel_hash = skeleton_hash(&src_norm);
                let stored = (quick_form(&source) != src_norm).then_some(src_norm.as_str());
                update.execute(params![id, stored, hash(&src_norm), skel_hash, key_hash])?;
                builder.add(pair, id, &grams(&chars));
                sketches.add(pair, id, &sketch(&chars));
                same.push((id, src_norm, tgt_norm));
            }
        }
        {
            let mut insert = transaction
                .prepare("INSERT INTO gram_chunk (pair, gram, first_id, n, data) VALUES (?1, ?2, ?3, ?4, ?5)")?;
            for (pair, gram, first_id, n, data) in builder.drain() {
                insert.execute(params![pair, gram, first_id, n as i64, data])?;
                report.index_chunks += 1;
            }
            let mut insert =
                transaction.prepare("INSERT INTO sketch_chunk (pair, first_id, data) VALUES (?1, ?2, ?3)")?;
            for (pair, first_id, data) in sketches.drain() {
                insert.execute(params![pair, first_id, data])?;
            }
        }
        report.units_after = transaction.query_row("SELECT count(*) FROM unit", [], |r| r.get(0))?;
        transaction.commit()?;
        self.connection.execute_batch("VACUUM")?;
        Ok(report)
    }

    /// Units per language pair and origin, sources with several translations, targets shared
    /// by several sources.
    pub fn stats(&self) -> Result<Stats, MemoryError> {
        let units = self.connection.query_row("SELECT count(*) FROM unit", [], |r| r.get(0))?;
        let batches = self.connection.query_row("SELECT count(*) FROM import_batch", [], |r| r.get(0))?;
        let mut pairs = Vec::new();
        let mut statement = self.connection.prepare(
            "SELECT p.id, p.src, p.tgt, count(u.id) FROM lang_pair p JOIN unit u ON u.pair = p.id GROUP BY p.id ORDER BY p.src, p.tgt",
        )?;
        let rows: Vec<(i64, String, String, i64)> =
            statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<Result<_, _>>()?;
        for (id, src, tgt, count) in rows {
            let sources_with_variants = self.connection.query_row(
                "SELECT count(*) FROM (SELECT src_hash FROM unit WHERE pair = ?1 GROUP BY src_hash HAVING count(*) > 1)",
                [id],
                |r| r.get(0),
            )?;
            let mut reused = std::collections::HashMap::<String, std::collections::HashSet<i64>>::new();
            let mut targets = self.connection.prepare("SELECT target, src_hash FROM unit WHERE pair = ?1")?;
            let mut rows = targets.query([id])?;
            while let Some(row) = rows.next()? {
                reused.entry(matching_form(&row.get::<_, String>(0)?)).or_default().insert(row.get(1)?);
            }
            let reused_targets = reused.values().filter(|sources| sources.len() > 1).count() as i64;
            let mut origins = self.connection.prepare(
                "SELECT coalesce(u.origin, b.file, '(none)') AS o, count(*) FROM unit u LEFT JOIN import_batch b ON b.id = u.batch \
                 WHERE u.pair = ?1 GROUP BY o ORDER BY count(*) DESC, 1 LIMIT 20",
            )?;
            let origins = origins.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
            pairs.push(PairStats { src, tgt, units: count, sources_with_variants, reused_targets, origins });
        }
        Ok(Stats { units, batches, pairs })
    }

    /// Calls `each` for every unit of the pair (primary subtags; `None` for all), oldest first.
    pub fn export(
        &self,
        src: Option<&str>,
        tgt: Option<&str>,
        mut each: impl FnMut(ExportUnit) -> std::io::Result<()>,
    ) -> Result<u64, MemoryError> {
        let src = src.map(lang::primary);
        let tgt = tgt.map(lang::primary);
        let mut statement = self.connection.prepare(
            "SELECT u.id, u.src_tag, u.tgt_tag, u.source, u.target, u.source_markup, u.target_markup, coalesce(u.origin, b.file), \
             u.created_at, u.created_by, u.changed_at, u.changed_by, u.usage_count, u.context, u.notes, u.props \
             FROM unit u JOIN lang_pair p ON p.id = u.pair LEFT JOIN import_batch b ON b.id = u.batch \
             WHERE (?1 IS NULL OR p.src = ?1) AND (?2 IS NULL OR p.tgt = ?2) ORDER BY u.id",
        )?;
        let mut rows = statement.query(params![src, tgt])?;
        let mut count = 0;
        while let Some(row) = rows.next()? {
            let notes: Option<String> = row.get(14)?;
            let props: Option<String> = row.get(15)?;
            each(ExportUnit {
                id: row.get(0)?,
                src_tag: row.get(1)?,
                tgt_tag: row.get(2)?,
                source: row.get(3)?,
                target: row.get(4)?,
                source_markup: row.get(5)?,
                target_markup: row.get(6)?,
                origin: row.get(7)?,
                created_at: row.get(8)?,
                created_by: row.get(9)?,
                changed_at: row.get(10)?,
                changed_by: row.get(11)?,
                usage_count: row.get(12)?,
                context: row.get(13)?,
                notes: notes.and_then(|n| serde_json::from_str(&n).ok()).unwrap_or_default(),
                props: props.and_then(|p| serde_json::from_str(&p).ok()).unwrap_or_default(),
            })?;
            count += 1;
        }
        Ok(count)
    }

    /// Number of stored units.
    pub fn unit_count(&self) -> Result<i64, MemoryError> {
        Ok(self.connection.query_row("SELECT count(*) FROM unit", [], |r| r.get(0))?)
    }
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
