use std::path::Path;

use super::rule;
use crate::Finding;
use crate::batch::input_finding;
use tm_glossary::GlossaryError;
use tm_text::Span;

rule! {
    /// A glossary entry that fails one of its own examples.
    ///
    /// Why: the examples (`+` must contain the term, `-` must not) are the glossary's tests;
    /// a failing one means the entry matches what it should not or misses what it should,
    /// so its findings cannot be trusted. The drafts are still checked; the failure is
    /// reported at the entry's line in the glossary.
    ///
    /// Example: `-орёл парил` under the city Орёл while the entry is not `case = exact`.
    ///
    /// Fix: correct the entry (forms, `case`, exceptions) or the example; `tm glossary test`
    /// runs the examples alone.
    RULE { code: "TM902", name: "glossary-example-fails", severity: Error, bilingual: false, phase: Glossaries }
}

/// The findings for glossary entries failing their own examples, at each entry's line:
/// `(path, the glossary's text, finding)`, the path relative to `current` when below it (reports,
/// SARIF above all, want paths relative to the repository).
#[must_use]
pub fn findings(failures: &[GlossaryError], current: &Path) -> Vec<(String, String, Finding)> {
    let mut out = Vec::new();
    for failure in failures {
        let GlossaryError::Example { file, line, concept, message } = failure else { continue };
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let shown = Path::new(file).strip_prefix(current).map_or_else(|_| file.clone(), |p| p.display().to_string());
        let finding = input_finding(
            &RULE,
            &shown,
            Span::new(start, end),
            concept,
            format!("entry `{concept}` fails its own example: {message}"),
        );
        out.push((shown, text, finding));
    }
    out
}
