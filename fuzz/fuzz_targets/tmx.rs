//! The TMX reader never panics, on any bytes (gzip, UTF-16 and BOMs included), and every
//! unit it reports has at least two variants and a location inside the input. A file it
//! reads, cut off before its last `</tmx>`, is an error, never half a memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tm::formats::{Item, input, tmx};

fuzz_target!(|data: &[u8]| {
    let Ok(stream) = input::from_reader(Box::new(std::io::Cursor::new(data.to_vec()))) else { return };
    let read = tmx::read(stream, &mut |item| {
        if let Item::Unit(unit) = item {
            assert!(unit.variants.len() >= 2);
            assert!(unit.location.line >= 1);
        }
        Ok(())
    });
    if read.is_ok()
        && let Ok(text) = std::str::from_utf8(data)
        && let Some(end) = text.rfind("</tmx>")
    {
        let cut = text[..end].as_bytes().to_vec();
        let Ok(stream) = input::from_reader(Box::new(std::io::Cursor::new(cut))) else { return };
        assert!(tmx::read(stream, &mut |_| Ok(())).is_err(), "a TMX cut before </tmx> was read");
    }
});
