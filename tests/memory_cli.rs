//! `tm import`, `search`, `analyze`, `export` and `memory` as a user sees them: exact output
//! and exit codes, on fixtures in the shapes real CAT tools export.

#![allow(clippy::unwrap_used)]

mod common;

use std::process::Command;

use common::{EVERY_MEMORY_FORMAT, Scratch, redact_times};

/// A scratch folder with copies of the memory fixtures.
fn scratch(name: &str) -> Scratch {
    Scratch::new(&format!("memory-{name}"), "tests/fixtures/memory", "")
}

/// Units in the scratch folder's memory.
fn units(s: &Scratch) -> i64 {
    let output = s.output(&["memory", "stats", "--format", "json"]);
    let stats: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    stats["units"].as_i64().unwrap()
}

#[test]
fn import_every_fixture_format() {
    let s = scratch("formats");
    insta::assert_snapshot!(s.run(&[&["import"][..], &EVERY_MEMORY_FORMAT[..]].concat()));
    insta::assert_snapshot!(s.run(&["memory", "stats"]));
    insta::assert_snapshot!(redact_times(&s.run(&["memory", "list-batches"])));
}

#[test]
fn gzipped_tmx_is_read() {
    use std::io::Write as _;
    let s = scratch("gzip");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&std::fs::read(s.dir.join("memoq.tmx")).unwrap()).unwrap();
    std::fs::write(s.dir.join("memoq.tmx.gz"), gz.finish().unwrap()).unwrap();
    insta::assert_snapshot!(s.run(&["import", "memoq.tmx.gz"]));
}

#[test]
fn search_shows_score_band_and_changed_numbers() {
    let s = scratch("search");
    s.output(&["import", "omegat.tmx", "trados.tmx"]);
    insta::assert_snapshot!(
        s.run(&["search", "В 2026 году по каналам Интерпола установлено местонахождение 315 разыскиваемых лиц."])
    );
    insta::assert_snapshot!(s.run(&[
        "search",
        "Встреча прошла в Лионе, в штаб-квартире Интерпола",
        "--format",
        "json"
    ]));
    insta::assert_snapshot!(s.run(&["search", "--concordance", "интерпола", "--in", "both"]));
    insta::assert_snapshot!(s.run(&["search", "Совершенно другое предложение без совпадений."]));
}

#[test]
fn search_batch_is_json_lines() {
    let s = scratch("batch");
    s.output(&["import", "omegat.tmx"]);
    std::fs::write(
        s.dir.join("queries.txt"),
        "Генеральный секретариат Интерпола находится в Лионе.\n\nНичего похожего.\n",
    )
    .unwrap();
    insta::assert_snapshot!(s.run(&["search", "--batch", "queries.txt", "--limit", "1"]));
}

#[test]
fn repeats_merge_and_new_targets_become_variants() {
    let s = scratch("repeats");
    s.output(&["import", "omegat.tmx"]);
    insta::assert_snapshot!(s.run(&["import", "omegat.tmx"]));
    std::fs::write(
        s.dir.join("other.tsv"),
        "ru\ten\nГенеральный секретариат Интерпола находится в Лионе.\tInterpol's General Secretariat is in Lyon.\n",
    )
    .unwrap();
    insta::assert_snapshot!(s.run(&["import", "other.tsv", "--on-conflict", "keep"]));
    insta::assert_snapshot!(s.run(&["import", "other.tsv"]));
    assert_eq!(units(&s), 5);
    insta::assert_snapshot!(s.run(&["import", "other.tsv", "--on-conflict", "overwrite"]));
    assert_eq!(units(&s), 5);
}

#[test]
fn broken_file_is_not_imported_and_earlier_files_stay() {
    let s = scratch("broken");
    insta::assert_snapshot!(s.run(&["import", "okapi.tmx", "truncated.tmx", "memoq.tmx"]));
    // okapi.tmx's units are kept (its en-GB and en-US variants are one translation); nothing
    // from truncated.tmx; memoq.tmx never started.
    assert_eq!(units(&s), 2);
}

