//! Maintenance: batches, deletion, dedupe and index rebuild, statistics, export.

use std::path::Path;

use rusqlite::{Transaction, TransactionBehavior, params};
use tm_memory::matching::{grams, hash, hash_parts, matching_form, quick_form, skeleton_hash, sketch};
use tm_memory::postings::{PostingsBuilder, SketchRuns};
use tm_memory::store::ImportTx;
use tm_memory::{BatchInfo, DedupeReport, ExportUnit, MemoryError, Meta, NewBatch, PairStats, Stats, Store, Unit};

use crate::{SqliteMemory, db};

impl Store for SqliteMemory {
    fn location(&self) -> String {
        self.path.display().to_string()
    }

    fn begin_import(&mut self, batch: &NewBatch<'_>) -> Result<Box<dyn ImportTx + '_>, MemoryError> {
        Ok(Box::new(self.begin(batch)?))
    }

    fn finish_writes(&self) -> Result<(), MemoryError> {
        self.checkpoint()
    }

    /// SQLite's own check of every page and index (`PRAGMA integrity_check`), or only the
    /// cheaper structural part (`quick_check`): the problems found, none when the memory is
    /// whole.
    fn integrity(&self, quick: bool) -> Result<Vec<String>, MemoryError> {
        let pragma = if quick { "PRAGMA quick_check" } else { "PRAGMA integrity_check" };
        let mut statement = self.connection.prepare(pragma).map_err(db)?;
        let rows: Vec<String> =
            statement.query_map([], |row| row.get(0)).map_err(db)?.collect::<Result<_, _>>().map_err(db)?;
        Ok(rows.into_iter().filter(|row| row != "ok").collect())
    }

    /// Writes a consistent copy of the memory to `to` while it stays in use (`VACUUM INTO`,
    /// which reads through the write-ahead log, so the copy holds every committed import),
    /// checks the copy and then puts it in place in one rename. Copying `tm.sqlite` by hand
    /// misses what is still in `tm.sqlite-wal`.
    fn backup(&self, to: &Path) -> Result<(), MemoryError> {
        let folder = match to.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let name = to.file_name().map_or_else(|| "backup".into(), |n| n.to_string_lossy().into_owned());
        let temporary = folder.join(format!(".{name}.{}.tmp", std::process::id()));
        let _ = std::fs::remove_file(&temporary);
        let result = (|| {
            self.connection.execute("VACUUM INTO ?1", [temporary.to_string_lossy().as_ref()]).map_err(db)?;
            let copy = SqliteMemory::connect_read_only(&temporary)?;
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
    fn batches(&self) -> Result<Vec<BatchInfo>, MemoryError> {
        let mut statement = self
            .connection
            .prepare(
                "SELECT b.id, b.file, b.sha256, b.format, b.options, b.imported_at, b.units_read, b.units_added, \
             b.units_merged, b.units_variant, b.units_skipped, (SELECT count(*) FROM unit u WHERE u.batch = b.id), b.uid \
             FROM import_batch b ORDER BY b.id",
            )
            .map_err(db)?;
        let rows = statement
            .query_map([], |row| {
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
                    uid: row.get(12)?,
                })
            })
            .map_err(db)?;
        rows.collect::<Result<_, _>>().map_err(db)
    }

    /// Deletes the units an import added (undoing it) and the batch record. Units that batch
    /// only merged into keep their merged metadata. Returns the number of units deleted.
    fn delete_batch(&mut self, batch: i64) -> Result<usize, MemoryError> {
        let transaction = Transaction::new(&mut self.connection, TransactionBehavior::Immediate).map_err(db)?;
        let exists: i64 = transaction
            .query_row("SELECT count(*) FROM import_batch WHERE id = ?1", [batch], |r| r.get(0))
            .map_err(db)?;
        if exists == 0 {
            return Err(MemoryError::NoBatch(batch));
        }
        let deleted = transaction.execute("DELETE FROM unit WHERE batch = ?1", [batch]).map_err(db)?;
        transaction.execute("DELETE FROM import_batch WHERE id = ?1", [batch]).map_err(db)?;
        transaction.commit().map_err(db)?;
        Ok(deleted)
    }

    /// Deletes every unit whose origin (file or document) is `origin`.
    /// The language pairs that hold units, as (source, target) tags: cheap (one index probe a
    /// pair), unlike [`Store::stats`].
    fn language_pairs(&self) -> Result<Vec<(String, String)>, MemoryError> {
        let mut statement = self.connection.prepare(
            "SELECT p.src, p.tgt FROM lang_pair p WHERE EXISTS (SELECT 1 FROM unit u WHERE u.pair = p.id) ORDER BY p.src, p.tgt",
        ).map_err(db)?;
        let pairs = statement
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(db)?
            .collect::<Result<_, _>>()
            .map_err(db)?;
        Ok(pairs)
    }

    /// Every origin the units came from (a unit's own, else its import's file), as
    /// [`Store::delete_origin`] matches them, sorted.
    fn origins(&self) -> Result<Vec<String>, MemoryError> {
        let mut statement = self.connection.prepare(
            "SELECT DISTINCT coalesce(origin, (SELECT file FROM import_batch b WHERE b.id = unit.batch)) AS o FROM unit \
             WHERE o IS NOT NULL ORDER BY o",
        ).map_err(db)?;
        let origins = statement.query_map([], |r| r.get(0)).map_err(db)?.collect::<Result<_, _>>().map_err(db)?;
        Ok(origins)
    }

    fn delete_origin(&mut self, origin: &str) -> Result<usize, MemoryError> {
        let transaction = Transaction::new(&mut self.connection, TransactionBehavior::Immediate).map_err(db)?;
        let deleted = transaction.execute(
            "DELETE FROM unit WHERE coalesce(origin, (SELECT file FROM import_batch b WHERE b.id = unit.batch)) = ?1",
            [origin],
        ).map_err(db)?;
        transaction.commit().map_err(db)?;
        Ok(deleted)
    }

    /// Recomputes every unit's matching form with this version's normaliser, merges units
    /// that became duplicates (keeping the oldest row, newest change date), and rebuilds the
    /// trigram index without deleted units, one chunk per gram.
    fn dedupe(&mut self) -> Result<DedupeReport, MemoryError> {
        let transaction = Transaction::new(&mut self.connection, TransactionBehavior::Immediate).map_err(db)?;
        let mut report = DedupeReport {
            units_before: transaction.query_row("SELECT count(*) FROM unit", [], |r| r.get(0)).map_err(db)?,
            ..DedupeReport::default()
        };
        transaction.execute("DELETE FROM gram_chunk", []).map_err(db)?;
        transaction.execute("DELETE FROM sketch_chunk", []).map_err(db)?;
        let mut sketches = SketchRuns::default();
        // (pair, key hash) → kept units: (id, matching source, matching target).
        type Kept = Vec<(i64, String, String)>;
        let mut seen: std::collections::HashMap<(i64, i64), Kept> = std::collections::HashMap::new();
        let mut builder = PostingsBuilder::default();
        {
            let mut select =
                transaction.prepare("SELECT id, pair, source, target, changed_at FROM unit ORDER BY id").map_err(db)?;
            let mut update = transaction
                .prepare("UPDATE unit SET src_norm = ?2, src_hash = ?3, skel_hash = ?4, key_hash = ?5 WHERE id = ?1")
                .map_err(db)?;
            let mut merge = transaction
                .prepare("UPDATE unit SET changed_at = ?2 WHERE id = ?1 AND (changed_at IS NULL OR changed_at < ?2)")
                .map_err(db)?;
            let mut delete = transaction.prepare("DELETE FROM unit WHERE id = ?1").map_err(db)?;
            let mut rows = select.query([]).map_err(db)?;
            while let Some(row) = rows.next().map_err(db)? {
                let (id, pair): (i64, i64) = (row.get(0).map_err(db)?, row.get(1).map_err(db)?);
                let (source, target): (String, String) = (row.get(2).map_err(db)?, row.get(3).map_err(db)?);
                let changed_at: Option<String> = row.get(4).map_err(db)?;
                let src_norm = matching_form(&source);
                let tgt_norm = matching_form(&target);
                let key_hash = hash_parts(&[&src_norm, &tgt_norm]);
                let same = seen.entry((pair, key_hash)).or_default();
                if let Some((kept, _, _)) = same.iter().find(|(_, s, t)| *s == src_norm && *t == tgt_norm) {
                    if let Some(changed_at) = changed_at {
                        merge.execute(params![kept, changed_at]).map_err(db)?;
                    }
                    delete.execute([id]).map_err(db)?;
                    report.duplicates_removed += 1;
                    continue;
                }
                let chars: Vec<char> = src_norm.chars().collect();
                let skel_hash = skeleton_hash(&src_norm);
                let stored = (quick_form(&source) != src_norm).then_some(src_norm.as_str());
                update.execute(params![id, stored, hash(&src_norm), skel_hash, key_hash]).map_err(db)?;
                builder.add(pair, id, &grams(&chars));
                sketches.add(pair, id, &sketch(&chars));
                same.push((id, src_norm, tgt_norm));
            }
        }
        {
            let mut insert = transaction
                .prepare("INSERT INTO gram_chunk (pair, gram, first_id, n, data) VALUES (?1, ?2, ?3, ?4, ?5)")
                .map_err(db)?;
            for (pair, gram, first_id, n, data) in builder.drain() {
                insert.execute(params![pair, gram, first_id, n as i64, data]).map_err(db)?;
                report.index_chunks += 1;
            }
            let mut insert = transaction
                .prepare("INSERT INTO sketch_chunk (pair, first_id, data) VALUES (?1, ?2, ?3)")
                .map_err(db)?;
            for (pair, first_id, data) in sketches.drain() {
                insert.execute(params![pair, first_id, data]).map_err(db)?;
            }
        }
        report.units_after = transaction.query_row("SELECT count(*) FROM unit", [], |r| r.get(0)).map_err(db)?;
        transaction.commit().map_err(db)?;
        self.connection.execute_batch("VACUUM").map_err(db)?;
        Ok(report)
    }

    /// Units per language pair and origin, sources with several translations, targets shared
    /// by several sources.
    fn stats(&self) -> Result<Stats, MemoryError> {
        let units = self.connection.query_row("SELECT count(*) FROM unit", [], |r| r.get(0)).map_err(db)?;
        let batches = self.connection.query_row("SELECT count(*) FROM import_batch", [], |r| r.get(0)).map_err(db)?;
        let mut pairs = Vec::new();
        let mut statement = self.connection.prepare(
            "SELECT p.id, p.src, p.tgt, count(u.id) FROM lang_pair p JOIN unit u ON u.pair = p.id GROUP BY p.id ORDER BY p.src, p.tgt",
        ).map_err(db)?;
        let rows: Vec<(i64, String, String, i64)> = statement
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .map_err(db)?
            .collect::<Result<_, _>>()
            .map_err(db)?;
        for (id, src, tgt, count) in rows {
            let sources_with_variants = self.connection.query_row(
                "SELECT count(*) FROM (SELECT src_hash FROM unit WHERE pair = ?1 GROUP BY src_hash HAVING count(*) > 1)",
                [id],
                |r| r.get(0),
            ).map_err(db)?;
            let mut reused = std::collections::HashMap::<String, std::collections::HashSet<i64>>::new();
            let mut targets =
                self.connection.prepare("SELECT target, src_hash FROM unit WHERE pair = ?1").map_err(db)?;
            let mut rows = targets.query([id]).map_err(db)?;
            while let Some(row) = rows.next().map_err(db)? {
                reused
                    .entry(matching_form(&row.get::<_, String>(0).map_err(db)?))
                    .or_default()
                    .insert(row.get(1).map_err(db)?);
            }
            let reused_targets = reused.values().filter(|sources| sources.len() > 1).count() as i64;
            let mut origins = self.connection.prepare(
                "SELECT coalesce(u.origin, b.file, '(none)') AS o, count(*) FROM unit u LEFT JOIN import_batch b ON b.id = u.batch \
                 WHERE u.pair = ?1 GROUP BY o ORDER BY count(*) DESC, 1 LIMIT 20",
            ).map_err(db)?;
            let origins = origins
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(db)?
                .collect::<Result<_, _>>()
                .map_err(db)?;
            pairs.push(PairStats { src, tgt, units: count, sources_with_variants, reused_targets, origins });
        }
        Ok(Stats { units, batches, pairs })
    }

    /// The units of a language pair (either side may be open) or of one batch, oldest first.
    fn export_where(
        &self,
        src: Option<&str>,
        tgt: Option<&str>,
        batch: Option<i64>,
        each: &mut dyn FnMut(ExportUnit) -> std::io::Result<()>,
    ) -> Result<u64, MemoryError> {
        let mut statement = self.connection.prepare(
            "SELECT u.id, u.src_tag, u.tgt_tag, u.source, u.target, u.source_markup, u.target_markup, coalesce(u.origin, b.file), \
             u.created_at, u.created_by, u.changed_at, u.changed_by, u.usage_count, u.context, u.notes, u.props, \
             u.seg_version, u.prev_hash \
             FROM unit u JOIN lang_pair p ON p.id = u.pair LEFT JOIN import_batch b ON b.id = u.batch \
             WHERE (?1 IS NULL OR p.src = ?1) AND (?2 IS NULL OR p.tgt = ?2) AND (?3 IS NULL OR u.batch = ?3) ORDER BY u.id",
        ).map_err(db)?;
        let mut rows = statement.query(params![src, tgt, batch]).map_err(db)?;
        let mut count = 0;
        while let Some(row) = rows.next().map_err(db)? {
            let notes: Option<String> = row.get(14).map_err(db)?;
            let props: Option<String> = row.get(15).map_err(db)?;
            // Read as SQLite's own result, so that one conversion covers every column.
            let unit = (|| -> rusqlite::Result<ExportUnit> {
                Ok(ExportUnit {
                    id: row.get(0)?,
                    unit: Unit {
                        src_tag: row.get(1)?,
                        tgt_tag: row.get(2)?,
                        source: row.get(3)?,
                        target: row.get(4)?,
                        source_markup: row.get(5)?,
                        target_markup: row.get(6)?,
                        origin: row.get(7)?,
                        meta: Meta {
                            created_at: row.get(8)?,
                            created_by: row.get(9)?,
                            changed_at: row.get(10)?,
                            changed_by: row.get(11)?,
                            usage_count: row.get(12)?,
                            context: row.get(13)?,
                            notes: tm_memory::parse_notes(notes.as_deref()),
                            props: tm_memory::parse_props(props.as_deref()),
                        },
                    },
                    seg_version: row.get(16)?,
                    prev_hash: row.get(17)?,
                })
            })()
            .map_err(db)?;
            each(unit)?;
            count += 1;
        }
        Ok(count)
    }

    /// Number of stored units.
    fn unit_count(&self) -> Result<i64, MemoryError> {
        self.connection.query_row("SELECT count(*) FROM unit", [], |r| r.get(0)).map_err(db)
    }
}
