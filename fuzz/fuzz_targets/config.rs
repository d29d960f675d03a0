//! The tm.toml reader never panics; any configuration it accepts builds segmenters, and its
//! pairing patterns rewrite paths both ways without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tm::segment::{Lang, Segmenter};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(config) = tm::config::parse(text) else { return };
    for lang in [Lang::Ru, Lang::En] {
        if let Ok(segmenter) = Segmenter::new(lang, &config.segment_options(lang)) {
            let _ = segmenter.split("Встреча прошла в г. Лионе. Mr. Smith left.");
        }
    }
    for pattern in &config.files.pairs {
        for path in ["a.en.txt", "releases/en/2026/лион.md", "en/ru/en", "x"] {
            if let Some(source) = pattern.source_for(path) {
                let _ = pattern.draft_for(&source);
            }
        }
    }
});
