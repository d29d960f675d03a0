//! Lexical anchors: what a Russian sentence and its English translation share without a
//! dictionary — numbers, dates, Latin-script tokens, transliterated names — plus glossary and
//! dictionary pairs when the user has them.
//!
//! Anchors come in two strengths. *Hard* anchors (numbers of two or more digits, months, Latin
//! tokens inside Russian) are almost always carried over by a translator, so a pair of
//! sentences where one side has them and the other lacks them is probably not a pair. *Soft*
//! anchors (names, small numbers, term pairs) only count in favour: a name can be dropped or
//! paraphrased without the sentences ceasing to be translations.

use std::collections::HashMap;

use super::lexicon::{Lexicon, russian_stem};
use super::translit::{best_similarity, english_forms, russian_forms};
use crate::text::fold;

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
            Side::Russian => {
                let mut forms = russian_forms(spelling);
                forms.extend(russian_forms(&russian_stem(spelling)));
                forms
            }
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

/// Extracts the anchors of one sentence.
pub fn features(text: &str, side: Side, names: &mut Names, lexicon: Option<&Lexicon>) -> Features {
    let mut out = Features {
        chars: count_chars(text),
        wordless: !text.chars().any(char::is_alphanumeric),
        ..Features::default()
    };
    for number in numbers(text, side) {
        match number {
            Number::Month(month) => out.hard.push(names.intern(format!("m:{month}"))),
            Number::Plain(text) if text.len() >= 2 => out.hard.push(names.intern(format!("n:{text}"))),
            Number::Plain(text) => out.soft.push(names.intern(format!("n:{text}"))),
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
                if let Some(month) = russian_month(&word.to_lowercase()) {
                    out.hard.push(names.intern(format!("m:{month}")));
                }
                stems.push(russian_stem(&word));
            }
            Side::English => {
                name_parts(&mut word.split('-'), &mut out);
                let lower = word.to_lowercase();
                let lower = lower.strip_suffix("'s").unwrap_or(&lower).to_owned();
                if word.starts_with(char::is_uppercase)
                    && let Some(month) = english_month(&lower)
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

/// Words: runs of letters, digits, apostrophes and inner hyphens, with `ё` folded.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map(|w| w.trim_matches(|c: char| c == '\'' || c == '’' || c == '-'))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .map(|w| w.chars().map(fold).collect())
}

fn russian_month(word: &str) -> Option<u8> {
    const STEMS: [(&str, u8); 11] = [
        ("январ", 1),
        ("феврал", 2),
        ("март", 3),
        ("апрел", 4),
        ("июн", 6),
        ("июл", 7),
        ("август", 8),
        ("сентябр", 9),
        ("октябр", 10),
        ("ноябр", 11),
        ("декабр", 12),
    ];
    if matches!(word, "май" | "мая" | "мае") {
        return Some(5);
    }
    STEMS.iter().find(|(stem, _)| word.starts_with(stem)).map(|&(_, month)| month)
}

fn english_month(word: &str) -> Option<u8> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.trim_end_matches('.');
    NAMES
        .iter()
        .position(|name| {
            *name == word || (word.len() >= 3 && word != "may" && name.starts_with(word) && word.len() <= 4)
        })
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// Finds the numbers of a sentence and files them as hard or soft anchors, written the same
/// way for both languages: `3 000`, `3,000` and `3000` are `3000`; `1,5` (Russian) and `1.5`
/// (English) are `1.5`; `27.11.2026` is day 27, month 11, year 2026.
fn numbers(text: &str, side: Side) -> Vec<Number> {
    let mut found = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_alphanumeric()) {
            i += 1;
            continue;
        }
        // Collect digit groups joined by separators.
        let mut groups: Vec<String> = Vec::new();
        let mut separators: Vec<char> = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            groups.push(chars[start..j].iter().collect());
            let joins = j + 1 < chars.len()
                && matches!(chars[j], ',' | '.' | ' ' | '\u{A0}' | '\u{202F}')
                && chars[j + 1].is_ascii_digit();
            if !joins {
                break;
            }
            separators.push(chars[j]);
            j += 1;
        }
        i = j;
        found.extend(interpret(&groups, &separators, side));
    }
    found
}

enum Number {
    Plain(String),
    Month(u8),
}

fn interpret(groups: &[String], separators: &[char], side: Side) -> Vec<Number> {
    let plain = |s: &str| Number::Plain(s.trim_start_matches('0').to_owned()).normalise();
    // dd.mm.yyyy and dd.mm.yy
    if groups.len() == 3
        && separators.iter().all(|&c| c == '.')
        && groups[0].len() <= 2
        && groups[1].len() <= 2
        && let Ok(month) = groups[1].parse::<u8>()
        && (1..=12).contains(&month)
    {
        return vec![plain(&groups[0]), Number::Month(month), plain(&groups[2])];
    }
    let mut out = Vec::new();
    let mut current = groups[0].clone();
    let mut decimal = false;
    for (separator, group) in separators.iter().zip(&groups[1..]) {
        let thousands = match (side, separator) {
            (_, ' ' | '\u{A0}' | '\u{202F}') => group.len() == 3 && side == Side::Russian,
            (Side::English, ',') => group.len() == 3,
            _ => false,
        };
        let is_decimal = matches!((side, separator), (Side::Russian, ',') | (_, '.'));
        if thousands && !decimal {
            current.push_str(group);
        } else if is_decimal && !decimal {
            current.push('.');
            current.push_str(group);
            decimal = true;
        } else {
            out.push(plain(&current));
            current = group.clone();
            decimal = false;
        }
    }
    out.push(plain(&current));
    out
}

impl Number {
    fn normalise(self) -> Self {
        match self {
            Number::Plain(text) => {
                let text =
                    if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_owned() } else { text };
                let text = if text.is_empty() || text.starts_with('.') { format!("0{text}") } else { text };
                Number::Plain(text)
            }
            month => month,
        }
    }
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
