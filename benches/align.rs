//! Alignment quality and speed on NTREX-128 news (`../shared/data/ntrex128_ru_en`, read from
//! there when present, never copied): strict bead precision/recall/F1 on the clean documents,
//! the documents with omissions and all documents as one stream, with and without the shipped
//! glossary anchors, and the time to align the 2,053 × 2,006-sentence stream.
//!
//! `cargo bench --bench align` (data folder: `TM_ALIGN_DATA`; glossary: `TM_ALIGN_GLOSSARY`,
//! default `glossaries/anchors/news-anchors.tsv`; `TM_ALIGN_PARAMS=skip=5,run=3,…` to try other
//! weights, `TM_ALIGN_DIAG=1` to list the errors). It always scores the release fixtures in
//! `tests/fixtures/align/`; under `cargo test` it does only that.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use tm::align::{AlignOptions, Lexicon, Params, Score, Segment, align, parse_beads, score, segments};
use tm::segment::{Lang, SegmentOptions, Segmenter};

/// Aligns one document folder (`doc_ru.txt`, `doc_en.txt`, one sentence per line, and
/// `gold.beads`) and scores it.
fn evaluate(dir: &Path, options: &AlignOptions<'_>) -> Score {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let ru = segments(&read("doc_ru.txt"), None);
    let en = segments(&read("doc_en.txt"), None);
    let gold = parse_beads(&read("gold.beads")).unwrap();
    score(&gold, &predicted(&ru, &en, options))
}

/// The beads of an alignment as index lists, the way gold files give them.
fn predicted(ru: &[Segment], en: &[Segment], options: &AlignOptions<'_>) -> Vec<(Vec<usize>, Vec<usize>)> {
    align(ru, en, options).into_iter().map(|b| (b.ru.collect(), b.en.collect())).collect()
}

/// Segments and aligns every `NAME.ru.txt` / `NAME.en.txt` pair of a folder with gold beads in
/// `NAME.beads` (over `tm`'s own segmentation), as `tm align` does.
fn releases(folder: &Path, options: &AlignOptions<'_>) -> Score {
    let mut total = Score::default();
    let mut gold_files: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "beads"))
        .collect();
    gold_files.sort();
    for gold_path in gold_files {
        let read = |ext: &str| std::fs::read_to_string(gold_path.with_extension(ext)).unwrap();
        let segment =
            |lang: Lang, text: &str| segments(text, Some(&Segmenter::new(lang, &SegmentOptions::default()).unwrap()));
        let ru = segment(Lang::Ru, &read("ru.txt"));
        let en = segment(Lang::En, &read("en.txt"));
        let gold = parse_beads(&read("beads")).unwrap();
        total.add(score(&gold, &predicted(&ru, &en, options)));
    }
    total
}

fn evaluate_set(dirs: &[PathBuf], options: &AlignOptions<'_>) -> Score {
    let mut total = Score::default();
    for dir in dirs {
        total.add(evaluate(dir, options));
    }
    total
}

fn subdirs(path: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(path)
        .map(|entries| entries.flatten().map(|e| e.path()).filter(|p| p.join("gold.beads").exists()).collect())
        .unwrap_or_default();
    dirs.sort();
    dirs
}

fn line(name: &str, s: &Score) -> String {
    format!(
        "{name:<28} P {:.4}  R {:.4}  F1 {:.4}  ({} of {} predicted beads right, {} of {} gold 1-1+ beads found)",
        s.precision(),
        s.recall(),
        s.f1(),
        s.predicted_correct,
        s.predicted,
        s.gold_found,
        s.gold
    )
}

/// Weights from `TM_ALIGN_PARAMS` (`skip=5,hard=2,…`), for tuning; the rest stay default.
fn tuned(spec: &str) -> Params {
    let mut p = Params::default();
    for item in spec.split(',').filter(|s| !s.is_empty()) {
        let (key, value) = item.split_once('=').unwrap();
        let value: f64 = value.parse().unwrap();
        match key {
            "ratio" => p.ratio = value,
            "variance" => p.variance = value,
            "one" => p.prior_one = value,
            "two" => p.prior_two = value,
            "four" => p.prior_four = value,
            "skip" => p.skip = value,
            "run" => p.skip_run = value,
            "switch" => p.skip_switch = value,
            "hard" => p.hard = value,
            "soft" => p.soft = value,
            "miss" => p.miss = value,
            "paragraph" => p.paragraph = value,
            "names" => p.name_miss = value,
            other => panic!("unknown parameter {other}"),
        }
    }
    p
}

