//! The TBX reader never panics (v2, v3, broken XML, DTDs, entities); a glossary it reads
//! writes as TBX-Basic and reads back with the same terms; cut off before its end tag, it is an
//! error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tm::glossary::{Format, Glossary, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(loaded) = Glossary::parse(text, "fuzz.tbx", Format::Tbx, ReadOptions { lenient: true }) else { return };
    if let Some(end) = text.rfind("</tbx>").or_else(|| text.rfind("</martif>")) {
        let cut = Glossary::parse(&text[..end], "cut.tbx", Format::Tbx, ReadOptions { lenient: true });
        assert!(cut.is_err(), "a TBX cut before its end tag was read");
    }
    let written = loaded.glossary.write(Format::Tbx);
    let again = Glossary::parse(&written, "again.tbx", Format::Tbx, ReadOptions::default()).expect("own TBX reads back");
    assert_eq!(again.glossary.concepts.len(), loaded.glossary.concepts.len());
    for (a, b) in again.glossary.concepts.iter().zip(&loaded.glossary.concepts) {
        let texts = |c: &tm::glossary::Concept| c.terms.iter().map(|t| (t.lang, t.text.clone(), t.status)).collect::<Vec<_>>();
        assert_eq!(texts(a), texts(b));
    }
});
