//! The reads of fuzzy search and concordance, as SQL: every statement prepared once and
//! cached, texts and postings borrowed from SQLite's rows instead of copied.

use std::sync::OnceLock;

use rusqlite::{OptionalExtension, params};
use tm_memory::matching::{SKETCH_BYTES, Sketch};
use tm_memory::postings::IntMap;
use tm_memory::store::{CandidateText, ReadSnapshot, SearchStore};
use tm_memory::{Match, MemoryError, VERIFY_BATCH};

use crate::{SqliteMemory, db};

/// A read transaction held for one lookup: SQLite then takes its file locks once instead of
/// once per statement.
struct Snapshot<'c>(#[allow(dead_code)] rusqlite::Transaction<'c>);

impl ReadSnapshot for Snapshot<'_> {}

/// A column of a row as text, or SQLite's conversion error.
fn text<'r>(row: &'r rusqlite::Row<'_>, column: usize) -> rusqlite::Result<Option<&'r str>> {
    row.get_ref(column)?
        .as_str_or_null()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e)))
}

impl SearchStore for SqliteMemory {
    fn pair_id(&self, src: &str, tgt: &str) -> Result<Option<i64>, MemoryError> {
        self.connection
            .query_row("SELECT id FROM lang_pair WHERE src = ?1 AND tgt = ?2", (src, tgt), |row| row.get(0))
            .optional()
            .map_err(db)
    }

