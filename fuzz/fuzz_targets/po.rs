//! The PO reader never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tm::formats::{Item, input, po};

fuzz_target!(|data: &[u8]| {
    let Ok(stream) = input::from_reader(Box::new(std::io::Cursor::new(data.to_vec()))) else { return };
    let _ = po::read(stream, "ru", "en", true, &mut |item| {
        if let Item::Unit(unit) = item {
            assert_eq!(unit.variants.len(), 2);
        }
        Ok(())
    });
});
