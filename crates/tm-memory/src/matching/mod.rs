//! The matching form of a sentence and the fuzzy-match score; the sketches and the
//! bit-parallel distance the search filters and verifies with are in [`sketch`] (re-exported
//! here).
//!
//! Scores are character-level, like translate-toolkit and Weblate:
//! `floor(100 × (1 − d / max(n, m)))`, with `d` the Levenshtein distance over Unicode scalar
//! values of the two matching forms and `n`, `m` their lengths in characters. Only identical
//! matching forms score 100; anything else is capped at 99. When two sources differ only in
//! numbers, inline codes and punctuation (their skeletons are equal) the score is lifted into
//! the 95–99 band, because that is what "next week's release" looks like.

use tm_text::{NormalizeOptions, fold, is_invisible, normalize};

pub use tm_text::placeholder::{PLACEHOLDER_BASE, is_placeholder, placeholder};

mod sketch;

pub use sketch::{Pattern, SKETCH_BYTES, Sketch, sketch, sketch_distance, sketch_len};

/// The matching form: the text normaliser's form (NFC, `ё`→`е`, dashes, spaces and quotes
/// folded, invisibles dropped) lower-cased, every placeholder the same single character, and
/// runs of whitespace collapsed to one space.
#[must_use]
pub fn matching_form(text: &str) -> String {
    // Text already in NFC (nearly all of it) needs no normaliser pass: the quick form is it.
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes {
        return quick_form(text);
    }
    // The normaliser's output is folded and lower-cased already; the quick form then only
    // collapses whitespace and unifies placeholders.
    quick_form(&normalize(text, NormalizeOptions { fold_case: true }).text)
}

/// The matching form computed without Unicode normalisation (NFC): equal to
/// [`matching_form`] for the vast majority of texts, and several times faster. The store keeps
/// the matching form only where the two differ, and rebuilds it with this.
#[must_use]
pub fn quick_form(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    quick_form_each(text, |c| out.push(c));
    out
}

/// [`quick_form`] as characters, appended to `out`: verification compares characters, and
/// this skips building a string only to take it apart again.
pub fn quick_form_chars(text: &str, out: &mut Vec<char>) {
    quick_form_each(text, |c| out.push(c));
}

fn quick_form_each(text: &str, mut push: impl FnMut(char)) {
    let table = fast_table();
    // A space is written only between two kept characters, so runs collapse and the ends trim.
    let mut pending_space = false;
    let mut started = false;
    for c in text.chars() {
        // Latin, Cyrillic and punctuation through a table; the Unicode tables for the rest.
        match table.get(c as usize).copied() {
            Some(FAST_SKIP) => {}
            Some(FAST_SPACE) => pending_space = started,
            Some(mapped) if mapped != FAST_SLOW => {
                // Below U+0500 a mapped character is neither a space nor a placeholder.
                if pending_space {
                    push(' ');
                    pending_space = false;
                }
                push(char::from_u32(mapped).unwrap_or(c));
                started = true;
            }
            _ => {
                if is_invisible(c) {
                    continue;
                }
                for lower in fold(c).to_lowercase() {
                    if lower.is_whitespace() {
                        pending_space = started;
                        continue;
                    }
                    if pending_space {
                        push(' ');
                        pending_space = false;
                    }
                    push(if is_placeholder(lower) { '\u{E000}' } else { lower });
                    started = true;
                }
            }
        }
    }
}

const FAST_SKIP: u32 = u32::MAX;
const FAST_SLOW: u32 = u32::MAX - 1;
const FAST_SPACE: u32 = u32::MAX - 2;

/// What [`quick_form_each`] makes of each character below U+0500: skip it, a space, another
/// single character, or the slow way (a lower case of several characters).
fn fast_table() -> &'static [u32] {
    static TABLE: std::sync::OnceLock<Vec<u32>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0u32..0x500)
            .map(|code| {
                let Some(c) = char::from_u32(code) else { return FAST_SLOW };
                if is_invisible(c) {
                    return FAST_SKIP;
                }
                let mut lower = fold(c).to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(single), None) if single.is_whitespace() => FAST_SPACE,
                    (Some(single), None) if !is_placeholder(single) => u32::from(single),
                    _ => FAST_SLOW,
                }
            })
            .collect()
    })
}

/// The matching form of a stored unit: the stored one if any, else rebuilt from the source.
#[must_use]
pub fn stored_form(src_norm: Option<String>, source: &str) -> String {
    src_norm.unwrap_or_else(|| quick_form(source))
}

