use serde_json::{Value, json};

use super::Sources;
use crate::{Finding, Severity};
use tm_text::ColumnUnit;

/// GitLab's severities: `info`, `minor`, `major`, `critical`, `blocker`.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// A GitLab code-quality report (the Code Climate subset GitLab reads): a JSON array with one
/// issue per finding: description, check name, a fingerprint that survives unrelated edits
/// (the baseline's), severity, and the path relative to the repository with the first line.
#[must_use]
pub fn gitlab(findings: &[Finding], sources: &Sources) -> String {
    let keys = sources.fingerprints(findings);
    let issues: Vec<Value> = findings
        .iter()
        .zip(&keys)
        .map(|(finding, key)| {
            let (start, end) = sources.range(finding, ColumnUnit::Char);
            let path = finding.path.strip_prefix("./").unwrap_or(&finding.path);
            json!({
                "type": "issue",
                "description": format!("{} {}: {}", finding.code, finding.rule, finding.message),
                "check_name": format!("{} {}", finding.code, finding.rule),
                "categories": ["Style"],
                "fingerprint": format!("{}:{key}", finding.path),
                "severity": severity(finding.severity),
                "location": {
                    "path": path,
                    "positions": {
                        "begin": { "line": start.line, "column": start.column },
                        "end": { "line": end.line, "column": end.column },
                    },
                },
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".to_owned());
    text.push('\n');
    text
}
