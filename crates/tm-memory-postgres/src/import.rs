//! One import transaction in PostgreSQL: the rows `tm_memory::Importer` decided to write.

use std::collections::{HashMap, HashSet};

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{ToSql, Type};
use postgres::{Row, Statement, Transaction};
use tm_memory::store::{ImportTx, KeyedUnit, MergedMeta, UnitRow};
use tm_memory::{ImportCounts, MemoryError, NewBatch, Unit};

use crate::{CHANNEL, PostgresMemory, WRITE_LOCK, db};

/// A transaction holding the write lock, and the batch it records.
///
/// A round trip to the server costs far more than SQLite's function call, so new units are
/// not inserted one by one: they take ids from the unit sequence (the write lock makes the
/// block this import's alone), wait in `pending` and go in by `COPY` a few thousand at a time.
/// The importer's questions (is this dedupe key or source hash stored?) are answered from
/// the server after writing what is pending, and, once an import has asked many, from sets of
/// the pair's hashes loaded once (a hash not in the set is stored nowhere).
pub(crate) struct PostgresImport<'m> {
    transaction: Transaction<'m>,
    statements: &'m mut HashMap<&'static str, Statement>,
    batch: i64,
    pending: Vec<Pending>,
    /// The next unit id to hand out, once this import has taken its first.
    next_id: Option<i64>,
    /// Dedupe keys and source hashes stored per pair (including pending ones), once loaded.
    known: HashMap<i64, Known>,
    /// Questions asked of the server so far (the sets are loaded after [`LOAD_AFTER`]).
    asked: usize,
    /// Merged metadata not yet written, by unit id: written in one statement per few thousand
    /// (a round trip per repeated unit would cost more than the rest of its import), and laid
    /// over what the server answers for those units meanwhile.
    merges: HashMap<i64, MergedMeta>,
}

/// Units added by one import after which the tables' statistics are refreshed.
const ANALYZE_AFTER: u64 = 5_000;

/// Units written per `COPY`.
const COPY_UNITS: usize = 4096;

/// Lookups answered by the server before the pair's hash sets are loaded: a small import into
/// a large memory asks a few questions instead of reading every hash.
const LOAD_AFTER: usize = 256;

#[derive(Default)]
struct Known {
    keys: HashSet<i64>,
    sources: HashSet<i64>,
}

/// A new unit waiting for the next `COPY`.
struct Pending {
    id: i64,
    pair: i64,
    unit: tm_memory::NewUnit,
    src_norm: Option<String>,
    src_hash: i64,
    skel_hash: i64,
    key_hash: i64,
    origin: Option<String>,
}

/// The time as the SQLite memory writes it (`2026-12-03T21:07:55Z`).
pub(crate) const NOW: &str = r#"to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"#;

impl PostgresMemory {
    pub(crate) fn begin(&mut self, new: &NewBatch<'_>) -> Result<PostgresImport<'_>, MemoryError> {
        let mut transaction = self.client.get_mut().transaction().map_err(db)?;
        // Writers queue here (a long import elsewhere is waited for, as in SQLite).
        transaction.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK]).map_err(db)?;
        // Every question an import asks is an index lookup; the tables' statistics lag behind
        // a large import (a table the planner thinks empty would be scanned whole per unit).
        transaction.batch_execute("SET LOCAL enable_seqscan = off").map_err(db)?;
        let (uid, imported_at) = new.copy_of.unzip();
        if let Some(uid) = uid {
            let present =
                transaction.query_opt("SELECT 1 FROM import_batch WHERE uid = $1", &[&uid]).map_err(db)?.is_some();
            if present {
                return Err(MemoryError::BatchPresent { location: self.shown.clone(), uid: uid.to_owned() });
            }
        }
        let batch: i64 = transaction
            .query_one(
                &format!(
                    "INSERT INTO import_batch (file, sha256, format, options, imported_at, uid) \
                     VALUES ($1, $2, $3, $4, coalesce($5, {NOW}), coalesce($6, md5(gen_random_uuid()::text))) RETURNING id"
                ),
                &[&new.file, &new.sha256, &new.format, &new.options, &imported_at, &uid],
            )
            .map_err(db)?
            .try_get(0)
            .map_err(db)?;
        Ok(PostgresImport {
            transaction,
            statements: self.statements.get_mut(),
            batch,
            pending: Vec::new(),
            next_id: None,
            known: HashMap::new(),
            asked: 0,
            merges: HashMap::new(),
        })
    }
}

