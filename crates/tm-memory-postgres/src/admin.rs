//! Maintenance: batches, deletion, dedupe and index rebuild, statistics, export.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::Type;
use tm_memory::matching::{grams, hash, hash_parts, matching_form, quick_form, skeleton_hash, sketch};
use tm_memory::postings::{PostingsBuilder, SketchRuns};
use tm_memory::store::ImportTx;
use tm_memory::{BatchInfo, DedupeReport, ExportUnit, MemoryError, Meta, NewBatch, PairStats, Stats, Store, Unit};

use crate::{CHANNEL, PostgresMemory, WRITE_LOCK, db};

impl PostgresMemory {
    /// Runs `work` in a transaction holding the write lock, announcing the change on commit.
    fn write<T>(
        &mut self,
        work: impl FnOnce(&mut postgres::Transaction<'_>) -> Result<T, MemoryError>,
    ) -> Result<T, MemoryError> {
        let mut transaction = self.client.get_mut().transaction().map_err(db)?;
        transaction.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK]).map_err(db)?;
        let out = work(&mut transaction)?;
        transaction.execute("SELECT pg_notify($1, 'change')", &[&CHANNEL]).map_err(db)?;
        transaction.commit().map_err(db)?;
        Ok(out)
    }
}

impl Store for PostgresMemory {
    fn location(&self) -> String {
        self.shown.clone()
    }

