use super::rule;
use crate::Finding;
use crate::batch::input_finding;
use tm_text::Span;

rule! {
    /// A pairing pattern in tm.toml's `[[files.pairs]]` that matched no draft in the tree.
    ///
    /// Why: a pattern that matches nothing usually has a typo (`en/{path}` for a tree in
    /// `english/`), and then every draft is silently checked without its source. Reported at
    /// the pattern's line in tm.toml when folders were checked.
    ///
    /// Example: `draft = "{name}.eng.{ext}"` in a tree of `*.en.txt` files.
    ///
    /// Fix: correct the pattern, or remove it.
    RULE { code: "TM903", name: "pattern-matches-nothing", severity: Warning, bilingual: false, phase: Configuration }
}

/// The finding for a `[[files.pairs]]` pattern whose draft template is `draft` that paired
/// nothing, at the pattern's own line of `text` (the configuration file `file`), not at a
/// commented-out example with the same text.
#[must_use]
pub fn finding(file: &str, text: &str, draft: &str) -> Finding {
    let quoted = format!("{draft:?}");
    let mut at = 0;
    let mut found = None;
    for line in text.split_inclusive('\n') {
        if !line.trim_start().starts_with('#')
            && let Some(i) = line.find(&quoted)
        {
            found = Some(at + i);
            break;
        }
        at += line.len();
    }
    let span = found.map_or(Span::new(0, 0), |at| Span::new(at, at + quoted.len()));
    input_finding(&RULE, file, span, draft, format!("the pairing pattern draft = {quoted} matched no file"))
}
