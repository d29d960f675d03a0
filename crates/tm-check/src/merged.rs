//! Sentences hidden in merged beads: when the aligner pairs two Russian sentences with one
//! English sentence (or the reverse), one of the two may be an omission (or an addition) that
//! the pairing hides. A sentence is taken as unrendered when it carries its own evidence —
//! figures, glossary terms, names — and none of it has a counterpart on the other side of the
//! bead, while a sibling sentence's evidence does. Shared by untranslated (TM302) and
//! addition (TM303).

use crate::Context;
use crate::words::{is_capitalised, strip_possessive, words};
use tm_align::translit::{best_similarity, english_forms, russian_name_forms};
use tm_text::numbers::NumberKind;

/// Which side of the beads to look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    /// Russian sentences merged into one English sentence: omissions.
    Source,
    /// English sentences merged into one Russian sentence: additions.
    Draft,
}

/// A sentence of a merged bead that renders nothing, with the evidence it carries.
#[derive(Debug)]
pub(crate) struct Unrendered {
    /// The sentence's index in the source or draft sentences.
    pub sentence: usize,
    /// Its figures, terms and names as written, none found on the other side.
    pub evidence: Vec<String>,
}

/// At least this many pieces of evidence make a sentence's own content.
const EVIDENCE: usize = 2;

/// Below this transliteration similarity a name has no counterpart.
const NAME: f64 = 0.7;

/// The sentences of `side` in merged beads that nothing on the other side renders.
pub(crate) fn unrendered(context: &Context<'_>, side: Side) -> Vec<Unrendered> {
    let Some(source) = context.source else { return Vec::new() };
    let figures = context.figures();
    let mut out = Vec::new();
    for bead in &context.beads {
        let (own, other) = match side {
            Side::Source => (bead.ru.clone(), bead.en.clone()),
            Side::Draft => (bead.en.clone(), bead.ru.clone()),
        };
        if own.len() < 2 || other.is_empty() {
            continue;
        }
        let Some(bead_figures) = figures.iter().find(|f| f.en == bead.en) else { continue };
        let (numbers, matched) = match side {
            Side::Source => (&bead_figures.russian, &bead_figures.matched_ru),
            Side::Draft => (&bead_figures.english, &bead_figures.matched_en),
        };
        // The concepts of the other side, and its words for names.
        let other_concepts: Vec<usize> = match side {
            Side::Source => other.clone().flat_map(|i| context.draft_hits[i].iter().map(|h| h.concept)).collect(),
            Side::Draft => other.clone().flat_map(|i| context.source_hits[i].iter().map(|h| h.concept)).collect(),
        };
        // The Latin forms of each of their words, worked out once a name needs them.
        let mut other_forms: Option<Vec<Vec<Vec<char>>>> = None;
        let other_sentences = match side {
            Side::Source => &context.draft_sentences[other.clone()],
            Side::Draft => &context.source_sentences[other.clone()],
        };
        let mut found: Vec<(usize, Vec<String>, usize)> = Vec::new();
        for index in own {
            let (sentence, hits) = match side {
                Side::Source => (&context.source_sentences[index], &context.source_hits[index]),
                Side::Draft => (&context.draft_sentences[index], &context.draft_hits[index]),
            };
            let text = match side {
                Side::Source => &source.text,
                Side::Draft => &context.draft.text,
            };
            let mut missing = Vec::new();
            let mut present = 0;
            for (k, number) in numbers.iter().enumerate() {
                let inside = sentence.start <= number.span.start && number.span.end <= sentence.end;
                if !inside || !matches!(number.kind, NumberKind::Digits | NumberKind::Time | NumberKind::Month) {
                    continue;
                }
                if matched.get(k).copied().unwrap_or(false) {
                    present += 1;
                } else {
                    missing.push(text[number.span.start..number.span.end].to_owned());
                }
            }
            for hit in hits {
                if other_concepts.contains(&hit.concept) {
                    present += 1;
                } else {
                    missing.push(text[hit.span.start..hit.span.end].to_owned());
                }
            }
            // Names: capitalised words inside the sentence that no glossary term covers.
            for (position, (span, word)) in words(&sentence.text, sentence.start).into_iter().enumerate() {
                let covered = hits.iter().any(|h| h.span.start <= span.start && span.end <= h.span.end);
                if position == 0 || covered || !is_capitalised(word) || word.chars().count() < 4 || word.contains('-') {
                    continue;
                }
                let forms = match side {
                    Side::Source => russian_name_forms(&word.to_lowercase()),
                    Side::Draft => english_forms(strip_possessive(word)),
                };
                let theirs = other_forms.get_or_insert_with(|| {
                    other_sentences
                        .iter()
                        .flat_map(|s| words(&s.text, 0))
                        .map(|(_, w)| match side {
                            Side::Source => english_forms(strip_possessive(w)),
                            Side::Draft => russian_name_forms(&w.to_lowercase()),
                        })
                        .collect()
                });
                let rendered = theirs.iter().any(|forms_of_word| best_similarity(&forms, forms_of_word, NAME) >= NAME);
                if rendered {
                    present += 1;
                } else {
                    missing.push(word.to_owned());
                }
            }
            found.push((index, missing, present));
        }
        // A bead none of whose sentences is rendered is a poor translation, not an omission.
        if !found.iter().any(|(_, _, present)| *present > 0) {
            continue;
        }
        for (sentence, evidence, present) in found {
            if present == 0 && evidence.len() >= EVIDENCE {
                out.push(Unrendered { sentence, evidence });
            }
        }
    }
    out
}
