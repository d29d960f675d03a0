use std::collections::HashMap;

use super::rule;
use crate::check::words::{is_capitalised, is_near_miss, words};
use crate::check::{CheckError, Context, Finding};
use crate::text::{NormalizeOptions, normalize};

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
    RULE { code: "TM104", name: "term-inconsistent", severity: Warning, bilingual: false, run: run }
}

fn key(text: &str) -> String {
    normalize(text, NormalizeOptions { fold_case: true }).text
}

fn run(context: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), CheckError> {
    glossary_variants(context, out);
    name_spellings(context, out);
    Ok(())
}

/// Two accepted spelling variants of one concept.
fn glossary_variants(context: &Context<'_>, out: &mut Vec<Finding>) {
    let mut by_concept: HashMap<usize, Vec<&crate::check::TermHit>> = HashMap::new();
    for hit in context.all_draft_hits() {
        if context.term(hit).status.is_accepted() {
            by_concept.entry(hit.concept).or_default().push(hit);
        }
    }
    let mut concepts: Vec<_> = by_concept.into_iter().collect();
    concepts.sort_by_key(|(c, _)| *c);
    for (concept, hits) in concepts {
        // Spellings as written (case kept: `INTERPOL` and `Interpol` are two spellings).
        let spelling = |h: &crate::check::TermHit| strip_ending(context.draft_text(h.span)).to_owned();
        let mut counts: Vec<(String, usize, usize)> = Vec::new();
        for (order, hit) in hits.iter().enumerate() {
            let written = spelling(hit);
            match counts.iter_mut().find(|(s, _, _)| *s == written) {
                Some(entry) => entry.1 += 1,
                None => counts.push((written, 1, order)),
            }
        }
        if counts.len() < 2 {
            continue;
        }
        // The majority spelling (first seen on a tie) is the reference.
        let reference =
            counts.iter().max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2))).map(|c| c.0.clone()).unwrap_or_default();
        let first_reference = hits.iter().find(|h| spelling(h) == reference).map(|h| h.span);
        for hit in &hits {
            let written = spelling(hit);
            if written == reference || !spelling_variants(&written, &reference) {
                continue;
            }
            let mut finding = context.finding(
                &RULE,
                hit.span,
                format!(
                    "{} is written `{written}` here and `{reference}` elsewhere in this document",
                    context.concept(concept).name()
                ),
            );
            finding.term = Some(context.concept(concept).name().to_owned());
            finding.suggestion = Some(reference.clone());
            finding.note = first_reference.map(|span| {
                let line = context.draft.text[..span.start].matches('\n').count() + 1;
                format!("`{reference}` first appears on line {line}")
            });
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

/// Spelling variants, not alternative names: the same letters up to case, or close in edit
/// distance; and neither is an abbreviation.
fn spelling_variants(a: &str, b: &str) -> bool {
    let acronym = |s: &str| s.split(' ').any(|w| w.len() >= 2 && w.len() <= 6 && w.chars().all(char::is_uppercase));
    if acronym(a) || acronym(b) {
        return false;
    }
    key(a) == key(b) || strsim::normalized_damerau_levenshtein(&key(a), &key(b)) >= 0.75
}

/// Two capitalised words one edit apart, both used as names (at least once not at a sentence
/// start). A word inside a glossary term is a reference spelling and never reported itself.
fn name_spellings(context: &Context<'_>, out: &mut Vec<Finding>) {
    struct Name {
        spelling: String,
        count: usize,
        mid_sentence: bool,
        in_glossary: bool,
        spans: Vec<crate::text::Span>,
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