impl PostgresImport<'_> {
    fn number_of(&mut self, sql: &'static str) -> Result<i64, MemoryError> {
        let rows = self.rows(sql, &[])?;
        rows.first().ok_or_else(|| MemoryError::Backend(format!("no row from {sql}").into()))?.try_get(0).map_err(db)
    }

    fn rows(&mut self, sql: &'static str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>, MemoryError> {
        let statement = match self.statements.get(sql) {
            Some(statement) => statement.clone(),
            None => {
                let statement = self.transaction.prepare(sql).map_err(db)?;
                self.statements.insert(sql, statement.clone());
                statement
            }
        };
        self.transaction.query(&statement, params).map_err(db)
    }
}

impl PostgresImport<'_> {
    /// Writes the pending units (one `COPY`) and moves the sequence past their ids.
    fn write_pending(&mut self) -> Result<(), MemoryError> {
        let Some(last) = self.pending.last().map(|p| p.id) else { return Ok(()) };
        let sink = self
            .transaction
            .copy_in(
                "COPY unit (id, pair, src_tag, tgt_tag, source, target, source_markup, target_markup, src_norm, \
                 src_hash, skel_hash, key_hash, origin, batch, created_at, created_by, changed_at, changed_by, \
                 usage_count, context, notes, props, seg_version, prev_hash) FROM STDIN BINARY",
            )
            .map_err(db)?;
        let (int, text) = (Type::INT8, Type::TEXT);
        let types = [
            int.clone(),
            int.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            int.clone(),
            int.clone(),
            int.clone(),
            text.clone(),
            int.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            int.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            text,
            int,
        ];
        let mut writer = BinaryCopyInWriter::new(sink, &types);
        let batch = self.batch;
        for p in self.pending.drain(..) {
            let (unit, meta) = (&p.unit.unit, &p.unit.unit.meta);
            let (notes, props) = (tm_memory::json_list(&meta.notes), tm_memory::json_props(&meta.props));
            writer
                .write(&[
                    &p.id,
                    &p.pair,
                    &unit.src_tag,
                    &unit.tgt_tag,
                    &unit.source,
                    &unit.target,
                    &unit.source_markup,
                    &unit.target_markup,
                    &p.src_norm,
                    &p.src_hash,
                    &p.skel_hash,
                    &p.key_hash,
                    &p.origin,
                    &batch,
                    &meta.created_at,
                    &meta.created_by,
                    &meta.changed_at,
                    &meta.changed_by,
                    &meta.usage_count,
                    &meta.context,
                    &notes,
                    &props,
                    &p.unit.seg_version,
                    &p.unit.prev_hash,
                ])
                .map_err(db)?;
        }
        writer.finish().map_err(db)?;
        self.rows("SELECT setval(pg_get_serial_sequence('unit', 'id'), $1)", &[&last])?;
        Ok(())
    }

    /// Writes the merged metadata waiting in `merges`, in one statement.
    fn write_merges(&mut self) -> Result<(), MemoryError> {
        if self.merges.is_empty() {
            return Ok(());
        }
        let count = self.merges.len();
        let mut ids = Vec::with_capacity(count);
        let (mut created_at, mut notes, mut props) = (Vec::new(), Vec::new(), Vec::new());
        let (mut usage, mut changed_at, mut changed_by) = (Vec::new(), Vec::new(), Vec::new());
        for (id, merged) in self.merges.drain() {
            ids.push(id);
            created_at.push(merged.created_at);
            notes.push(merged.notes);
            props.push(merged.props);
            usage.push(merged.usage_count);
            changed_at.push(merged.changed_at);
            changed_by.push(merged.changed_by);
        }
        self.rows(
            "UPDATE unit AS u SET created_at = m.created_at, notes = m.notes, props = m.props, \
             usage_count = m.usage_count, changed_at = coalesce(m.changed_at, u.changed_at), \
             changed_by = CASE WHEN m.changed_at IS NULL THEN u.changed_by ELSE m.changed_by END \
             FROM unnest($1::int8[], $2::text[], $3::text[], $4::text[], $5::int8[], $6::text[], $7::text[]) \
             AS m (id, created_at, notes, props, usage_count, changed_at, changed_by) WHERE u.id = m.id",
            &[&ids, &created_at, &notes, &props, &usage, &changed_at, &changed_by],
        )?;
        Ok(())
    }

    /// Whether the server may hold a unit of the pair with this dedupe key (`key`) or source
    /// hash; when it may, what is pending is written first so that the server's answer is
    /// whole.
    fn may_hold(&mut self, pair: i64, hash: i64, key: bool) -> Result<bool, MemoryError> {
        self.asked += 1;
        if self.asked > LOAD_AFTER && !self.known.contains_key(&pair) {
            self.write_pending()?;
            let mut known = Known::default();
            for row in self.rows("SELECT key_hash, src_hash FROM unit WHERE pair = $1", &[&pair])? {
                known.keys.insert(row.try_get(0).map_err(db)?);
                known.sources.insert(row.try_get(1).map_err(db)?);
            }
            self.known.insert(pair, known);
        }
        if let Some(known) = self.known.get(&pair)
            && !(if key { &known.keys } else { &known.sources }).contains(&hash)
        {
            return Ok(false);
        }
        // The server answers for what it holds; what is pending goes there first only when
        // it may be part of the answer.
        if self.pending.iter().any(|p| p.pair == pair && (if key { p.key_hash } else { p.src_hash }) == hash) {
            self.write_pending()?;
        }
        Ok(true)
    }
}

