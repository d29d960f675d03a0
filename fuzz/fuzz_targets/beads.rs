//! The bead and term-list parsers never panic, and written beads read back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tm::align::{Lexicon, format_beads, parse_beads};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(beads) = parse_beads(text) {
        // Only contiguous beads can be written back.
        let contiguous = beads.iter().all(|(ru, en)| {
            ru.windows(2).all(|w| w[1] == w[0] + 1) && en.windows(2).all(|w| w[1] == w[0] + 1)
        });
        if contiguous {
            let range = |v: &Vec<usize>| v.first().map_or(0..0, |&a| a..a + v.len());
            let written = format_beads(beads.iter().map(|(ru, en)| (range(ru), range(en))));
            assert_eq!(parse_beads(&written).as_ref(), Ok(&beads));
        }
    }
    let mut lexicon = Lexicon::default();
    if lexicon.add_text(text, "fuzz.tsv").is_ok() {
        let _ = lexicon.russian_terms(&["лион".to_owned()]);
    }
});
