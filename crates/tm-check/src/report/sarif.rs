use serde_json::{Value, json};

use super::Sources;
use crate::{Finding, RULES, Severity};
use tm_text::ColumnUnit;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The base id of relative URIs, as CodeQL and GitHub code scanning name the checkout.
const BASE_ID: &str = "%SRCROOT%";

/// SARIF 2.1.0 as GitHub code scanning reads it: every rule with its documentation, one result
/// per finding with a URI relative to the folder the run started in (`%SRCROOT%`, stated in
/// `originalUriBaseIds` when known; a file outside it gets an absolute `file:` URI) and a
/// region in Unicode code points (stated as `columnKind`).
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
    let keys = sources.fingerprints(findings);
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
                        "artifactLocation": artifact(&finding.path, sources.base()),
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
    let mut run = json!({
        "tool": { "driver": {
            "name": "tm",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        }},
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(base) = sources.base() {
        let mut folder = file_uri(base);
        if !folder.ends_with('/') {
            folder.push('/');
        }
        run["originalUriBaseIds"] = json!({ BASE_ID: { "uri": folder } });
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

/// An artifact location: relative to [`BASE_ID`], or an absolute `file:` URI for a path outside
/// the base (or absolute with no base known).
fn artifact(path: &str, base: Option<&std::path::Path>) -> Value {
    let as_path = std::path::Path::new(path);
    if as_path.is_absolute() {
        return match base.and_then(|b| as_path.strip_prefix(b).ok()) {
            Some(relative) => json!({ "uri": uri(&relative.to_string_lossy()), "uriBaseId": BASE_ID }),
            None => json!({ "uri": file_uri(as_path) }),
        };
    }
    if path.split(['/', '\\']).any(|part| part == "..") {
        // Outside the base: resolved against it when known.
        if let Some(base) = base {
            return json!({ "uri": file_uri(&base.join(as_path)) });
        }
    }
    match base {
        Some(_) => json!({ "uri": uri(path), "uriBaseId": BASE_ID }),
        None => json!({ "uri": uri(path) }),
    }
}

/// `file:///…` for an absolute path.
fn file_uri(path: &std::path::Path) -> String {
    use std::path::Component;
    let mut clean = std::path::PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    let text = clean.to_string_lossy().replace('\\', "/");
    let text = text.trim_start_matches('/');
    format!("file:///{}", uri(text))
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
