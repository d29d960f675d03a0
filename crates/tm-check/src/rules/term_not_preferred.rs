use super::rule;
use crate::{CheckError, Context, Finding, with_ending};
use tm_glossary::Status;
use tm_text::Lang;

rule! {
    /// An admitted rendering where the glossary prefers another.
    ///
    /// Why: admitted variants are not wrong ("Lyons", "Major General of Police"), but a house
    /// that publishes many releases wants one rendering; this is information for the editor,
    /// not a failure.
    ///
    /// Example: `the conference in Lyons` (Лион: Lyon preferred, Lyons admitted).
    ///
    /// Fix: use the preferred rendering, or mark the variant preferred in the glossary.
    RULE { code: "TM103", name: "term-not-preferred", severity: Info, bilingual: false, phase: Text(run) }
}

fn run(context: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), CheckError> {
    for hit in context.all_draft_hits() {
        let term = context.term(hit);
        // Abbreviations, short forms and derived forms are not rivals of the house name.
        if term.status != Status::Admitted || term.term_type != tm_glossary::TermType::FullForm {
            continue;
        }
        let concept = context.concept(hit.concept);
        let Some(preferred) = concept.preferred(Lang::En).filter(|p| p.status == Status::Preferred) else {
            continue;
        };
        let found = context.draft_text(hit.span);
        let suggestion = with_ending(&preferred.text, found, &term.text);
        let mut finding = context.finding(
            &RULE,
            hit.span,
            format!("`{found}` is admitted for {}, but the house rendering is `{suggestion}`", concept.name()),
        );
        finding.term = Some(concept.name().to_owned());
        finding.suggestion = Some(suggestion);
        out.push(finding);
    }
    Ok(())
}
