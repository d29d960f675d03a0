//! Load on `tm serve`: the tmserver lookup (`GET /tmserver/ru/en/unit/…`, as Weblate sends it)
//! at 1, 8 and 32 concurrent clients, each a thread with its own keep-alive connection, against a
//! memory of generated press-release units; then `POST /api/check` of a 5 KB release pair.
//! Prints p50 and p95 latency and requests per second.
//!
//! `cargo bench --bench serve` (units: `TM_BENCH_UNITS=100000`; seconds per level:
//! `TM_BENCH_SECONDS=5`). The TMX and the memory live in `target/tm-bench/` and are reused.
//! Under `cargo test` it is a smoke run (2,000 units, a fraction of a second per level).
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

#[path = "support/load.rs"]
mod load;
#[path = "../tests/support/press_tmx.rs"]
mod press_tmx;
#[path = "../tests/support/synth.rs"]
mod synth;
#[path = "../tests/support/weblate.rs"]
mod weblate;

use load::{load, start};
use weblate::quote;

const SEED: u64 = 2026;

fn env_number(name: &str, default: f64) -> f64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((p / 100.0) * (sorted.len() - 1) as f64).round() as usize]
}

fn main() {
    let benchmarking = std::env::args().any(|arg| arg == "--bench");
    let units = env_number("TM_BENCH_UNITS", if benchmarking { 100_000.0 } else { 2_000.0 }) as usize;
    let seconds = env_number("TM_BENCH_SECONDS", if benchmarking { 5.0 } else { 0.3 });
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/tm-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let tmx = dir.join(format!("press-v{}-{units}.tmx", synth::VERSION));
    press_tmx::generate(&tmx, units, SEED);
    let memory = dir.join(format!("serve-{units}.sqlite"));
    if !memory.exists() {
        let status = Command::new(env!("CARGO_BIN_EXE_tm"))
            .args(["import", "--memory"])
            .arg(&memory)
            .arg(&tmx)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    }
    // Queries: stored sentences lightly edited, as the memory bench asks them.
    let mut rng = synth::Rng::new(SEED + units as u64);
    let texts: Vec<String> =
        (0..500).map(|_| synth::edit(&synth::pair(SEED, rng.below(units) as u64).ru, &mut rng)).collect();
    let queries: Vec<String> = texts.iter().map(|text| quote(text)).collect();
    let project = tempfile_dir();
    let (_server, base) = start(&project, &memory);
    // Warm the workers (each loads the pair's sketches on its first lookup).
    let _ = load(&base, &queries, 4, 0.2);
    println!("tm serve, {units} units, GET /tmserver/ru/en_gb/unit/… ({seconds} s per level)");
    println!("clients    requests   p50 (ms)   p95 (ms)   requests/s");
    for clients in [1, 8, 32] {
        let (latencies, rate) = load(&base, &queries, clients, seconds);
        println!(
            "{clients:>7} {:>11} {:>10.2} {:>10.2} {:>12.0}",
            latencies.len(),
            percentile(&latencies, 50.0),
            percentile(&latencies, 95.0),
            rate
        );
    }
    // The same lookups in process, one at a time on one thread: what the search itself costs,
    // and so the most two cores can answer (the server's overhead is the rest).
    let (searched, mean) = in_process(&memory, &texts);
    println!(
        "in process, one thread, the same {} lookups: mean {:.2} ms, p50 {:.2}, p95 {:.2}, p99 {:.2}, max {:.2} (two cores: at most {:.0} lookups/s)",
        searched.len(),
        mean,
        percentile(&searched, 50.0),
        percentile(&searched, 95.0),
        percentile(&searched, 99.0),
        percentile(&searched, 100.0),
        2000.0 / mean
    );
    // A pair check of a 5 KB release through the API.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // A release of about 5 KB: the example pair twice over (its Russian is 2.3 KB).
    let source = std::fs::read_to_string(root.join("examples/ncb-conference.ru.txt")).unwrap().repeat(2);
    let draft = std::fs::read_to_string(root.join("examples/ncb-conference.en.txt")).unwrap().repeat(2);
    let body = serde_json::json!({ "source": source, "draft": draft }).to_string();
    let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
    let mut checks = Vec::new();
    for _ in 0..if benchmarking { 50 } else { 3 } {
        let sent = Instant::now();
        let mut response = agent
            .post(&format!("{base}/api/check"))
            .header("Content-Type", "application/json")
            .send(body.as_bytes())
            .unwrap();
        let _ = response.body_mut().read_to_string().unwrap();
        checks.push(sent.elapsed().as_secs_f64() * 1000.0);
    }
    checks.sort_by(f64::total_cmp);
    println!(
        "POST /api/check, the example pair twice over ({} + {} bytes): p50 {:.1} ms, p95 {:.1} ms over {} checks",
        source.len(),
        draft.len(),
        percentile(&checks, 50.0),
        percentile(&checks, 95.0),
        checks.len()
    );
}

/// Each text looked up once (after one warm-up pass) with the searcher the server's workers use:
/// sorted latencies in ms and their mean.
fn in_process(memory: &Path, texts: &[String]) -> (Vec<f64>, f64) {
    let store = tm::memory_sqlite::SqliteMemory::open_read_only(memory).unwrap();
    let mut searcher = tm::memory::Searcher::new(&store, "ru", "en").unwrap();
    searcher.one_thread();
    let options = tm::memory::SearchOptions::default();
    for text in texts {
        searcher.search(text, &options).unwrap();
    }
    let mut latencies: Vec<f64> = texts
        .iter()
        .map(|text| {
            let started = Instant::now();
            searcher.search(text, &options).unwrap();
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    let mean = latencies.iter().sum::<f64>() / latencies.len().max(1) as f64;
    latencies.sort_by(f64::total_cmp);
    (latencies, mean)
}

/// An empty project folder (no tm.toml, no glossaries: the server's own defaults).
fn tempfile_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tm-serve-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir.join("glossaries")).unwrap();
    std::fs::copy(root.join("glossaries/house.tsv"), dir.join("glossaries/house.tsv")).unwrap();
    dir
}
