use super::rule;
use crate::merged::{Side, unrendered};
use crate::{CheckError, Context, Finding, shorten};
use tm_text::Span;

rule! {
    /// A source sentence that no sentence of the translation renders.
    ///
    /// Why: a skipped sentence or paragraph is invisible in the English alone. The aligner
    /// pairs the source with the draft; a Russian sentence left in a 1-0 bead is reported at
    /// its place in the source file. Sentences without letters (dates, bylines of digits) are
    /// not reported. Only with `--source`.
    ///
    /// An omission can also hide in a merged bead, where the aligner paired two Russian
    /// sentences with one English sentence: a Russian sentence there is reported when it has
    /// two or more figures, glossary terms or names of its own, none of them in the English,
    /// while its neighbour's are.
    ///
    /// Example: a Russian paragraph quoting the minister, absent from the English.
    ///
    /// Fix: translate the sentence, or confirm the omission is intended.
    RULE { code: "TM302", name: "untranslated", severity: Warning, bilingual: true, phase: Text(run) }
}

fn run(context: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), CheckError> {
    let Some(source) = context.source else { return Ok(()) };
    for bead in context.beads.iter().filter(|b| b.en.is_empty()) {
        for sentence in &context.source_sentences[bead.ru.clone()] {
            if !sentence.text.chars().any(char::is_alphabetic) {
                continue;
            }
            let message = format!("no English sentence renders the source sentence «{}»", shorten(&sentence.text));
            out.push(source_finding(context, source, sentence, message));
        }
    }
    for hidden in unrendered(context, Side::Source) {
        let sentence = &context.source_sentences[hidden.sentence];
        let message = format!(
            "the source sentence «{}» is paired with its neighbour's translation, but none of its own content is there: {}",
            shorten(&sentence.text),
            hidden.evidence.join(", ")
        );
        out.push(source_finding(context, source, sentence, message));
    }
    Ok(())
}

/// A finding on a whole sentence of the source file.
fn source_finding(
    context: &Context<'_>,
    source: &crate::Document,
    sentence: &tm_align::Segment,
    message: String,
) -> Finding {
    let mut finding = context.finding(&RULE, Span::new(0, 0), message);
    finding.path.clone_from(&source.path);
    finding.span = Span::new(sentence.start, sentence.end);
    finding.found.clone_from(&sentence.text);
    finding
}
