//! Segmentation never panics, and its spans are in order, non-overlapping, on char
//! boundaries, trimmed, and cover all non-whitespace text — for both languages and both
//! line-break policies.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tm::segment::{Lang, LineBreaks, SegmentOptions, Segmenter, check_spans};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let lang = if flags & 1 == 0 { Lang::Ru } else { Lang::En };
    let line_breaks = if flags & 2 == 0 { LineBreaks::Hard } else { LineBreaks::Paragraphs };
    let segmenter = Segmenter::new(lang, &SegmentOptions { line_breaks, ..SegmentOptions::default() }).unwrap();
    let spans = segmenter.split(text);
    if let Err(problem) = check_spans(text, &spans) {
        panic!("{problem} in {text:?}");
    }
});
