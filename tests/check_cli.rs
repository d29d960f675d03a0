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

/// Columns for people count what people see: `full` gives the column in grapheme clusters (a
/// letter with a combining accent is one, a family emoji joined by ZWJs is one) and puts the
/// carets under the word by display width; `concise`, read by editors and scripts, keeps
/// counting characters.
#[test]
fn columns_for_people_count_graphemes_and_carets_follow_display_width() {
    let scratch = project("graphemes");
    // "Пои\u{306}ман" is Поймал with a decomposed й; the family is five characters, one cluster.
    let line = "Пои\u{306}ма\u{301}н 👩\u{200d}👩\u{200d}👧 in Lion.";
    scratch.write("draft.en.txt", format!("{line}\n").as_bytes());
    let full = scratch.run(&["check", "draft.en.txt"]);
    let before = &line[..line.find("Lion").unwrap()];
    let clusters = 6 + 1 + 1 + 4; // six letters (their marks with them), a space, the family, " in "
    assert_eq!(tm::text::words::grapheme_count(before), clusters);
    assert!(full.contains(&format!("--> draft.en.txt:1:{}\n", clusters + 1)), "{full}");
    // The Cyrillic word is marked with one caret per letter, its accents taking none.
    assert!(full.contains("1 | Пои\u{306}ма\u{301}н") && full.contains("  | ^^^^^^\n"), "{full}");
    let lines: Vec<&str> = full.lines().collect();
    let lion = lines.iter().position(|l| l.starts_with("error[TM101]")).unwrap();
    let carets = lines[lion + 4].strip_prefix("  | ").unwrap();
    // Six letters one cell each, the marks none, the family two, spaces and "in" one each.
    assert_eq!(carets, format!("{}^^^^", " ".repeat(6 + 1 + 2 + 4)), "{full}");
    let concise = scratch.run(&["check", "draft.en.txt", "--format", "concise"]);
    assert!(concise.contains(&format!("draft.en.txt:1:{}:", before.chars().count() + 1)), "{concise}");
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
    // A path that does not exist is a finding (TM901), so the other paths are still checked.
    let missing = scratch.run(&["check", "missing.en.txt", "clean.en.txt", "--format", "concise"]);
    assert!(
        missing.contains("exit: 1")
            && missing.contains(
                "missing.en.txt:1:1: TM901 [error] missing.en.txt: no such file or folder; it was not checked"
            ),
        "{missing}"
    );
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
fn a_glossary_failing_its_examples_is_a_finding_and_the_draft_is_still_checked() {
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
    assert!(seed.exists(), "{} is missing: CI has ../shared beside the repository", seed.display());
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
    // The one warning: the release names the ministry `… of Russia` once and `… of the
    // Russian Federation` elsewhere, two full renderings of one name.
    let warnings: Vec<(&str, &str)> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "warning")
        .map(|f| (f["code"].as_str().unwrap(), f["found"].as_str().unwrap()))
        .collect();
    assert_eq!(warnings, [("TM104", "Ministry of Internal Affairs of Russia")]);
}

/// Every output format on a line with Cyrillic and an emoji before the finding: columns count
/// characters (SARIF states `unicodeCodePoints`), byte offsets stay bytes.
#[test]
fn every_format_counts_columns_after_cyrillic_and_emoji() {
    let scratch = project("all-formats");
    scratch
        .write("draft.en.txt", "Заголовок 🚓 — the memorial in Lion.\nSecond line, 50% done: Lion again.\n".as_bytes());
    for format in ["full", "concise", "json", "json-lines", "github", "sarif", "junit"] {
        let out = scratch.run(&["check", "draft.en.txt", "--format", format]);
        insta::assert_snapshot!(format!("format-{format}"), out);
    }
}

#[test]
fn github_format_is_the_default_in_actions_and_writes_the_step_summary() {
    let scratch = project("github");
    scratch.write("draft.en.txt", b"The memorial in Lion.\n");
    let summary = scratch.dir.join("summary.md");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_tm"))
        .args(["check", "draft.en.txt"])
        .current_dir(&scratch.dir)
        .env("TM_CACHE_DIR", scratch.dir.join(".cache"))
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with("::error file=draft.en.txt,line=1,col=17,endColumn=21,title=TM101 term-forbidden::"),
        "{stdout}"
    );
    let table = std::fs::read_to_string(summary).unwrap();
    assert!(table.contains("| error | `draft.en.txt:1:17` | TM101 term-forbidden |"), "{table}");
}

