//! The aligner never panics on arbitrary text, and its beads always cover both sides once, in
//! order; the anchor extraction (numbers, dates, names) runs on every sentence.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tm::align::{AlignOptions, align, segments};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (ru, en) = text.split_once('\u{1}').unwrap_or((text, text));
    let (ru, en) = (segments(ru, None), segments(en, None));
    let beads = align(&ru, &en, &AlignOptions { band: 2, ..AlignOptions::default() });
    let (mut i, mut j) = (0, 0);
    for bead in &beads {
        assert_eq!((bead.ru.start, bead.en.start), (i, j));
        assert!(!bead.ru.is_empty() || !bead.en.is_empty());
        assert!((0.0..=1.0).contains(&bead.confidence));
        (i, j) = (bead.ru.end, bead.en.end);
    }
    assert_eq!((i, j), (ru.len(), en.len()));
});
