//! Decoding never panics; what decodes as UTF-8 is the input itself, and every position of
//! the decoded text converts to a line and column and back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tm::text::{ColumnUnit, LineIndex, decode};

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = decode(data.to_vec()) else { return };
    let text = decoded.text.as_str();
    let index = LineIndex::new(text);
    // A byte-order mark at the start takes no column: the offset before it and after it are
    // both column 1, which converts back to the offset after it.
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    for (offset, _) in text.char_indices().step_by(7) {
        for unit in [ColumnUnit::Char, ColumnUnit::Utf16, ColumnUnit::Byte] {
            let position = index.position(text, offset, unit);
            assert_eq!(index.offset(text, position, unit), Some(offset.max(bom)));
        }
    }
});