    fn snapshot(&self) -> Result<Box<dyn ReadSnapshot + '_>, MemoryError> {
        Ok(Box::new(Snapshot(self.connection.unchecked_transaction().map_err(db)?)))
    }

    fn max_unit_id(&self) -> Result<i64, MemoryError> {
        self.connection.query_row("SELECT coalesce(max(id), 0) FROM unit", [], |row| row.get(0)).map_err(db)
    }

    fn load_sketches(&self, pair: i64, from: i64, out: &mut [Sketch]) -> Result<(), MemoryError> {
        let mut statement = self
            .connection
            .prepare_cached(&format!(
                "SELECT first_id, data FROM sketch_chunk WHERE pair = ?1 AND first_id + length(data) / {SKETCH_BYTES} > ?2"
            ))
            .map_err(db)?;
        let mut rows = statement.query([pair, from]).map_err(db)?;
        while let Some(row) = rows.next().map_err(db)? {
            let first: i64 = row.get(0).map_err(db)?;
            let data = row.get_ref(1).map_err(db)?.as_blob().map_err(|e| db(e.into()))?;
            for (offset, bytes) in data.chunks_exact(SKETCH_BYTES).enumerate() {
                if let Some(slot) = usize::try_from(first).ok().and_then(|f| out.get_mut(f + offset)) {
                    slot.copy_from_slice(bytes);
                }
            }
        }
        Ok(())
    }

    fn gram_sizes(&self, pair: i64, from: i64) -> Result<IntMap<i64, i64>, MemoryError> {
        let mut statement = self
            .connection
            .prepare_cached("SELECT gram, sum(n) FROM gram_chunk WHERE pair = ?1 AND first_id >= ?2 GROUP BY gram")
            .map_err(db)?;
        let sizes = statement.query_map([pair, from], |row| Ok((row.get(0)?, row.get(1)?))).map_err(db)?;
        sizes.collect::<Result<_, _>>().map_err(db)
    }

    fn ids_by_source_hash(&self, pair: i64, src_hash: i64) -> Result<Vec<i64>, MemoryError> {
        let mut statement =
            self.connection.prepare_cached("SELECT id FROM unit WHERE pair = ?1 AND src_hash = ?2").map_err(db)?;
        let ids = statement.query_map(params![pair, src_hash], |row| row.get(0)).map_err(db)?;
        ids.collect::<Result<_, _>>().map_err(db)
    }

    fn ids_by_skeleton_hash(&self, pair: i64, skel_hash: i64) -> Result<Vec<i64>, MemoryError> {
        let mut statement = self
            .connection
            .prepare_cached("SELECT id FROM unit WHERE pair = ?1 AND skel_hash = ?2 AND skel_hash <> 0")
            .map_err(db)?;
        let ids = statement.query_map(params![pair, skel_hash], |row| row.get(0)).map_err(db)?;
        ids.collect::<Result<_, _>>().map_err(db)
    }

    fn for_each_posting_chunk(
        &self,
        pair: i64,
        gram: i64,
        each: &mut dyn FnMut(i64, &[u8]),
    ) -> Result<(), MemoryError> {
        let mut statement = self
            .connection
            .prepare_cached("SELECT first_id, data FROM gram_chunk WHERE pair = ?1 AND gram = ?2")
            .map_err(db)?;
        let mut rows = statement.query(params![pair, gram]).map_err(db)?;
        while let Some(row) = rows.next().map_err(db)? {
            let first_id: i64 = row.get(0).map_err(db)?;
            let data = row.get_ref(1).map_err(db)?.as_blob().map_err(|e| db(e.into()))?;
            each(first_id, data);
        }
        Ok(())
    }

    fn candidates(
        &self,
        pair: i64,
        ids: &[i64],
        each: &mut dyn FnMut(i64, CandidateText<'_>, i64),
    ) -> Result<(), MemoryError> {
        static SQL: OnceLock<String> = OnceLock::new();
        for part in ids.chunks(VERIFY_BATCH) {
            // One statement per batch, padded with ids that match nothing, so one cached
            // statement serves every batch.
            let mut padded = [-1i64; VERIFY_BATCH];
            for (slot, &id) in padded.iter_mut().zip(part) {
                *slot = id;
            }
            let sql = SQL.get_or_init(|| {
                let marks: Vec<String> = (2..VERIFY_BATCH + 2).map(|i| format!("?{i}")).collect();
                // `+pair`: look units up by id, never by scanning the pair's index.
                format!(
                    "SELECT id, src_norm, source, skel_hash FROM unit WHERE id IN ({}) AND +pair = ?1",
                    marks.join(", ")
                )
            });
            let mut statement = self.connection.prepare_cached(sql).map_err(db)?;
            let mut rows = statement
                .query(rusqlite::params_from_iter(std::iter::once(pair).chain(padded.iter().copied())))
                .map_err(db)?;
            while let Some(row) = rows.next().map_err(db)? {
                let id: i64 = row.get(0).map_err(db)?;
                let skel_hash: i64 = row.get(3).map_err(db)?;
                // Borrow the texts from SQLite's row instead of copying them out.
                match text(row, 1).map_err(db)? {
                    Some(stored) => each(id, CandidateText::Form(stored), skel_hash),
                    None => each(id, CandidateText::Source(text(row, 2).map_err(db)?.unwrap_or_default()), skel_hash),
                }
            }
        }
        Ok(())
    }

    fn for_each_unit(&self, pair: i64, each: &mut dyn FnMut(i64, CandidateText<'_>)) -> Result<(), MemoryError> {
        let mut statement =
            self.connection.prepare_cached("SELECT id, src_norm, source FROM unit WHERE pair = ?1").map_err(db)?;
        let mut rows = statement.query([pair]).map_err(db)?;
        while let Some(row) = rows.next().map_err(db)? {
            let id: i64 = row.get(0).map_err(db)?;
            match text(row, 1).map_err(db)? {
                Some(stored) => each(id, CandidateText::Form(stored)),
                None => each(id, CandidateText::Source(text(row, 2).map_err(db)?.unwrap_or_default())),
            }
        }
        Ok(())
    }

    fn unit_ids_newest_first(&self, pair: i64) -> Result<Vec<i64>, MemoryError> {
        let mut statement =
            self.connection.prepare_cached("SELECT id FROM unit WHERE pair = ?1 ORDER BY id DESC").map_err(db)?;
        let ids = statement.query_map([pair], |row| row.get(0)).map_err(db)?;
        ids.collect::<Result<_, _>>().map_err(db)
    }

    fn texts(&self, id: i64) -> Result<Option<(String, String)>, MemoryError> {
        self.connection
            .prepare_cached("SELECT source, target FROM unit WHERE id = ?1")
            .and_then(|mut statement| statement.query_row([id], |row| Ok((row.get(0)?, row.get(1)?))).optional())
            .map_err(db)
    }

    fn matches(&self, entries: &[(u8, i64)]) -> Result<Vec<Match>, MemoryError> {
        let mut statement = self
            .connection
            .prepare_cached(
                "SELECT u.source, u.target, u.src_tag, u.tgt_tag, coalesce(u.origin, b.file), u.changed_at \
                 FROM unit u LEFT JOIN import_batch b ON b.id = u.batch WHERE u.id = ?1",
            )
            .map_err(db)?;
        let mut out = Vec::with_capacity(entries.len());
        for &(score, id) in entries {
            let found = statement
                .query_row([id], |row| {
                    Ok(Match {
                        id,
                        score,
                        source: row.get(0)?,
                        target: row.get(1)?,
                        src_tag: row.get(2)?,
                        tgt_tag: row.get(3)?,
                        origin: row.get(4)?,
                        changed_at: row.get(5)?,
                    })
                })
                .optional()
                .map_err(db)?;
            out.extend(found);
        }
        Ok(out)
    }
}
