//! `tm check` never panics on any draft and source with the house glossary, and every finding
//! points at a valid span of the file it names.
#![no_main]

#[path = "house.rs"]
mod house;

use house::house;
use libfuzzer_sys::fuzz_target;
use tm::check::{Checker, Document, check};
use tm::segment::{Lang, SegmentOptions, Segmenter};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (en, ru) = text.split_once('\u{0}').unwrap_or((text, ""));
    let (glossary, matcher) = house();
    let english = Segmenter::new(Lang::En, &SegmentOptions::default()).unwrap();
    let russian = Segmenter::new(Lang::Ru, &SegmentOptions::default()).unwrap();
    let checker = Checker { glossary, matcher, memory: None, english: &english, russian: &russian, lexicon: None };
    let draft = Document::plain("d", en);
    let source = Document::plain("s", ru);
    let findings = check(&checker, &draft, (!ru.is_empty()).then_some(&source)).unwrap();
    for finding in findings {
        let file = if finding.path == "d" { en } else { ru };
        assert!(file.get(finding.span.start..finding.span.end).is_some(), "{finding:?}");
    }
});
