use super::rule;
use crate::{CheckError, Context, Finding, with_ending};

rule! {
    /// A glossary rendering written with capitals the glossary does not have.
    ///
    /// Why: `INTERPOL` where the house writes `Interpol` is the same name in another style;
    /// mixing styles across releases is what a style guide exists to stop. Capitals at the
    /// start of a word (titles, sentence starts) and lines written wholly in capitals
    /// (headlines) are not case deviations. List the variant as admitted to accept it.
    ///
    /// Example: `INTERPOL's General Secretariat` (Interpol preferred, INTERPOL not listed).
    ///
    /// Fix: write the rendering as the glossary does.
    RULE { code: "TM106", name: "term-case", severity: Warning, bilingual: false, phase: Text(run) }
}

fn run(context: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), CheckError> {
    for hit in context.all_draft_hits().filter(|h| h.case_differs) {
        let term = context.term(hit);
        if !term.status.is_accepted() {
            continue;
        }
        let concept = context.concept(hit.concept);
        let found = context.draft_text(hit.span);
        let suggestion = with_ending(&term.text, found, &term.text);
        let mut finding = context.finding(
            &RULE,
            hit.span,
            format!("`{found}` differs from the glossary's `{}` in letter case", term.text),
        );
        finding.term = Some(concept.name().to_owned());
        finding.suggestion = Some(suggestion);
        out.push(finding);
    }
    Ok(())
}
