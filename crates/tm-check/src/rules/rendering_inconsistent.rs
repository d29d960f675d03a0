use std::collections::BTreeMap;

use super::rule;
use crate::words::{is_capitalised, same_stem, strip_possessive, words};
use crate::{CheckError, Context, Finding};
use tm_align::lexicon::russian_stem;
use tm_align::translit::{System, best_similarity, english_forms, russian_forms, transliterate};
use tm_text::Span;

rule! {
    /// A name or abbreviation of the source spelled two different ways in the translation of one release.
    ///
    /// Why: the inconsistency translators know from QA tools as "inconsistency in target",
    /// found without a glossary, through the alignment. A reader who meets `Kolokoltsev` and
    /// then `Kolokolcev`, or `GIBDD` and then `GIDBD`, wonders whether these
    /// are two people or two bodies. Terms of the glossary are left to term-inconsistent
    /// (TM104).
    ///
    /// What counts as a rendering: for a Russian name (a capitalised word, in any case:
    /// Колокольцев, Колокольцева), the English word of the aligned sentence that
    /// transliterates it (under any of the usual systems); for a Russian abbreviation (ГИБДД,
    /// МЧС), the English abbreviation that transliterates it, or one that is a slip of it (its
    /// letters in another order; in four letters or more, one letter off). A spelling seen most often is
    /// taken as the release's own (the first on a tie) and the others are reported. Endings
    /// that differ (`Alexander`, `Alexandra`) are two people, not a variant; a name
    /// rendered two ways inside one sentence is left alone. Only with `--source`.
    ///
    /// Not yet: a name or abbreviation rendered by a description (`ГИБДД` as `GIBDD` here
    /// and `traffic police` there), and one English rendering used for two different names of
    /// the source.
    ///
    /// Example: source `Встречу провёл Андрей Колокольцев. … Колокольцев отметил …`, draft
    /// `The meeting was chaired by Andrei Kolokoltsev. … Kolokolcev noted …`
    ///
    /// Fix: use one spelling throughout, and add the name to the glossary so that it stays.
    RULE { code: "TM107", name: "rendering-inconsistent", severity: Warning, bilingual: true, phase: Text(run) }
}

/// Below this transliteration similarity an English word is not taken as a rendering.
const SIMILAR: f64 = 0.8;

/// How close to the release's own spelling a word must be to be taken as a slip of it.
const SLIP: f64 = 0.7;

/// Where one source name or abbreviation was rendered.
#[derive(Debug, Clone)]
struct Rendering {
    /// The rendering as written, and as compared (lower case, possessive cut).
    spelling: String,
    key: String,
    /// The source word it renders, as written there.
    source: String,
    span: Span,
    /// The index of the bead it was found in.
    bead: usize,
}

/// A source name left for the second look: its unit, its bead, the word as written, and the
/// English words of the bead (span, key, whether an abbreviation).
type Pending = (String, usize, String, Vec<(Span, String, bool)>);

