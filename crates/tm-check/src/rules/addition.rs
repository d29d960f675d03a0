use super::rule;
use crate::merged::{Side, unrendered};
use crate::{CheckError, Context, Finding};
use tm_text::Span;

rule! {
    /// A sentence of the translation that renders nothing in the source.
    ///
    /// Why: an added sentence may be a legitimate explanation for foreign readers, or text
    /// pasted from another release. The aligner pairs the source with the draft; an English
    /// sentence left in a 0-1 bead is reported. Sentences without letters are not reported.
    /// Only with `--source`.
    ///
    /// An addition can also hide in a merged bead, where the aligner paired two English
    /// sentences with one Russian sentence: an English sentence there is reported when it has
    /// two or more figures, glossary terms or names of its own, none of them in the Russian,
    /// while its neighbour's are. A sentence translated as two or three keeps its figures and
    /// names in each part and is not reported.
    ///
    /// Example: a closing paragraph about the ministry's website that the Russian lacks.
    ///
    /// Fix: remove the sentence, or confirm the addition is intended.
    RULE { code: "TM303", name: "addition", severity: Warning, bilingual: true, phase: Text(run) }
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
    for hidden in unrendered(context, Side::Draft) {
        let sentence = &context.draft_sentences[hidden.sentence];
        out.push(context.finding(
            &RULE,
            Span::new(sentence.start, sentence.end),
            format!(
                "this sentence is paired with its neighbour's source, but none of its own content is there: {}",
                hidden.evidence.join(", ")
            ),
        ));
    }
    Ok(())
}
