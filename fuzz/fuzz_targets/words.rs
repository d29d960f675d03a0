//! The word splitter never panics; its words are ordered, non-empty, on character boundaries
//! and on boundaries of its own; GMX-V counts agree with the words; and the house glossary's
//! matches start and end on the splitter's part boundaries.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tm::glossary::{Glossary, Matcher, ReadOptions};
use tm::segment::Lang;
use tm::text::words::{count, display_width, is_part_boundary, is_word_boundary, words};

fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../glossaries/house.tsv");
        Matcher::new(&Glossary::read(&path, ReadOptions::default()).unwrap().glossary)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut last = 0;
    let found = words(text);
    for word in &found {
        assert!(word.span.start >= last && word.span.start < word.span.end, "{word:?} in {text:?}");
        assert_eq!(&text[word.span.start..word.span.end], word.text);
        assert!(is_word_boundary(text, word.span.start) && is_word_boundary(text, word.span.end));
        last = word.span.end;
    }
    assert_eq!(count(text).words, found.len() as u64);
    let _ = display_width(text);
    for offset in 0..=text.len() {
        let _ = is_part_boundary(text, offset);
    }
    for lang in [Lang::Ru, Lang::En] {
        for hit in matcher().find(text, lang) {
            assert!(is_part_boundary(text, hit.span.start) && is_part_boundary(text, hit.span.end), "{hit:?} in {text:?}");
        }
    }
});
