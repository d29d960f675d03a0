use super::rule;
use crate::check::{CheckError, Context, Finding};

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
    RULE { code: "TM903", name: "pattern-matches-nothing", severity: Warning, bilingual: false, run: run }
}

/// Reported while files are paired, not by a pass over the text.
#[allow(clippy::unnecessary_wraps)]
fn run(_: &Context<'_>, _: &mut Vec<Finding>) -> Result<(), CheckError> {
    Ok(())
}
