//! All forms of all terms matched at once: one Aho-Corasick automaton per language over the
//! normalised, case-folded text, then word boundaries, case policy and leftmost-longest
//! selection. A term never fires inside a longer word (a hyphen joined to letters is inside a
//! word, so `майор полиции` stays quiet inside `генерал-майор полиции`), and a shorter term
//! never fires inside a longer one (a forbidden variant inside an approved rendering).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::{CasePolicy, Glossary};
use tm_text::Lang;
use tm_text::words::{is_joining_hyphen, is_part_boundary, link_spans};
use tm_text::{NormalizeOptions, Span, fold, normalize};

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
    /// The form normalised and case-folded: what the automaton matches.
    key: String,
    concept: usize,
    /// `usize::MAX` for an exception.
    term: usize,
    /// The form as written (normalised, case kept), for the case policy.
    cased: Vec<char>,
    case: CasePolicy,
}

/// The compiled matcher for a glossary.
///
/// Building one Aho-Corasick automaton over every form of a 5,000-concept glossary takes
/// longer than checking a release, so the matcher is compiled in two tiers: when the glossary
/// loads, only an index from each term's first-word prefix (a prefix every inflected form
/// keeps: `о` for `Орёл`/`Орла`) to the term; for each text, the terms whose every word
/// prefix occurs in it are expanded into their forms (once per term, then kept) and matched
/// all at once by an automaton over just those forms.
#[derive(Debug)]
pub struct Matcher {
    /// Every entry's text, one after another: one allocation instead of one per term.
    texts: String,
    /// The inflection hints of the entries that have any.
    hints: Vec<super::Hints>,
    entries: Vec<Entry>,
    /// Every entry's word-prefix hashes, one after another.
    prefixes: Vec<u64>,
    /// Per language: first-word prefix hash → entries.
    index: [HashMap<u64, Vec<u32>>; 2],
    /// Per entry, its patterns, built the first time a text may contain it.
    compiled: Vec<OnceLock<Vec<Pattern>>>,
    /// Every term's status, concept after concept; `status_start[c]` is concept c's first.
    statuses: Vec<super::Status>,
    status_start: Vec<u32>,
}

/// One thing to match: a term (generated forms), one of its stored forms (`literal`), or an
/// exception (`term == NO_TERM`, literal).
#[derive(Debug)]
struct Entry {
    concept: u32,
    term: u32,
    lang: Lang,
    case: CasePolicy,
    literal: bool,
    /// Index into `hints`, or `NO_HINTS`.
    hints: u32,
    text: (u32, u32),
    prefixes: (u32, u32),
}

const NO_TERM: u32 = u32::MAX;
const NO_HINTS: u32 = u32::MAX;

fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

const EXCEPTION: usize = usize::MAX;

/// English endings tolerated after a term: plural and possessive.
const ENGLISH_ENDINGS: [&str; 5] = ["'s", "s'", "es", "s", "'"];

