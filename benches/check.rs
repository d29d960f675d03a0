//! `tm check` as a whole process: a 5 KB release against a generated 5,000-concept glossary
//! (the target is ≤ 20 ms), the same with the shipped house glossary and with the Russian
//! source, the load of a 100,000-concept glossary and a 50 MB draft (time and peak memory).
//!
//! `cargo bench --bench check` (`TM_CHECK_RUNS` runs per figure, default 30; `TM_CHECK_BIG=0`
//! skips the 100,000-concept and 50 MB runs). Under `cargo test` it runs each command once on a
//! small generated glossary.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

#[path = "support/glossary.rs"]
mod generated;

use generated::glossary;

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Runs `tm` `runs` times; the median and fastest wall time in milliseconds. `cache` is the
/// compiled-glossary cache folder ("" for none).
fn time(dir: &Path, args: &[&str], runs: usize, cache: &str) -> (f64, f64) {
    let mut times = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_tm"))
            .args(args)
            .current_dir(dir)
            .env_remove("TM_MEMORY")
            .env("TM_CACHE_DIR", cache)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.code().is_some_and(|c| c <= 1), "tm {args:?} failed: {status}");
        times.push(start.elapsed().as_secs_f64() * 1e3);
    }
    let fastest = times.iter().copied().fold(f64::INFINITY, f64::min);
    (median(times), fastest)
}

/// Peak resident memory of one run in MB, from GNU time when it is installed.
fn peak_memory(dir: &Path, args: &[&str]) -> Option<f64> {
    let output = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg(env!("CARGO_BIN_EXE_tm"))
        .args(args)
        .current_dir(dir)
        .env("TM_CACHE_DIR", "")
        .stdout(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stderr);
    text.lines().last()?.trim().parse::<f64>().ok().map(|kb| kb / 1024.0)
}

fn main() {
    let benchmarking = std::env::args().any(|arg| arg == "--bench");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir: PathBuf = std::env::temp_dir().join(format!("tm-check-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let release = std::fs::read_to_string(root.join("examples/ncb-conference.en.txt")).unwrap();
    let source = std::fs::read_to_string(root.join("examples/ncb-conference.ru.txt")).unwrap();
    // About 5 KB: the example release four times over.
    let draft = release.repeat(4);
    let russian = source.repeat(4);
    std::fs::write(dir.join("draft.en.txt"), &draft).unwrap();
    std::fs::write(dir.join("source.ru.txt"), &russian).unwrap();
    std::fs::write(dir.join("tiny.en.txt"), "Hello.\n").unwrap();
    let concepts = if benchmarking { 5_000 } else { 50 };
    std::fs::write(dir.join("big.tsv"), glossary(concepts)).unwrap();
    let house = root.join("glossaries/house.tsv");
    let house = house.to_str().unwrap();
    let runs =
        if benchmarking { std::env::var("TM_CHECK_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(30) } else { 1 };
    println!("draft {} bytes; glossary {concepts} concepts; {runs} runs per figure (median, fastest)", draft.len());
    let cache = dir.join("cache");
    let cache = cache.to_str().unwrap();
    for (name, args, cache) in [
        (
            "5 KB release, generated glossary, cached",
            vec!["check", "draft.en.txt", "--glossary", "big.tsv", "--format", "concise"],
            cache,
        ),
        (
            "5 KB release, generated glossary, no cache",
            vec!["check", "draft.en.txt", "--glossary", "big.tsv", "--format", "concise"],
            "",
        ),
        ("glossary load only (7-byte draft), cached", vec!["check", "tiny.en.txt", "--glossary", "big.tsv"], cache),
        ("glossary load only (7-byte draft), no cache", vec!["check", "tiny.en.txt", "--glossary", "big.tsv"], ""),
        (
            "5 KB release, house glossary, cached",
            vec!["check", "draft.en.txt", "--glossary", house, "--format", "concise"],
            cache,
        ),
        (
            "5 KB release + Russian source, house, cached",
            vec![
                "check",
                "draft.en.txt",
                "--source",
                "source.ru.txt",
                "--glossary",
                house,
                "--format",
                "concise",
                "--no-memory",
            ],
            cache,
        ),
        ("process start (tm --version)", vec!["--version"], ""),
    ] {
        // One run first, so that "cached" figures start from a filled cache.
        time(&dir, &args, 1, cache);
        let (median, fastest) = time(&dir, &args, runs, cache);
        println!("{name:<48} {median:>8.2} ms  {fastest:>8.2} ms");
    }
    let big = benchmarking && std::env::var("TM_CHECK_BIG").map_or(true, |v| v != "0");
    if big {
        std::fs::write(dir.join("huge.tsv"), glossary(100_000)).unwrap();
        let args = ["check", "tiny.en.txt", "--glossary", "huge.tsv"];
        let (median, _) = time(&dir, &args, 3, "");
        let memory = peak_memory(&dir, &args).map_or("n/a".to_owned(), |mb| format!("{mb:.1} MB"));
        println!("{:<48} {median:>8.2} ms  peak {memory}", "100,000-concept glossary load, no cache");
        let mut fifty = String::with_capacity(52 * 1024 * 1024);
        while fifty.len() < 50 * 1024 * 1024 {
            fifty.push_str(&release);
        }
        std::fs::write(dir.join("fifty.en.txt"), &fifty).unwrap();
        let args = ["check", "fifty.en.txt", "--glossary", house, "--format", "concise"];
        let (median, _) = time(&dir, &args, 1, "");
        let memory = peak_memory(&dir, &args).map_or("n/a".to_owned(), |mb| format!("{mb:.1} MB"));
        println!(
            "{:<48} {median:>8.2} ms  peak {memory}",
            format!("{} MB draft, house glossary", fifty.len() / (1024 * 1024))
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
