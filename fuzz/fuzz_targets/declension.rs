//! Russian declension never panics on any word or phrase, with any hints, and always returns
//! the dictionary form first.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tm::glossary::{Hints, russian};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (term, hints) = text.split_once('\n').unwrap_or((text, ""));
    let hints = Hints::parse(hints).unwrap_or_default();
    let forms = russian::forms(term, &hints);
    let dictionary: Vec<&str> = term.split(' ').filter(|w| !w.is_empty()).collect();
    assert_eq!(forms[0], dictionary.join(" "));
});