impl ImportTx for PostgresImport<'_> {
    fn batch(&self) -> i64 {
        self.batch
    }

    fn pair_id(&mut self, src: &str, tgt: &str) -> Result<i64, MemoryError> {
        self.rows("INSERT INTO lang_pair (src, tgt) VALUES ($1, $2) ON CONFLICT DO NOTHING", &[&src, &tgt])?;
        let rows = self.rows("SELECT id FROM lang_pair WHERE src = $1 AND tgt = $2", &[&src, &tgt])?;
        rows.first()
            .ok_or_else(|| MemoryError::Backend("a language pair vanished while importing".into()))?
            .try_get(0)
            .map_err(db)
    }

    fn units_with_key(&mut self, pair: i64, key_hash: i64) -> Result<Vec<KeyedUnit>, MemoryError> {
        if !self.may_hold(pair, key_hash, true)? {
            return Ok(Vec::new());
        }
        let rows = self.rows(
            "SELECT id, src_norm, source, target, created_at, changed_at, notes, props, usage_count \
             FROM unit WHERE pair = $1 AND key_hash = $2",
            &[&pair, &key_hash],
        )?;
        let mut units: Vec<KeyedUnit> = rows
            .iter()
            .map(|row| {
                Ok(KeyedUnit {
                    id: row.try_get(0)?,
                    src_norm: row.try_get(1)?,
                    source: row.try_get(2)?,
                    target: row.try_get(3)?,
                    created_at: row.try_get(4)?,
                    changed_at: row.try_get(5)?,
                    notes: row.try_get(6)?,
                    props: row.try_get(7)?,
                    usage_count: row.try_get(8)?,
                })
            })
            .collect::<Result<_, postgres::Error>>()
            .map_err(db)?;
        // What this import merged into them and has not written yet.
        for unit in &mut units {
            if let Some(merged) = self.merges.get(&unit.id) {
                unit.created_at.clone_from(&merged.created_at);
                unit.notes.clone_from(&merged.notes);
                unit.props.clone_from(&merged.props);
                unit.usage_count = merged.usage_count;
                if merged.changed_at.is_some() {
                    unit.changed_at.clone_from(&merged.changed_at);
                }
            }
        }
        Ok(units)
    }

    fn sources_with_hash(
        &mut self,
        pair: i64,
        src_hash: i64,
    ) -> Result<Vec<(i64, Option<String>, String)>, MemoryError> {
        if !self.may_hold(pair, src_hash, false)? {
            return Ok(Vec::new());
        }
        let rows = self.rows(
            "SELECT id, src_norm, source FROM unit WHERE pair = $1 AND src_hash = $2 ORDER BY id DESC",
            &[&pair, &src_hash],
        )?;
        rows.iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
            .collect::<Result<_, postgres::Error>>()
            .map_err(db)
    }

    fn merge(&mut self, id: i64, merged: &MergedMeta) -> Result<(), MemoryError> {
        // A later merge into the same unit started from this one's metadata (see
        // `units_with_key`), so it replaces it; only `changed_at` may be left unset by it.
        let mut merged = merged.clone();
        if merged.changed_at.is_none()
            && let Some(earlier) = self.merges.get(&id)
        {
            merged.changed_at.clone_from(&earlier.changed_at);
            merged.changed_by.clone_from(&earlier.changed_by);
        }
        self.merges.insert(id, merged);
        if self.merges.len() >= COPY_UNITS {
            self.write_merges()?;
        }
        Ok(())
    }

    fn overwrite(&mut self, id: i64, unit: &Unit, key_hash: i64) -> Result<(), MemoryError> {
        // Merges first, so that this unit's change is the last word.
        self.write_merges()?;
        let batch = self.batch;
        self.rows(
            "UPDATE unit SET target = $2, target_markup = $3, tgt_tag = $4, key_hash = $5, \
             changed_at = coalesce($6, changed_at), changed_by = coalesce($7, changed_by), batch = $8 WHERE id = $1",
            &[
                &id,
                &unit.target,
                &unit.target_markup,
                &unit.tgt_tag,
                &key_hash,
                &unit.meta.changed_at,
                &unit.meta.changed_by,
                &batch,
            ],
        )?;
        Ok(())
    }

    fn insert(&mut self, row: &UnitRow<'_>) -> Result<i64, MemoryError> {
        let id = match self.next_id {
            Some(id) => id,
            None => self.number_of("SELECT nextval(pg_get_serial_sequence('unit', 'id'))")?,
        };
        self.next_id = Some(id + 1);
        if let Some(known) = self.known.get_mut(&row.pair) {
            known.keys.insert(row.key_hash);
            known.sources.insert(row.src_hash);
        }
        self.pending.push(Pending {
            id,
            pair: row.pair,
            unit: row.unit.clone(),
            src_norm: row.src_norm.map(str::to_owned),
            src_hash: row.src_hash,
            skel_hash: row.skel_hash,
            key_hash: row.key_hash,
            origin: row.origin.map(str::to_owned),
        });
        if self.pending.len() >= COPY_UNITS {
            self.write_pending()?;
        }
        Ok(id)
    }

    fn write_postings(
        &mut self,
        chunks: &mut dyn Iterator<Item = (i64, i64, i64, usize, Vec<u8>)>,
    ) -> Result<(), MemoryError> {
        let sink = self
            .transaction
            .copy_in("COPY gram_chunk (pair, gram, first_id, n, data) FROM STDIN BINARY")
            .map_err(db)?;
        let mut writer = BinaryCopyInWriter::new(sink, &[Type::INT8, Type::INT8, Type::INT8, Type::INT8, Type::BYTEA]);
        for (pair, gram, first_id, n, data) in chunks {
            let n = n as i64;
            writer.write(&[&pair, &gram, &first_id, &n, &data]).map_err(db)?;
        }
        writer.finish().map_err(db)?;
        Ok(())
    }

    fn write_sketches(&mut self, runs: Vec<(i64, i64, Vec<u8>)>) -> Result<(), MemoryError> {
        let sink =
            self.transaction.copy_in("COPY sketch_chunk (pair, first_id, data) FROM STDIN BINARY").map_err(db)?;
        let mut writer = BinaryCopyInWriter::new(sink, &[Type::INT8, Type::INT8, Type::BYTEA]);
        for (pair, first_id, data) in runs {
            writer.write(&[&pair, &first_id, &data]).map_err(db)?;
        }
        writer.finish().map_err(db)?;
        Ok(())
    }

    fn set_sha256(&mut self, sha256: &str) -> Result<(), MemoryError> {
        let batch = self.batch;
        self.rows("UPDATE import_batch SET sha256 = $2 WHERE id = $1", &[&batch, &sha256])?;
        Ok(())
    }

    fn commit(mut self: Box<Self>, c: ImportCounts) -> Result<(), MemoryError> {
        self.write_pending()?;
        self.write_merges()?;
        let counts =
            [c.read as i64, c.added as i64, (c.merged + c.overwritten) as i64, c.variants as i64, c.skipped as i64];
        let batch = self.batch;
        self.rows(
            "UPDATE import_batch SET units_read = $2, units_added = $3, units_merged = $4, units_variant = $5, \
             units_skipped = $6 WHERE id = $1",
            &[&batch, &counts[0], &counts[1], &counts[2], &counts[3], &counts[4]],
        )?;
        // Fresh statistics after a large batch, so the planner knows the tables' sizes (it
        // takes no lock readers wait for).
        if c.added >= ANALYZE_AFTER {
            self.transaction.batch_execute("ANALYZE unit, gram_chunk, sketch_chunk").map_err(db)?;
        }
        // Servers over the same database hear of the batch when it commits.
        self.rows("SELECT pg_notify($1, $2)", &[&CHANNEL, &batch.to_string()])?;
        self.transaction.commit().map_err(db)
    }
}
