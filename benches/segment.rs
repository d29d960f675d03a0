#![allow(clippy::unwrap_used)] // a bench that cannot set up should panic

//! Segmenter throughput on about 6 MB of release text per language, single-threaded.
//!
//! `cargo bench --bench segment` prints time per run and characters per second. The text is
//! built from the project's own test cases (tests/segment/*.txt), laid out as releases:
//! paragraphs of several sentences, headlines and lists.

use divan::counter::CharsCount;
use tm::segment::{Lang, SegmentOptions, Segmenter};

fn main() {
    divan::main();
}

const TARGET_BYTES: usize = 6 * 1024 * 1024;

fn corpus(source: &str) -> String {
    let cases: Vec<String> = source
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| line.replace(" ‖ ", " ").replace(" ¶ ", "\n").replace('‖', ""))
        .collect();
    let mut text = String::with_capacity(TARGET_BYTES + 4096);
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    while text.len() < TARGET_BYTES {
        // A deterministic xorshift decides paragraph lengths, so runs are comparable.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let paragraph = 1 + (state % 5) as usize;
        for _ in 0..paragraph {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(&cases[(state % cases.len() as u64) as usize]);
            text.push(' ');
        }
        text.push('\n');
    }
    text
}

fn bench_lang(bencher: divan::Bencher<'_, '_>, lang: Lang, source: &str) {
    let text = corpus(source);
    let segmenter = Segmenter::new(lang, &SegmentOptions::default()).unwrap();
    bencher.counter(CharsCount::of_str(&text)).bench(|| segmenter.split(divan::black_box(&text)).len());
}

#[divan::bench(sample_count = 20)]
fn russian(bencher: divan::Bencher<'_, '_>) {
    bench_lang(bencher, Lang::Ru, include_str!("../tests/segment/ru.txt"));
}

#[divan::bench(sample_count = 20)]
fn english(bencher: divan::Bencher<'_, '_>) {
    bench_lang(bencher, Lang::En, include_str!("../tests/segment/en.txt"));
}
