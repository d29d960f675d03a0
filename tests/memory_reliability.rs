//! Concurrency and crash safety of imports.

#![allow(clippy::unwrap_used)]

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tm::formats::tmx;
use tm::memory::Store;
use tm::memory_sqlite::SqliteMemory;
#[path = "support/synth.rs"]
mod synth;

use synth::pair;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tm-rel-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write_tmx(path: &Path, seed: u64, units: u64) {
    let mut out = BufWriter::new(File::create(path).unwrap());
    tmx::write_header(&mut out, "ru-RU", "test").unwrap();
    for i in 0..units {
        let p = pair(seed, i);
        let unit = tm::formats::Unit {
            src_tag: "ru-RU".into(),
            tgt_tag: "en-GB".into(),
            source: p.ru,
            target: p.en,
            ..tm::formats::Unit::default()
        };
        tmx::write_unit(&mut out, &unit).unwrap();
    }
    tmx::write_footer(&mut out).unwrap();
    out.flush().unwrap();
}

fn tm(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tm"));
    command.args(args).current_dir(dir).env_remove("TM_MEMORY").stdout(Stdio::piped()).stderr(Stdio::piped());
    command
}

fn count(dir: &Path) -> i64 {
    SqliteMemory::open_existing(&dir.join("memory/tm.sqlite")).unwrap().unit_count().unwrap()
}

#[test]
fn two_imports_at_once_both_land() {
    let dir = scratch("concurrent");
    write_tmx(&dir.join("a.tmx"), 1, 3000);
    write_tmx(&dir.join("b.tmx"), 2, 3000);
    // Create the memory first so both processes race on imports, not on creating the schema.
    drop(SqliteMemory::open(&dir.join("memory/tm.sqlite")).unwrap());
    let first = tm(&dir, &["import", "a.tmx"]).spawn().unwrap();
    let second = tm(&dir, &["import", "b.tmx"]).spawn().unwrap();
    let (first, second) = (first.wait_with_output().unwrap(), second.wait_with_output().unwrap());
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(second.status.success(), "{}", String::from_utf8_lossy(&second.stderr));
    let memory = SqliteMemory::open_existing(&dir.join("memory/tm.sqlite")).unwrap();
    let stats = memory.stats().unwrap();
    let added: i64 = memory.batches().unwrap().iter().map(|b| b.added).sum();
    assert_eq!(stats.units, added);
    // Every unit of both files is there: importing them again adds nothing.
    drop(memory);
    let again = tm(&dir, &["import", "a.tmx", "b.tmx", "--summary", "json"]).output().unwrap();
    let text = String::from_utf8_lossy(&again.stdout);
    for line in text.lines() {
        let report: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(report["counts"]["added"], 0, "{line}");
    }
}

#[test]
fn an_import_killed_midway_leaves_the_memory_as_before() {
    let dir = scratch("kill");
    write_tmx(&dir.join("small.tmx"), 3, 200);
    write_tmx(&dir.join("big.tmx"), 4, 60_000);
    assert!(tm(&dir, &["import", "small.tmx"]).output().unwrap().status.success());
    let before = count(&dir);
    assert!(before > 0);
    let mut child = tm(&dir, &["import", "big.tmx"]).spawn().unwrap();
    // Wait until the import is writing (its write-ahead log grows), then kill it.
    let wal = dir.join("memory/tm.sqlite-wal");
    let started = Instant::now();
    let initial = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    while std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) <= initial + 1_000_000 {
        assert!(started.elapsed() < Duration::from_secs(120), "the import never started writing");
        assert!(child.try_wait().unwrap().is_none(), "the import finished before it could be killed");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    assert_eq!(count(&dir), before, "a killed import must leave nothing behind");
    let memory = SqliteMemory::open_existing(&dir.join("memory/tm.sqlite")).unwrap();
    assert_eq!(memory.batches().unwrap().len(), 1);
    drop(memory);
    // And the memory still takes imports.
    assert!(tm(&dir, &["import", "small.tmx"]).output().unwrap().status.success());
}

#[path = "support/backends.rs"]
mod backends;

/// Units in a PostgreSQL memory, read directly.
fn pg_units(url: &str) -> i64 {
    let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
    client.query_one("SELECT count(*) FROM unit", &[]).unwrap().get(0)
}