    fn begin_import(&mut self, batch: &NewBatch<'_>) -> Result<Box<dyn ImportTx + '_>, MemoryError> {
        Ok(Box::new(self.begin(batch)?))
    }

    /// A commit is durable in PostgreSQL when it returns: nothing is deferred.
    fn finish_writes(&self) -> Result<(), MemoryError> {
        Ok(())
    }

    /// PostgreSQL guards its own pages; this checks what only tm knows: that every unit has a
    /// sketch and its language pair, and that no postings chunk points past the last id.
    fn integrity(&self, _quick: bool) -> Result<Vec<String>, MemoryError> {
        let mut problems = Vec::new();
        let max_id = tm_memory::SearchStore::max_unit_id(self)?;
        let past = self.number("SELECT count(*) FROM gram_chunk WHERE first_id > $1", &[&max_id])?;
        if past > 0 {
            problems.push(format!("{past} postings chunks start past the last unit id {max_id}"));
        }
        for row in self.rows(
            "SELECT p.src, p.tgt, (SELECT count(*) FROM unit u WHERE u.pair = p.id), \
             (SELECT coalesce(sum(length(s.data)), 0)::int8 FROM sketch_chunk s WHERE s.pair = p.id) FROM lang_pair p",
            &[],
        )? {
            let (src, tgt): (String, String) = (row.try_get(0).map_err(db)?, row.try_get(1).map_err(db)?);
            let (units, bytes): (i64, i64) = (row.try_get(2).map_err(db)?, row.try_get(3).map_err(db)?);
            if bytes < units * tm_memory::matching::SKETCH_BYTES as i64 {
                problems.push(format!("{src}→{tgt}: {units} units but sketches for only {} of them", bytes / 64));
            }
        }
        Ok(problems)
    }

    fn backup(&self, _to: &Path) -> Result<(), MemoryError> {
        Err(MemoryError::NotHere {
            location: self.shown.clone(),
            what: "a PostgreSQL memory is backed up by the database (pg_dump), or copied into a SQLite file with \
                   `tm memory sync`"
                .to_owned(),
        })
    }

    fn batches(&self) -> Result<Vec<BatchInfo>, MemoryError> {
        let rows = self.rows(
            "SELECT b.id, b.file, b.sha256, b.format, b.options, b.imported_at, b.units_read, b.units_added, \
             b.units_merged, b.units_variant, b.units_skipped, (SELECT count(*) FROM unit u WHERE u.batch = b.id), b.uid \
             FROM import_batch b ORDER BY b.id",
            &[],
        )?;
        rows.iter()
            .map(|row| {
                Ok(BatchInfo {
                    id: row.try_get(0)?,
                    file: row.try_get(1)?,
                    sha256: row.try_get(2)?,
                    format: row.try_get(3)?,
                    options: row.try_get(4)?,
                    imported_at: row.try_get(5)?,
                    read: row.try_get(6)?,
                    added: row.try_get(7)?,
                    merged: row.try_get(8)?,
                    variants: row.try_get(9)?,
                    skipped: row.try_get(10)?,
                    units: row.try_get(11)?,
                    uid: row.try_get(12)?,
                })
            })
            .collect::<Result<_, postgres::Error>>()
            .map_err(db)
    }

    fn delete_batch(&mut self, batch: i64) -> Result<usize, MemoryError> {
        self.write(|transaction| {
            let exists = transaction.execute("SELECT 1 FROM import_batch WHERE id = $1", &[&batch]).map_err(db)?;
            if exists == 0 {
                return Err(MemoryError::NoBatch(batch));
            }
            let deleted = transaction.execute("DELETE FROM unit WHERE batch = $1", &[&batch]).map_err(db)?;
            transaction.execute("DELETE FROM import_batch WHERE id = $1", &[&batch]).map_err(db)?;
            Ok(usize::try_from(deleted).unwrap_or(usize::MAX))
        })
    }

    fn language_pairs(&self) -> Result<Vec<(String, String)>, MemoryError> {
        let rows = self.rows(
            "SELECT p.src, p.tgt FROM lang_pair p WHERE EXISTS (SELECT 1 FROM unit u WHERE u.pair = p.id) \
             ORDER BY p.src, p.tgt",
            &[],
        )?;
        rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect::<Result<_, postgres::Error>>().map_err(db)
    }

    fn origins(&self) -> Result<Vec<String>, MemoryError> {
        let rows = self.rows(
            "SELECT DISTINCT o FROM (SELECT coalesce(u.origin, b.file) AS o FROM unit u \
             LEFT JOIN import_batch b ON b.id = u.batch) AS origins WHERE o IS NOT NULL ORDER BY o",
            &[],
        )?;
        rows.iter().map(|r| r.try_get(0)).collect::<Result<_, postgres::Error>>().map_err(db)
    }

    fn delete_origin(&mut self, origin: &str) -> Result<usize, MemoryError> {
        self.write(|transaction| {
            let deleted = transaction
                .execute(
                    "DELETE FROM unit u WHERE coalesce(u.origin, (SELECT file FROM import_batch b WHERE b.id = u.batch)) = $1",
                    &[&origin],
                )
                .map_err(db)?;
            Ok(usize::try_from(deleted).unwrap_or(usize::MAX))
        })
    }

    /// As in SQLite: every matching form recomputed, units that became duplicates merged
    /// (oldest row kept, newest change date), the postings and sketches rebuilt.
    fn dedupe(&mut self) -> Result<DedupeReport, MemoryError> {
        self.write(|transaction| {
            let count = |t: &mut postgres::Transaction<'_>| -> Result<i64, MemoryError> {
                t.query_one("SELECT count(*) FROM unit", &[]).map_err(db)?.try_get(0).map_err(db)
            };
            let mut report = DedupeReport { units_before: count(transaction)?, ..DedupeReport::default() };
            transaction.batch_execute("DELETE FROM gram_chunk; DELETE FROM sketch_chunk").map_err(db)?;
            let rows = transaction
                .query("SELECT id, pair, source, target, changed_at FROM unit ORDER BY id", &[])
                .map_err(db)?;
            let update = transaction
                .prepare("UPDATE unit SET src_norm = $2, src_hash = $3, skel_hash = $4, key_hash = $5 WHERE id = $1")
                .map_err(db)?;
            let merge = transaction
                .prepare("UPDATE unit SET changed_at = $2 WHERE id = $1 AND (changed_at IS NULL OR changed_at < $2)")
                .map_err(db)?;
            let delete = transaction.prepare("DELETE FROM unit WHERE id = $1").map_err(db)?;
            let mut sketches = SketchRuns::default();
            let mut builder = PostingsBuilder::default();
            type Kept = Vec<(i64, String, String)>;
            let mut seen: HashMap<(i64, i64), Kept> = HashMap::new();
            for row in rows {
                let (id, pair): (i64, i64) = (row.try_get(0).map_err(db)?, row.try_get(1).map_err(db)?);
                let (source, target): (String, String) = (row.try_get(2).map_err(db)?, row.try_get(3).map_err(db)?);
                let changed_at: Option<String> = row.try_get(4).map_err(db)?;
                let src_norm = matching_form(&source);
                let tgt_norm = matching_form(&target);
                let key_hash = hash_parts(&[&src_norm, &tgt_norm]);
                let same = seen.entry((pair, key_hash)).or_default();
                if let Some((kept, _, _)) = same.iter().find(|(_, s, t)| *s == src_norm && *t == tgt_norm) {
                    if let Some(changed_at) = changed_at {
                        transaction.execute(&merge, &[kept, &changed_at]).map_err(db)?;
                    }
                    transaction.execute(&delete, &[&id]).map_err(db)?;
                    report.duplicates_removed += 1;
                    continue;
                }
                let chars: Vec<char> = src_norm.chars().collect();
                let stored = (quick_form(&source) != src_norm).then_some(src_norm.as_str());
                let (src_hash, skel_hash) = (hash(&src_norm), skeleton_hash(&src_norm));
                transaction.execute(&update, &[&id, &stored, &src_hash, &skel_hash, &key_hash]).map_err(db)?;
                builder.add(pair, id, &grams(&chars));
                sketches.add(pair, id, &sketch(&chars));
                same.push((id, src_norm, tgt_norm));
            }
            {
                let sink = transaction
                    .copy_in("COPY gram_chunk (pair, gram, first_id, n, data) FROM STDIN BINARY")
                    .map_err(db)?;
                let mut writer =
                    BinaryCopyInWriter::new(sink, &[Type::INT8, Type::INT8, Type::INT8, Type::INT8, Type::BYTEA]);
                for (pair, gram, first_id, n, data) in builder.drain() {
                    let n = n as i64;
                    writer.write(&[&pair, &gram, &first_id, &n, &data]).map_err(db)?;
                    report.index_chunks += 1;
                }
                writer.finish().map_err(db)?;
                let sink =
                    transaction.copy_in("COPY sketch_chunk (pair, first_id, data) FROM STDIN BINARY").map_err(db)?;
                let mut writer = BinaryCopyInWriter::new(sink, &[Type::INT8, Type::INT8, Type::BYTEA]);
                for (pair, first_id, data) in sketches.drain() {
                    writer.write(&[&pair, &first_id, &data]).map_err(db)?;
                }
                writer.finish().map_err(db)?;
            }
            report.units_after = count(transaction)?;
            Ok(report)
        })
    }