/// The words of a matching form with numbers, placeholders and punctuation removed. Two
/// sentences with equal skeletons differ only in those. Returns an empty string when fewer
/// than three letters remain: "2025" and "2026" are not the same sentence with a changed
/// number.
#[must_use]
pub fn skeleton(form: &str) -> String {
    let mut out = String::with_capacity(form.len());
    let mut letters = 0;
    let mut gap = false;
    for c in form.chars() {
        let letter = matches!(c, 'a'..='z' | 'а'..='я') || (!c.is_ascii() && c.is_alphabetic());
        if letter {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
            letters += 1;
        } else {
            gap = true;
        }
    }
    if letters < 3 { String::new() } else { out }
}

/// The hash of a matching form's skeleton, or 0 (never matched) when it has none.
#[must_use]
pub fn skeleton_hash(form: &str) -> i64 {
    let skeleton = skeleton(form);
    if skeleton.is_empty() { 0 } else { hash(&skeleton) }
}

/// A stable 64-bit FNV-1a hash, stored as SQLite's signed integer.
#[must_use]
pub fn hash(text: &str) -> i64 {
    hash_parts(&[text])
}

/// [`hash`] over several strings, each terminated so that ("ab","c") ≠ ("a","bc").
#[must_use]
pub fn hash_parts(parts: &[&str]) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.as_bytes().iter().chain(std::iter::once(&0xFF)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    i64::from_ne_bytes(h.to_ne_bytes())
}

/// Length of q-grams in the candidate index.
pub const Q: usize = 3;

