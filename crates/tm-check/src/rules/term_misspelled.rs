use std::collections::{HashMap, HashSet};

use super::rule;
use crate::words::{is_capitalised, is_near_miss, same_stem, words};
use crate::{CheckError, Context, Finding, accepted_renderings};
use tm_text::Lang;

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
    RULE { code: "TM105", name: "term-misspelled", severity: Error, bilingual: false, phase: Text(run) }
}

fn run(context: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), CheckError> {
    let glossary = context.checker.glossary;
    // One-word accepted renderings, and every word of every English term.
    let mut renderings: Vec<(usize, &str)> = Vec::new();
    let mut known: HashSet<String> = HashSet::new();
    for (index, concept) in glossary.concepts.iter().enumerate() {
        for term in accepted_renderings(concept) {
            if !term.text.contains(' ') && term.text.chars().count() >= 4 {
                renderings.push((index, term.text.as_str()));
            }
        }
        for term in concept.terms_in(Lang::En) {
            known.extend(term.text.split(' ').map(str::to_lowercase));
        }
    }
    let in_draft: HashSet<usize> = context.all_draft_hits().map(|h| h.concept).collect();
    let in_source: HashSet<usize> = context.source_hits.iter().flatten().map(|h| h.concept).collect();
    // Each distinct word is judged once.
    let mut verdicts: HashMap<&str, Option<(usize, &str)>> = HashMap::new();
    for sentence in &context.draft_sentences {
        for (span, word) in words(&sentence.text, sentence.start) {
            let word = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word);
            if !is_capitalised(word) || context.covered(span) {
                continue;
            }
            let verdict = *verdicts.entry(word).or_insert_with(|| {
                if known.contains(&word.to_lowercase()) {
                    return None;
                }
                // A demonym or adjective is not a misspelling of its country (`Germans`,
                // `Argentine`).
                let &(concept, rendering) =
                    renderings.iter().find(|(_, r)| is_near_miss(word, r) && !same_stem(word, r))?;
                let confirmed =
                    rendering.chars().count() >= 7 || in_draft.contains(&concept) || in_source.contains(&concept);
                confirmed.then_some((concept, rendering))
            });
            let Some((concept, rendering)) = verdict else { continue };
            let span = tm_text::Span::new(span.start, span.start + word.len());
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
