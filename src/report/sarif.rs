use serde_json::{Value, json};

use super::Sources;
use crate::check::baseline::fingerprints;
use crate::check::{Finding, RULES, Severity};
use crate::text::ColumnUnit;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
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
    let keys = fingerprints(findings, |f| sources.line_at(&f.path, f.span.start).map_or("", |(line, _)| line));
    let results: Vec<Value> = findings
        .iter()
        .zip(&keys)
        .map(|(finding, key)| {
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
                "partialFingerprints": { "tmFinding/v1": key },
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
