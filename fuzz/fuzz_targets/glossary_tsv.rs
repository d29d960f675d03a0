//! The glossary TSV/CSV reader never panics; what it reads writes back and reads again to the
//! same terms; the matcher and every rule-facing query accept whatever terms it produced.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tm::glossary::{Format, Glossary, Matcher, ReadOptions};
use tm::segment::Lang;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let format = if mode & 1 == 0 { Format::Tsv } else { Format::Csv };
    let options = ReadOptions { lenient: mode & 2 == 2 };
    let Ok(loaded) = Glossary::parse(text, "fuzz.tsv", format, options) else { return };
    let glossary = loaded.glossary;
    let written = glossary.write(format);
    if let Ok(again) = Glossary::parse(&written, "again.tsv", format, ReadOptions::default()) {
        assert_eq!(again.glossary.concepts.len(), glossary.concepts.len(), "{written}");
    }
    let matcher = Matcher::new(&glossary);
    for lang in [Lang::Ru, Lang::En] {
        for hit in matcher.find(text, lang) {
            assert!(text.is_char_boundary(hit.span.start) && text.is_char_boundary(hit.span.end));
        }
    }
    let _ = glossary.test_examples(&matcher);
    let _ = tm::glossary::validate(&glossary);
});