/// Waits until a `tm` import holds a transaction open on the database, for at least `after`.
fn wait_for_import(url: &str, child: &mut std::process::Child, after: Duration) -> i32 {
    let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
    let started = Instant::now();
    loop {
        assert!(started.elapsed() < Duration::from_secs(120), "the import never started writing");
        assert!(child.try_wait().unwrap().is_none(), "the import finished before it could be interrupted");
        let rows = client
            .query(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'tm' \
                 AND xact_start IS NOT NULL \
                 AND now() - xact_start > make_interval(secs => $1)",
                &[&after.as_secs_f64()],
            )
            .unwrap();
        if let Some(row) = rows.first() {
            return row.get(0);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Drops the connection of `child`, a running `tm` import or sync, from the server's side once
/// it has been writing for a while: `tm` must report it and exit 2. Its output.
fn cut_off(url: &str, mut child: std::process::Child) -> std::process::Output {
    let pid = wait_for_import(url, &mut child, Duration::from_millis(1500));
    let mut admin = postgres::Client::connect(url, postgres::NoTls).unwrap();
    admin.execute("SELECT pg_terminate_backend($1)", &[&pid]).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
    output
}

#[test]
fn postgres_an_import_killed_or_cut_off_midway_leaves_the_memory_as_before() {
    let dir = scratch("pg-kill");
    let url = backends::fresh_database("kill");
    write_tmx(&dir.join("small.tmx"), 3, 200);
    write_tmx(&dir.join("big.tmx"), 4, 60_000);
    assert!(tm(&dir, &["import", "--memory", &url, "small.tmx"]).output().unwrap().status.success());
    let before = pg_units(&url);
    assert!(before > 0);

    // The client killed (SIGKILL) half-way through the file.
    let mut child = tm(&dir, &["import", "--memory", &url, "big.tmx"]).spawn().unwrap();
    wait_for_import(&url, &mut child, Duration::from_millis(1500));
    // A reader is not kept waiting by the import's lock: it sees the memory as committed.
    let query = pair(3, 7).ru;
    let searched = Instant::now();
    let search = tm(&dir, &["search", "--memory", &url, &query]).output().unwrap();
    assert!(search.status.success(), "{}", String::from_utf8_lossy(&search.stderr));
    assert!(String::from_utf8_lossy(&search.stdout).starts_with("100%"), "{}", String::from_utf8_lossy(&search.stdout));
    assert!(searched.elapsed() < Duration::from_secs(10), "a search waited for the import");
    assert!(child.try_wait().unwrap().is_none(), "the import was still running during the search");
    child.kill().unwrap();
    child.wait().unwrap();
    // The server notices the closed connection and rolls back.
    let started = Instant::now();
    while pg_units(&url) != before && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(pg_units(&url), before, "a killed import must leave nothing behind");

    // The connection dropped by the server half-way through: tm reports it and exits 2.
    let stderr = cut_off(&url, tm(&dir, &["import", "--memory", &url, "big.tmx"]).spawn().unwrap()).stderr;
    let stderr = String::from_utf8_lossy(&stderr);
    assert!(stderr.contains("big.tmx"), "the error names the file: {stderr}");
    assert_eq!(pg_units(&url), before, "a cut-off import must leave nothing behind");

    // Both imports at once from two processes (two machines, as far as the database knows).
    write_tmx(&dir.join("a.tmx"), 1, 3000);
    write_tmx(&dir.join("b.tmx"), 2, 3000);
    let first = tm(&dir, &["import", "--memory", &url, "a.tmx"]).spawn().unwrap();
    let second = tm(&dir, &["import", "--memory", &url, "b.tmx"]).spawn().unwrap();
    let (first, second) = (first.wait_with_output().unwrap(), second.wait_with_output().unwrap());
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(second.status.success(), "{}", String::from_utf8_lossy(&second.stderr));
    let memory = backends::open(&url, tm::project::Access::Read);
    let added: i64 = memory.batches().unwrap().iter().map(|b| b.added).sum();
    assert_eq!(memory.unit_count().unwrap(), added);
    assert_eq!(memory.batches().unwrap().len(), 3, "the small file and the two concurrent ones");
}

/// `tm memory sync` into PostgreSQL cut off half-way through a large batch: the batches it
/// committed before stay, the one it was copying leaves nothing, and running it again copies
/// only what is still missing.
#[test]
fn postgres_a_sync_cut_off_midway_keeps_whole_batches_and_resumes() {
    let dir = scratch("pg-sync-kill");
    write_tmx(&dir.join("small.tmx"), 5, 200);
    write_tmx(&dir.join("big.tmx"), 6, 60_000);
    let laptop = dir.join("laptop.sqlite").display().to_string();
    let imported = tm(&dir, &["import", "--memory", &laptop, "small.tmx", "big.tmx"]).output().unwrap();
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    let url = backends::fresh_database("synckill");

    let output = cut_off(&url, tm(&dir, &["memory", "sync", &laptop, &url]).spawn().unwrap());
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("copying batch 2 (") && stderr.contains("big.tmx"), "the error names the batch: {stderr}");
    // The small batch was committed before the big one began; nothing of the big one is there.
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("batch 1 → 1: 200 units read, 200 added"), "{stdout}");
    assert_eq!(pg_units(&url), 200);
    let batches: i64 = admin.query_one("SELECT count(*) FROM import_batch", &[]).unwrap().get(0);
    assert_eq!(batches, 1);

    let output = tm(&dir, &["memory", "sync", &laptop, &url]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains(": 1 batch copied (") && stdout.ends_with(" units added), 1 there already\n"), "{stdout}");
    let on_laptop = SqliteMemory::open_read_only(Path::new(&laptop)).unwrap().unit_count().unwrap();
    assert!(on_laptop > 50_000);
    assert_eq!(pg_units(&url), on_laptop);
}