fn run(context: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), CheckError> {
    let Some(source) = context.source else { return Ok(()) };
    // Source unit (an abbreviation as written, a name by its stem) → its renderings in order.
    let mut renderings: BTreeMap<String, Vec<Rendering>> = BTreeMap::new();
    // Names no English word of their bead transliterates closely enough: a slip in the
    // spelling (`Maceodnia`) can be what hides them. Looked at again once the release's own
    // spelling is known.
    let mut pending: Vec<Pending> = Vec::new();
    for (index, bead) in context.beads.iter().enumerate().filter(|(_, b)| !b.ru.is_empty() && !b.en.is_empty()) {
        let source_hits: Vec<Span> =
            bead.ru.clone().flat_map(|i| context.source_hits[i].iter().map(|h| h.span)).collect();
        let in_source_term = |span: Span| source_hits.iter().any(|h| h.start <= span.start && span.end <= h.end);
        let english = english_words(context, &bead.en);
        let mut seen: Vec<String> = Vec::new();
        for sentence in &context.source_sentences[bead.ru.clone()] {
            let text = &source.text[sentence.start..sentence.end];
            for (span, word) in words(text, sentence.start).into_iter() {
                if in_source_term(span) || !word.chars().all(is_cyrillic) {
                    continue;
                }
                let (unit, found) = if is_abbreviation(word) {
                    let latin: Vec<String> =
                        System::ALL.iter().map(|&s| transliterate(word, s).to_lowercase()).collect();
                    let exact = english.iter().find(|(_, key, abbr)| *abbr && latin.contains(key));
                    // A slip in a longer abbreviation (`GIBBD` for ГИБДД): its letters, in
                    // another order, or one letter off.
                    let near = || english.iter().find(|(_, key, abbr)| *abbr && latin.iter().any(|l| is_slip(l, key)));
                    (format!("abbr:{word}"), exact.or_else(near))
                } else if is_capitalised(word) && word.chars().count() >= 4 {
                    let stem = russian_stem(&word.to_lowercase().replace('ё', "е"));
                    let mut forms = russian_forms(&word.to_lowercase());
                    forms.extend(russian_forms(&stem));
                    let best = english
                        .iter()
                        .filter(|(_, _, abbr)| !abbr)
                        .map(|entry| (entry, best_similarity(&forms, &english_forms(&entry.1), SIMILAR)))
                        .filter(|&(_, similarity)| similarity >= SIMILAR)
                        .max_by(|a, b| a.1.total_cmp(&b.1))
                        .map(|(entry, _)| entry);
                    (format!("name:{stem}"), best)
                } else {
                    continue;
                };
                // A unit counts once per bead.
                if seen.contains(&unit) {
                    continue;
                }
                let Some((span, key, _)) = found else {
                    if unit.starts_with("name:") {
                        pending.push((unit, index, word.to_owned(), english.clone()));
                    }
                    continue;
                };
                seen.push(unit.clone());
                let spelling = context.draft.text[span.start..span.end].to_owned();
                renderings.entry(unit).or_default().push(Rendering {
                    spelling,
                    key: key.clone(),
                    source: word.to_owned(),
                    span: *span,
                    bead: index,
                });
            }
        }
    }
    for (unit, bead, word, english) in pending {
        let Some(list) = renderings.get_mut(&unit) else { continue };
        let Some(main) = majority(list).or(list.first()).cloned() else { continue };
        let taken = |key: &str| list.iter().any(|r| r.bead == bead && r.key == key);
        let slip = english
            .iter()
            .filter(|(_, key, abbr)| !abbr && !taken(key))
            .map(|entry| (entry, strsim::normalized_damerau_levenshtein(&plain(&entry.1), &plain(&main.key))))
            .filter(|&(_, similarity)| similarity >= SLIP)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some(((span, key, _), _)) = slip {
            let spelling = context.draft.text[span.start..span.end].to_owned();
            list.push(Rendering { spelling, key: key.clone(), source: word, span: *span, bead });
        }
    }
    for list in renderings.values_mut() {
        list.sort_by_key(|r| r.span.start);
        report(context, list, out);
    }
    Ok(())
}

/// Reports the renderings of one unit that differ from its most frequent one.
fn report(context: &Context<'_>, list: &[Rendering], out: &mut Vec<Finding>) {
    let Some(main) = majority(list) else { return };
    for other in list.iter().filter(|r| !same_rendering(r, main)) {
        // Two spellings inside one sentence pair are two people or a name and its adjective.
        if list.iter().any(|r| r.bead == other.bead && same_rendering(r, main)) {
            continue;
        }
        let mut finding = context.finding(
            &RULE,
            other.span,
            format!(
                "{} is spelled `{}` here and `{}` elsewhere in this release",
                other.source, other.spelling, main.spelling
            ),
        );
        finding.note = Some(format!("`{}` at line {}", main.spelling, line_of(context, main.span)));
        finding.suggestion = Some(main.spelling.clone());
        out.push(finding);
    }
}

/// The rendering used most often (the first one on a tie), if there are two or more.
fn majority(list: &[Rendering]) -> Option<&Rendering> {
    if list.len() < 2 {
        return None;
    }
    let count = |r: &Rendering| list.iter().filter(|o| same_rendering(o, r)).count();
    let mut best = &list[0];
    for r in &list[1..] {
        if count(r) > count(best) {
            best = r;
        }
    }
    Some(best)
}

