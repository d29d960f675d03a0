use super::Sources;
use crate::{Finding, Severity};
use tm_text::escape::shown;
use tm_text::{ColumnUnit, escape_controls};
use unicode_segmentation::UnicodeSegmentation as _;

/// Characters of context shown on each side of a finding on long lines.
const CONTEXT: usize = 40;

/// The most of a finding's own span shown on its line.
const SPAN: usize = 120;

/// What is shown of a finding's line: a window around the span (the whole line when short),
/// and where the carets go, in terminal cells. Tabs are shown as four spaces, other control
/// characters escaped, and wide characters (CJK, most emoji) count two cells, combining marks
/// none. The window is found by walking outwards from the span, so a finding on a
/// many-megabyte line costs no more than one on a short line.
struct Snippet {
    text: String,
    caret_offset: usize,
    carets: usize,
}

impl Snippet {
    /// `from` and `to`: the span's byte offsets in `line` (`to` may pass the line's end).
    fn new(line: &str, from: usize, to: usize) -> Self {
        let boundary = |mut at: usize| {
            at = at.min(line.len());
            while !line.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        let from = boundary(from);
        let mut to = boundary(to.max(from));
        // A long span is cut, after SPAN characters.
        if let Some((cut, _)) = line[from..to].char_indices().nth(SPAN) {
            to = from + cut;
        }
        let window_start = line[..from].char_indices().rev().nth(CONTEXT - 1).map_or(0, |(i, _)| i);
        let window_end = line[to..].char_indices().nth(CONTEXT).map_or(line.len(), |(i, _)| to + i);
        let prefix = if window_start > 0 { "…" } else { "" };
        let suffix = if window_end < line.len() { "…" } else { "" };
        let cells = |text: &str| text.graphemes(true).map(|g| cell(g).1).sum::<usize>();
        let mut text = String::from(prefix);
        for grapheme in line[window_start..window_end].graphemes(true) {
            text.push_str(&cell(grapheme).0);
        }
        text.push_str(suffix);
        Self {
            text,
            caret_offset: cells(prefix) + cells(&line[window_start..from]),
            carets: cells(&line[from..to]).max(1),
        }
    }
}

/// How a grapheme cluster is shown, and how many terminal cells that takes: a tab four
/// spaces, a control character its escape, anything else its display width
/// ([`tm_text::words::display_width`]: wide characters two, combining marks none).
fn cell(grapheme: &str) -> (std::borrow::Cow<'_, str>, usize) {
    if grapheme == "\t" {
        return (std::borrow::Cow::Borrowed("    "), 4);
    }
    let escaped: String = grapheme.chars().map(shown).collect();
    if escaped == grapheme {
        (std::borrow::Cow::Borrowed(grapheme), tm_text::words::display_width(grapheme))
    } else {
        // An escape is ASCII: one cell a character.
        let width = escaped.chars().count();
        (std::borrow::Cow::Owned(escaped), width)
    }
}

/// Like rustc and ruff: the location, the rule, the line with a caret under the span, and the
/// fix. Long lines (a paragraph per line is common in releases) are cut around the span.
#[must_use]
pub fn full(findings: &[Finding], sources: &Sources) -> String {
    full_styled(findings, sources, false)
}

/// [`full`], coloured as rustc colours its diagnostics when `colour` is set (the caller decides
/// from the terminal, `NO_COLOR` and `CLICOLOR_FORCE`): the severity and carets in its colour,
/// the gutter blue, the help cyan.
#[must_use]
pub fn full_styled(findings: &[Finding], sources: &Sources, colour: bool) -> String {
    use anstyle::{AnsiColor, Style};
    let paint = |style: Style, text: &str| {
        if colour { format!("{}{text}{}", style.render(), style.render_reset()) } else { text.to_owned() }
    };
    let gutter = AnsiColor::Blue.on_default().bold();
    let mut out = String::new();
    for finding in findings {
        // The column people read: grapheme clusters.
        let (start, _) = sources.range(finding, ColumnUnit::Grapheme);
        let level = match finding.severity {
            Severity::Error => AnsiColor::Red,
            Severity::Warning => AnsiColor::Yellow,
            Severity::Info => AnsiColor::Cyan,
        }
        .on_default()
        .bold();
        out.push_str(&format!(
            "{} {}: {}\n",
            paint(level, &format!("{}[{}]", finding.severity.as_str(), finding.code)),
            paint(Style::new().bold(), finding.rule),
            escape_controls(&finding.message)
        ));
        let width = start.line.to_string().len();
        let pad = " ".repeat(width);
        out.push_str(&format!(
            "{pad}{} {}:{}:{}\n",
            paint(gutter, "-->"),
            escape_controls(&finding.path),
            start.line,
            start.column
        ));
        if let Some((line, line_start)) = sources.line_at(&finding.path, finding.span.start) {
            let snippet =
                Snippet::new(line, finding.span.start - line_start, finding.span.end.saturating_sub(line_start));
            let bar = paint(gutter, "|");
            out.push_str(&format!("{pad} {bar}\n"));
            out.push_str(&format!("{} {bar} {}\n", paint(gutter, &start.line.to_string()), snippet.text));
            out.push_str(&format!(
                "{pad} {bar} {}{}\n",
                " ".repeat(snippet.caret_offset),
                paint(level, &"^".repeat(snippet.carets))
            ));
        }
        let equals = paint(gutter, "=");
        if let Some(suggestion) = &finding.suggestion {
            out.push_str(&format!(
                "{pad} {equals} {}: {}\n",
                paint(AnsiColor::Cyan.on_default().bold(), "help"),
                escape_controls(&help(finding, suggestion))
            ));
        }
        if let Some(note) = &finding.note {
            out.push_str(&format!(
                "{pad} {equals} {}: {}\n",
                paint(Style::new().bold(), "note"),
                escape_controls(note)
            ));
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

/// Like rustc, coloured when `colour`.
#[derive(Debug, Clone, Copy)]
pub struct Full {
    pub colour: bool,
}

impl super::Emitter for Full {
    fn emit(
        &self,
        out: &mut dyn std::io::Write,
        findings: &[crate::Finding],
        sources: &super::Sources,
    ) -> std::io::Result<()> {
        out.write_all(full_styled(findings, sources, self.colour).as_bytes())
    }
}
