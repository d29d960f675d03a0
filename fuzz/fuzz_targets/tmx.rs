//! The TMX reader never panics, on any bytes (gzip, UTF-16 and BOMs included), and every
//! unit it reports has at least two variants and a location inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tm::formats::{Item, input, tmx};

fuzz_target!(|data: &[u8]| {
    let Ok(stream) = input::from_reader(Box::new(std::io::Cursor::new(data.to_vec()))) else { return };
    let _ = tmx::read(stream, &mut |item| {
        if let Item::Unit(unit) = item {
            assert!(unit.variants.len() >= 2);
            assert!(unit.location.line >= 1);
        }
        Ok(())
    });
});