#[test]
fn invalid_units_fail_the_file_unless_skipped() {
    let s = scratch("invalid");
    insta::assert_snapshot!(s.run(&["import", "one-tuv.tmx"]));
    assert_eq!(units(&s), 0);
    insta::assert_snapshot!(s.run(&["import", "one-tuv.tmx", "--skip-invalid"]));
    assert_eq!(units(&s), 1);
    insta::assert_snapshot!(s.run(&["import", "ragged.csv", "--skip-invalid"]));
}

#[test]
fn wrong_languages_and_encodings_are_clear_errors() {
    let s = scratch("languages");
    insta::assert_snapshot!(s.run(&["import", "unknown-langs.tmx"]));
    insta::assert_snapshot!(s.run(&["import", "cp1251.tmx"]));
    insta::assert_snapshot!(s.run(&["import", "unknown-langs.tmx", "--src", "de", "--tgt", "xx"]));
}

#[test]
fn a_tmx_referencing_a_local_file_never_reads_it() {
    let s = scratch("xxe");
    std::fs::write(s.dir.join("secret.txt"), "TOPSECRET").unwrap();
    let secret = s.dir.join("secret.txt");
    let tmx = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM \"file://{}\"><!ENTITY more SYSTEM \"secret.txt\">]>\n\
         <tmx version=\"1.4\"><header srclang=\"ru\"/><body>\n\
         <tu><tuv xml:lang=\"ru\"><seg>Утечка &xxe;</seg></tuv><tuv xml:lang=\"en\"><seg>Leak &more;</seg></tuv></tu>\n\
         <tu><tuv xml:lang=\"ru\"><seg>Обычная строка</seg></tuv><tuv xml:lang=\"en\"><seg>An ordinary line</seg></tuv></tu>\n\
         </body></tmx>\n",
        secret.display()
    );
    std::fs::write(s.dir.join("xxe.tmx"), tmx).unwrap();
    let strict = s.run(&["import", "xxe.tmx"]);
    assert!(strict.contains("exit: 2") && strict.contains("&xxe;"), "{strict}");
    let skipped = s.run(&["import", "xxe.tmx", "--skip-invalid"]);
    assert!(skipped.contains("1 added"), "{skipped}");
    let exported = s.run(&["export", "--format", "tsv"]);
    assert!(!exported.contains("TOPSECRET") && exported.contains("An ordinary line"), "{exported}");
}

#[test]
fn an_oversized_segment_is_named_and_the_rest_imports_with_skip_invalid() {
    // Up to 8 MiB a segment is read and then skipped as longer than tm stores (1 MiB); beyond,
    // it is not even kept in memory and its unit is invalid; a run of more than 32 MiB without
    // markup stops the reader (tests/hardening.rs).
    let s = scratch("huge");
    let mut tmx = String::from("<tmx version=\"1.4\"><header srclang=\"ru\"/><body>\n<tu><tuv xml:lang=\"ru\"><seg>");
    tmx.push_str(&"Лион ".repeat(20 * 1024 * 1024 / 9));
    tmx.push_str("</seg></tuv><tuv xml:lang=\"en\"><seg>Lyon</seg></tuv></tu>\n");
    tmx.push_str("<tu><tuv xml:lang=\"ru\"><seg>Лион</seg></tuv><tuv xml:lang=\"en\"><seg>Lyon</seg></tuv></tu>\n</body></tmx>\n");
    std::fs::write(s.dir.join("huge.tmx"), tmx).unwrap();
    insta::assert_snapshot!(s.run(&["import", "huge.tmx"]));
    assert_eq!(units(&s), 0);
    insta::assert_snapshot!("oversized-skip-invalid", s.run(&["import", "--skip-invalid", "huge.tmx"]));
    assert_eq!(units(&s), 1);
}

