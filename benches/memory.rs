//! Translation-memory benchmark: import speed, peak memory and database size for a generated
//! TMX, then fuzzy-search latency, recall and agreement with brute force — side by side with
//! translate-toolkit's tmdb when `TM_BENCH_TMDB_PYTHON` names a Python that has
//! translate-toolkit 3.18.1 (see `scripts/bench-tmdb.sh`).
//!
//! `cargo bench --bench memory` (sizes: `TM_BENCH_SIZES=100000,1000000`; queries:
//! `TM_BENCH_QUERIES=500`; brute-force checks: `TM_BENCH_BRUTE=500`; `TM_BENCH_REUSE=1` searches
//! the databases the last run imported, skipping the import; `TM_BENCH_REPEAT=3` times each
//! query's fastest of three runs, for comparing two versions on a noisy machine). Generated files live in
//! `target/tm-bench/` and are reused. Under `cargo test` it is a 2,000-unit smoke run.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use tm::memory::matching::{Pattern, matching_form, max_distance, score, skeleton};
#[path = "support/brute.rs"]
mod brute;
#[path = "../tests/support/press_tmx.rs"]
mod press_tmx;
#[path = "../tests/support/synth.rs"]
mod synth;

use brute::Corpus;
use synth::{Rng, edit, pair};
use tm::memory::{SearchOptions, Searcher};
use tm::memory_sqlite::SqliteMemory;

const SEED: u64 = 2026;

