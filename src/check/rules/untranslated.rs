use super::rule;
use crate::check::{CheckError, Context, Finding, shorten};
use crate::text::Span;

rule! {
    /// A source sentence that no sentence of the translation renders.
    ///
    /// Why: a skipped sentence or paragraph is invisible in the English alone. The aligner
    /// pairs the source with the draft; a Russian sentence left in a 1-0 bead is reported at
    /// its place in the source file. Sentences without letters (dates, bylines of digits) are
    /// not reported. Only with `--source`.
    ///
    /// Example: a Russian paragraph quoting the minister, absent from the English.
    ///
    /// Fix: translate the sentence, or confirm the omission is intended.
    RULE { code: "TM302", name: "untranslated", severity: Warning, bilingual: true, run: run }
}

fn run(context: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), CheckError> {
    let Some(source) = context.source else { return Ok(()) };
    for bead in context.beads.iter().filter(|b| b.en.is_empty()) {
        for sentence in &context.source_sentences[bead.ru.clone()] {
            if !sentence.text.chars().any(char::is_alphabetic) {
                continue;
            }
            let span = Span::new(sentence.start, sentence.end);
            let mut finding = context.finding(
                &RULE,
                Span::new(0, 0),
                format!("no English sentence renders the source sentence «{}»", shorten(&sentence.text)),
            );
            finding.path.clone_from(&source.path);
            finding.span = span;
            finding.found.clone_from(&sentence.text);
            out.push(finding);
        }
    }
    Ok(())
}
