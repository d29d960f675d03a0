//! The number and address readers never panic on any text, in either language, and every span
//! they return lies inside the text on character boundaries, numbers in order of their start.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tm::segment::Lang;
use tm::text::identifiers::identifiers;
use tm::text::numbers::numbers;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let lang = if flags & 1 == 0 { Lang::Ru } else { Lang::En };
    let found = numbers(text, lang);
    for pair in found.windows(2) {
        assert!(pair[0].span.start <= pair[1].span.start, "numbers out of order in {text:?}");
    }
    for number in &found {
        assert!(text.get(number.span.start..number.span.end).is_some(), "bad number span in {text:?}");
        if let Some(k) = number.restates {
            assert!(k < found.len(), "restates out of range in {text:?}");
        }
    }
    for id in identifiers(text) {
        assert!(text.get(id.span.start..id.span.end).is_some_and(|s| !s.is_empty()), "bad address span in {text:?}");
    }
});
