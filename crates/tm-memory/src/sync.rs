//! `tm memory sync FROM TO`: copies the import batches one memory has and another lacks, so a
//! translator can work offline on a laptop's SQLite file and bring the work to the team's
//! PostgreSQL memory later (or take the team's memory home).
//!
//! A batch is known across memories by its uid, made when its file was first imported and
//! kept by every copy. A batch is copied through the [`Importer`], like a file: in one
//! transaction (a sync cut off mid-batch leaves nothing of that batch), deduplicated against
//! what the target holds (a pair it has already is merged, not stored twice), with variants
//! kept side by side (a sync never overwrites the target's translations). Syncing again copies
//! nothing, and syncing back copies nothing that came from there.
//!
//! What a sync does not carry: deletions (a batch deleted in one memory stays in the other),
//! and units whose batch record is gone.

use std::collections::HashSet;

use serde::Serialize;

use crate::store::Store;
use crate::{ImportCounts, Importer, OnConflict};
use crate::{MemoryError, NewBatch, NewUnit};

/// One batch copied.
#[derive(Debug, Clone, Serialize)]
pub struct SyncedBatch {
    pub uid: String,
    /// The file the batch was imported from, as the source memory records it.
    pub file: String,
    /// Its number in the source memory and in the target.
    pub from_batch: i64,
    pub to_batch: i64,
    /// What the target made of its units.
    pub counts: ImportCounts,
}

/// What a sync did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SyncReport {
    /// Batches copied, oldest first.
    pub copied: Vec<SyncedBatch>,
    /// Batches the target held already.
    pub present: usize,
}

/// Copies every batch of `from` that `to` lacks, oldest first, one transaction per batch;
/// `each` hears of every batch once it is committed. A failure stops the sync: the batches
/// committed before it stay, the one in progress leaves nothing, and running it again goes on
/// where it stopped.
pub fn sync(
    from: &dyn Store,
    to: &mut dyn Store,
    each: &mut dyn FnMut(&SyncedBatch),
) -> Result<SyncReport, MemoryError> {
    if from.location() == to.location() {
        return Err(MemoryError::NotHere {
            location: to.location(),
            what: "a memory cannot be synced with itself".to_owned(),
        });
    }
    let held: HashSet<String> = to.batches()?.into_iter().map(|batch| batch.uid).collect();
    let mut report = SyncReport::default();
    for batch in from.batches()? {
        if held.contains(&batch.uid) {
            report.present += 1;
            continue;
        }
        let new = NewBatch {
            file: &batch.file,
            sha256: batch.sha256.as_deref(),
            format: &batch.format,
            options: &batch.options,
            copy_of: Some((&batch.uid, &batch.imported_at)),
        };
        let failed = |source: MemoryError| MemoryError::Sync {
            batch: batch.id,
            file: batch.file.clone(),
            from: from.location(),
            source: Box::new(source),
        };
        let mut importer = match Importer::begin_batch(to, &new, OnConflict::AddVariant) {
            Ok(importer) => importer,
            // Another sync copied it since the list was read.
            Err(MemoryError::BatchPresent { .. }) => {
                report.present += 1;
                continue;
            }
            Err(error) => return Err(failed(error)),
        };
        let to_batch = importer.batch();
        let mut refused = None;
        let exported = from.export_batch(batch.id, &mut |unit| {
            let unit = NewUnit { unit: unit.unit, seg_version: unit.seg_version, prev_hash: unit.prev_hash };
            importer.add(&unit).map(drop).map_err(|error| {
                refused = Some(error);
                std::io::Error::other("the target refused a unit")
            })
        });
        if let Some(error) = refused {
            return Err(failed(error));
        }
        exported.map_err(failed)?;
        let counts = importer.commit().map_err(failed)?;
        let synced = SyncedBatch { uid: batch.uid, file: batch.file, from_batch: batch.id, to_batch, counts };
        each(&synced);
        report.copied.push(synced);
    }
    Ok(report)
}

/// The uid of a batch recorded before batches had one (schema version 1), made from what the
/// batch record holds, so that two copies of one old memory, each migrated on its own, give
/// their batches the same uids and a sync between them copies nothing twice.
#[must_use]
pub fn legacy_uid(id: i64, file: &str, imported_at: &str, sha256: Option<&str>) -> String {
    let (id, sha256) = (id.to_string(), sha256.unwrap_or(""));
    let high = crate::matching::hash_parts(&[&id, file, imported_at, sha256]);
    let low = crate::matching::hash_parts(&["batch uid", &id, file, imported_at, sha256]);
    format!("v1-{high:016x}{low:016x}")
}