/// The SARIF log has the structure GitHub code scanning requires (SARIF 2.1.0), field by field.
#[test]
fn sarif_has_the_required_structure() {
    let scratch = project("sarif");
    let out = scratch.output(&["check", DRAFT, "--source", SOURCE, "--format", "sarif", "--no-memory"]);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "tm");
    assert!(driver.get("informationUri").is_none(), "no placeholder address");
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"].as_str().unwrap();
    assert!(base.starts_with("file:///") && base.ends_with('/'), "{base}");
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), tm::check::RULES.len());
    for rule in rules {
        for key in ["id", "name"] {
            assert!(rule[key].is_string(), "{key} in {rule}");
        }
        for key in ["shortDescription", "fullDescription", "help"] {
            assert!(rule[key]["text"].is_string(), "{key} in {rule}");
        }
        assert!(["error", "warning", "note"].contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()));
    }
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        assert!(result["message"]["text"].is_string());
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(!uri.starts_with('/') && !uri.contains("://"), "{uri}");
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(location["region"][key].as_u64().unwrap() >= 1, "{key}");
        }
        assert!(result["partialFingerprints"]["tmFinding/v1"].is_string());
    }
    // Fingerprints survive an unrelated edit: a paragraph added at the top moves every line.
    let before: Vec<String> = results.iter().map(|r| r["partialFingerprints"]["tmFinding/v1"].to_string()).collect();
    let draft = std::fs::read_to_string(scratch.dir.join(DRAFT)).unwrap();
    scratch.write(DRAFT, format!("An added first paragraph.\n\n{draft}").as_bytes());
    let out = scratch.output(&["check", DRAFT, "--source", SOURCE, "--format", "sarif", "--no-memory"]);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let after: Vec<String> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["partialFingerprints"]["tmFinding/v1"].to_string())
        .collect();
    for fingerprint in &before {
        assert!(after.contains(fingerprint), "{fingerprint} lost after an unrelated edit");
    }
}

#[test]
fn several_drafts_reports_to_files_exit_zero_and_completions() {
    let scratch = project("several");
    scratch.write("a.en.txt", b"The memorial in Lion.\n");
    scratch.write("b.en.txt", b"Delegates met in Lyons.\n");
    let out = scratch.run(&[
        "check",
        "a.en.txt",
        "b.en.txt",
        "--format",
        "concise",
        "--report",
        "sarif=out.sarif",
        "--report",
        "json=out.json",
    ]);
    insta::assert_snapshot!(out);
    let sarif: serde_json::Value =
        serde_json::from_slice(&std::fs::read(scratch.dir.join("out.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 2);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(scratch.dir.join("out.json")).unwrap()).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert_eq!(scratch.output(&["check", "a.en.txt", "--exit-zero"]).status.code(), Some(0));
    let bad = scratch.run(&["check", "a.en.txt", "b.en.txt", "--source", "examples/ncb-conference.ru.txt"]);
    assert!(bad.contains("exit: 2") && bad.contains("--source goes with one draft"), "{bad}");
    let bad = scratch.run(&["check", "a.en.txt", "--report", "pdf=x.pdf"]);
    assert!(bad.contains("exit: 2") && bad.contains("unknown format `pdf`"), "{bad}");
    for shell in ["bash", "zsh", "fish"] {
        let script = scratch.output(&["completions", shell]);
        assert!(script.status.success() && String::from_utf8_lossy(&script.stdout).contains("check"), "{shell}");
    }
}

#[test]
fn tm_toml_turns_rules_off_and_changes_severities() {
    let scratch = project("rules-config");
    scratch.write("draft.en.txt", b"The memorial in Lion. Delegates met in Lyons.\n");
    scratch.write("tm.toml", b"[check.rules]\nterm-not-preferred = \"off\"\nTM101 = \"warning\"\n");
    insta::assert_snapshot!(scratch.run(&["check", "draft.en.txt", "--format", "concise"]));
    scratch.write("tm.toml", b"[check.rules]\nterm-forbiden = \"off\"\n");
    let out = scratch.run(&["check", "draft.en.txt", "--format", "concise"]);
    insta::assert_snapshot!("rules-typo", out.replace(&scratch.dir.display().to_string(), "[DIR]"));
}

#[test]
fn init_writes_a_starter_and_config_shows_where_values_come_from() {
    let scratch = project("init");
    insta::assert_snapshot!("init", scratch.run(&["init"]));
    assert_eq!(scratch.output(&["init"]).status.code(), Some(2));
    insta::assert_snapshot!("config-defaults", scratch.run(&["config"]));
    scratch.write(
        "tm.toml",
        "memory = \"archive/tm.sqlite\"\n[check]\nfail-on = \"warning\"\n[check.rules]\nTM103 = \"off\"\n[files]\nexclude = [\"old/**\"]\n[segment.ru]\nnever-final = [\"отд\"]\n"
            .as_bytes(),
    );
    insta::assert_snapshot!("config-set", scratch.run(&["config"]));
}
