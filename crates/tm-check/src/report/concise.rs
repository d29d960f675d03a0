use super::Sources;
use crate::Finding;
use tm_text::{ColumnUnit, escape_controls};

/// One finding per line: `path:line:column: CODE [severity] message`, control characters of
/// the input escaped.
#[must_use]
pub fn concise(findings: &[Finding], sources: &Sources) -> String {
    let mut out = String::new();
    for finding in findings {
        let (start, _) = sources.range(finding, ColumnUnit::Char);
        out.push_str(&format!(
            "{}:{}:{}: {} [{}] {}\n",
            escape_controls(&finding.path),
            start.line,
            start.column,
            finding.code,
            finding.severity.as_str(),
            escape_controls(&finding.message)
        ));
    }
    out
}
