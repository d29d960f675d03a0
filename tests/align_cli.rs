//! `tm align` and `tm import --pair` as a user sees them: exact output and exit codes on
//! release pairs written for the tests (`tests/fixtures/align/`, gold beads in `NAME.beads`).

#![allow(clippy::unwrap_used)]

mod common;

use common::Scratch;

/// A scratch folder with the release fixtures in `releases/`.
fn scratch(name: &str) -> Scratch {
    Scratch::new(&format!("align-{name}"), "tests/fixtures/align", "releases")
}

const CYBER: [&str; 2] = ["releases/cyber-operation.ru.txt", "releases/cyber-operation.en.txt"];
const DRUGS: [&str; 2] = ["releases/drug-seizure.ru.txt", "releases/drug-seizure.en.txt"];

#[test]
fn beads_show_splits_omissions_and_additions() {
    let s = scratch("beads");
    // The untranslated reminder paragraph (ru 8, 9) and the added English sentence (en 9):
    // ru 9 and en 9 are alike in length and share no anchor, so they come out paired — the
    // known limit of aligning without a dictionary; the eval line below counts it.
    insta::assert_snapshot!(s.run(&["align", CYBER[0], CYBER[1], "--format", "beads"]));
    insta::assert_snapshot!(s.run(&["align", CYBER[0], CYBER[1], "--eval", "releases/cyber-operation.beads"]));
    insta::assert_snapshot!(s.run(&["align", DRUGS[0], DRUGS[1], "--eval", "releases/drug-seizure.beads"]));
}

#[test]
fn pairs_as_tsv_tmx_and_json() {
    let s = scratch("formats");
    insta::assert_snapshot!(s.run(&["align", DRUGS[0], DRUGS[1]]));
    insta::assert_snapshot!(s.run(&["align", DRUGS[0], DRUGS[1], "--format", "tmx"]));
    let output = s.output(&["align", CYBER[0], CYBER[1], "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let beads = json["beads"].as_array().unwrap();
    assert_eq!(json["ru_sentences"], 11);
    assert_eq!(json["en_sentences"], 11);
    let split = beads.iter().find(|b| b["kind"] == "1-2").unwrap();
    assert_eq!(split["ru"], serde_json::json!([5]));
    assert_eq!(split["en"], serde_json::json!([5, 6]));
    assert!(split["confidence"].as_f64().unwrap() > 0.9, "{split}");
    assert!(split["en_text"].as_str().unwrap().starts_with("Russian police officers located 17 members"));
    let omitted = beads.iter().find(|b| b["kind"] == "1-0").unwrap();
    assert_eq!(omitted["ru"], serde_json::json!([8]));
    assert!(omitted["ru_text"].as_str().unwrap().starts_with("Напоминаем"));
}

#[test]
fn the_tsv_output_imports_back() {
    let s = scratch("roundtrip");
    let output = s.output(&["align", DRUGS[0], DRUGS[1]]);
    s.write("pairs.tsv", &output.stdout);
    insta::assert_snapshot!(s.run(&["import", "pairs.tsv"]));
}

#[test]
fn bad_input_is_a_clear_error() {
    let s = scratch("bad");
    s.write("empty.ru.txt", b"\n \n");
    s.write("binary.ru.txt", b"\x00\x01\x02PK\x03\x04 binary");
    s.write("gold.beads", b"0:0\n1:one\n");
    s.write("terms.tsv", "Лион\tLyon\nПариж\n".as_bytes());
    insta::assert_snapshot!(s.run(&["align", "empty.ru.txt", DRUGS[1]]));
    insta::assert_snapshot!(s.run(&["align", "binary.ru.txt", DRUGS[1]]));
    insta::assert_snapshot!(s.run(&["align", "missing.ru.txt", DRUGS[1]]));
    insta::assert_snapshot!(s.run(&["align", DRUGS[0], DRUGS[1], "--eval", "gold.beads"]));
    insta::assert_snapshot!(s.run(&["align", DRUGS[0], DRUGS[1], "--glossary", "terms.tsv"]));
    // The files in the wrong order: a warning, and the alignment still comes out.
    let swapped = s.run(&["align", DRUGS[1], DRUGS[0], "--format", "beads"]);
    assert!(swapped.contains("exit: 0"), "{swapped}");
    assert!(swapped.contains("is given as Russian but its script looks English"), "{swapped}");
}

#[test]
fn wildly_different_lengths_align_without_trouble() {
    let s = scratch("lengths");
    let long: String = (0..3_000).map(|i| format!("В {i} году задержаны {} человек.\n", i * 7)).collect();
    s.write("long.ru.txt", long.as_bytes());
    s.write("short.en.txt", b"In 17 years 119 people were detained.\n");
    let output = s.output(&["align", "long.ru.txt", "short.en.txt", "--format", "beads"]);
    assert_eq!(output.status.code(), Some(0));
    let beads = String::from_utf8(output.stdout).unwrap();
    assert_eq!(beads.lines().count(), 3_000);
    assert!(beads.lines().any(|b| b == "17:0"), "the numbers anchor the only English sentence");
}

#[test]
fn import_pair_dry_run_shows_the_plan() {
    let s = scratch("dry");
    insta::assert_snapshot!(s.run(&["import", "--pair", CYBER[0], CYBER[1], "--dry-run"]));
    assert!(!s.dir.join("memory").exists(), "a dry run writes nothing");
}

#[test]
fn import_pair_folder_imports_confident_pairs_with_their_origin() {
    let s = scratch("folder");
    s.write("releases/unpaired.ru.txt", "Одинокий текст.\n".as_bytes());
    insta::assert_snapshot!(s.run(&["import", "--pair", "releases", "--join"]));
    insta::assert_snapshot!(s.run(&["search", "Фигурантам грозит до 20 лет лишения свободы.", "--format", "json"]));
    insta::assert_snapshot!(s.run(&["memory", "stats"]));
}

#[test]
fn import_pair_folder_pairs_ru_and_en_subfolders_too() {
    let s = Scratch::empty("align-subfolders");
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/align");
    std::fs::create_dir_all(s.dir.join("archive/ru/2026")).unwrap();
    std::fs::create_dir_all(s.dir.join("archive/en/2026")).unwrap();
    std::fs::copy(fixtures.join(CYBER[0].trim_start_matches("releases/")), s.dir.join("archive/ru/2026/cyber.txt"))
        .unwrap();
    std::fs::copy(fixtures.join(CYBER[1].trim_start_matches("releases/")), s.dir.join("archive/en/2026/cyber.txt"))
        .unwrap();
    let out = s.run(&["import", "--pair", "archive", "--dry-run"]);
    assert!(out.contains("exit: 0") && out.contains("archive/ru/2026/cyber.txt"), "{out}");
    assert!(!out.contains("warning"), "{out}");
}

#[test]
fn import_pair_summary_json_is_one_object_per_pair() {
    let s = scratch("json");
    let output = s.output(&["import", "--pair", CYBER[0], CYBER[1], "--summary", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["to_import"], 9);
    let reasons: Vec<&str> =
        value["left_out"].as_array().unwrap().iter().map(|b| b["reason"].as_str().unwrap()).collect();
    assert_eq!(reasons, ["not-one-to-one", "untranslated"]);
    assert_eq!(value["left_out"][1]["ru"], serde_json::json!([8]));
    assert_eq!(value["import"]["counts"]["added"], 9);
    let dry = s.output(&["import", "--pair", CYBER[0], CYBER[1], "--summary", "json", "--dry-run"]);
    let value: serde_json::Value = serde_json::from_slice(&dry.stdout).unwrap();
    assert!(value["import"].is_null());
}
