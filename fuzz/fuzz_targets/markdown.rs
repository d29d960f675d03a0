//! The prose of any Markdown text keeps the text's length and line breaks, keeps every byte
//! it does not blank out, and its comments are in range; the check of a Markdown draft (with
//! its suppression comments) never panics and points at valid spans.
#![no_main]

#[path = "house.rs"]
mod house;

use house::house;
use libfuzzer_sys::fuzz_target;
use tm::check::{Checker, Document, Settings, TextFormat, check_with};
use tm::formats::markdown::prose;
use tm::segment::{Lang, SegmentOptions, Segmenter};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let shown = prose(text);
    assert_eq!(shown.text.len(), text.len());
    assert_eq!(shown.flow.len(), text.len());
    for ((kept, flow), original) in shown.text.bytes().zip(shown.flow.bytes()).zip(text.bytes()) {
        assert!(kept == original || kept == b' ', "a byte changed into something else than a space");
        assert_eq!(kept == b'\n', original == b'\n', "line breaks must stay where they are");
        assert!(flow == kept || ((kept == b'\n' || kept == b'\r') && flow == b' '));
    }
    for comment in &shown.comments {
        assert!(text.get(comment.clone()).is_some_and(|c| c.starts_with("<!--")));
    }
    let (glossary, matcher) = house();
    let english = Segmenter::new(Lang::En, &SegmentOptions::default()).unwrap();
    let russian = Segmenter::new(Lang::Ru, &SegmentOptions::default()).unwrap();
    let checker = Checker { glossary, matcher, memory: None, english: &english, russian: &russian, lexicon: None };
    let settings = Settings { require_reason: true, ..Settings::default() };
    for format in [TextFormat::Markdown, TextFormat::Plain] {
        let draft = Document { path: "d".to_owned(), text: text.to_owned(), format };
        for finding in check_with(&checker, &draft, None, &settings).unwrap() {
            assert!(text.get(finding.span.start..finding.span.end).is_some(), "{finding:?}");
        }
    }
});
