//! One import transaction in SQLite: the rows `tm_memory::Importer` decided to write.

use rusqlite::{Transaction, TransactionBehavior, params};
use tm_memory::store::{ImportTx, KeyedUnit, MergedMeta, UnitRow};
use tm_memory::{ImportCounts, MemoryError, NewBatch, Unit};

use crate::{SqliteMemory, db};

/// An immediate transaction (it takes the write lock at once, so concurrent imports queue on
/// the busy timeout instead of failing half-way) and the batch it records.
pub(crate) struct SqliteImport<'m> {
    transaction: Transaction<'m>,
    batch: i64,
}

impl SqliteMemory {
    pub(crate) fn begin(&mut self, batch: &NewBatch<'_>) -> Result<SqliteImport<'_>, MemoryError> {
        let location = self.path.display().to_string();
        let transaction = Transaction::new(&mut self.connection, TransactionBehavior::Immediate).map_err(db)?;
        let (uid, imported_at) = batch.copy_of.unzip();
        if let Some(uid) = uid {
            let present: bool = transaction
                .query_row("SELECT EXISTS (SELECT 1 FROM import_batch WHERE uid = ?1)", [uid], |row| row.get(0))
                .map_err(db)?;
            if present {
                return Err(MemoryError::BatchPresent { location, uid: uid.to_owned() });
            }
        }
        transaction
            .execute(
                "INSERT INTO import_batch (file, sha256, format, options, imported_at, uid) \
                 VALUES (?1, ?2, ?3, ?4, coalesce(?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), \
                 coalesce(?6, lower(hex(randomblob(16)))))",
                params![batch.file, batch.sha256, batch.format, batch.options, imported_at, uid],
            )
            .map_err(db)?;
        let batch = transaction.last_insert_rowid();
        Ok(SqliteImport { transaction, batch })
    }
}

impl ImportTx for SqliteImport<'_> {
    fn batch(&self) -> i64 {
        self.batch
    }

    fn pair_id(&mut self, src: &str, tgt: &str) -> Result<i64, MemoryError> {
        self.transaction
            .prepare_cached("INSERT OR IGNORE INTO lang_pair (src, tgt) VALUES (?1, ?2)")
            .and_then(|mut insert| insert.execute((src, tgt)))
            .map_err(db)?;
        self.transaction
            .query_row("SELECT id FROM lang_pair WHERE src = ?1 AND tgt = ?2", (src, tgt), |row| row.get(0))
            .map_err(db)
    }

    fn units_with_key(&mut self, pair: i64, key_hash: i64) -> Result<Vec<KeyedUnit>, MemoryError> {
        let mut statement = self
            .transaction
            .prepare_cached(
                "SELECT id, src_norm, source, target, created_at, changed_at, notes, props, usage_count \
                 FROM unit WHERE pair = ?1 AND key_hash = ?2",
            )
            .map_err(db)?;
        let rows = statement
            .query_map(params![pair, key_hash], |row| {
                Ok(KeyedUnit {
                    id: row.get(0)?,
                    src_norm: row.get(1)?,
                    source: row.get(2)?,
                    target: row.get(3)?,
                    created_at: row.get(4)?,
                    changed_at: row.get(5)?,
                    notes: row.get(6)?,
                    props: row.get(7)?,
                    usage_count: row.get(8)?,
                })
            })
            .map_err(db)?;
        rows.collect::<Result<_, _>>().map_err(db)
    }

