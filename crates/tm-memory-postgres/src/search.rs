//! The reads of fuzzy search and concordance, as PostgreSQL statements prepared once per
//! connection; texts and postings borrowed from the rows instead of copied.

use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;
use tm_memory::matching::{SKETCH_BYTES, Sketch};
use tm_memory::postings::IntMap;
use tm_memory::store::{CandidateText, ReadSnapshot, SearchStore};
use tm_memory::{Match, MemoryError};

use crate::{PostgresMemory, db};

/// A read-only repeatable-read transaction held for one lookup: every statement of the lookup
/// sees the memory as it was when the first one ran. Imports are never waited for.
struct Snapshot<'m>(&'m PostgresMemory);

impl ReadSnapshot for Snapshot<'_> {}

impl Drop for Snapshot<'_> {
    fn drop(&mut self) {
        self.0.snapshot_max_id.set(None);
        // Ending a read-only transaction cannot lose anything; a broken connection shows
        // itself on the next statement.
        let _ = self.0.client.borrow_mut().batch_execute("COMMIT");
    }
}

/// A text column borrowed from its row, as the verification step wants it.
fn candidate<'r>(row: &'r postgres::Row, form: usize, source: usize) -> Result<CandidateText<'r>, MemoryError> {
    Ok(match row.try_get::<_, Option<&str>>(form).map_err(db)? {
        Some(stored) => CandidateText::Form(stored),
        None => CandidateText::Source(row.try_get(source).map_err(db)?),
    })
}

impl PostgresMemory {
    /// Streams the rows of a query to `each` without holding them all.
    pub(crate) fn stream(
        &self,
        sql: &'static str,
        params: &[&(dyn ToSql + Sync)],
        each: &mut dyn FnMut(&postgres::Row) -> Result<(), MemoryError>,
    ) -> Result<(), MemoryError> {
        let statement = self.prepared(sql)?;
        let mut client = self.client.borrow_mut();
        let mut rows = client.query_raw(&statement, params.iter().copied()).map_err(db)?;
        while let Some(row) = rows.next().map_err(db)? {
            each(&row)?;
        }
        Ok(())
    }

    fn ids(&self, sql: &'static str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<i64>, MemoryError> {
        self.rows(sql, params)?.iter().map(|row| row.try_get(0).map_err(db)).collect()
    }
}

impl SearchStore for PostgresMemory {
    fn pair_id(&self, src: &str, tgt: &str) -> Result<Option<i64>, MemoryError> {
        let rows = self.rows("SELECT id FROM lang_pair WHERE src = $1 AND tgt = $2", &[&src, &tgt])?;
        rows.first().map(|row| row.try_get(0).map_err(db)).transpose()
    }

