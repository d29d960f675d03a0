//! The README's CLI reference must match `--help`. `TM_BLESS=1 cargo test --test readme`
//! rewrites it.

#![allow(clippy::unwrap_used)] // a test that cannot set up should panic

use std::process::Command;

fn help(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_tm")).args(args).output().unwrap();
    assert!(output.status.success(), "tm {args:?} failed");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn cli_reference_matches_help() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let mut expected = String::new();
    let mut rest = readme.as_str();
    while let Some(at) = rest.find("<!-- help: ") {
        let (before, marker) = rest.split_at(at);
        expected.push_str(before);
        let command_end = marker.find(" -->").unwrap();
        let command = &marker["<!-- help: ".len()..command_end];
        let block_end = marker.find("<!-- end help -->").expect("unterminated help block");
        let args: Vec<&str> = command.split_whitespace().skip(1).collect();
        expected.push_str(&format!("<!-- help: {command} -->\n```text\n{}```\n", help(&args)));
        rest = &marker[block_end..];
    }
    expected.push_str(rest);
    if std::env::var_os("TM_BLESS").is_some() {
        std::fs::write(path, &expected).unwrap();
    } else {
        assert!(
            readme == expected,
            "README.md's CLI reference differs from --help; run TM_BLESS=1 cargo test --test readme"
        );
    }
}

/// The README's rule table lists every rule of the registry with its code, name, default
/// severity, whether it needs the source and its summary, in registry order.
#[test]
fn rule_table_matches_the_registry() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let rows: Vec<&str> = readme.lines().filter(|line| line.starts_with("| TM")).collect();
    let expected: Vec<String> = tm::check::RULES
        .iter()
        .map(|rule| {
            format!(
                "| {} | {} | {} | {} | {} |",
                rule.code,
                rule.name,
                rule.severity.as_str(),
                if rule.bilingual { "yes" } else { "no" },
                rule.summary()
            )
        })
        .collect();
    assert_eq!(rows, expected, "README.md's rule table differs from the rule registry");
}
