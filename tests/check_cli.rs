//! `tm check`, `tm rule` and `tm glossary`: exact output and exit codes, as snapshots.

#![allow(clippy::unwrap_used)] // a test that cannot set up should panic

mod common;

use std::path::Path;

use common::Scratch;

/// A scratch project: the shipped examples under `examples/` and the house glossary under
/// `glossaries/`, so `tm check` finds its glossary the way it does in the repository.
fn project(name: &str) -> Scratch {
    let scratch = Scratch::new(name, "examples", "examples");
    std::fs::create_dir_all(scratch.dir.join("glossaries")).unwrap();
    let house = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossaries/house.tsv");
    std::fs::copy(house, scratch.dir.join("glossaries/house.tsv")).unwrap();
    scratch
}

const DRAFT: &str = "examples/ncb-conference.en.txt";
const SOURCE: &str = "examples/ncb-conference.ru.txt";

#[test]
fn readme_main_command_reports_lion_and_the_wrong_figure() {
    let scratch = project("readme");
    let out = scratch.run(&["check", DRAFT, "--source", SOURCE]);
    assert!(out.contains("error[TM101] term-forbidden: `Lion` is a forbidden rendering of Лион; use `Lyon`"), "{out}");
    assert!(out.contains("--> examples/ncb-conference.en.txt:13:146"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn concise_and_json_formats() {
    let scratch = project("formats");
    insta::assert_snapshot!("concise", scratch.run(&["check", DRAFT, "--source", SOURCE, "--format", "concise"]));
    let json = scratch.output(&["check", DRAFT, "--format", "json"]);
    let findings: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let lion = findings.as_array().unwrap().iter().find(|f| f["code"] == "TM101").unwrap();
    for key in [
        "code",
        "rule",
        "severity",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "byte_start",
        "byte_end",
        "found",
        "suggestion",
        "term",
        "message",
    ] {
        assert!(lion.get(key).is_some(), "no {key} in {lion}");
    }
    assert_eq!(
        (lion["line"].as_u64(), lion["column"].as_u64(), lion["end_column"].as_u64()),
        (Some(13), Some(146), Some(150))
    );
    assert_eq!(
        (lion["found"].as_str(), lion["suggestion"].as_str(), lion["term"].as_str()),
        (Some("Lion"), Some("Lyon"), Some("Лион"))
    );
    insta::assert_snapshot!("json", String::from_utf8_lossy(&json.stdout));
}

#[test]
fn columns_count_characters_after_cyrillic_and_emoji() {
    let scratch = project("columns");
    scratch.write("draft.en.txt", "Заголовок 🚓 — the memorial in Lion.\n".as_bytes());
    let out = scratch.run(&["check", "draft.en.txt", "--format", "concise"]);
    // 9 Cyrillic letters (18 bytes), a space, the emoji (4 bytes, 2 UTF-16 units), " — the memorial
    // in " → Lion starts at character 31, byte 50.
    assert!(out.contains("draft.en.txt:1:31: TM101 [error] `Lion`"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn exit_codes_follow_fail_on() {
    let scratch = project("fail-on");
    scratch.write("clean.en.txt", b"Interpol and Europol met in Lyon.\n");
    scratch.write("info.en.txt", b"Interpol and Europol met in Lyons.\n");
    let code = |args: &[&str]| scratch.output(args).status.code();
    assert_eq!(code(&["check", "clean.en.txt"]), Some(0));
    assert_eq!(code(&["check", "info.en.txt"]), Some(0));
    assert_eq!(code(&["check", "info.en.txt", "--fail-on", "info"]), Some(1));
    assert_eq!(code(&["check", DRAFT]), Some(1));
    assert_eq!(code(&["check", "missing.en.txt"]), Some(2));
}

#[test]
fn fix_replaces_forbidden_renderings_only() {
    let scratch = project("fix");
    scratch
        .write("draft.en.txt", "The memorial in Lion was opened by Police General-Major Petrov in Lyоn.\n".as_bytes());
    let out = scratch.run(&["check", "draft.en.txt", "--fix", "--format", "concise"]);
    insta::assert_snapshot!(out);
    let fixed = std::fs::read_to_string(scratch.dir.join("draft.en.txt")).unwrap();
    assert_eq!(fixed, "The memorial in Lyon was opened by Police Major General Petrov in Lyon.\n");
}

#[test]
fn memory_match_rendered_otherwise_is_reported() {
    let scratch = project("memory");
    scratch.write(
        "official.tsv",
        "ru\ten\nОфициальный сайт МВД России\tThe official website of the Ministry of Internal Affairs of the Russian Federation\n"
            .as_bytes(),
    );
    let import = scratch.output(&["import", "official.tsv", "--origin", "house-boilerplate"]);
    assert!(import.status.success(), "{}", String::from_utf8_lossy(&import.stderr));
    let out = scratch.run(&["check", DRAFT, "--source", SOURCE, "--format", "concise", "--fail-on", "error"]);
    assert!(out.contains("TM301 [warning] the memory has a 100 % match"), "{out}");
    let json = scratch.output(&["check", DRAFT, "--source", SOURCE, "--format", "json"]);
    let findings: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let memory = findings.as_array().unwrap().iter().find(|f| f["code"] == "TM301").unwrap();
    assert_eq!(
        memory["suggestion"].as_str(),
        Some("The official website of the Ministry of Internal Affairs of the Russian Federation")
    );
    assert!(memory["note"].as_str().unwrap().contains("house-boilerplate"), "{memory}");
    let without = scratch.run(&["check", DRAFT, "--source", SOURCE, "--format", "concise", "--no-memory"]);
    assert!(!without.contains("TM301"), "{without}");
}

#[test]
fn a_glossary_failing_its_examples_is_an_error_naming_the_entry() {
    let scratch = project("bad-glossary");
    scratch.write("bad.tsv", "id\tru\ten\texamples\nlyon\tЛион\tLyon\t+В Париже прошла встреча.\n".as_bytes());
    insta::assert_snapshot!(scratch.run(&["check", DRAFT, "--glossary", "bad.tsv"]));
    scratch.write("typo.tsv", "ru\ten\tstatuz\nЛион\tLyon\tx\n".as_bytes());
    insta::assert_snapshot!("typo", scratch.run(&["check", DRAFT, "--glossary", "typo.tsv"]));
}

#[test]
fn rule_documentation() {
    let scratch = project("rule");
    insta::assert_snapshot!(scratch.run(&["rule", "TM101"]));
    let all = scratch.output(&["rule", "--all", "--format", "json"]);
    let rules: serde_json::Value = serde_json::from_slice(&all.stdout).unwrap();
    assert_eq!(rules.as_array().unwrap().len(), tm::check::RULES.len());
    assert_eq!(scratch.output(&["rule", "TM999"]).status.code(), Some(2));
}

#[test]
fn glossary_commands() {
    let scratch = project("glossary");
    insta::assert_snapshot!("forms", scratch.run(&["glossary", "forms", "генерал-майор полиции"]));
    insta::assert_snapshot!("lookup", scratch.run(&["glossary", "lookup", "Лионе"]));
    let validate = scratch.run(&["glossary", "validate"]);
    assert!(validate.contains("exit: 0") && validate.contains(" concepts, 0 problems"), "{validate}");
    let test = scratch.run(&["glossary", "test"]);
    assert!(test.contains("exit: 0") && test.contains(" failed"), "{test}");
    // TBX and back keeps every concept.
    scratch.output(&["glossary", "convert", "glossaries/house.tsv", "house.tbx"]);
    scratch.output(&["glossary", "convert", "house.tbx", "back.tsv"]);
    let list = |path: &str| scratch.output(&["glossary", "list", "--glossary", path]).stdout;
    assert_eq!(list("glossaries/house.tsv"), list("back.tsv"));
}

#[test]
fn the_seed_release_reports_lion_and_no_other_error() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/interpol-ncb-conference.en.txt");
    if !seed.exists() {
        eprintln!("skipped: {} is not here", seed.display());
        return;
    }
    let scratch = project("seed");
    let seed = seed.to_str().unwrap();
    let json = scratch.output(&["check", seed, "--format", "json"]);
    let findings: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let errors: Vec<(&str, &str)> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| (f["found"].as_str().unwrap(), f["suggestion"].as_str().unwrap_or_default()))
        .collect();
    assert_eq!(errors, [("Lion", "Lyon")]);
    assert!(findings.as_array().unwrap().iter().all(|f| f["severity"] != "warning"));
}
