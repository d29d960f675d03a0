//! Property tests of the one word splitter (`tm::text::words`) and the term matcher built on
//! it: whatever the text, words are in order, on character boundaries and never empty; every
//! glossary match of the house glossary starts and ends on a boundary of the splitter, and
//! inside a hyphenated word only where the matcher's English compound rules allow
//! (`pro-Russian`, `Moscow-led`).

#![allow(clippy::unwrap_used)] // a test that cannot set up should panic

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use tm::glossary::{Glossary, Matcher, ReadOptions};
use tm::segment::Lang;
use tm::text::words::{count, is_joining_hyphen, is_part_boundary, is_word_boundary, words};

/// The house glossary and its matcher, loaded once for all cases.
fn matcher() -> &'static (Glossary, Matcher) {
    static LOADED: OnceLock<(Glossary, Matcher)> = OnceLock::new();
    LOADED.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossaries/house.tsv");
        let glossary = Glossary::read(&path, ReadOptions::default()).unwrap().glossary;
        let matcher = Matcher::new(&glossary);
        (glossary, matcher)
    })
}

/// Text from glossary terms and the characters that make word boundaries hard: hyphens,
/// apostrophes, full stops, colons, no-break spaces, digits, quotes, `@`, `www.`, combining
/// marks, letters glued on.
fn tricky_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "Лион",
            "Лиона",
            "Lyon",
            "Lion",
            "Интерпол",
            "Интерпола",
            "Interpol",
            "Interpol's",
            "INTERPOL",
            "генерал-майор полиции",
            "генерал-майора полиции",
            "Police Major General",
            "МВД России",
            "Ministry of Internal Affairs",
            "Russian",
            "Россия",
            "pro",
            "anti",
            "based",
            "led",
            "ов",
            "s",
            "2026",
            "3",
            "000",
            " ",
            "\u{a0}",
            "\u{202f}",
            "-",
            "\u{2011}",
            "—",
            "'",
            "’",
            ".",
            ":",
            ",",
            "«",
            "»",
            "\"",
            "@",
            "www.",
            "https://",
            "/",
            "_",
            "\u{301}",
            "\n",
        ]),
        0..24,
    )
    .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn words_are_ordered_non_empty_spans_of_the_text(text in tricky_text()) {
        let mut last = 0;
        for word in words(&text) {
            prop_assert!(word.span.start >= last, "{word:?} overlaps the word before in {text:?}");
            prop_assert!(word.span.start < word.span.end);
            prop_assert_eq!(&text[word.span.start..word.span.end], word.text);
            prop_assert!(word.text.chars().any(char::is_alphanumeric), "{:?} has no letter or digit", word.text);
            prop_assert!(is_word_boundary(&text, word.span.start) && is_word_boundary(&text, word.span.end));
            prop_assert!(is_part_boundary(&text, word.span.start) && is_part_boundary(&text, word.span.end));
            last = word.span.end;
        }
        prop_assert_eq!(count(&text).words, words(&text).len() as u64);
    }

    #[test]
    fn glossary_matches_start_and_end_on_word_boundaries(text in tricky_text()) {
        let (_, matcher) = matcher();
        for lang in [Lang::Ru, Lang::En] {
            for hit in matcher.find(&text, lang) {
                let (start, end) = (hit.span.start, hit.span.end);
                prop_assert!(is_part_boundary(&text, start), "{lang:?} match {:?} starts inside a word in {text:?}", &text[start..end]);
                prop_assert!(is_part_boundary(&text, end), "{lang:?} match {:?} ends inside a word in {text:?}", &text[start..end]);
                // Inside one of the splitter's words only at a hyphen: an English compound.
                if !is_word_boundary(&text, start) {
                    prop_assert!(text[..start].chars().next_back().is_some_and(is_joining_hyphen), "{:?} in {text:?}", &text[start..end]);
                }
                if !is_word_boundary(&text, end) {
                    prop_assert!(text[end..].chars().next().is_some_and(is_joining_hyphen), "{:?} in {text:?}", &text[start..end]);
                }
            }
        }
    }
}