    /// Starts the snapshot and reads its largest id in the same round trip (a lookup asks for
    /// it next).
    fn snapshot(&self) -> Result<Box<dyn ReadSnapshot + '_>, MemoryError> {
        let messages = self
            .client
            .borrow_mut()
            .simple_query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT coalesce(max(id), 0) FROM unit")
            .map_err(db)?;
        let max_id = messages.iter().find_map(|message| match message {
            postgres::SimpleQueryMessage::Row(row) => row.get(0).and_then(|v| v.parse::<i64>().ok()),
            _ => None,
        });
        self.snapshot_max_id.set(max_id);
        Ok(Box::new(Snapshot(self)))
    }

    fn max_unit_id(&self) -> Result<i64, MemoryError> {
        if let Some(max_id) = self.snapshot_max_id.take() {
            return Ok(max_id);
        }
        self.number("SELECT coalesce(max(id), 0)::int8 FROM unit", &[])
    }

    fn load_sketches(&self, pair: i64, from: i64, out: &mut [Sketch]) -> Result<(), MemoryError> {
        let sql = "SELECT first_id, data FROM sketch_chunk WHERE pair = $1 AND first_id + octet_length(data) / 64 > $2";
        debug_assert_eq!(SKETCH_BYTES, 64);
        self.stream(sql, &[&pair, &from], &mut |row| {
            let first: i64 = row.try_get(0).map_err(db)?;
            let data: &[u8] = row.try_get(1).map_err(db)?;
            for (offset, bytes) in data.chunks_exact(SKETCH_BYTES).enumerate() {
                if let Some(slot) = usize::try_from(first).ok().and_then(|f| out.get_mut(f + offset)) {
                    slot.copy_from_slice(bytes);
                }
            }
            Ok(())
        })
    }

    fn gram_sizes(&self, pair: i64, from: i64) -> Result<IntMap<i64, i64>, MemoryError> {
        let mut sizes = IntMap::default();
        let sql = "SELECT gram, sum(n)::int8 FROM gram_chunk WHERE pair = $1 AND first_id >= $2 GROUP BY gram";
        self.stream(sql, &[&pair, &from], &mut |row| {
            sizes.insert(row.try_get(0).map_err(db)?, row.try_get(1).map_err(db)?);
            Ok(())
        })?;
        Ok(sizes)
    }

    fn ids_by_source_hash(&self, pair: i64, src_hash: i64) -> Result<Vec<i64>, MemoryError> {
        self.ids("SELECT id FROM unit WHERE pair = $1 AND src_hash = $2", &[&pair, &src_hash])
    }

    fn ids_by_skeleton_hash(&self, pair: i64, skel_hash: i64) -> Result<Vec<i64>, MemoryError> {
        self.ids("SELECT id FROM unit WHERE pair = $1 AND skel_hash = $2 AND skel_hash <> 0", &[&pair, &skel_hash])
    }

    fn ids_by_hashes(&self, pair: i64, src_hash: i64, skel_hash: i64) -> Result<(Vec<i64>, Vec<i64>), MemoryError> {
        let rows = self.rows(
            "SELECT id, src_hash = $2 FROM unit WHERE pair = $1 AND src_hash = $2 \
             UNION ALL SELECT id, false FROM unit WHERE pair = $1 AND skel_hash = $3 AND skel_hash <> 0",
            &[&pair, &src_hash, &skel_hash],
        )?;
        let (mut same, mut siblings) = (Vec::new(), Vec::new());
        for row in &rows {
            let id: i64 = row.try_get(0).map_err(db)?;
            if row.try_get(1).map_err(db)? { same.push(id) } else { siblings.push(id) }
        }
        Ok((same, siblings))
    }

    fn for_each_posting_chunk_of(
        &self,
        pair: i64,
        grams: &[i64],
        each: &mut dyn FnMut(i64, &[u8]),
    ) -> Result<(), MemoryError> {
        if grams.is_empty() {
            return Ok(());
        }
        for row in
            self.rows("SELECT first_id, data FROM gram_chunk WHERE pair = $1 AND gram = ANY($2)", &[&pair, &grams])?
        {
            each(row.try_get(0).map_err(db)?, row.try_get(1).map_err(db)?);
        }
        Ok(())
    }

    /// A fetch is a round trip: fetch more at once.
    fn verify_batch(&self) -> usize {
        128
    }

    fn for_each_posting_chunk(
        &self,
        pair: i64,
        gram: i64,
        each: &mut dyn FnMut(i64, &[u8]),
    ) -> Result<(), MemoryError> {
        for row in self.rows("SELECT first_id, data FROM gram_chunk WHERE pair = $1 AND gram = $2", &[&pair, &gram])? {
            each(row.try_get(0).map_err(db)?, row.try_get(1).map_err(db)?);
        }
        Ok(())
    }

    fn candidates(
        &self,
        pair: i64,
        ids: &[i64],
        each: &mut dyn FnMut(i64, CandidateText<'_>, i64),
    ) -> Result<(), MemoryError> {
        if ids.is_empty() {
            return Ok(());
        }
        let rows = self.rows(
            // `pair + 0`: look units up by id, never by scanning the pair's index too (which a
            // generic plan otherwise ANDs in).
            "SELECT id, src_norm, source, skel_hash FROM unit WHERE id = ANY($1) AND pair + 0 = $2",
            &[&ids, &pair],
        )?;
        for row in &rows {
            each(row.try_get(0).map_err(db)?, candidate(row, 1, 2)?, row.try_get(3).map_err(db)?);
        }
        Ok(())
    }

    fn for_each_unit(&self, pair: i64, each: &mut dyn FnMut(i64, CandidateText<'_>)) -> Result<(), MemoryError> {
        self.stream("SELECT id, src_norm, source FROM unit WHERE pair = $1", &[&pair], &mut |row| {
            each(row.try_get(0).map_err(db)?, candidate(row, 1, 2)?);
            Ok(())
        })
    }

    fn unit_ids_newest_first(&self, pair: i64) -> Result<Vec<i64>, MemoryError> {
        self.ids("SELECT id FROM unit WHERE pair = $1 ORDER BY id DESC", &[&pair])
    }

    fn texts(&self, id: i64) -> Result<Option<(String, String)>, MemoryError> {
        let rows = self.rows("SELECT source, target FROM unit WHERE id = $1", &[&id])?;
        rows.first().map(|row| Ok((row.try_get(0).map_err(db)?, row.try_get(1).map_err(db)?))).transpose()
    }

    fn matches(&self, entries: &[(u8, i64)]) -> Result<Vec<Match>, MemoryError> {
        if entries.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<i64> = entries.iter().map(|e| e.1).collect();
        let rows = self.rows(
            "SELECT u.id, u.source, u.target, u.src_tag, u.tgt_tag, coalesce(u.origin, b.file), u.changed_at \
             FROM unit u LEFT JOIN import_batch b ON b.id = u.batch WHERE u.id = ANY($1)",
            &[&ids],
        )?;
        let mut found: Vec<Match> = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: i64 = row.try_get(0).map_err(db)?;
            let Some(&(score, _)) = entries.iter().find(|e| e.1 == id) else { continue };
            found.push(Match {
                id,
                score,
                source: row.try_get(1).map_err(db)?,
                target: row.try_get(2).map_err(db)?,
                src_tag: row.try_get(3).map_err(db)?,
                tgt_tag: row.try_get(4).map_err(db)?,
                origin: row.try_get(5).map_err(db)?,
                changed_at: row.try_get(6).map_err(db)?,
            });
        }
        // In the order asked for.
        found.sort_by_key(|m| entries.iter().position(|e| e.1 == m.id));
        Ok(found)
    }
}