    fn sources_with_hash(
        &mut self,
        pair: i64,
        src_hash: i64,
    ) -> Result<Vec<(i64, Option<String>, String)>, MemoryError> {
        let mut statement = self
            .transaction
            .prepare_cached("SELECT id, src_norm, source FROM unit WHERE pair = ?1 AND src_hash = ?2 ORDER BY id DESC")
            .map_err(db)?;
        let rows = statement
            .query_map(params![pair, src_hash], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .map_err(db)?;
        rows.collect::<Result<_, _>>().map_err(db)
    }

    fn merge(&mut self, id: i64, merged: &MergedMeta) -> Result<(), MemoryError> {
        self.transaction
            .prepare_cached(
                "UPDATE unit SET created_at = ?2, notes = ?3, props = ?4, usage_count = ?5, \
                 changed_at = coalesce(?6, changed_at), changed_by = CASE WHEN ?6 IS NULL THEN changed_by ELSE ?7 END \
                 WHERE id = ?1",
            )
            .and_then(|mut update| {
                update.execute(params![
                    id,
                    merged.created_at,
                    merged.notes,
                    merged.props,
                    merged.usage_count,
                    merged.changed_at,
                    merged.changed_by
                ])
            })
            .map_err(db)?;
        Ok(())
    }

    fn overwrite(&mut self, id: i64, unit: &Unit, key_hash: i64) -> Result<(), MemoryError> {
        self.transaction
            .prepare_cached(
                "UPDATE unit SET target = ?2, target_markup = ?3, tgt_tag = ?4, key_hash = ?5, \
                 changed_at = coalesce(?6, changed_at), changed_by = coalesce(?7, changed_by), batch = ?8 WHERE id = ?1",
            )
            .and_then(|mut update| {
                update.execute(params![
                    id,
                    unit.target,
                    unit.target_markup,
                    unit.tgt_tag,
                    key_hash,
                    unit.meta.changed_at,
                    unit.meta.changed_by,
                    self.batch
                ])
            })
            .map_err(db)?;
        Ok(())
    }

    fn insert(&mut self, row: &UnitRow<'_>) -> Result<i64, MemoryError> {
        let (unit, meta) = (&row.unit.unit, &row.unit.unit.meta);
        self.transaction
            .prepare_cached(
                "INSERT INTO unit (pair, src_tag, tgt_tag, source, target, source_markup, target_markup, src_norm, \
                 src_hash, skel_hash, key_hash, origin, batch, created_at, created_by, changed_at, changed_by, \
                 usage_count, context, notes, props, seg_version, prev_hash) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, \
                 ?21, ?22, ?23)",
            )
            .and_then(|mut insert| {
                insert.execute(params![
                    row.pair,
                    unit.src_tag,
                    unit.tgt_tag,
                    unit.source,
                    unit.target,
                    unit.source_markup,
                    unit.target_markup,
                    row.src_norm,
                    row.src_hash,
                    row.skel_hash,
                    row.key_hash,
                    row.origin,
                    self.batch,
                    meta.created_at,
                    meta.created_by,
                    meta.changed_at,
                    meta.changed_by,
                    meta.usage_count,
                    meta.context,
                    tm_memory::json_list(&meta.notes),
                    tm_memory::json_props(&meta.props),
                    row.unit.seg_version,
                    row.unit.prev_hash,
                ])
            })
            .map_err(db)?;
        Ok(self.transaction.last_insert_rowid())
    }

    fn write_postings(
        &mut self,
        chunks: &mut dyn Iterator<Item = (i64, i64, i64, usize, Vec<u8>)>,
    ) -> Result<(), MemoryError> {
        let mut statement = self
            .transaction
            .prepare_cached("INSERT INTO gram_chunk (pair, gram, first_id, n, data) VALUES (?1, ?2, ?3, ?4, ?5)")
            .map_err(db)?;
        for (pair, gram, first_id, n, data) in chunks {
            statement.execute(params![pair, gram, first_id, n as i64, data]).map_err(db)?;
        }
        Ok(())
    }

    fn write_sketches(&mut self, runs: Vec<(i64, i64, Vec<u8>)>) -> Result<(), MemoryError> {
        let mut statement = self
            .transaction
            .prepare_cached("INSERT INTO sketch_chunk (pair, first_id, data) VALUES (?1, ?2, ?3)")
            .map_err(db)?;
        for (pair, first_id, data) in runs {
            statement.execute(params![pair, first_id, data]).map_err(db)?;
        }
        Ok(())
    }

    fn set_sha256(&mut self, sha256: &str) -> Result<(), MemoryError> {
        self.transaction
            .execute("UPDATE import_batch SET sha256 = ?2 WHERE id = ?1", params![self.batch, sha256])
            .map_err(db)?;
        Ok(())
    }

    fn commit(self: Box<Self>, c: ImportCounts) -> Result<(), MemoryError> {
        self.transaction
            .execute(
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
            )
            .map_err(db)?;
        self.transaction.commit().map_err(db)
    }
}