/// The distinct character trigrams of `chars`, sorted, each packed into 63 bits.
#[must_use]
pub fn grams(chars: &[char]) -> Vec<i64> {
    let mut out: Vec<i64> = chars
        .windows(Q)
        .map(|w| {
            let packed = (u64::from(w[0]) << 42) | (u64::from(w[1]) << 21) | u64::from(w[2]);
            i64::try_from(packed).unwrap_or(i64::MAX)
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Levenshtein distance between `a` and `b` if it is at most `max`, else `None`.
///
/// A banded dynamic program (only cells within `max` of the diagonal), stopping as soon as a
/// whole row exceeds `max`.
#[must_use]
pub fn levenshtein_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    let (a, b) = if a.len() < b.len() { (b, a) } else { (a, b) };
    let (n, m) = (a.len(), b.len());
    if n - m > max {
        return None;
    }
    if m == 0 {
        return Some(n);
    }
    // Common prefix and suffix never change the distance.
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    let (n, m) = (a.len(), b.len());
    if m == 0 {
        return Some(n);
    }
    let inf = max + 1;
    let mut previous: Vec<usize> = (0..=m).map(|j| if j <= max { j } else { inf }).collect();
    let mut current = vec![inf; m + 1];
    for i in 1..=n {
        let lo = i.saturating_sub(max).max(1);
        let hi = (i + max).min(m);
        current[0] = if i <= max { i } else { inf };
        if lo > 1 {
            current[lo - 1] = inf;
        }
        let mut row_min = current[0];
        for j in lo..=hi {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let value = (previous[j - 1] + cost).min(previous[j] + 1).min(current[j - 1] + 1).min(inf);
            current[j] = value;
            row_min = row_min.min(value);
        }
        if hi < m {
            current[hi + 1] = inf;
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    let d = previous[m];
    (d <= max).then_some(d)
}

/// The largest distance at which two strings whose longer one has `longest` characters still
/// score at least `min` (before the skeleton lift).
#[must_use]
pub fn max_distance(longest: usize, min: u8) -> usize {
    (100 - usize::from(min.min(100))) * longest / 100
}

/// The score of a match at distance `distance` between strings of `n` and `m` characters.
#[must_use]
pub fn score(n: usize, m: usize, distance: usize, same_skeleton: bool) -> u8 {
    let longest = n.max(m);
    if distance == 0 {
        return 100;
    }
    let raw = 100 * longest.saturating_sub(distance) / longest.max(1);
    let raw = u8::try_from(raw.min(99)).unwrap_or(99);
    if same_skeleton { raw.max(95) } else { raw }
}

/// The band a score falls in, as translators and agencies report them.
#[must_use]
pub fn band(score: u8) -> &'static str {
    match score {
        100.. => "100",
        95..=99 => "95-99",
        85..=94 => "85-94",
        75..=84 => "75-84",
        50..=74 => "50-74",
        _ => "no match",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn matching_form_folds_case_yo_spaces_and_placeholders() {
        assert_eq!(matching_form("  Её\u{A0}ЗАДЕРЖАЛИ  в  «Лионе»\u{E003}. "), "ее задержали в \"лионе\"\u{E000}.");
        assert_eq!(matching_form(""), "");
        let text = "  Её\u{A0}ЗАДЕРЖАЛИ  в  «Лионе»\u{E003}. ";
        assert_eq!(quick_form(text), matching_form(text));
        // Only Unicode normalisation separates them: и + combining breve.
        assert_ne!(quick_form("Мои\u{306}"), matching_form("Мои\u{306}"));
    }

    /// The quick form spelled out character by character, without the lookup table.
    fn quick_form_reference(text: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        for c in text.chars().filter(|&c| !is_invisible(c)) {
            for c in fold(c).to_lowercase() {
                if c.is_whitespace() {
                    pending_space = !out.is_empty();
                } else {
                    if pending_space {
                        out.push(' ');
                        pending_space = false;
                    }
                    out.push(if is_placeholder(c) { '\u{E000}' } else { c });
                }
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_quick_form_table_agrees_with_the_character_rules(text in "(\\PC|\\s|[\u{0}-\u{500}]|\u{E001}|\u{200B}|\u{130})*") {
            let quick = quick_form(&text);
            proptest::prop_assert_eq!(&quick, &quick_form_reference(&text));
            let mut chars = Vec::new();
            quick_form_chars(&text, &mut chars);
            proptest::prop_assert_eq!(chars.into_iter().collect::<String>(), quick);
        }
    }

    #[test]
    fn skeleton_drops_numbers_codes_and_punctuation() {
        let a = skeleton(&matching_form("В 2025 году задержаны 15 человек."));
        let b = skeleton(&matching_form("В 2026 году задержаны 17 человек!"));
        assert_eq!(a, "в году задержаны человек");
        assert_eq!(a, b);
        assert_eq!(skeleton("12 345"), "");
        assert_eq!(skeleton("a1"), "");
    }

    #[test]
    fn distance_counts_characters_not_bytes() {
        assert_eq!(levenshtein_within(&chars("Лион"), &chars("Лиона"), 5), Some(1));
        assert_eq!(levenshtein_within(&chars("Лион"), &chars("Lyon"), 5), Some(4));
        assert_eq!(levenshtein_within(&chars("kitten"), &chars("sitting"), 3), Some(3));
        assert_eq!(levenshtein_within(&chars("kitten"), &chars("sitting"), 2), None);
        assert_eq!(levenshtein_within(&chars(""), &chars("abc"), 3), Some(3));
    }

    #[test]
    fn banded_distance_agrees_with_strsim() {
        let words = ["задержан", "задержана", "Лион", "Лиона", "в Лионе", "Интерпол", "", "ab", "ба"];
        for a in words {
            for b in words {
                let full = strsim::levenshtein(a, b);
                for max in 0..10 {
                    let expected = (full <= max).then_some(full);
                    assert_eq!(levenshtein_within(&chars(a), &chars(b), max), expected, "{a} {b} {max}");
                }
            }
        }
    }

    #[test]
    fn score_and_bands() {
        assert_eq!(score(10, 10, 0, false), 100);
        assert_eq!(score(200, 200, 1, false), 99);
        assert_eq!(score(10, 8, 2, false), 80);
        assert_eq!(score(10, 8, 2, true), 95);
        assert_eq!(band(100), "100");
        assert_eq!(band(96), "95-99");
        assert_eq!(band(80), "75-84");
        assert_eq!(band(10), "no match");
        // The threshold distance is the largest one that still scores `min`.
        for longest in 1..300 {
            for min in [50u8, 75, 90, 99] {
                let d = max_distance(longest, min);
                assert!(score(longest, longest, d, false) >= min || d == 0);
                assert!(score(longest, longest, d + 1, false) < min, "{longest} {min}");
            }
        }
    }

    #[test]
    fn grams_are_distinct_and_sorted() {
        let g = grams(&chars("ааааа"));
        assert_eq!(g.len(), 1);
        assert_eq!(grams(&chars("ab")).len(), 0);
        let g = grams(&chars("лион лион"));
        assert!(g.windows(2).all(|w| w[0] < w[1]));
    }
}