    fn stats(&self) -> Result<Stats, MemoryError> {
        let units = self.number("SELECT count(*) FROM unit", &[])?;
        let batches = self.number("SELECT count(*) FROM import_batch", &[])?;
        let mut pairs = Vec::new();
        let rows = self.rows(
            "SELECT p.id, p.src, p.tgt, count(u.id) FROM lang_pair p JOIN unit u ON u.pair = p.id \
             GROUP BY p.id ORDER BY p.src, p.tgt",
            &[],
        )?;
        for row in rows {
            let id: i64 = row.try_get(0).map_err(db)?;
            let (src, tgt): (String, String) = (row.try_get(1).map_err(db)?, row.try_get(2).map_err(db)?);
            let count: i64 = row.try_get(3).map_err(db)?;
            let sources_with_variants = self.number(
                "SELECT count(*) FROM (SELECT src_hash FROM unit WHERE pair = $1 GROUP BY src_hash HAVING count(*) > 1) AS v",
                &[&id],
            )?;
            let mut reused = HashMap::<String, HashSet<i64>>::new();
            self.stream("SELECT target, src_hash FROM unit WHERE pair = $1", &[&id], &mut |row| {
                reused
                    .entry(matching_form(row.try_get::<_, &str>(0).map_err(db)?))
                    .or_default()
                    .insert(row.try_get(1).map_err(db)?);
                Ok(())
            })?;
            let reused_targets = reused.values().filter(|sources| sources.len() > 1).count() as i64;
            let origins = self
                .rows(
                    "SELECT coalesce(u.origin, b.file, '(none)') AS o, count(*) FROM unit u \
                     LEFT JOIN import_batch b ON b.id = u.batch WHERE u.pair = $1 GROUP BY o ORDER BY count(*) DESC, 1 LIMIT 20",
                    &[&id],
                )?
                .iter()
                .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
                .collect::<Result<_, postgres::Error>>()
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
        let mut count = 0;
        self.stream(
            "SELECT u.id, u.src_tag, u.tgt_tag, u.source, u.target, u.source_markup, u.target_markup, \
             coalesce(u.origin, b.file), u.created_at, u.created_by, u.changed_at, u.changed_by, u.usage_count, \
             u.context, u.notes, u.props, u.seg_version, u.prev_hash \
             FROM unit u JOIN lang_pair p ON p.id = u.pair LEFT JOIN import_batch b ON b.id = u.batch \
             WHERE ($1::text IS NULL OR p.src = $1) AND ($2::text IS NULL OR p.tgt = $2) \
             AND ($3::int8 IS NULL OR u.batch = $3) ORDER BY u.id",
            &[&src, &tgt, &batch],
            &mut |row| {
                let unit = (|| -> Result<ExportUnit, postgres::Error> {
                    let notes: Option<&str> = row.try_get(14)?;
                    let props: Option<&str> = row.try_get(15)?;
                    Ok(ExportUnit {
                        id: row.try_get(0)?,
                        unit: Unit {
                            src_tag: row.try_get(1)?,
                            tgt_tag: row.try_get(2)?,
                            source: row.try_get(3)?,
                            target: row.try_get(4)?,
                            source_markup: row.try_get(5)?,
                            target_markup: row.try_get(6)?,
                            origin: row.try_get(7)?,
                            meta: Meta {
                                created_at: row.try_get(8)?,
                                created_by: row.try_get(9)?,
                                changed_at: row.try_get(10)?,
                                changed_by: row.try_get(11)?,
                                usage_count: row.try_get(12)?,
                                context: row.try_get(13)?,
                                notes: tm_memory::parse_notes(notes),
                                props: tm_memory::parse_props(props),
                            },
                        },
                        seg_version: row.try_get(16)?,
                        prev_hash: row.try_get(17)?,
                    })
                })()
                .map_err(db)?;
                each(unit)?;
                count += 1;
                Ok(())
            },
        )?;
        Ok(count)
    }

    fn unit_count(&self) -> Result<i64, MemoryError> {
        self.number("SELECT count(*) FROM unit", &[])
    }
}
