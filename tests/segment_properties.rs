//! Property tests: whatever the text, segmentation loses nothing, invents nothing, and keeps
//! its spans in order on character boundaries.

#![allow(clippy::unwrap_used)] // a test that cannot set up should panic

use proptest::prelude::*;
use tm::segment::{Lang, LineBreaks, SegmentOptions, Segmenter, check_spans};

/// Text built from the pieces that make segmentation hard: terminators, quotes, brackets,
/// dashes, abbreviations, initials, numbers, Cyrillic, emoji, odd whitespace and line breaks.
fn tricky_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "Лион",
            "Lyon",
            " ",
            "  ",
            ".",
            "!",
            "?",
            "…",
            "...",
            ". . .",
            "?!",
            "«",
            "»",
            "„",
            "“",
            "”",
            "\"",
            "'",
            "(",
            ")",
            "[",
            "]",
            "— ",
            "-",
            "г.",
            "т. д.",
            "А.",
            "В.",
            "Mr.",
            "U.S.",
            "1.",
            "2)",
            "а)",
            "3,5",
            "27.11.2026",
            "www.mvd.ru",
            "a@b.c",
            "\n",
            "\r\n",
            "\r",
            "\u{A0}",
            "\u{200B}",
            "\u{AD}",
            "\u{FEFF}",
            "🙂",
            "•",
            "Он",
            "the",
            "е\u{301}",
            "ё",
        ]),
        0..80,
    )
    .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn spans_are_ordered_trimmed_and_cover_all_text(text in tricky_text(), english in any::<bool>(), wrapped in any::<bool>()) {
        let options = SegmentOptions {
            line_breaks: if wrapped { LineBreaks::Paragraphs } else { LineBreaks::Hard },
            ..SegmentOptions::default()
        };
        let segmenter = Segmenter::new(if english { Lang::En } else { Lang::Ru }, &options).unwrap();
        let spans = segmenter.split(&text);
        prop_assert!(check_spans(&text, &spans).is_ok(), "{:?}: {:?}", text, check_spans(&text, &spans));
        prop_assert_eq!(segmenter.split(&text), spans, "deterministic");
    }

    #[test]
    fn arbitrary_unicode_never_breaks_the_guarantees(text in "\\PC{0,200}") {
        let segmenter = Segmenter::new(Lang::Ru, &SegmentOptions::default()).unwrap();
        let spans = segmenter.split(&text);
        prop_assert!(check_spans(&text, &spans).is_ok(), "{:?}: {:?}", text, check_spans(&text, &spans));
    }

    #[test]
    fn no_sentence_spans_a_hard_line_break(text in tricky_text()) {
        let segmenter = Segmenter::new(Lang::En, &SegmentOptions::default()).unwrap();
        for sentence in segmenter.sentences(&text) {
            prop_assert!(!sentence.text.contains(['\n', '\r']), "{:?}", sentence.text);
        }
    }
}
