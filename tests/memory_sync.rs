//! `tm memory sync FROM TO` between every pair of backends: the batches the target lacks are
//! copied with their units' text and metadata, deduplicated against the target, and a second
//! sync (either way) copies nothing.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::process::Command;

use tm::memory::sync::sync;
use tm::memory::{ExportUnit, Importer, Meta, NewUnit, OnConflict, SearchOptions, Searcher, Store, Unit};
use tm::project::Access;

#[path = "support/backends.rs"]
mod backends;

use backends::ALL;

fn unit(source: &str, target: &str) -> NewUnit {
    NewUnit {
        unit: Unit {
            src_tag: "ru-RU".into(),
            tgt_tag: "en-GB".into(),
            source: source.into(),
            target: target.into(),
            meta: Meta { created_by: Some("Пресс-служба".into()), ..Meta::default() },
            ..Unit::default()
        },
        seg_version: Some("tm-seg 3".into()),
        prev_hash: Some(-4_242),
    }
}

/// One import batch of `units` from `file`.
fn import(memory: &mut dyn Store, file: &str, units: &[NewUnit]) {
    let mut importer = Importer::begin(memory, file, None, "test", "{}", OnConflict::AddVariant).unwrap();
    for unit in units {
        importer.add(unit).unwrap();
    }
    importer.commit().unwrap();
}

/// Every unit as (source, target, origin, author, segmenter, previous hash).
type Row = (String, String, Option<String>, Option<String>, Option<String>, Option<i64>);

fn rows(memory: &dyn Store) -> BTreeSet<Row> {
    let mut rows = BTreeSet::new();
    memory
        .export(None, None, &mut |e: ExportUnit| {
            rows.insert((
                e.unit.source,
                e.unit.target,
                e.unit.origin,
                e.unit.meta.created_by,
                e.seg_version,
                e.prev_hash,
            ));
            Ok(())
        })
        .unwrap();
    rows
}

fn uids(memory: &dyn Store) -> BTreeSet<String> {
    memory.batches().unwrap().into_iter().map(|b| b.uid).collect()
}

const LYON: &str = "Конференция прошла в Лионе 12 марта 2026 года.";
const INTERPOL: &str = "Генеральный секретариат Интерпола находится в Лионе.";
const RANK: &str = "Доклад представил генерал-майор полиции.";

fn laptop_batches() -> (Vec<NewUnit>, Vec<NewUnit>) {
    (
        vec![
            unit(LYON, "The conference was held in Lyon on 12 March 2026."),
            unit(INTERPOL, "INTERPOL's General Secretariat is in Lyon."),
        ],
        vec![unit(RANK, "The report was presented by a Police Major General.")],
    )
}

#[test]
fn sync_copies_what_the_target_lacks_once_and_either_way() {
    for from in ALL {
        for to in ALL {
            let (_, mut laptop) = from.create(&format!("laptop-{}", to.name()));
            let (_, mut team) = to.create(&format!("team-{}", from.name()));
            let (first, second) = laptop_batches();
            import(&mut *laptop, "пресс-релиз-1.txt", &first);
            import(&mut *laptop, "пресс-релиз-2.txt", &second);
            // The team has one of the laptop's pairs already, and another translation of one.
            import(
                &mut *team,
                "командная.tmx",
                &[
                    unit(LYON, "The conference was held in Lyon on 12 March 2026."),
                    unit(INTERPOL, "The INTERPOL General Secretariat is located in Lyon."),
                ],
            );
            let team_before = rows(&*team);

            let mut heard = Vec::new();
            let report = sync(&*laptop, &mut *team, &mut |b| heard.push(b.uid.clone())).unwrap();
            let label = format!("{} → {}", from.name(), to.name());
            assert_eq!(report.copied.len(), 2, "{label}");
            assert_eq!(report.present, 0, "{label}");
            assert_eq!(heard, report.copied.iter().map(|b| b.uid.clone()).collect::<Vec<_>>());
            // The shared pair merged, the other translation kept beside the team's, the new pair added.
            let counts = report.copied[0].counts;
            assert_eq!((counts.read, counts.added, counts.merged, counts.variants), (2, 0, 1, 1), "{label}");
            assert_eq!(report.copied[1].counts.added, 1, "{label}");
            assert!(uids(&*laptop).is_subset(&uids(&*team)), "{label}");
            let synced = rows(&*team);
            assert!(team_before.is_subset(&synced), "{label}: the team's units are all kept");
            // Text, origin and metadata are carried (the shared pair keeps the team's origin).
            let carried: BTreeSet<Row> = rows(&*laptop).into_iter().filter(|row| row.0 != LYON).collect();
            assert_eq!(carried.len(), 2);
            assert!(carried.is_subset(&synced), "{label}: {carried:#?} not in {synced:#?}");
            assert_eq!(synced.len(), 4, "{label}: {synced:#?}");

            // The copies are searchable in the target: the index was built as for an import.
            let mut searcher = Searcher::new(&*team, "ru", "en").unwrap();
            let found = searcher.search(RANK, &SearchOptions { min: 75, limit: 1 }).unwrap();
            assert_eq!(
                found.first().map(|m| (m.score, m.target.as_str())),
                Some((100, "The report was presented by a Police Major General.")),
                "{label}"
            );
            drop(searcher);

            // Again, and back: nothing new either way but the team's own batch.
            let again = sync(&*laptop, &mut *team, &mut |_| {}).unwrap();
            assert_eq!((again.copied.len(), again.present), (0, 2), "{label}");
            let back = sync(&*team, &mut *laptop, &mut |_| {}).unwrap();
            assert_eq!((back.copied.len(), back.present), (1, 2), "{label}");
            assert_eq!(rows(&*laptop).len(), 4, "{label}");
            assert_eq!(uids(&*laptop), uids(&*team), "{label}");
            let twice = sync(&*team, &mut *laptop, &mut |_| {}).unwrap();
            assert_eq!((twice.copied.len(), twice.present), (0, 3), "{label}");
        }
    }
}

