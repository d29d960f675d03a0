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