fn env_list(name: &str, default: &str) -> Vec<usize> {
    std::env::var(name)
        .unwrap_or_else(|_| default.to_owned())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// Fuzzy queries against the imported memory: latency, recall, agreement with brute force.
/// Returns the p50 latency and the file of queries (for the peer).
fn search_phase(size: usize, db: &Path, query_count: usize, brute_count: usize, dir: &Path) -> (f64, PathBuf) {
    // Queries: lightly edited stored sentences.
    let mut rng = Rng::new(SEED + size as u64);
    let queries: Vec<(String, String)> = (0..query_count)
        .map(|_| {
            let original = pair(SEED, rng.below(size) as u64).ru;
            (edit(&original, &mut rng), original)
        })
        .collect();
    let queries_file = dir.join(format!("queries-{size}.txt"));
    std::fs::write(&queries_file, queries.iter().map(|(q, _)| format!("{q}\n")).collect::<String>()).unwrap();

    let memory = SqliteMemory::open_existing(db).unwrap();
    let mut searcher = Searcher::new(&memory, "ru", "en").unwrap();
    let options = SearchOptions { min: 75, limit: 5 };
    let mut latencies = Vec::new();
    let mut results = Vec::new();
    // One untimed query warms the page cache the way a translator's first lookup does.
    let _ = searcher.search(&queries[0].0, &options).unwrap();
    // For comparing two versions on a noisy machine: each query's fastest of N runs.
    let repeat: usize = std::env::var("TM_BENCH_REPEAT").ok().and_then(|v| v.parse().ok()).unwrap_or(1);
    for (query, _) in &queries {
        let mut fastest = f64::INFINITY;
        let mut found = Vec::new();
        for _ in 0..repeat.max(1) {
            let started = Instant::now();
            found = searcher.search(query, &options).unwrap();
            fastest = fastest.min(started.elapsed().as_secs_f64() * 1000.0);
        }
        latencies.push(fastest);
        results.push(found);
    }
    let mut sorted = latencies.clone();
    sorted.sort_by(f64::total_cmp);
    let recall1 = queries
        .iter()
        .zip(&results)
        .filter(|((_, original), found)| {
            found.first().is_some_and(|m| matching_form(&m.source) == matching_form(original))
        })
        .count();
    let recall5 = queries
        .iter()
        .zip(&results)
        .filter(|((_, original), found)| found.iter().any(|m| matching_form(&m.source) == matching_form(original)))
        .count();
    println!(
        "search (min 75, top 5), {} queries: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms; original is top-1 in {}/{} ({:.1} %), in top 5 in {}/{}",
        queries.len(),
        percentile(&sorted, 50.0),
        percentile(&sorted, 95.0),
        sorted.last().copied().unwrap_or(f64::NAN),
        recall1,
        queries.len(),
        100.0 * recall1 as f64 / queries.len() as f64,
        recall5,
        queries.len()
    );
    drop(searcher);
    drop(memory);
    if std::env::var_os("TM_BENCH_FTS5").is_some() {
        fts5_phase(size, db, &queries, &results, dir);
    }

    let corpus = Corpus::load(&SqliteMemory::open_read_only(db).unwrap());
    let checked = brute_count.min(queries.len());
    let started = Instant::now();
    let mut agree = 0;
    for ((query, _), found) in queries.iter().zip(&results).take(checked) {
        let reference = corpus.top1(query, 75);
        let ours = found.first().map(|m| (m.score, m.id));
        if reference == ours {
            agree += 1;
        } else {
            eprintln!("disagree on {query:?}: brute {reference:?}, index {ours:?}");
        }
    }
    let brute_ms = started.elapsed().as_secs_f64() * 1000.0 / checked.max(1) as f64;
    println!(
        "agreement with brute force (top-1 score and unit): {agree}/{checked} ({:.1} %); brute force (2 threads, bit-parallel Levenshtein) {brute_ms:.0} ms per query",
        100.0 * agree as f64 / checked.max(1) as f64
    );
    println!("ratio: brute force / index p50 = {:.0}×", brute_ms / percentile(&sorted, 50.0));

    (percentile(&sorted, 50.0), queries_file)
}

/// SQLite's FTS5 trigram index as the candidate source instead of our postings
/// (`TM_BENCH_FTS5=1`): every query trigram OR-ed, the 50 best by FTS5's rank, verified with
/// the same Levenshtein. FTS5 cannot count shared trigrams per row into a bound, so this is a
/// heuristic: the figure to compare is its agreement with the exact top-1 next to its speed.
fn fts5_phase(size: usize, db: &Path, queries: &[(String, String)], exact: &[Vec<tm::memory::Match>], dir: &Path) {
    let path = dir.join(format!("fts5-{size}.sqlite"));
    let build = !path.exists();
    let started = Instant::now();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("ATTACH DATABASE ?1 AS tm", [db.to_str().unwrap()]).unwrap();
    if build {
        conn.execute_batch(
            "CREATE VIRTUAL TABLE f USING fts5(form, tokenize = 'trigram', detail = 'none');
             INSERT INTO f(rowid, form) SELECT id, source FROM tm.unit;",
        )
        .unwrap();
        println!(
            "FTS5 trigram index: built in {:.1} s, {:.0} MB",
            started.elapsed().as_secs_f64(),
            file_size(&path) as f64 / 1e6
        );
    }
    let mut latencies = Vec::new();
    let mut agree = 0;
    let mut candidates = conn.prepare("SELECT rowid FROM f WHERE f MATCH ?1 ORDER BY rank LIMIT 50").unwrap();
    let mut source = conn.prepare("SELECT source FROM tm.unit WHERE id = ?1").unwrap();
    // FTS5 ranks every row sharing a trigram: on template-heavy text, seconds per query, so
    // it gets the first `TM_BENCH_FTS5_QUERIES` (50) queries.
    let count = env_list("TM_BENCH_FTS5_QUERIES", "50")[0];
    for ((query, _), exact) in queries.iter().zip(exact).take(count) {
        let started = Instant::now();
        let chars: Vec<char> = matching_form(query).chars().collect();
        let mut grams: Vec<String> = chars.windows(3).map(|w| w.iter().collect::<String>()).collect();
        grams.sort();
        grams.dedup();
        let expression =
            grams.iter().map(|g| format!("\"{}\"", g.replace('"', "\"\""))).collect::<Vec<_>>().join(" OR ");
        let ids: Vec<i64> = candidates.query_map([expression], |row| row.get(0)).unwrap().flatten().collect();
        let pattern = Pattern::new(&chars);
        let mut best: Option<(u8, i64)> = None;
        for id in ids {
            let text: String = source.query_row([id], |row| row.get(0)).unwrap();
            let form: Vec<char> = matching_form(&text).chars().collect();
            let longest = chars.len().max(form.len());
            let query_skeleton = skeleton(&matching_form(query));
            let same = !query_skeleton.is_empty() && query_skeleton == skeleton(&form.iter().collect::<String>());
            if let Some(d) =
                pattern.distance_within(&form, max_distance(longest, 75).max(if same { longest } else { 0 }))
            {
                let found = (score(chars.len(), form.len(), d, same), id);
                if found.0 >= 75 && best.is_none_or(|b| found > b) {
                    best = Some(found);
                }
            }
        }
        latencies.push(started.elapsed().as_secs_f64() * 1000.0);
        if best == exact.first().map(|m| (m.score, m.id)) {
            agree += 1;
        }
    }
    latencies.sort_by(f64::total_cmp);
    println!(
        "FTS5 trigram candidates (top 50 by rank, then Levenshtein): p50 {:.2} ms, p95 {:.2} ms; top-1 equal to the exact one in {agree}/{} ({:.1} %)",
        percentile(&latencies, 50.0),
        percentile(&latencies, 95.0),
        latencies.len(),
        100.0 * agree as f64 / latencies.len().max(1) as f64
    );
}

fn main() {
    // `cargo test --all-targets` runs this too (without `--bench`): then only a smoke run.
    let benchmarking = std::env::args().any(|arg| arg == "--bench");
    let (sizes, queries, brute) = if benchmarking { ("100000,1000000", "500", "500") } else { ("2000", "20", "20") };
    let sizes = env_list("TM_BENCH_SIZES", sizes);
    let query_count = env_list("TM_BENCH_QUERIES", queries)[0];
    let brute_count = env_list("TM_BENCH_BRUTE", brute)[0];
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/tm-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let tm = env!("CARGO_BIN_EXE_tm");
    for size in sizes {
        println!("== {size} units ==");
        let tmx_path = dir.join(format!("press-v{}-{size}.tmx", synth::VERSION));
        press_tmx::generate(&tmx_path, size, SEED);
        let db = dir.join(format!("press-{size}.sqlite"));
        if std::env::var_os("TM_BENCH_REUSE").is_some() && db.exists() {
            // Profiling runs: search the memory the last run imported.
            search_phase(size, &db, query_count, brute_count, &dir);
            continue;
        }
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        let started = Instant::now();
        let output = Command::new(tm)
            .args(["import", "--summary", "json", "--memory"])
            .arg(&db)
            .arg(&tmx_path)
            .output()
            .unwrap();
        let import_secs = started.elapsed().as_secs_f64();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let db_bytes = file_size(&db) + file_size(&db.with_extension("sqlite-wal"));
        let tmx_bytes = file_size(&tmx_path);
        println!(
            "import: {import_secs:.1} s, peak RSS {:.0} MB, counts {}, TMX {:.0} MB, database {:.0} MB ({:.2}× the TMX)",
            report["peak_rss_kb"].as_f64().unwrap_or(f64::NAN) / 1024.0,
            report["counts"],
            tmx_bytes as f64 / 1e6,
            db_bytes as f64 / 1e6,
            db_bytes as f64 / tmx_bytes as f64
        );

        let (p50, queries_file) = search_phase(size, &db, query_count, brute_count, &dir);

        if let Some(python) = std::env::var("TM_BENCH_TMDB_PYTHON").ok().filter(|_| benchmarking) {
            let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/bench_tmdb.py");
            let peer_queries = env_list("TM_BENCH_TMDB_QUERIES", &query_count.to_string())[0];
            let output = Command::new(python)
                .arg(script)
                .arg(&tmx_path)
                .arg(&queries_file)
                .arg(dir.join(format!("tmdb-{size}.sqlite")))
                .arg(peer_queries.to_string())
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&output.stdout);
            match serde_json::from_str::<serde_json::Value>(text.trim()) {
                Ok(peer) => {
                    println!(
                        "translate-toolkit tmdb {}: import {:.1} s, peak RSS {:.0} MB; {} queries p50 {:.1} ms, p95 {:.1} ms",
                        peer["version"].as_str().unwrap_or("?"),
                        peer["import_s"].as_f64().unwrap_or(f64::NAN),
                        peer["peak_rss_mb"].as_f64().unwrap_or(f64::NAN),
                        peer["queries"],
                        peer["p50_ms"].as_f64().unwrap_or(f64::NAN),
                        peer["p95_ms"].as_f64().unwrap_or(f64::NAN),
                    );
                    println!(
                        "ratios (tmdb / tm): import {:.1}×, peak RSS {:.1}×, p50 {:.0}×",
                        peer["import_s"].as_f64().unwrap_or(f64::NAN) / import_secs,
                        peer["peak_rss_mb"].as_f64().unwrap_or(f64::NAN)
                            / (report["peak_rss_kb"].as_f64().unwrap_or(f64::NAN) / 1024.0),
                        peer["p50_ms"].as_f64().unwrap_or(f64::NAN) / p50
                    );
                }
                Err(_) => eprintln!("tmdb run failed: {}{}", text, String::from_utf8_lossy(&output.stderr)),
            }
        }
    }
}
