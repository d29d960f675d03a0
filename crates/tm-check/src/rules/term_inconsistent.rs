use std::collections::HashMap;

use super::rule;
use crate::words::{is_capitalised, is_near_miss, same_stem, words};
use crate::{CheckError, Context, Finding};
use tm_glossary::{Status, TermType};
use tm_text::{NormalizeOptions, normalize};

rule! {
    /// One document spells one thing two ways.
    ///
    /// Why: readers notice "Lyon" in one paragraph and "Lyons" in the next, or "Prokopchuk"
    /// and "Prokopchuck". Two kinds are found: a glossary concept rendered with two accepted
    /// spelling variants (alternative names and short forms, such as an institution's full
    /// name and its abbreviation, are normal and not reported), and, with or without a
    /// glossary, two capitalised words one edit apart used as names in the same document
    /// (`Lyon` and `Lion`). The rarer spelling is reported, pointing at the other.
    ///
    /// Example: `In Lyon, France, ...` and later `... in Lion`.
    ///
    /// Fix: use one spelling throughout (the glossary's preferred one where there is one).
    RULE { code: "TM104", name: "term-inconsistent", severity: Warning, bilingual: false, phase: Text(run) }
}

fn key(text: &str) -> String {
    normalize(text, NormalizeOptions { fold_case: true }).text
}

fn run(context: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), CheckError> {
    glossary_variants(context, out);
    name_spellings(context, out);
    Ok(())
}

/// Two different full renderings of one concept: the glossary's preferred one (else the
/// commoner, else the first) is the reference, and every hit of another is reported.
/// Abbreviations, short forms and derived forms (`MIA` after `Ministry of Internal Affairs`,
/// `Russian` beside `Russia`) are not renderings of the name; letter case is term-case's
/// (TM106), and English plural and possessive endings belong to the same rendering.
fn glossary_variants(context: &Context<'_>, out: &mut Vec<Finding>) {
    let mut by_concept: HashMap<usize, Vec<&crate::TermHit>> = HashMap::new();
    for hit in context.all_draft_hits() {
        let term = context.term(hit);
        if term.status.is_accepted() && term.term_type == TermType::FullForm {
            by_concept.entry(hit.concept).or_default().push(hit);
        }
    }
    let mut concepts: Vec<_> = by_concept.into_iter().collect();
    concepts.sort_by_key(|(c, _)| *c);
    for (concept_index, hits) in concepts {
        let concept = context.concept(concept_index);
        // Each hit's rendering, up to case; then the renderings as used: (key, count, first hit).
        let keys: Vec<String> = hits.iter().map(|h| key(&concept.terms[h.term].text)).collect();
        let mut used: Vec<(&str, usize, usize)> = Vec::new();
        for (order, k) in keys.iter().enumerate() {
            match used.iter_mut().find(|(u, _, _)| u == k) {
                Some(entry) => entry.1 += 1,
                None => used.push((k, 1, order)),
            }
        }
        if used.len() < 2 {
            continue;
        }
        // The preferred rendering, else the commoner (the first on a tie).
        let reference = used
            .iter()
            .find(|(_, _, first)| concept.terms[hits[*first].term].status == Status::Preferred)
            .or_else(|| used.iter().max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2))))
            .map_or(0, |r| r.2);
        let reference_key = &keys[reference];
        let reference_text = &concept.terms[hits[reference].term].text;
        let first_reference = hits[reference].span;
        for (hit, k) in hits.iter().zip(&keys) {
            if k == reference_key {
                continue;
            }
            let written = strip_ending(context.draft_text(hit.span));
            let mut finding = context.finding(
                &RULE,
                hit.span,
                format!(
                    "{} is written `{written}` here and `{reference_text}` elsewhere in this document",
                    concept.name()
                ),
            );
            finding.term = Some(concept.name().to_owned());
            finding.suggestion = Some(reference_text.clone());
            let line = context.draft.text[..first_reference.start].matches('\n').count() + 1;
            finding.note = Some(format!("`{reference_text}` first appears on line {line}"));
            out.push(finding);
        }
    }
}

fn strip_ending(text: &str) -> &str {
    for ending in ["'s", "’s"] {
        if let Some(stem) = text.strip_suffix(ending) {
            return stem;
        }
    }
    text
}

