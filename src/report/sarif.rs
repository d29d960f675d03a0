use std::collections::HashMap;

use serde_json::{Value, json};

use super::Sources;
use crate::check::{Finding, RULES, Severity};
use crate::text::ColumnUnit;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A stable key for a finding that ignores where it is: the rule, the words found and the line
/// they stand on (whitespace collapsed), and how many identical keys came before it; so edits
/// elsewhere in the file do not make an accepted finding look new.
fn fingerprint(finding: &Finding, sources: &Sources, seen: &mut HashMap<u64, usize>) -> String {
    let line = sources.line_at(&finding.path, finding.span.start).map_or("", |(line, _)| line);
    let line: Vec<&str> = line.split_whitespace().collect();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [finding.code, finding.found.as_str(), &line.join(" ")] {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    let count = seen.entry(hash).or_insert(0);
    *count += 1;
    format!("{hash:016x}:{count}")
}

/// SARIF 2.1.0 as GitHub code scanning reads it: every rule with its documentation, one result
/// per finding with a relative URI and a region in Unicode code points (stated as `columnKind`).
#[must_use]
pub fn sarif(findings: &[Finding], sources: &Sources) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|rule| {
            json!({
                "id": rule.code,
                "name": rule.name,
                "shortDescription": { "text": rule.summary() },
                "fullDescription": { "text": rule.documentation() },
                "help": { "text": rule.documentation() },
                "defaultConfiguration": { "level": level(rule.severity) },
            })
        })
        .collect();
    let mut seen = HashMap::new();
    let results: Vec<Value> = findings
        .iter()
        .map(|finding| {
            let (start, end) = sources.range(finding, ColumnUnit::Char);
            let index = RULES.iter().position(|r| r.code == finding.code).unwrap_or(0);
            let mut message = finding.message.clone();
            if let Some(suggestion) = &finding.suggestion {
                message.push_str(&format!(" (suggestion: {suggestion})"));
            }
            json!({
                "ruleId": finding.code,
                "ruleIndex": index,
                "level": level(finding.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&finding.path) },
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                        },
                    },
                }],
                "partialFingerprints": { "tmFinding/v1": fingerprint(finding, sources, &mut seen) },
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "tm",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

/// A relative URI with forward slashes, spaces and other specials percent-encoded.
fn uri(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path).replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
