use super::rule;
use crate::check::words::{is_capitalised, is_near_miss, words};
use crate::check::{CheckError, Context, Finding, accepted_renderings};
use crate::segment::Lang;

rule! {
    /// A word one edit away from a one-word glossary rendering (`Intrepol`, `Europoll`).
    ///
    /// Why: a misspelt name is the error a spell-checker passes (it knows neither "Interpol"
    /// nor the misspelling). To stay quiet on real words, the rule fires only on capitalised
    /// words that are no glossary term, one edit from an accepted rendering with the same first
    /// letter and not just that rendering plus an ending; and, for renderings shorter than
    /// seven letters ("Lyon" has seven English words one edit away), only when the document
    /// also uses the rendering itself or the Russian source names the concept.
    ///
    /// Example: `Intrepol` in a release that names Интерпол.
    ///
    /// Fix: correct the spelling.
    RULE { code: "TM105", name: "term-misspelled", severity: Error, bilingual: false, run: run }
}

fn run(context: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), CheckError> {
    let glossary = context.checker.glossary;
    // One-word accepted renderings.
    let mut renderings: Vec<(usize, &str)> = Vec::new();
    for (index, concept) in glossary.concepts.iter().enumerate() {
        for term in accepted_renderings(concept) {
            if !term.text.contains(' ') && term.text.chars().count() >= 4 {
                renderings.push((index, term.text.as_str()));
            }
        }
    }
    let known = |word: &str| {
        glossary
            .concepts
            .iter()
            .any(|c| c.terms_in(Lang::En).any(|t| t.text.split(' ').any(|w| w.eq_ignore_ascii_case(word))))
    };
    let covered = |span: crate::text::Span| {
        context.all_draft_hits().any(|h| h.span.start <= span.start && span.end <= h.span.end)
    };
    for sentence in &context.draft_sentences {
        for (span, word) in words(&sentence.text, sentence.start) {
            let word = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word);
            if !is_capitalised(word) || covered(span) {
                continue;
            }
            let Some(&(concept, rendering)) = renderings.iter().find(|(_, r)| is_near_miss(word, r)) else {
                continue;
            };
            if known(word) {
                continue;
            }
            let confirmed = rendering.chars().count() >= 7
                || context.all_draft_hits().any(|h| h.concept == concept)
                || (context.source.is_some() && context.source_hits.iter().flatten().any(|h| h.concept == concept));
            if !confirmed {
                continue;
            }
            let span = crate::text::Span::new(span.start, span.start + word.len());
            let name = glossary.concepts[concept].name();
            let mut finding =
                context.finding(&RULE, span, format!("`{word}` looks like a misspelling of `{rendering}` ({name})"));
            finding.term = Some(name.to_owned());
            finding.suggestion = Some(rendering.to_owned());
            out.push(finding);
        }
    }
    Ok(())
}
