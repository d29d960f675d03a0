//! Growth: each input that once cost quadratic time, timed at 1× and 8× its size through the
//! `tm` binary, failing when 8× the input costs more than [`LIMIT`]× the time (linear is 8×,
//! quadratic 64×). The cases are those found by timing 1×/4×/16× inputs:
//!
//! - a TMX on one line (the reader counted columns from the line's start at every event);
//! - `full` and `concise` reports of a one-line draft full of findings (each finding walked its
//!   whole line);
//! - aligning a Russian text with an English one that does not translate it (the band widened
//!   to the whole n × m matrix);
//! - pairing drafts whose names defeat a `[[files.pairs]]` pattern with six captures
//!   (backtracking).
//!
//! `cargo bench --bench growth` (medians of `TM_GROWTH_RUNS` runs, default 3). Under
//! `cargo test --benches` it runs each case once at a small size, without the limit.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The most 8× the input may cost, in multiples of the 1× time: generous, for noisy machines.
const LIMIT: f64 = 24.0;

/// A small deterministic generator, so every run times the same inputs.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

/// Inputs for one case at `scale`, in `dir`; returns the arguments of the `tm` run.
type Setup = fn(dir: &Path, scale: usize) -> Vec<String>;

fn one_line_tmx(dir: &Path, scale: usize) -> Vec<String> {
    let mut tmx = String::from(
        r#"<?xml version="1.0"?><tmx version="1.4"><header srclang="ru" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="b" creationtoolversion="1" o-tmf="b"/><body>"#,
    );
    for i in 0..3_000 * scale {
        tmx.push_str(&format!(
            r#"<tu><tuv xml:lang="ru"><seg>Делегация прибыла в Лион, встреча номер {i}.</seg></tuv><tuv xml:lang="en"><seg>The delegation arrived in Lyon, meeting number {i}.</seg></tuv></tu>"#
        ));
    }
    tmx.push_str("</body></tmx>");
    std::fs::write(dir.join("one-line.tmx"), tmx).unwrap();
    let memory = dir.join("m.sqlite");
    let _ = std::fs::remove_file(&memory);
    vec![
        "--memory".into(),
        memory.display().to_string(),
        "import".into(),
        dir.join("one-line.tmx").display().to_string(),
    ]
}

fn one_line_draft(dir: &Path, scale: usize, format: &str) -> Vec<String> {
    std::fs::write(dir.join("draft.en.txt"), "The delegation arrived in Lion. ".repeat(10_000 * scale)).unwrap();
    let glossary = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossaries/house.tsv");
    vec![
        "check".into(),
        "--exit-zero".into(),
        "--no-memory".into(),
        "--glossary".into(),
        glossary.display().to_string(),
        "--format".into(),
        format.into(),
        dir.join("draft.en.txt").display().to_string(),
    ]
}

fn full_report(dir: &Path, scale: usize) -> Vec<String> {
    one_line_draft(dir, scale, "full")
}

fn concise_report(dir: &Path, scale: usize) -> Vec<String> {
    one_line_draft(dir, scale, "concise")
}

fn unrelated_texts(dir: &Path, scale: usize) -> Vec<String> {
    let ru = ["делегация", "прибыла", "в", "Лион", "министр", "заявил", "что", "сотрудничество", "полиции", "важно"];
    let en = ["the", "weather", "in", "spring", "was", "warm", "and", "many", "tourists", "visited", "town"];
    let mut random = Lcg(7);
    let mut text = |words: &[&str], sentences: usize| {
        let mut out = String::new();
        for _ in 0..sentences {
            let length = 6 + random.next(12);
            let sentence: Vec<&str> = (0..length).map(|_| words[random.next(words.len())]).collect();
            out.push_str(&sentence.join(" "));
            out.push_str(".\n");
        }
        out
    };
    std::fs::write(dir.join("a.ru.txt"), text(&ru, 1_000 * scale)).unwrap();
    std::fs::write(dir.join("b.en.txt"), text(&en, 250 * scale)).unwrap();
    vec!["align".into(), dir.join("a.ru.txt").display().to_string(), dir.join("b.en.txt").display().to_string()]
}

fn pair_patterns(dir: &Path, scale: usize) -> Vec<String> {
    let tree = dir.join("tree");
    let _ = std::fs::remove_dir_all(&tree);
    std::fs::create_dir_all(&tree).unwrap();
    std::fs::write(
        tree.join("tm.toml"),
        "[[files.pairs]]\ndraft = \"{a}-{b}-{c}-{d}-{e}-{f}_final.en.txt\"\nsource = \"{a}-{b}-{c}-{d}-{e}-{f}.ru.txt\"\n",
    )
    .unwrap();
    for i in 0..25 * scale {
        std::fs::write(tree.join(format!("{}{i:04}.en.txt", "x-".repeat(40))), "The talks ended.\n").unwrap();
    }
    vec!["check".into(), "--exit-zero".into(), "--no-memory".into(), tree.display().to_string()]
}

fn time(args: &[String], dir: &Path) -> f64 {
    let started = Instant::now();
    let out =
        Command::new(env!("CARGO_BIN_EXE_tm")).args(args).current_dir(dir).env("TM_CACHE_DIR", "").output().unwrap();
    let elapsed = started.elapsed().as_secs_f64();
    assert!(out.status.success(), "tm {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    elapsed
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let quick = std::env::args().any(|a| a == "--test") || !std::env::args().any(|a| a == "--bench");
    let runs: usize = std::env::var("TM_GROWTH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(3);
    let dir: PathBuf = std::env::temp_dir().join(format!("tm-growth-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases: [(&str, Setup); 5] = [
        ("import a one-line TMX", one_line_tmx),
        ("check --format full, one-line draft", full_report),
        ("check --format concise, one-line draft", concise_report),
        ("align unrelated texts", unrelated_texts),
        ("pair drafts against a six-capture pattern", pair_patterns),
    ];
    let mut failed = Vec::new();
    println!("{:<44} {:>9} {:>9} {:>7}", "case", "1× (s)", "8× (s)", "ratio");
    for (name, setup) in cases {
        if quick {
            let args = setup(&dir, 1);
            time(&args, &dir);
            println!("{name:<44} ran once (small)");
            continue;
        }
        let mut medians = Vec::new();
        for scale in [1, 8] {
            let args = setup(&dir, scale);
            medians.push(median((0..runs).map(|_| time(&args, &dir)).collect()));
        }
        let ratio = medians[1] / medians[0].max(1e-3);
        println!("{name:<44} {:>9.3} {:>9.3} {ratio:>6.1}×", medians[0], medians[1]);
        if ratio > LIMIT {
            failed.push(format!("{name}: 8× the input took {ratio:.1}× the time (limit {LIMIT}×)"));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    if !failed.is_empty() {
        eprintln!("superlinear growth:\n  {}", failed.join("\n  "));
        std::process::exit(1);
    }
}
