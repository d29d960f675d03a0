//! All forms of all terms matched at once: one Aho-Corasick automaton per language over the
//! normalised, case-folded text, then word boundaries, case policy and leftmost-longest
//! selection. A term never fires inside a longer word (a hyphen joined to letters is inside a
//! word, so `майор полиции` stays quiet inside `генерал-майор полиции`), and a shorter term
//! never fires inside a longer one (a forbidden variant inside an approved rendering).

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::{CasePolicy, Glossary};
use crate::segment::Lang;
use crate::text::{NormalizeOptions, Span, fold, normalize};

/// One occurrence of a term in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte range in the original text (an English plural or possessive ending included).
    pub span: Span,
    pub concept: usize,
    pub term: usize,
    /// The text has capitals where the term has none inside a word (`INTERPOL` for
    /// `Interpol`), and the line is not all capitals.
    pub case_differs: bool,
}

#[derive(Debug, Clone)]
struct Pattern {
    concept: usize,
    /// `usize::MAX` for an exception.
    term: usize,
    /// The form as written (normalised, case kept), for the case policy.
    cased: Vec<char>,
    case: CasePolicy,
}

/// The compiled matcher for a glossary.
#[derive(Debug, Clone)]
pub struct Matcher {
    languages: [Option<Automaton>; 2],
    /// Per concept, its terms' statuses.
    statuses: Vec<Vec<super::Status>>,
}

fn glossary_status(statuses: &[Vec<super::Status>], concept: usize, term: usize) -> super::Status {
    statuses.get(concept).and_then(|s| s.get(term)).copied().unwrap_or(super::Status::Forbidden)
}

#[derive(Debug, Clone)]
struct Automaton {
    automaton: AhoCorasick,
    /// Per automaton pattern: the term forms that normalise to it.
    patterns: Vec<Vec<Pattern>>,
}

const EXCEPTION: usize = usize::MAX;

/// English endings tolerated after a term: plural and possessive.
const ENGLISH_ENDINGS: [&str; 5] = ["'s", "s'", "es", "s", "'"];

impl Matcher {
    /// Compiles every form of every term.
    #[must_use]
    pub fn new(glossary: &Glossary) -> Self {
        let mut keys: [HashMap<String, usize>; 2] = Default::default();
        let mut patterns: [Vec<Vec<Pattern>>; 2] = Default::default();
        let mut add = |lang: Lang, form: &str, pattern: Pattern| {
            let folded = normalize(form.trim(), NormalizeOptions { fold_case: true }).text;
            if folded.is_empty() {
                return;
            }
            let l = lang_index(lang);
            let next = patterns[l].len();
            let index = *keys[l].entry(folded).or_insert(next);
            if index == next {
                patterns[l].push(Vec::new());
            }
            patterns[l][index].push(pattern);
        };
        for (c, concept) in glossary.concepts.iter().enumerate() {
            for (t, term) in concept.terms.iter().enumerate() {
                for form in term.all_forms() {
                    let cased = normalize(&form, NormalizeOptions::default()).text.chars().collect();
                    add(term.lang, &form, Pattern { concept: c, term: t, cased, case: term.case });
                }
                for exception in &term.exceptions {
                    let cased = normalize(exception, NormalizeOptions::default()).text.chars().collect();
                    add(term.lang, exception, Pattern { concept: c, term: EXCEPTION, cased, case: term.case });
                }
            }
        }
        let mut languages: [Option<Automaton>; 2] = [None, None];
        for (l, (keys, patterns)) in keys.into_iter().zip(patterns).enumerate() {
            if patterns.is_empty() {
                continue;
            }
            let mut ordered: Vec<(String, usize)> = keys.into_iter().collect();
            ordered.sort_by_key(|(_, index)| *index);
            let automaton = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(ordered.iter().map(|(key, _)| key.as_str()));
            if let Ok(automaton) = automaton {
                languages[l] = Some(Automaton { automaton, patterns });
            }
        }
        let statuses = glossary.concepts.iter().map(|c| c.terms.iter().map(|t| t.status).collect()).collect();
        Matcher { languages, statuses }
    }

