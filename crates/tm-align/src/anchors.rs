//! Lexical anchors: what a Russian sentence and its English translation share without a
//! dictionary — numbers, dates, Latin-script tokens, transliterated names — plus glossary and
//! dictionary pairs when the user has them.
//!
//! Anchors come in two strengths. *Hard* anchors (numbers of two or more digits, months, Latin
//! tokens inside Russian) are almost always carried over by a translator, so a pair of
//! sentences where one side has them and the other lacks them is probably not a pair. *Soft*
//! anchors (names, small numbers, term pairs) only count in favour: a name can be dropped or
//! paraphrased without the sentences ceasing to be translations.

use rustc_hash::FxHashMap as HashMap;

use super::lexicon::{Lexicon, russian_stem};
use super::translit::{best_similarity, english_forms, russian_name_forms};
use tm_text::Lang;
use tm_text::fold;
use tm_text::identifiers::{IdentifierKind, identifiers};
use tm_text::numbers::{self, NumberKind};
use tm_text::words::WordKind;

/// What one sentence offers for matching.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Length in characters, whitespace runs counted once.
    pub chars: usize,
    /// Hard anchors that must appear on the other side under the same key (`n:3000`, `m:11`).
    pub hard: Vec<u32>,
    /// Small numbers: shared ones count in favour, missing ones do not count against.
    pub soft: Vec<u32>,
    /// Russian side: Latin-script tokens (lower case) that English should contain as words.
    pub latin: Vec<u32>,
    /// Name candidates: ids into [`Names`] (capitalised words).
    pub names: Vec<u32>,
    /// How many name candidates are not the sentence's first word (which English and Russian
    /// capitalise anyway): a pair that matches none of them is suspect.
    pub inner_names: usize,
    /// English side: every word in lower case, for the Latin tokens of the Russian side.
    pub words: Vec<u32>,
    /// Lexicon entries whose side in this language occurs in the sentence.
    pub terms: Vec<u32>,
    /// No letter or digit at all (a dash or quote left alone by a splitter): it belongs with
    /// the sentence before it.
    pub wordless: bool,
    /// Sentences ending in a question mark: questions stay questions in translation.
    pub questions: u16,
    /// Double quotation marks (« » “ ” „ "): quoted speech stays quoted in translation.
    pub quotes: u16,
    /// Sentences without closing punctuation — headlines and subheadings, which translators
    /// keep as headlines, however much longer the English spells them out.
    pub headlines: u16,
}

impl Features {
    /// The features of consecutive sentences taken as one text.
    #[must_use]
    pub fn merged(parts: &[Features]) -> Features {
        let mut out = Features::default();
        for part in parts {
            out.chars += part.chars;
            out.hard.extend_from_slice(&part.hard);
            out.soft.extend_from_slice(&part.soft);
            out.latin.extend_from_slice(&part.latin);
            out.names.extend_from_slice(&part.names);
            out.inner_names += part.inner_names;
            out.questions += part.questions;
            out.quotes += part.quotes;
            out.headlines += part.headlines;
            out.words.extend_from_slice(&part.words);
            out.words.sort_unstable();
            out.words.dedup();
            out.terms.extend(part.terms.iter().filter(|t| !out.terms.contains(t)).copied().collect::<Vec<_>>());
        }
        out
    }

    /// Anchors that should have a counterpart on the other side.
    #[must_use]
    pub fn hard_count(&self) -> usize {
        self.hard.len() + self.latin.len()
    }
}

/// Interned anchor and name spellings of both languages, with a memo of which names match,
/// since the same names recur in sentence after sentence. Anchors are compared as ids.
#[derive(Debug, Default)]
pub struct Names {
    ids: HashMap<String, u32>,
    spellings: Vec<String>,
    memo: HashMap<(u32, u32), bool>,
    /// Latin forms of each spelling used as a name, computed on first use.
    forms: HashMap<u32, Vec<Vec<char>>>,
}

