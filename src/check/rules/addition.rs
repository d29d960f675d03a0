use super::rule;
use crate::check::{CheckError, Context, Finding};
use crate::text::Span;

rule! {
    /// A sentence of the translation that renders nothing in the source.
    ///
    /// Why: an added sentence may be a legitimate explanation for foreign readers, or text
    /// pasted from another release. The aligner pairs the source with the draft; an English
    /// sentence left in a 0-1 bead is reported. Sentences without letters are not reported.
    /// Only with `--source`.
    ///
    /// Example: a closing paragraph about the ministry's website that the Russian lacks.
    ///
    /// Fix: remove the sentence, or confirm the addition is intended.
    RULE { code: "TM303", name: "addition", severity: Warning, bilingual: true, run: run }
}

fn run(context: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), CheckError> {
    for bead in context.beads.iter().filter(|b| b.ru.is_empty()) {
        for sentence in &context.draft_sentences[bead.en.clone()] {
            if !sentence.text.chars().any(char::is_alphabetic) {
                continue;
            }
            out.push(context.finding(
                &RULE,
                Span::new(sentence.start, sentence.end),
                "this sentence has no counterpart in the source".to_owned(),
            ));
        }
    }
    Ok(())
}
