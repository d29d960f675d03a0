//! The XLIFF reader never panics; units it reports have a source and a target. A file it
//! reads, cut off before its last `</xliff>`, is an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tm::formats::{Item, input, xliff};

fuzz_target!(|data: &[u8]| {
    let Ok(stream) = input::from_reader(Box::new(std::io::Cursor::new(data.to_vec()))) else { return };
    let options = xliff::XliffOptions { include_drafts: data.first().is_some_and(|b| b & 1 == 1) };
    let read = xliff::read(stream, options, &mut |item| {
        if let Item::Unit(unit) = item {
            assert_eq!(unit.variants.len(), 2);
        }
        Ok(())
    });
    if read.is_ok()
        && let Ok(text) = std::str::from_utf8(data)
        && let Some(end) = text.rfind("</xliff>")
    {
        let cut = text[..end].as_bytes().to_vec();
        let Ok(stream) = input::from_reader(Box::new(std::io::Cursor::new(cut))) else { return };
        assert!(xliff::read(stream, options, &mut |_| Ok(())).is_err(), "an XLIFF cut before </xliff> was read");
    }
});