    /// The terms of language `lang` in `text`, leftmost-longest, in text order. Several hits
    /// may share a span when one form belongs to several concepts.
    #[must_use]
    pub fn find(&self, text: &str, lang: Lang) -> Vec<Hit> {
        let Some(automaton) = &self.languages[lang_index(lang)] else {
            return Vec::new();
        };
        let folded = normalize(text, NormalizeOptions { fold_case: true });
        // (original span, extended by an English ending, pattern list index)
        let mut candidates: Vec<(Span, bool, usize)> = Vec::new();
        for found in automaton.automaton.find_overlapping_iter(folded.text.as_str()) {
            let span = folded.to_original(Span::new(found.start(), found.end()));
            if !starts_word(text, span.start) {
                continue;
            }
            let index = found.pattern().as_usize();
            if lang == Lang::En
                && let Some(end) = english_ending(text, span.end)
            {
                candidates.push((Span::new(span.start, end), true, index));
            } else if ends_word(text, span.end) {
                candidates.push((span, false, index));
            }
        }
        // Per candidate, the patterns whose case policy accepts the text.
        let mut accepted: Vec<(Span, bool, &Pattern, usize)> = Vec::new();
        for (span, extended, index) in candidates {
            let core_end = if extended { stem_end(text, span) } else { span.end };
            let written: Vec<char> = text[span.start..core_end].chars().map(fold).collect();
            for pattern in &automaton.patterns[index] {
                if case_accepts(pattern, &written) {
                    accepted.push((span, extended, pattern, core_end));
                }
            }
        }
        // Leftmost, then longest, then exact over an ending, then exceptions first.
        accepted.sort_by(|a, b| {
            a.0.start
                .cmp(&b.0.start)
                .then(b.0.end.cmp(&a.0.end))
                .then(a.1.cmp(&b.1))
                .then((b.2.term == EXCEPTION).cmp(&(a.2.term == EXCEPTION)))
        });
        let mut hits = Vec::new();
        let mut covered_until = 0;
        let mut chosen: Option<(Span, bool)> = None;
        for (span, extended, pattern, core_end) in accepted {
            if let Some((chosen_span, chosen_extended)) = chosen
                && chosen_span == span
                && chosen_extended == extended
            {
                // Same span: another concept with the same form.
            } else if span.start < covered_until {
                continue;
            } else {
                chosen = Some((span, extended));
                covered_until = span.end;
            }
            if pattern.term == EXCEPTION {
                continue;
            }
            if hits
                .iter()
                .any(|(h, _): &(Hit, bool)| h.span == span && h.concept == pattern.concept && h.term == pattern.term)
            {
                continue;
            }
            let written: Vec<char> = text[span.start..core_end].chars().map(fold).collect();
            let hit = Hit {
                span,
                concept: pattern.concept,
                term: pattern.term,
                case_differs: case_differs(pattern, &written) && !line_is_capitals(text, span.start),
            };
            hits.push((hit, written == pattern.cased));
        }
        // Where several terms of one concept match a span (`Red Notice` preferred and `red
        // notice` admitted; `INTERPOL` admitted and `Interpol` in other capitals), the term
        // written exactly as in the text wins, then the one without extra capitals, then the
        // better status.
        let mut best: Vec<(Hit, (bool, bool, super::Status))> = Vec::new();
        for (hit, exact) in hits {
            let status = glossary_status(&self.statuses, hit.concept, hit.term);
            let rank = (!exact, hit.case_differs, status);
            match best.iter_mut().find(|(h, _)| h.span == hit.span && h.concept == hit.concept) {
                Some(entry) if rank < entry.1 => *entry = (hit, rank),
                Some(_) => {}
                None => best.push((hit, rank)),
            }
        }
        best.into_iter().map(|(hit, _)| hit).collect()
    }
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Ru => 0,
        Lang::En => 1,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Hyphens that join word parts; en and em dashes are punctuation.
fn is_joining_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn starts_word(text: &str, start: usize) -> bool {
    let mut before = text[..start].chars().rev();
    match before.next() {
        None => true,
        Some(c) if is_word_char(c) => false,
        Some(c) if is_joining_hyphen(c) || c == '\'' || c == '’' => !before.next().is_some_and(is_word_char),
        Some(_) => true,
    }
}

fn ends_word(text: &str, end: usize) -> bool {
    let mut after = text[end..].chars();
    match after.next() {
        None => true,
        Some(c) if is_word_char(c) => false,
        Some(c) if is_joining_hyphen(c) => !after.next().is_some_and(is_word_char),
        Some(_) => true,
    }
}

/// The end of an English plural or possessive ending after `end`, if one follows and then a
/// word boundary.
fn english_ending(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    ENGLISH_ENDINGS.iter().find_map(|ending| {
        let typographic = ending.replace('\'', "’");
        [ending.to_string(), typographic]
            .into_iter()
            .find(|e| rest.get(..e.len()).is_some_and(|r| r.eq_ignore_ascii_case(e)) && ends_word(text, end + e.len()))
            .map(|e| end + e.len())
    })
}

/// Where the term itself ends inside an extended span.
fn stem_end(text: &str, span: Span) -> usize {
    let slice = &text[span.start..span.end];
    for ending in ENGLISH_ENDINGS {
        for e in [ending.to_owned(), ending.replace('\'', "’")] {
            if slice.len() > e.len() && slice[slice.len() - e.len()..].eq_ignore_ascii_case(&e) {
                return span.end - e.len();
            }
        }
    }
    span.end
}

fn case_accepts(pattern: &Pattern, written: &[char]) -> bool {
    match pattern.case {
        CasePolicy::Insensitive => true,
        CasePolicy::Exact => written == pattern.cased.as_slice(),
        CasePolicy::Permissive => {
            written.len() != pattern.cased.len()
                || pattern.cased.iter().zip(written).all(|(t, w)| !t.is_uppercase() || w.is_uppercase())
        }
    }
}

/// Capitals inside a word where the term has lower case: `INTERPOL`, `InterPol`.
fn case_differs(pattern: &Pattern, written: &[char]) -> bool {
    if written.len() != pattern.cased.len() || pattern.case == CasePolicy::Insensitive {
        return false;
    }
    let mut word_start = true;
    for (t, w) in pattern.cased.iter().zip(written) {
        if !word_start && t.is_lowercase() && w.is_uppercase() {
            return true;
        }
        word_start = !t.is_alphanumeric();
    }
    false
}

/// A headline in capitals: no lower-case letter on the line.
fn line_is_capitals(text: &str, at: usize) -> bool {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[start..end];
    line.chars().any(char::is_alphabetic) && !line.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::super::{Concept, Origin, Status, Term};
    use super::*;

    fn glossary(entries: &[(&str, &[(&str, Status)])]) -> Glossary {
        Glossary {
            concepts: entries
                .iter()
                .map(|(ru, en)| Concept {
                    id: (*ru).to_owned(),
                    subject: None,
                    note: None,
                    terms: std::iter::once(Term::new(Lang::Ru, ru, Status::Preferred))
                        .chain(en.iter().map(|(text, status)| Term::new(Lang::En, text, *status)))
                        .collect(),
                    examples: Vec::new(),
                    origin: Origin::default(),
                })
                .collect(),
        }
    }

    fn found<'a>(matcher: &Matcher, text: &'a str, lang: Lang) -> Vec<&'a str> {
        matcher.find(text, lang).iter().map(|h| &text[h.span.start..h.span.end]).collect()
    }

    #[test]
    fn word_boundaries_and_longest_match() {
        let g = glossary(&[
            ("майор полиции", &[("Police Major", Status::Preferred)]),
            (
                "генерал-майор полиции",
                &[("Police Major-General", Status::Preferred), ("Major General", Status::Forbidden)],
            ),
            ("Лион", &[("Lyon", Status::Preferred), ("Lion", Status::Forbidden)]),
        ]);
        let m = Matcher::new(&g);
        assert_eq!(
            found(&m, "Генерал-майору полиции и майору полиции", Lang::Ru),
            ["Генерал-майору полиции", "майору полиции"]
        );
        assert_eq!(
            found(&m, "Police Major-General Ivanov and Police Major Petrov", Lang::En),
            ["Police Major-General", "Police Major"]
        );
        assert_eq!(found(&m, "Lyon's museums, Lyonnais food, in Lion; a lion", Lang::En), ["Lyon's", "Lion"]);
        assert_eq!(found(&m, "В Лионе — и в Лионе-2", Lang::Ru), ["Лионе"]);
        assert_eq!(found(&m, "in Lyon—France", Lang::En), ["Lyon"]);
    }

    #[test]
    fn capitals_of_a_proper_noun_are_required_and_extra_ones_noted() {
        let g = glossary(&[("Орёл", &[("Orel", Status::Preferred)]), ("Интерпол", &[("Interpol", Status::Preferred)])]);
        let m = Matcher::new(&g);
        assert_eq!(found(&m, "орёл парил над Орлом", Lang::Ru), ["Орлом"]);
        let hits = m.find("INTERPOL and Interpol", Lang::En);
        assert_eq!(hits.iter().map(|h| h.case_differs).collect::<Vec<_>>(), [true, false]);
        assert!(!m.find("NEWS FROM INTERPOL", Lang::En)[0].case_differs);
    }
}
