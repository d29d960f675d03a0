//! A TMX file of generated press-release units, for the benches (included with `#[path]`
//! beside `synth.rs`).
#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::print_stderr)]

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use tm::formats::tmx;

/// Writes `size` generated press-release units (seed `seed`) as TMX at `path`, unless it is
/// there already (the file is big at a million units; benches reuse it).
pub fn generate(path: &Path, size: usize, seed: u64) {
    if path.exists() {
        return;
    }
    let started = Instant::now();
    let partial = path.with_extension("partial");
    let mut out = BufWriter::with_capacity(1 << 20, File::create(&partial).unwrap());
    out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header creationtool=\"tm-bench\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"tm\" adminlang=\"en-US\" srclang=\"ru-RU\" datatype=\"plaintext\"/>\n  <body>\n").unwrap();
    for i in 0..size as u64 {
        let p = crate::synth::pair(seed, i);
        let day = 1 + i % 28;
        let unit = tm::formats::Unit {
            src_tag: "ru-RU".into(),
            tgt_tag: "en-GB".into(),
            source: p.ru,
            target: p.en,
            origin: None,
            meta: tm::formats::Meta {
                created_at: Some(format!("2025-03-{day:02}T10:15:00Z")),
                created_by: Some("translator".into()),
                changed_at: Some(format!("2026-01-{day:02}T09:00:00Z")),
                changed_by: Some("reviewer".into()),
                ..tm::formats::Meta::default()
            },
            ..tm::formats::Unit::default()
        };
        tmx::write_unit(&mut out, &unit).unwrap();
    }
    tmx::write_footer(&mut out).unwrap();
    out.flush().unwrap();
    drop(out);
    std::fs::rename(&partial, path).unwrap();
    eprintln!("generated {} ({size} units) in {:.1} s", path.display(), started.elapsed().as_secs_f64());
}