/// Names whose transliteration is at least this similar to an English word count as the same.
const NAME_SIMILARITY: f64 = 0.75;

impl Names {
    pub fn intern(&mut self, spelling: String) -> u32 {
        if let Some(&id) = self.ids.get(&spelling) {
            return id;
        }
        let id = u32::try_from(self.spellings.len()).unwrap_or(u32::MAX);
        self.spellings.push(spelling.clone());
        self.ids.insert(spelling, id);
        id
    }

    /// Whether Russian name `ru` and English word `en` name the same thing.
    pub fn matches(&mut self, ru: u32, en: u32) -> bool {
        if let Some(&known) = self.memo.get(&(ru, en)) {
            return known;
        }
        self.prepare(ru, Side::Russian);
        self.prepare(en, Side::English);
        let similar = match (self.forms.get(&ru), self.forms.get(&en)) {
            (Some(a), Some(b)) => best_similarity(a, b, NAME_SIMILARITY) >= NAME_SIMILARITY,
            _ => false,
        };
        self.memo.insert((ru, en), similar);
        similar
    }

    fn prepare(&mut self, id: u32, side: Side) {
        if self.forms.contains_key(&id) {
            return;
        }
        let Some(spelling) = self.spellings.get(id as usize) else { return };
        let forms = match side {
            // The word as written and without its case ending (Лиона → Лион).
            Side::Russian => russian_name_forms(spelling),
            Side::English => english_forms(spelling),
        };
        self.forms.insert(id, forms);
    }
}

/// The language of a text being analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Russian,
    English,
}

/// Quotation marks: double ones (« » “ ” „ "), and single ones (' ‘ ’) that are not an
/// apostrophe between letters (`'playing politics'` in a headline, not `Britain's`).
fn quote_marks(text: &str) -> u16 {
    let chars: Vec<char> = text.chars().collect();
    let count = chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            "«»“”„\"".contains(c)
                || ("'‘’".contains(c)
                    && !(i > 0
                        && chars[i - 1].is_alphanumeric()
                        && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())))
        })
        .count();
    u16::try_from(count).unwrap_or(u16::MAX)
}