#[test]
fn a_memory_is_not_synced_with_itself() {
    for backend in ALL {
        let (location, mut memory) = backend.create("itself");
        import(&mut *memory, "релиз.txt", &laptop_batches().0);
        let again = backends::open(&location, Access::Create);
        let mut same = backends::open(&location, Access::Create);
        let error = sync(&*again, &mut *same, &mut |_| {}).unwrap_err().to_string();
        assert!(error.contains("cannot be synced with itself"), "{error}");
    }
}

/// Memories from before batches had uids (SQLite schema version 1): two copies of one old
/// file, each migrated on its own, give their batches the same uids, so a sync between them
/// copies nothing.
#[test]
fn two_copies_of_an_old_memory_migrate_to_the_same_uids() {
    let dir = backends::scratch("legacy-sync");
    let old = dir.join("old.sqlite");
    {
        let mut memory = backends::open(old.to_str().unwrap(), Access::Create);
        import(&mut *memory, "релиз-1.txt", &laptop_batches().0);
        import(&mut *memory, "релиз-2.txt", &laptop_batches().1);
    }
    // Back to version 1: no uid column.
    let connection = rusqlite::Connection::open(&old).unwrap();
    connection
        .execute_batch(
            "DROP INDEX import_batch_uid; ALTER TABLE import_batch DROP COLUMN uid; PRAGMA user_version = 1;",
        )
        .unwrap();
    drop(connection);
    let copy = dir.join("copy.sqlite");
    std::fs::copy(&old, &copy).unwrap();

    let mut first = backends::open(old.to_str().unwrap(), Access::WriteExisting);
    let second = backends::open(copy.to_str().unwrap(), Access::WriteExisting);
    let first_uids = uids(&*first);
    assert_eq!(first_uids.len(), 2);
    assert!(first_uids.iter().all(|uid| uid.starts_with("v1-") && uid.len() == 35), "{first_uids:?}");
    assert_eq!(first_uids, uids(&*second));
    let report = sync(&*second, &mut *first, &mut |_| {}).unwrap();
    assert_eq!((report.copied.len(), report.present), (0, 2));
}

/// The command: one line per batch as it commits, then the totals; a target that does not
/// exist yet is created; file names from the memory are shown escaped.
#[test]
fn the_command_reports_each_batch_and_the_totals() {
    for to in ALL {
        let dir = backends::scratch(&format!("laptop-for-{}", to.name()));
        let from = dir.join("ноутбук.sqlite").display().to_string();
        let mut laptop = backends::open(&from, Access::Create);
        import(&mut *laptop, "релиз\u{1b}[31m.txt", &laptop_batches().0);
        drop(laptop);
        let target = to.fresh("sync-cli");
        let run = || {
            Command::new(env!("CARGO_BIN_EXE_tm"))
                .args(["memory", "sync", &from, &target])
                .current_dir(&dir)
                .env_remove("TM_MEMORY")
                .output()
                .unwrap()
        };
        let output = run();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let text = String::from_utf8(output.stdout).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert_eq!(
            lines[0],
            "batch 1 → 1: 2 units read, 2 added, 0 merged, 0 variants, 0 skipped  релиз\\u{1b}[31m.txt"
        );
        assert!(lines[1].ends_with(": 1 batch copied (2 units added), 0 there already"), "{text}");
        let output = run();
        assert!(output.status.success());
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.trim_end().ends_with(": 0 batches copied (0 units added), 1 there already"), "{text}");
    }
}