/// Prints the kinds of gold beads missed and predicted wrongly.
fn diagnose(dirs: &[PathBuf], options: &AlignOptions<'_>) {
    use std::collections::BTreeMap;
    let mut missed: BTreeMap<String, usize> = BTreeMap::new();
    let mut wrong: BTreeMap<String, usize> = BTreeMap::new();
    let mut shown = 0;
    let mut buckets = [(0usize, 0usize); 6];
    let edges = [0.5, 0.8, 0.9, 0.95, 0.99, 1.01];
    for dir in dirs {
        let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
        let ru = segments(&read("doc_ru.txt"), None);
        let en = segments(&read("doc_en.txt"), None);
        let gold = parse_beads(&read("gold.beads")).unwrap();
        let aligned = align(&ru, &en, options);
        for b in &aligned {
            let slot = edges.iter().position(|&e| b.confidence < e).unwrap_or(5);
            buckets[slot].0 += 1;
            if gold.contains(&(b.ru.clone().collect(), b.en.clone().collect())) {
                buckets[slot].1 += 1;
            }
        }
        let predicted: Vec<(Vec<usize>, Vec<usize>)> =
            aligned.into_iter().map(|b| (b.ru.collect(), b.en.collect())).collect();
        let kind = |b: &(Vec<usize>, Vec<usize>)| format!("{}-{}", b.0.len(), b.1.len());
        for b in &gold {
            if !predicted.contains(b) {
                *missed.entry(kind(b)).or_default() += 1;
            }
        }
        for b in &predicted {
            if !gold.contains(b) {
                *wrong.entry(kind(b)).or_default() += 1;
                if shown < 40 {
                    shown += 1;
                    let text = |side: &[tm::align::Segment], ix: &[usize]| {
                        ix.iter()
                            .map(|&i| side[i].text.chars().take(70).collect::<String>())
                            .collect::<Vec<_>>()
                            .join(" | ")
                    };
                    eprintln!(
                        "{} {:?}:{:?}\n   RU {}\n   EN {}",
                        dir.display(),
                        b.0,
                        b.1,
                        text(&ru, &b.0),
                        text(&en, &b.1)
                    );
                }
            }
        }
    }
    println!("missed gold beads by kind: {missed:?}\nwrong predicted beads by kind: {wrong:?}");
    println!("confidence below 0.5 / 0.8 / 0.9 / 0.95 / 0.99 / up to 1: (beads, right) {buckets:?}");
}

fn main() {
    let benchmarking = std::env::args().any(|arg| arg == "--bench");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let glossary_path = std::env::var("TM_ALIGN_GLOSSARY")
        .map_or_else(|_| root.join("glossaries/anchors/news-anchors.tsv"), PathBuf::from);
    let glossary = Lexicon::read(&glossary_path).ok();
    let releases = releases(&root.join("tests/fixtures/align"), &AlignOptions::default());
    println!("{}", line("own release fixtures", &releases));
    if !benchmarking {
        assert!(releases.f1() > 0.9, "alignment of the fixtures regressed: {releases:?}");
        return;
    }
    let data =
        std::env::var("TM_ALIGN_DATA").map_or_else(|_| root.join("../shared/data/ntrex128_ru_en"), PathBuf::from);
    if !data.exists() {
        eprintln!("{} not found: nothing to measure (set TM_ALIGN_DATA)", data.display());
        return;
    }
    let sets = [
        ("docs", subdirs(&data.join("docs"))),
        ("stress/omit", subdirs(&data.join("stress/omit"))),
        ("stress/stream_all", vec![data.join("stress/stream_all")]),
    ];
    let params = tuned(std::env::var("TM_ALIGN_PARAMS").unwrap_or_default().as_str());
    let plain = AlignOptions { params, ..AlignOptions::default() };
    // Ablation: the same program with every anchor weight at zero.
    let length_only = AlignOptions {
        params: Params {
            hard: 0.0,
            soft: 0.0,
            miss: 0.0,
            name_miss: 0.0,
            question: 0.0,
            quote: 0.0,
            headline: 0.0,
            ..params
        },
        ..AlignOptions::default()
    };
    let anchored = AlignOptions { lexicon: glossary.as_ref(), params, ..AlignOptions::default() };
    if std::env::var("TM_ALIGN_DIAG").is_ok() {
        diagnose(&sets[0].1, &plain);
        diagnose(&sets[1].1, &plain);
        return;
    }
    let quick = std::env::var("TM_ALIGN_QUICK").is_ok();
    for (name, dirs) in sets.iter().take(if quick { 2 } else { 3 }) {
        println!("{}", line(&format!("{name} ({} docs)", dirs.len()), &evaluate_set(dirs, &plain)));
        if glossary.is_some() {
            println!("{}", line(&format!("{name} + glossary"), &evaluate_set(dirs, &anchored)));
        }
        println!("{}", line(&format!("{name}, lengths only"), &evaluate_set(dirs, &length_only)));
    }
    if quick {
        return;
    }
    let stream = data.join("stress/stream_all");
    let ru = segments(&std::fs::read_to_string(stream.join("doc_ru.txt")).unwrap(), None);
    let en = segments(&std::fs::read_to_string(stream.join("doc_en.txt")).unwrap(), None);
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let started = Instant::now();
            let beads = align(&ru, &en, &plain);
            assert!(!beads.is_empty());
            started.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "align {} × {} sentences: median {:.3} s over 5 runs (min {:.3}, max {:.3})",
        ru.len(),
        en.len(),
        times[2],
        times[0],
        times[4]
    );
}