/// The same rendering, or two that differ only in an ending: an English plural or adjective
/// (`same_stem`), or a masculine and a feminine name (two people, not a variant).
fn same_rendering(a: &Rendering, b: &Rendering) -> bool {
    if a.key == b.key || same_stem(&a.key, &b.key) {
        return true;
    }
    // `Kalniņš` and `Kalnins`: the same letters, one with its diacritics dropped.
    if plain(&a.key) == plain(&b.key) {
        return false;
    }
    // A masculine and a feminine name: `Ivanov` and `Ivanova`, `Aleksandr` and `Aleksandra`,
    // `Alexander` and `Alexandra`, `Yevgeny` and `Yevgenia`.
    const GENDER: [&str; 11] = ["", "a", "ia", "ya", "y", "i", "iy", "ij", "er", "ra", "e"];
    let (x, y): (Vec<char>, Vec<char>) = (a.key.chars().collect(), b.key.chars().collect());
    let common = x.iter().zip(&y).take_while(|(p, q)| p == q).count();
    let tail = |w: &[char]| w[common..].iter().collect::<String>();
    common >= 4 && GENDER.contains(&tail(&x).as_str()) && GENDER.contains(&tail(&y).as_str())
}

/// A word without its accents and diacritics.
fn plain(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    word.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect()
}

fn line_of(context: &Context<'_>, span: Span) -> usize {
    context.draft.text[..span.start].matches('\n').count() + 1
}

/// The English words of a bead that no glossary term covers: (span, lower-case key without a
/// possessive, whether an abbreviation), names and abbreviations only.
fn english_words(context: &Context<'_>, range: &std::ops::Range<usize>) -> Vec<(Span, String, bool)> {
    let mut out = Vec::new();
    for sentence in &context.draft_sentences[range.clone()] {
        for (span, word) in words(&sentence.text, sentence.start) {
            let word = strip_possessive(word);
            let span = Span::new(span.start, span.start + word.len());
            if context.covered(span) || !word.chars().all(|c| (c.is_alphabetic() && !is_cyrillic(c)) || c == '-') {
                continue;
            }
            if is_abbreviation(word) {
                out.push((span, word.to_lowercase(), true));
            } else if is_capitalised(word) {
                out.push((span, word.to_lowercase(), false));
            }
        }
    }
    out
}

/// Two to seven letters, all capitals (ГИБДД, МЧС, FSB), or capitals with one lower-case
/// letter inside as transliterated Russian abbreviations have (MChS).
fn is_abbreviation(word: &str) -> bool {
    let letters = word.chars().count();
    let capitals = word.chars().filter(|c| c.is_uppercase()).count();
    (2..=7).contains(&letters)
        && !word.chars().all(|c| "IVXLCDM".contains(c))
        && word.chars().all(char::is_alphabetic)
        && word.chars().next().is_some_and(char::is_uppercase)
        && (capitals == letters || (capitals >= 3 && capitals + 1 == letters))
}

/// The same letters in another order, or (in four letters or more) one letter off.
fn is_slip(expected: &str, written: &str) -> bool {
    let sorted = |s: &str| {
        let mut chars: Vec<char> = s.chars().collect();
        chars.sort_unstable();
        chars
    };
    (expected.len() >= 4 && strsim::levenshtein(expected, written) <= 1) || sorted(expected) == sorted(written)
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{400}'..='\u{4FF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendering(key: &str) -> Rendering {
        Rendering {
            spelling: key.to_owned(),
            key: key.to_owned(),
            source: String::new(),
            span: Span::new(0, 0),
            bead: 0,
        }
    }

    #[test]
    fn endings_are_not_variants() {
        assert!(same_rendering(&rendering("alexander"), &rendering("alexandra")));
        assert!(same_rendering(&rendering("ivanov"), &rendering("ivanova")));
        assert!(!same_rendering(&rendering("kolokoltsev"), &rendering("kolokolcev")));
        assert!(!same_rendering(&rendering("prokopchuk"), &rendering("prokoptchuk")));
        assert!(!same_rendering(&rendering("kalniņš"), &rendering("kalnins")));
        assert!(!same_rendering(&rendering("gsu"), &rendering("gus")));
        assert!(same_rendering(&rendering("yevgeny"), &rendering("yevgenia")));
        assert!(!same_rendering(&rendering("macedonia"), &rendering("macedonai")));
    }

    #[test]
    fn abbreviations() {
        assert!(is_abbreviation("ГИБДД") && is_abbreviation("MChS") && is_abbreviation("FSB"));
        assert!(!is_abbreviation("XIV") && !is_abbreviation("Moscow"));
    }
}