/// Two capitalised words one edit apart, both used as names (at least once not at a sentence
/// start). A word inside a glossary term is a reference spelling and never reported itself.
fn name_spellings(context: &Context<'_>, out: &mut Vec<Finding>) {
    struct Name {
        spelling: String,
        count: usize,
        mid_sentence: bool,
        in_glossary: bool,
        spans: Vec<tm_text::Span>,
    }
    let mut names: Vec<Name> = Vec::new();
    let mut by_spelling: HashMap<String, usize> = HashMap::new();
    for sentence in &context.draft_sentences {
        for (position, (span, word)) in words(&sentence.text, sentence.start).into_iter().enumerate() {
            let word = strip_ending(word);
            if !is_capitalised(word) || word.chars().count() < 4 {
                continue;
            }
            let in_glossary = context.covered(span);
            match by_spelling.get(word).map(|&i| &mut names[i]) {
                Some(name) => {
                    name.count += 1;
                    name.mid_sentence |= position > 0;
                    name.in_glossary |= in_glossary;
                    name.spans.push(span);
                }
                None => {
                    by_spelling.insert(word.to_owned(), names.len());
                    names.push(Name {
                        spelling: word.to_owned(),
                        count: 1,
                        mid_sentence: position > 0,
                        in_glossary,
                        spans: vec![span],
                    });
                }
            }
        }
    }
    // Near misses share a first letter and differ in length by at most two: compare within
    // those groups only.
    let mut groups: HashMap<char, Vec<usize>> = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        groups
            .entry(name.spelling.chars().next().map_or(' ', |c| c.to_lowercase().next().unwrap_or(c)))
            .or_default()
            .push(i);
    }
    for a in names.iter().filter(|n| !n.in_glossary) {
        let first = a.spelling.chars().next().map_or(' ', |c| c.to_lowercase().next().unwrap_or(c));
        let length = a.spelling.chars().count();
        for b in groups.get(&first).into_iter().flatten().map(|&i| &names[i]) {
            if b.spelling.chars().count().abs_diff(length) > 2 {
                continue;
            }
            if a.spelling == b.spelling
                || !(a.mid_sentence && b.mid_sentence)
                || !is_near_miss(&a.spelling, &b.spelling)
                || same_stem(&a.spelling, &b.spelling)
                || a.spelling.chars().chain(b.spelling.chars()).any(|c| c.is_ascii_digit())
                // Both used again and again: two names, not a slip.
                || (a.count >= 2 && b.count >= 2 && !b.in_glossary)
                || (source_spells_apart(context, &a.spans, &a.spelling, &b.spelling)
                    && source_spells_apart(context, &b.spans, &b.spelling, &a.spelling))
            {
                continue;
            }
            // Report `a` when `b` is the glossary's, or `a` is the rarer one (the later on a tie).
            let later = a.spans[0].start > b.spans[0].start;
            if !b.in_glossary && (a.count > b.count || (a.count == b.count && !later)) {
                continue;
            }
            for &span in &a.spans {
                let mut finding = context.finding(
                    &RULE,
                    span,
                    format!("`{}` is spelt `{}` elsewhere in this document", a.spelling, b.spelling),
                );
                finding.suggestion = Some(b.spelling.clone());
                out.push(finding);
            }
        }
    }
}

/// Whether the Russian source spells the name at `spans` as its own name: a Russian word of
/// the aligned source sentences transliterates to `spelling` better than to `other` (Уэйн is
/// Wayne, not Wayde). When the source does so for both spellings, they are two names.
fn source_spells_apart(context: &Context<'_>, spans: &[tm_text::Span], spelling: &str, other: &str) -> bool {
    use tm_align::translit::name_similarity;
    if context.source.is_none() {
        return false;
    }
    spans.iter().any(|span| {
        let sentence = context.draft_sentences.partition_point(|s| s.start <= span.start).saturating_sub(1);
        let Some(bead) = context.beads.iter().find(|b| b.en.contains(&sentence)) else { return false };
        context.source_sentences[bead.ru.clone()].iter().any(|s| {
            words(&s.text, 0).into_iter().any(|(_, word)| {
                if !word.starts_with(char::is_uppercase) {
                    return false;
                }
                let own = name_similarity(word, spelling);
                own >= 0.6 && own > name_similarity(word, other) + 0.02
            })
        })
    })
}
