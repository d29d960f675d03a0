use super::rule;
use crate::check::{CheckError, Context, Finding};

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
    RULE { code: "TM902", name: "glossary-example-fails", severity: Error, bilingual: false, run: run }
}

/// Reported while glossaries are loaded, not by a pass over the text.
#[allow(clippy::unnecessary_wraps)]
fn run(_: &Context<'_>, _: &mut Vec<Finding>) -> Result<(), CheckError> {
    Ok(())
}
