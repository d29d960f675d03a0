use serde::Serialize;

use super::Sources;
use crate::Finding;
use tm_text::ColumnUnit;

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'a str,
    rule: &'a str,
    severity: &'a str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    found: &'a str,
    suggestion: Option<&'a str>,
    term: Option<&'a str>,
    message: &'a str,
    note: Option<&'a str>,
    fixable: bool,
}

fn items<'a>(findings: &'a [Finding], sources: &Sources) -> Vec<JsonFinding<'a>> {
    findings
        .iter()
        .map(|f| {
            let (start, end) = sources.range(f, ColumnUnit::Char);
            JsonFinding {
                code: f.code,
                rule: f.rule,
                severity: f.severity.as_str(),
                path: &f.path,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                byte_start: f.span.start,
                byte_end: f.span.end,
                found: &f.found,
                suggestion: f.suggestion.as_deref(),
                term: f.term.as_deref(),
                message: &f.message,
                note: f.note.as_deref(),
                fixable: f.fix.is_some(),
            }
        })
        .collect()
}

/// A JSON array of findings; lines and columns are 1-based and count characters.
#[must_use]
pub fn json(findings: &[Finding], sources: &Sources) -> String {
    let mut text = serde_json::to_string_pretty(&items(findings, sources)).unwrap_or_else(|_| "[]".to_owned());
    text.push('\n');
    text
}

/// One JSON object per line, with the fields of [`json`]: for streaming and `jq`.
#[must_use]
pub fn json_lines(findings: &[Finding], sources: &Sources) -> String {
    let mut text = String::new();
    for item in items(findings, sources) {
        text.push_str(&serde_json::to_string(&item).unwrap_or_default());
        text.push('\n');
    }
    text
}