#[test]
fn export_writes_tmx_with_inline_codes_restored() {
    let s = scratch("export");
    s.output(&["import", "trados.tmx", "okapi.tmx"]);
    insta::assert_snapshot!(s.run(&["export"]));
    insta::assert_snapshot!(s.run(&["export", "--format", "tsv"]));
}

#[test]
fn delete_batch_undoes_an_import_and_dedupe_rebuilds() {
    let s = scratch("delete");
    s.output(&["import", "omegat.tmx"]);
    s.output(&["import", "memoq.tmx"]);
    assert_eq!(units(&s), 6);
    insta::assert_snapshot!(s.run(&["memory", "delete", "--batch", "2"]));
    assert_eq!(units(&s), 4);
    insta::assert_snapshot!(s.run(&["memory", "delete", "--batch", "9"]));
    insta::assert_snapshot!(s.run(&["memory", "delete", "--origin", "omegat.tmx"]));
    assert_eq!(units(&s), 0);
    s.output(&["import", "omegat.tmx"]);
    insta::assert_snapshot!(s.run(&["memory", "dedupe"]));
    // Search still works after the rebuild.
    let found = s.run(&["search", "Генеральный секретариат Интерпола находится в Лионе."]);
    assert!(found.contains("100%"), "{found}");
}

#[test]
fn analyze_reports_bands_and_repetitions() {
    let s = scratch("analyze");
    s.output(&["import", "omegat.tmx", "trados.tmx"]);
    std::fs::write(
        s.dir.join("new.ru.txt"),
        "Генеральный секретариат Интерпола находится в Лионе.\n\
         В 2026 году по каналам Интерпола установлено местонахождение 298 разыскиваемых лиц.\n\
         Следственный комитет Российской Федерации возбудил уголовное дело.\n\
         Генеральный секретариат Интерпола находится в Лионе.\n\
         Это совершенно новое предложение.\n",
    )
    .unwrap();
    insta::assert_snapshot!(s.run(&["analyze", "new.ru.txt"]));
}

#[test]
fn search_without_a_memory_says_so() {
    let s = scratch("missing");
    insta::assert_snapshot!(s.run(&["search", "Лион"]));
}

#[test]
fn memory_location_follows_flag_environment_and_tm_toml() {
    let s = scratch("location");
    std::fs::create_dir_all(s.dir.join("project/sub")).unwrap();
    std::fs::write(s.dir.join("project/tm.toml"), "").unwrap();
    std::fs::copy(s.dir.join("omegat.tmx"), s.dir.join("project/sub/omegat.tmx")).unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_tm"))
        .args(["import", "omegat.tmx"])
        .current_dir(s.dir.join("project/sub"))
        .env_remove("TM_MEMORY")
        .output()
        .unwrap();
    assert!(status.status.success());
    assert!(s.dir.join("project/memory/tm.sqlite").exists(), "the memory lives beside tm.toml");
    let status = Command::new(env!("CARGO_BIN_EXE_tm"))
        .args(["import", "omegat.tmx"])
        .current_dir(&s.dir)
        .env("TM_MEMORY", s.dir.join("elsewhere.sqlite"))
        .output()
        .unwrap();
    assert!(status.status.success());
    assert!(s.dir.join("elsewhere.sqlite").exists());
}

#[test]
fn a_newer_schema_is_refused_untouched() {
    let s = scratch("schema");
    s.output(&["import", "omegat.tmx"]);
    let path = s.dir.join("memory/tm.sqlite");
    {
        let connection = rusqlite::Connection::open(&path).unwrap();
        connection.pragma_update(None, "user_version", 99).unwrap();
    }
    let out = s.run(&["search", "Лион"]);
    assert!(out.contains("exit: 2") && out.contains("schema version 99"), "{out}");
    let connection = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = connection.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 99);
}