/// Splits folded text into words: letters and digits, joined by inner hyphens and apostrophes
/// (the same words in a term and in a text).
fn folded_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(is_letter_or_digit(c) || c == '-' || c == '\''))
        .map(|w| w.trim_matches(|c: char| c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
}

/// The hash of what every form of a term's word keeps, lower case with `ё` folded: for
/// Russian, a prefix of up to four letters and at least three fewer than the word (endings and
/// fleeting vowels change the last three: `день` → `дня`); for English, the whole word (English terms only
/// take endings, which the text side strips).
fn prefix_hash(word: &str, lang: Lang) -> u64 {
    let letters = word.chars().count();
    let keep = match lang {
        Lang::Ru => letters.saturating_sub(3).clamp(1, 4).min(letters),
        Lang::En => letters,
    };
    hash_chars(word.chars().take(keep).flat_map(char::to_lowercase).map(fold))
}

/// FNV-1a over characters: prefixes are a few letters, and a collision only costs a wasted
/// candidate.
fn hash_chars(chars: impl Iterator<Item = char>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for c in chars {
        hash ^= u64::from(u32::from(c));
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

impl Matcher {
    /// Indexes every term by the prefixes of its words; forms are generated on demand.
    #[must_use]
    pub fn new(glossary: &Glossary) -> Self {
        Self::build(glossary, None)
    }

    /// The same matcher from prefixes computed before ([`Matcher::prefixes`], kept in the
    /// compiled-glossary cache); `None` when they do not fit the glossary.
    #[must_use]
    pub fn with_prefixes(glossary: &Glossary, lengths: &[u32], flat: Vec<u64>) -> Option<Self> {
        let total: usize = lengths.iter().map(|&n| n as usize).sum();
        if total != flat.len() {
            return None;
        }
        let matcher = Self::build(glossary, Some((lengths, flat)));
        (matcher.entries.len() == lengths.len()).then_some(matcher)
    }

    /// Every entry's number of word-prefix hashes, and all the hashes one after another.
    #[must_use]
    pub fn prefixes(&self) -> (Vec<u32>, &[u64]) {
        (self.entries.iter().map(|e| e.prefixes.1).collect(), &self.prefixes)
    }

    fn text(&self, entry: &Entry) -> &str {
        &self.texts[entry.text.0 as usize..(entry.text.0 + entry.text.1) as usize]
    }

    fn entry_prefixes(&self, entry: &Entry) -> &[u64] {
        &self.prefixes[entry.prefixes.0 as usize..(entry.prefixes.0 + entry.prefixes.1) as usize]
    }

    fn status(&self, concept: usize, term: usize) -> super::Status {
        self.status_start
            .get(concept)
            .and_then(|&start| self.statuses.get(start as usize + term))
            .copied()
            .unwrap_or(super::Status::Forbidden)
    }

    fn build(glossary: &Glossary, precomputed: Option<(&[u32], Vec<u64>)>) -> Self {
        let mut matcher = Matcher {
            texts: String::new(),
            hints: Vec::new(),
            entries: Vec::new(),
            prefixes: Vec::new(),
            index: Default::default(),
            compiled: Vec::new(),
            statuses: Vec::new(),
            status_start: Vec::with_capacity(glossary.concepts.len()),
        };
        let given_lengths = precomputed.as_ref().map(|(lengths, _)| *lengths);
        if let Some((_, flat)) = precomputed {
            matcher.prefixes = flat;
        }
        let add = |m: &mut Matcher,
                   concept: usize,
                   term: u32,
                   lang: Lang,
                   case: CasePolicy,
                   text: &str,
                   hints: Option<&super::Hints>| {
            let start = small(m.texts.len());
            m.texts.push_str(text);
            let hints = match hints {
                Some(h) if *h != super::Hints::default() => {
                    m.hints.push(h.clone());
                    small(m.hints.len() - 1)
                }
                _ => NO_HINTS,
            };
            let prefixes = match given_lengths {
                Some(lengths) => {
                    let before: u32 = m.entries.last().map_or(0, |e: &Entry| e.prefixes.0 + e.prefixes.1);
                    (before, lengths.get(m.entries.len()).copied().unwrap_or(0))
                }
                None => {
                    let before = small(m.prefixes.len());
                    m.prefixes.extend(folded_words(text).map(|w| prefix_hash(w, lang)));
                    (before, small(m.prefixes.len()) - before)
                }
            };
            m.entries.push(Entry {
                concept: small(concept),
                term,
                lang,
                case,
                literal: false,
                hints,
                text: (start, small(text.len())),
                prefixes,
            });
        };
        for (c, concept) in glossary.concepts.iter().enumerate() {
            matcher.status_start.push(small(matcher.statuses.len()));
            for (t, term) in concept.terms.iter().enumerate() {
                matcher.statuses.push(term.status);
                let t = small(t);
                add(&mut matcher, c, t, term.lang, term.case, &term.text, Some(&term.inflect));
                for form in &term.forms {
                    add(&mut matcher, c, t, term.lang, term.case, form, None);
                    if let Some(entry) = matcher.entries.last_mut() {
                        entry.literal = true;
                    }
                }
                for exception in &term.exceptions {
                    add(&mut matcher, c, NO_TERM, term.lang, term.case, exception, None);
                    if let Some(entry) = matcher.entries.last_mut() {
                        entry.literal = true;
                    }
                }
            }
        }
        for (i, entry) in matcher.entries.iter().enumerate() {
            if entry.prefixes.1 > 0
                && let Some(&first) = matcher.prefixes.get(entry.prefixes.0 as usize)
            {
                matcher.index[lang_index(entry.lang)].entry(first).or_default().push(small(i));
            }
        }
        matcher.compiled = matcher.entries.iter().map(|_| OnceLock::new()).collect();
        matcher
    }

    fn patterns(&self, entry: usize) -> &[Pattern] {
        self.compiled[entry].get_or_init(|| {
            let e = &self.entries[entry];
            let text = self.text(e);
            let forms = match (e.literal, e.lang) {
                (false, Lang::Ru) => {
                    let default = super::Hints::default();
                    let hints = self.hints.get(e.hints as usize).unwrap_or(&default);
                    super::russian::forms(text, hints)
                }
                (false, Lang::En) => super::english_forms(text),
                _ => vec![text.to_owned()],
            };
            let term = if e.term == NO_TERM { EXCEPTION } else { e.term as usize };
            forms
                .iter()
                .map(|form| Pattern {
                    concept: e.concept as usize,
                    term,
                    key: normalize(form.trim(), NormalizeOptions { fold_case: true }).text,
                    cased: normalize(form.trim(), NormalizeOptions::default()).text.chars().collect(),
                    case: e.case,
                })
                .filter(|p| !p.key.is_empty())
                .collect()
        })
    }

    /// The entries of `lang` whose every word prefix occurs in the folded text.
    fn candidates(&self, folded: &str, lang: Lang) -> Vec<usize> {
        let index = &self.index[lang_index(lang)];
        if index.is_empty() {
            return Vec::new();
        }
        let mut seen: HashSet<u64> = HashSet::default();
        for word in folded_words(folded) {
            match lang {
                Lang::Ru => {
                    for length in 1..=4 {
                        seen.insert(hash_chars(word.chars().take(length)));
                    }
                }
                Lang::En => {
                    // The word, its parts (the normaliser turns dashes into hyphens:
                    // `Lyon—France`), each without a plural or possessive ending.
                    for part in std::iter::once(word).chain(word.split('-').filter(|_| word.contains('-'))) {
                        seen.insert(hash_chars(part.chars()));
                        for ending in ENGLISH_ENDINGS {
                            if let Some(stem) = part.strip_suffix(ending) {
                                seen.insert(hash_chars(stem.chars()));
                            }
                        }
                    }
                }
            }
        }
        let mut found: Vec<usize> = seen
            .iter()
            .filter_map(|p| index.get(p))
            .flatten()
            .map(|&e| e as usize)
            .filter(|&e| self.entry_prefixes(&self.entries[e])[1..].iter().all(|p| seen.contains(p)))
            .collect();
        found.sort_unstable();
        found
    }

    /// The terms of language `lang` in `text`, leftmost-longest, in text order. Several hits
    /// may share a span when one form belongs to several concepts.
    #[must_use]
    pub fn find(&self, text: &str, lang: Lang) -> Vec<Hit> {
        let folded = normalize(text, NormalizeOptions { fold_case: true });
        let entries = self.candidates(&folded.text, lang);
        if entries.is_empty() {
            return Vec::new();
        }
        // One automaton over the candidates' forms; patterns sharing a key share a slot.
        let mut keys: Vec<&str> = Vec::new();
        let mut slots: HashMap<&str, usize> = HashMap::default();
        let mut grouped: Vec<Vec<&Pattern>> = Vec::new();
        for &entry in &entries {
            for pattern in self.patterns(entry) {
                let slot = *slots.entry(pattern.key.as_str()).or_insert_with(|| {
                    keys.push(pattern.key.as_str());
                    grouped.push(Vec::new());
                    grouped.len() - 1
                });
                grouped[slot].push(pattern);
            }
        }
        let Ok(automaton) = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .build(&keys)
        else {
            return Vec::new();
        };
        // (original span, extended by an English ending, pattern slot)
        let mut candidates: Vec<(Span, bool, usize)> = Vec::new();
        // Terms are never matched inside a URL or an e-mail address.
        let links = link_spans(text);
        for found in automaton.find_overlapping_iter(folded.text.as_str()) {
            let span = folded.to_original(Span::new(found.start(), found.end()));
            if !starts_word(text, span.start) || links.iter().any(|link| link.start < span.end && span.start < link.end)
            {
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
            for &pattern in &grouped[index] {
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
            let status = self.status(hit.concept, hit.term);
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
    is_letter_or_digit(c)
}

/// `char::is_alphanumeric` with the common scripts first: the Unicode table lookup is slow,
/// and indexing a large glossary calls this for every letter of every term.
fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '\u{0410}'..='\u{044F}' | '\u{0401}' | '\u{0451}')
        || (!c.is_ascii() && c.is_alphanumeric())
}

/// A term starts a word: at a boundary of the project's word splitter
/// ([`tm_text::words::is_part_boundary`], UAX #29), and not after a hyphen that joins it to
/// the word before (`майор` never starts inside `генерал-майор`), unless a capitalised term
/// follows an English prefix (`pro-Russian`, `anti-Erdogan`).
fn starts_word(text: &str, start: usize) -> bool {
    if !is_part_boundary(text, start) {
        return false;
    }
    let mut before = text[..start].chars().rev();
    let capital = text[start..].starts_with(|c: char| c.is_uppercase());
    match before.next() {
        Some(c) if is_joining_hyphen(c) => {
            before.next().is_none_or(|p| !is_word_char(p) || (capital && p.is_ascii_lowercase()))
        }
        _ => true,
    }
}

/// A term ends a word: at a boundary of the splitter, and not before a hyphen that joins it to
/// the next word, unless a capitalised name ends before an English compound
/// (`Netherlands-based`, `Moscow-led`).
fn ends_word(text: &str, end: usize) -> bool {
    if !is_part_boundary(text, end) {
        return false;
    }
    let mut after = text[end..].chars();
    let capital =
        text[..end].rsplit(|c: char| !is_word_char(c)).next().is_some_and(|w| w.starts_with(char::is_uppercase));
    match after.next() {
        Some(c) if is_joining_hyphen(c) => {
            after.next().is_none_or(|n| !is_word_char(n) || (capital && n.is_ascii_lowercase()))
        }
        _ => true,
    }
}

/// The end of an English plural or possessive ending after `end`, if one follows and then a
/// word boundary.
fn english_ending(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    // A bare apostrophe is the possessive of a plural (`Affairs'`) only after an `s`; after
    // anything else it is a closing quotation mark (`‘Interpol’`).
    let after_s = text[..end].ends_with(['s', 'S']);
    ENGLISH_ENDINGS.iter().filter(|ending| **ending != "'" || after_s).find_map(|ending| {
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
            if slice.len() > e.len()
                && slice.get(slice.len() - e.len()..).is_some_and(|tail| tail.eq_ignore_ascii_case(&e))
            {
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
    fn quotes_urls_and_addresses_are_no_term_endings_or_places() {
        let g = glossary(&[
            ("Интерпол", &[("Interpol", Status::Preferred)]),
            ("МВД", &[("Ministry of Internal Affairs", Status::Preferred)]),
            ("Лион", &[("Lyon", Status::Preferred)]),
        ]);
        let m = Matcher::new(&g);
        // A closing typographic quote is no possessive (this used to panic, slicing inside
        // the three bytes of ’).
        assert_eq!(found(&m, "The ‘Interpol’ notice and ‘INTERPOL’.", Lang::En), ["Interpol", "INTERPOL"]);
        // After an s it is one: the plural's possessive.
        assert_eq!(
            found(&m, "the Ministry of Internal Affairs’ press service", Lang::En),
            ["Ministry of Internal Affairs’"]
        );
        // A URL or an e-mail address is not a place where a term is used.
        assert_eq!(found(&m, "See https://example.org/Lyon or lyon@example.org, in Lyon.", Lang::En), ["Lyon"]);
        assert_eq!(found(&m, "сайт www.лион.рф и Лион", Lang::Ru), ["Лион"]);
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
