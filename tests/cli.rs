//! CLI behaviour: exact output and exit codes of `tm`, as snapshots.

#![allow(clippy::unwrap_used)] // a test that cannot set up should panic

mod common;

use std::path::Path;
use std::process::{Child, Command, Stdio};

use std::io::Write;

/// Runs `tm` in `dir` with `args` and optional standard input; renders exit code, stdout and
/// stderr the way insta-cmd does, so a snapshot shows everything a user sees.
fn spawn_tm(dir: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_tm"))
        .args(args)
        .current_dir(dir)
        .env_remove("TM_MEMORY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn tm_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> String {
    let mut child = spawn_tm(dir, args);
    let mut input = child.stdin.take().unwrap();
    // tm may exit before reading (a configuration error): a closed pipe here is expected.
    let _ = input.write_all(stdin.unwrap_or_default().as_bytes());
    drop(input);
    common::render(args, &child.wait_with_output().unwrap())
}

fn tm(args: &[&str]) -> String {
    tm_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, None)
}

fn tm_stdin(args: &[&str], stdin: &str) -> String {
    tm_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, Some(stdin))
}

#[test]
fn segment_shipped_example_as_text() {
    insta::assert_snapshot!(tm(&["segment", "examples/ncb-conference.ru.txt"]));
}

#[test]
fn segment_english_example_as_text() {
    insta::assert_snapshot!(tm(&["segment", "--lang", "en", "examples/ncb-conference.en.txt"]));
}

#[test]
fn segment_json_has_byte_offsets() {
    insta::assert_snapshot!(tm(&["segment", "--format", "json", "tests/fixtures/short.ru.txt"]));
}

#[test]
fn segment_jsonl_batch() {
    let input = "{\"id\": 1, \"text\": \"Встреча прошла в г. Лионе. Итоги подведены.\"}\n\n{\"id\": \"b\", \"text\": \"At 5 a.m. Mr. Smith left. He came back.\"}\n";
    insta::assert_snapshot!(tm_stdin(&["segment", "--format", "jsonl"], input));
}

#[test]
fn segment_jsonl_bad_line_is_an_error_with_line_number() {
    insta::assert_snapshot!(tm_stdin(&["segment", "--format", "jsonl"], "{\"text\": \"ok.\"}\n{\"id\": 2}\n"));
}

#[test]
fn segment_join_lines() {
    insta::assert_snapshot!(tm_stdin(
        &["segment", "--lang", "ru", "--join-lines"],
        "Министр провёл\nсовещание. Итоги\nподведены.\n\nНовый абзац.\n"
    ));
}

#[test]
fn segment_stdin_dash_and_empty_input() {
    insta::assert_snapshot!(tm_stdin(&["segment", "-"], ""));
    insta::assert_snapshot!(tm_stdin(&["segment", "--format", "json"], "  \n\t\n"));
}

#[test]
fn segment_utf16_file() {
    insta::assert_snapshot!(tm(&["segment", "tests/fixtures/utf16le.txt"]));
}

#[test]
fn segment_invalid_utf8_is_an_error() {
    insta::assert_snapshot!(tm(&["segment", "tests/fixtures/invalid-utf8.txt"]));
}

#[test]
fn segment_missing_file_and_directory() {
    insta::assert_snapshot!(tm(&["segment", "tests/fixtures/no-such-file.txt"]).replace("os error 2", "os error"));
    insta::assert_snapshot!(tm(&["segment", "tests/fixtures"]));
}

#[test]
fn segment_rules_version() {
    let output = tm(&["segment", "--rules-version", "--lang", "en"]);
    assert!(output.contains("exit: 0"), "{output}");
    assert!(output.contains("tm-seg/1 en lines "), "{output}");
}

#[test]
fn usage_errors_exit_2() {
    insta::assert_snapshot!(tm(&["segment", "--lang", "de"]));
    insta::assert_snapshot!(tm(&["frobnicate"]));
}

#[test]
fn config_from_tm_toml_and_its_errors() {
    let dir = std::env::temp_dir().join(format!("tm-cli-config-{}", std::process::id()));
    let nested = dir.join("releases/2026");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(dir.join("tm.toml"), "[segment.ru]\nnever-final = [\"отд\"]\n").unwrap();
    let text = "Приказ подписал нач. отд. Иванов. Он вступает в силу.";
    insta::assert_snapshot!(tm_in(&nested, &["segment", "--lang", "ru"], Some(text)));
    std::fs::write(dir.join("tm.toml"), "[segment]\njoin-lines = true\n\n[segment.ru]\nnever-finale = [\"отд\"]\n")
        .unwrap();
    let output = tm_in(&nested, &["segment", "--lang", "ru"], Some(text));
    insta::assert_snapshot!(output.replace(&dir.display().to_string(), "[DIR]"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn closed_stdout_pipe_exits_quietly() {
    let big = "Итоги подведены. ".repeat(200_000);
    let mut child = spawn_tm(Path::new(env!("CARGO_MANIFEST_DIR")), &["segment", "--lang", "ru"]);
    let mut input = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(big.as_bytes());
    });
    drop(child.stdout.take()); // the reader goes away, like `| head`
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
}
