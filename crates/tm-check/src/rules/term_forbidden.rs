use super::rule;
use crate::{CheckError, Context, Finding, Fix, with_ending};
use tm_glossary::Status;
use tm_text::Lang;

rule! {
    /// A forbidden, deprecated or superseded rendering of a glossary term.
    ///
    /// Why: the glossary lists the wrong renderings translators actually produce ("Lion" for
    /// Лион, "Police General-Major" for генерал-майор полиции); each one in a published release
    /// is an error the house has already decided on. A forbidden variant inside a longer
    /// accepted rendering never fires (the longest match wins). With a Russian source, the rule
    /// fires only when the source mentions the concept somewhere, so "lion" the animal in an
    /// unrelated release stays quiet.
    ///
    /// Example: `... the Interpol General Secretariat in Lion` (Лион: Lyon preferred, Lion
    /// forbidden).
    ///
    /// Fix: use the preferred rendering; `tm check --fix` replaces it when the concept has
    /// exactly one preferred English rendering.
    RULE { code: "TM101", name: "term-forbidden", severity: Error, bilingual: false, phase: Text(run) }
}

fn run(context: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), CheckError> {
    for hit in context.all_draft_hits() {
        let term = context.term(hit);
        if term.status.is_accepted() || !context.source_mentions(hit.concept) {
            continue;
        }
        let concept = context.concept(hit.concept);
        let found = context.draft_text(hit.span);
        let preferred: Vec<&str> =
            concept.terms_in(Lang::En).filter(|t| t.status == Status::Preferred).map(|t| t.text.as_str()).collect();
        let suggestion = concept.preferred(Lang::En).map(|p| with_ending(&p.text, found, &term.text));
        let what = if term.status == Status::Superseded { "a superseded" } else { "a forbidden" };
        let mut finding = context.finding(
            &RULE,
            hit.span,
            match &suggestion {
                Some(s) => format!("`{found}` is {what} rendering of {}; use `{s}`", concept.name()),
                None => format!("`{found}` is {what} rendering of {}", concept.name()),
            },
        );
        finding.term = Some(concept.name().to_owned());
        finding.note = term.note.clone();
        if preferred.len() == 1
            && let Some(s) = &suggestion
        {
            finding.fix = Some(Fix { span: hit.span, replacement: s.clone() });
        }
        finding.suggestion = suggestion;
        out.push(finding);
    }
    Ok(())
}