/// Extracts the anchors of one sentence.
pub fn features(text: &str, side: Side, names: &mut Names, lexicon: Option<&Lexicon>) -> Features {
    let mut out = Features {
        chars: count_chars(text),
        wordless: !text.chars().any(char::is_alphanumeric),
        questions: u16::from(
            text.trim_end_matches(|c: char| c.is_whitespace() || "»\"”’')]…".contains(c)).ends_with(['?', '？']),
        ),
        quotes: quote_marks(text),
        headlines: u16::from(is_headline(text)),
        ..Features::default()
    };
    let lang = match side {
        Side::Russian => Lang::Ru,
        Side::English => Lang::En,
    };
    // Figures, and months of numeric dates; month names are found with the words below.
    for number in numbers::numbers(text, lang) {
        let digits = text[number.span.start..number.span.end].starts_with(|c: char| c.is_ascii_digit());
        match number.kind {
            NumberKind::Month if digits => out.hard.push(names.intern(format!("m:{}", number.value))),
            NumberKind::Digits => {
                let key = number.key();
                if key.len() >= 2 {
                    out.hard.push(names.intern(format!("n:{key}")));
                } else {
                    out.soft.push(names.intern(format!("n:{key}")));
                }
            }
            NumberKind::Time => out.hard.push(names.intern(format!("t:{}", number.value % 720.0))),
            NumberKind::Month | NumberKind::Word | NumberKind::Ordinal | NumberKind::Weekday | NumberKind::Decade => {}
        }
    }
    // Web addresses, e-mail addresses and domains are carried over as written: a sentence
    // with one pairs with a sentence with the same one (`mvd.ru` added to a closing line is
    // not in the Russian line before it). Cyrillic ones (мвд.рф) may be transliterated, so
    // only Latin ones count.
    for id in identifiers(text) {
        if id.kind != IdentifierKind::Phone && id.key.is_ascii() {
            out.hard.push(names.intern(format!("id:{}", id.key)));
        }
    }
    let mut stems = Vec::new();
    for (position, word) in words(text).enumerate() {
        let cyrillic = word.chars().any(is_cyrillic);
        // Name candidates: capitalised words and capitalised parts of hyphenated ones
        // (`ЛГБТ-сообщество`, `Нью-Йорк`).
        let mut name_parts = |parts: &mut dyn Iterator<Item = &str>, out: &mut Features| {
            for part in parts {
                if part.chars().next().is_some_and(char::is_uppercase) && part.chars().count() >= 3 {
                    let lower = part.to_lowercase();
                    let lower = lower.strip_suffix("'s").unwrap_or(&lower).to_owned();
                    out.names.push(names.intern(lower));
                    if position > 0 {
                        out.inner_names += 1;
                    }
                }
            }
        };
        match side {
            Side::Russian => {
                if !cyrillic && word.chars().any(|c| c.is_ascii_alphabetic()) && word.chars().count() >= 2 {
                    out.latin.push(names.intern(word.to_lowercase()));
                } else if cyrillic {
                    name_parts(&mut word.split('-'), &mut out);
                }
                if let Some(month) = numbers::month(&word.to_lowercase(), Lang::Ru) {
                    out.hard.push(names.intern(format!("m:{month}")));
                }
                stems.push(russian_stem(&word));
            }
            Side::English => {
                name_parts(&mut word.split('-'), &mut out);
                let lower = word.to_lowercase();
                let lower = lower.strip_suffix("'s").unwrap_or(&lower).to_owned();
                if word.starts_with(char::is_uppercase)
                    && let Some(month) = numbers::month(&lower, Lang::En)
                {
                    out.hard.push(names.intern(format!("m:{month}")));
                }
                stems.push(lower);
            }
        }
    }
    if let Some(lexicon) = lexicon {
        out.terms = match side {
            Side::Russian => lexicon.russian_terms(&stems),
            Side::English => lexicon.english_terms(&stems),
        };
    }
    if side == Side::English {
        out.words = stems.into_iter().map(|w| names.intern(w)).collect();
        out.words.sort_unstable();
        out.words.dedup();
    }
    out
}

/// A line of words that does not end like a sentence: a headline or a subheading.
fn is_headline(text: &str) -> bool {
    let end = text.trim_end_matches(|c: char| c.is_whitespace() || "»\"”’')]".contains(c));
    end.chars().last().is_some_and(char::is_alphanumeric) && text.chars().any(char::is_alphabetic)
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{400}'..='\u{4FF}')
}

fn count_chars(text: &str) -> usize {
    let mut count = 0;
    let mut in_space = true;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                count += 1;
            }
            in_space = true;
        } else {
            count += 1;
            in_space = false;
        }
    }
    if in_space && count > 0 { count - 1 } else { count }
}

/// Words with a letter in them, by the project's splitter ([`tm_text::words`]), with `ё`
/// folded. URLs and e-mail addresses are anchors of their own (identifiers), not words.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    tm_text::words::words(text)
        .into_iter()
        .filter(|word| matches!(word.kind, WordKind::Text) && word.text.chars().any(char::is_alphabetic))
        .map(|word| word.text.chars().map(fold).collect())
}

/// How many anchors two sentences (or groups of sentences) share.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shared {
    pub hard: u16,
    pub soft: u16,
    /// Of `soft`, the names.
    pub names: u16,
}

