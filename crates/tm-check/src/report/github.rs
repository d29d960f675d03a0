use super::Sources;
use crate::{Finding, Severity};
use tm_text::ColumnUnit;

/// GitHub Actions workflow commands, one per finding: `::error file=…,line=…,col=…::message`.
/// `col` and `endColumn` (characters) only when the finding is on one line, as GitHub wants.
#[must_use]
pub fn github(findings: &[Finding], sources: &Sources) -> String {
    let mut out = String::new();
    for finding in findings {
        let (start, end) = sources.range(finding, ColumnUnit::Char);
        let level = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut properties = vec![format!("file={}", property(&finding.path)), format!("line={}", start.line)];
        if end.line == start.line {
            properties.push(format!("col={}", start.column));
            properties.push(format!("endColumn={}", end.column));
        } else {
            properties.push(format!("endLine={}", end.line));
        }
        properties.push(format!("title={}", property(&format!("{} {}", finding.code, finding.rule))));
        let mut message = finding.message.clone();
        if let Some(suggestion) = &finding.suggestion {
            message.push_str(&format!("\n(suggestion: {suggestion})"));
        }
        out.push_str(&format!("::{level} {}::{}\n", properties.join(","), data(&message)));
    }
    out
}

/// A Markdown table of all findings for `$GITHUB_STEP_SUMMARY` (GitHub shows only ten
/// annotations of each level per step).
#[must_use]
pub fn github_summary(findings: &[Finding], sources: &Sources) -> String {
    let mut out = String::from("### tm check\n\n");
    if findings.is_empty() {
        out.push_str("No findings.\n");
        return out;
    }
    out.push_str("| severity | location | rule | message |\n| --- | --- | --- | --- |\n");
    let cell = |text: &str| text.replace('|', "\\|").replace(['\n', '\r'], " ");
    for finding in findings {
        let (start, _) = sources.range(finding, ColumnUnit::Char);
        out.push_str(&format!(
            "| {} | `{}:{}:{}` | {} {} | {} |\n",
            finding.severity.as_str(),
            cell(&finding.path),
            start.line,
            start.column,
            finding.code,
            finding.rule,
            cell(&finding.message)
        ));
    }
    out
}

/// Escaping of a command's message: GitHub's own escapes for `%`, CR and LF, and the other
/// control characters (an escape sequence in a log) shown as escapes.
fn data(text: &str) -> String {
    let escaped = text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    tm_text::escape_controls(&escaped).into_owned()
}

/// Escaping of a property value: also `:` and `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
