use super::Sources;
use crate::check::{Finding, Severity};
use crate::text::escape::shown;
use crate::text::{ColumnUnit, escape_controls};

/// Characters of context shown on each side of a finding on long lines.
const CONTEXT: usize = 40;

/// Like rustc and ruff: the location, the rule, the line with a caret under the span, and the
/// fix. Long lines (a paragraph per line is common in releases) are cut around the span.
#[must_use]
pub fn full(findings: &[Finding], sources: &Sources) -> String {
    let mut out = String::new();
    for finding in findings {
        let (start, end) = sources.range(finding, ColumnUnit::Char);
        out.push_str(&format!(
            "{}[{}] {}: {}\n",
            finding.severity.as_str(),
            finding.code,
            finding.rule,
            escape_controls(&finding.message)
        ));
        let width = start.line.to_string().len();
        let pad = " ".repeat(width);
        out.push_str(&format!("{pad}--> {}:{}:{}\n", escape_controls(&finding.path), start.line, start.column));
        if let Some((line, line_start)) = sources.line_at(&finding.path, finding.span.start) {
            let chars: Vec<char> = line.chars().collect();
            let from = start.column - 1;
            let to = if end.line == start.line { (end.column - 1).max(from + 1) } else { chars.len().max(from + 1) };
            let to = to.min(chars.len().max(from + 1));
            let window_start = from.saturating_sub(CONTEXT);
            let window_end = (to + CONTEXT).min(chars.len());
            let prefix = if window_start > 0 { "…" } else { "" };
            let suffix = if window_end < chars.len() { "…" } else { "" };
            // Tabs are shown as four spaces, other control characters escaped, and the carets
            // count what is shown.
            let cell = |c: char| if c == '\t' { std::borrow::Cow::Borrowed("    ") } else { shown(c) };
            let width = |chars: &[char]| chars.iter().map(|&c| cell(c).chars().count()).sum::<usize>();
            let text: String = chars[window_start..window_end].iter().map(|&c| cell(c)).collect();
            let _ = line_start;
            out.push_str(&format!("{pad} |\n"));
            out.push_str(&format!("{} | {prefix}{text}{suffix}\n", start.line));
            let caret_offset = prefix.chars().count() + width(&chars[window_start..from.min(window_end)]);
            let carets = width(&chars[from.min(window_end)..to.min(window_end)]).max(1);
            out.push_str(&format!("{pad} | {}{}\n", " ".repeat(caret_offset), "^".repeat(carets)));
        }
        if let Some(suggestion) = &finding.suggestion {
            out.push_str(&format!("{pad} = help: {}\n", escape_controls(&help(finding, suggestion))));
        }
        if let Some(note) = &finding.note {
            out.push_str(&format!("{pad} = note: {}\n", escape_controls(note)));
        }
        out.push('\n');
    }
    out.push_str(&summary(findings));
    out
}

fn help(finding: &Finding, suggestion: &str) -> String {
    if finding.fix.is_some() {
        format!("replace with `{suggestion}` (fixable with --fix)")
    } else {
        format!("`{suggestion}`")
    }
}

/// `Found 3 findings: 1 error, 1 warning, 1 info.` or `No findings.`
#[must_use]
pub fn summary(findings: &[Finding]) -> String {
    if findings.is_empty() {
        return "No findings.\n".to_owned();
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let plural = |n: usize, word: &str| if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") };
    let mut parts = Vec::new();
    for (severity, word) in [(Severity::Error, "error"), (Severity::Warning, "warning"), (Severity::Info, "info")] {
        let n = count(severity);
        if n > 0 {
            parts.push(if word == "info" { format!("{n} info") } else { plural(n, word) });
        }
    }
    format!("Found {}: {}.\n", plural(findings.len(), "finding"), parts.join(", "))
}