/// The anchors a Russian and an English sentence share.
pub fn shared(ru: &Features, en: &Features, names: &mut Names) -> Shared {
    let mut hard = multiset_overlap(&ru.hard, &en.hard);
    hard += ru.latin.iter().filter(|token| en.words.binary_search(token).is_ok()).count();
    let mut soft = multiset_overlap(&ru.soft, &en.soft);
    let mut used = vec![false; en.names.len()];
    let mut matched_names = 0;
    for &name in &ru.names {
        if let Some(slot) = (0..en.names.len()).find(|&k| !used[k] && names.matches(name, en.names[k])) {
            used[slot] = true;
            matched_names += 1;
        }
    }
    soft += matched_names + ru.terms.iter().filter(|t| en.terms.contains(t)).count();
    let small = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    Shared { hard: small(hard), soft: small(soft), names: small(matched_names) }
}

fn multiset_overlap(a: &[u32], b: &[u32]) -> usize {
    let mut used = vec![false; b.len()];
    let mut count = 0;
    for x in a {
        if let Some(k) = (0..b.len()).find(|&k| !used[k] && b[k] == *x) {
            used[k] = true;
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hard and soft anchors of a sentence, spelled out.
    fn anchors(text: &str, side: Side) -> (Vec<String>, Vec<String>) {
        let mut names = Names::default();
        let f = features(text, side, &mut names, None);
        let spell = |ids: &[u32]| ids.iter().map(|&id| names.spellings[id as usize].clone()).collect();
        (spell(&f.hard), spell(&f.soft))
    }

    fn ru(text: &str) -> (Vec<String>, Vec<String>) {
        anchors(text, Side::Russian)
    }

    fn en(text: &str) -> (Vec<String>, Vec<String>) {
        anchors(text, Side::English)
    }

    #[test]
    fn questions_and_quotation_marks_are_counted() {
        let mut names = Names::default();
        let f = features("«Вы помните её ответ?»", Side::Russian, &mut names, None);
        assert_eq!((f.questions, f.quotes), (1, 2));
        let f =
            features("PM accuses critics of 'playing politics' over Britain's exit.", Side::English, &mut names, None);
        assert_eq!((f.questions, f.quotes), (0, 2), "an apostrophe between letters is not a quote");
        let f = features("He asked: \"Why?\" and left.", Side::English, &mut names, None);
        assert_eq!((f.questions, f.quotes), (0, 2), "a question inside is not a question sentence");
    }

    #[test]
    fn numbers_are_written_one_way_in_both_languages() {
        assert_eq!(ru("изъято 3 000 единиц и 1,5 тонны").0, ["n:3000", "n:1.5"]);
        assert_eq!(en("3,000 items and 1.5 tonnes were seized").0, ["n:3000", "n:1.5"]);
        assert_eq!(ru("Москва, 27.11.2026").0, ["n:27", "m:11", "n:2026"]);
        // Month names are found after the digits.
        assert_eq!(en("Moscow, 27 November 2026").0, ["n:27", "n:2026", "m:11"]);
        assert_eq!(ru("27 ноября 2026 года").0, ["n:27", "n:2026", "m:11"]);
        assert_eq!(en("5 suspects").1, ["n:5"]);
        assert_eq!(ru("1, 2 и 3").1, ["n:1", "n:2", "n:3"]);
    }

    #[test]
    fn latin_tokens_and_names_are_anchors() {
        let mut names = Names::default();
        let r = features("Генсек Интерпола Юрген Шток посетил Лион и NCB Interpol.", Side::Russian, &mut names, None);
        let e = features(
            "Interpol Secretary General Jürgen Stock visited Lyon and the NCB.",
            Side::English,
            &mut names,
            None,
        );
        assert_eq!(r.latin.len(), 2);
        let shared = shared(&r, &e, &mut names);
        assert_eq!(shared.hard, 2);
        assert!(shared.soft >= 3, "{shared:?}");
    }

    #[test]
    fn whitespace_runs_count_once() {
        assert_eq!(count_chars("  Лион  и \n Париж "), "Лион и Париж".chars().count());
    }
}
