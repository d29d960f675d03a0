//! The PostgreSQL memory beside the SQLite one, in one run on the memory bench's corpus:
//! - import of the same TMX through `tm import` into each (seconds, the client's peak RSS);
//! - fuzzy search (min 75, top 5) p50 and p95 on each, and the ratio;
//! - top-1 of the PostgreSQL search against brute force over the same units;
//! - pg_trgm on the same `unit` table (a GIN index on `source`, `%` with a length window, the 50
//!   most similar rows verified with our scoring): p50, p95, agreement with brute force;
//! - `tm serve` on PostgreSQL with 8 concurrent clients: one server, then two server processes
//!   over the one database (4 clients each), beside one server on the SQLite file.
//!
//! `cargo bench --bench postgres` (units: `TM_BENCH_UNITS=1000000`; queries:
//! `TM_BENCH_QUERIES=500`; seconds per serve level: `TM_BENCH_SECONDS=10`; `TM_BENCH_TRGM=0`
//! and `TM_BENCH_SERVE=0` leave out the pg_trgm peer, which takes seconds per query at 1 M
//! units, and the server load). Starts its own
//! throwaway cluster (`scripts/postgres-dev.sh`: fsync off, default shared_buffers) unless
//! `TM_TEST_POSTGRES` names a server. Under `cargo test` it is a smoke run (2,000 units).
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

#[path = "../tests/support/backends.rs"]
mod backends;
#[path = "support/brute.rs"]
mod brute;
#[path = "support/load.rs"]
mod load;
#[path = "../tests/support/press_tmx.rs"]
mod press_tmx;
#[path = "../tests/support/synth.rs"]
mod synth;
#[path = "../tests/support/weblate.rs"]
mod weblate;

use tm::memory::matching::{Pattern, matching_form, max_distance, score, skeleton};
use tm::memory::{SearchOptions, Searcher, Store};
use tm::project::Access;

const SEED: u64 = 2026;

/// A query's best match: `(score, unit id)`, if any reaches the minimum.
type Top = Option<(u8, i64)>;
/// pg_trgm's similarity threshold for `%`, and how far the candidate's length may differ from
/// the query's (a 75 % match cannot differ by more than a quarter of the longer text).
const TRGM_THRESHOLD: f64 = 0.5;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((p / 100.0) * (sorted.len() - 1) as f64).round() as usize]
}

/// `tm import` of the TMX into `memory`: seconds, and the client's peak RSS in MB (GNU time).
fn import(memory: &str, tmx: &Path) -> (f64, Option<f64>) {
    let gnu_time = Path::new("/usr/bin/time").exists();
    let mut command = if gnu_time {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "%M"]).arg(env!("CARGO_BIN_EXE_tm"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_tm"))
    };
    let started = Instant::now();
    let output = command
        .args(["import", "--memory", memory])
        .arg(tmx)
        .env_remove("TM_MEMORY")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let seconds = started.elapsed().as_secs_f64();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let rss = gnu_time
        .then(|| String::from_utf8_lossy(&output.stderr).lines().last().and_then(|l| l.trim().parse::<f64>().ok()))
        .flatten()
        .map(|kb| kb / 1024.0);
    (seconds, rss)
}

/// Each query once after one warm-up, with the search's defaults as the memory bench runs
/// it: sorted latencies (ms) and each query's top-1 `(score, id)`.
fn search(memory: &dyn Store, queries: &[String]) -> (Vec<f64>, Vec<Top>) {
    let mut searcher = Searcher::new(memory, "ru", "en").unwrap();
    let options = SearchOptions { min: 75, limit: 5 };
    let _ = searcher.search(&queries[0], &options).unwrap();
    let mut latencies = Vec::new();
    let mut top = Vec::new();
    for query in queries {
        let started = Instant::now();
        let found = searcher.search(query, &options).unwrap();
        latencies.push(started.elapsed().as_secs_f64() * 1000.0);
        top.push(found.first().map(|m| (m.score, m.id)));
    }
    latencies.sort_by(f64::total_cmp);
    (latencies, top)
}

fn ms(sorted: &[f64]) -> String {
    format!("p50 {:.2} ms, p95 {:.2} ms", percentile(sorted, 50.0), percentile(sorted, 95.0))
}

/// pg_trgm as the candidate source: builds the GIN index (timed), then per query the 50 rows
/// most similar by trigrams within the length window, each scored with our Levenshtein score.
/// Sorted latencies and each query's top-1 `(score, id)`.
fn pg_trgm(url: &str, queries: &[String]) -> (f64, Vec<f64>, Vec<Top>) {
    let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
    client.batch_execute("CREATE EXTENSION IF NOT EXISTS pg_trgm").unwrap();
    let started = Instant::now();
    client
        .batch_execute(
            "CREATE INDEX IF NOT EXISTS unit_source_trgm ON unit USING gin (source gin_trgm_ops); ANALYZE unit",
        )
        .unwrap();
    let build = started.elapsed().as_secs_f64();
    client.batch_execute(&format!("SET pg_trgm.similarity_threshold = {TRGM_THRESHOLD}")).unwrap();
    let statement = client
        .prepare(
            "SELECT id, source FROM unit WHERE source % $1 AND char_length(source) BETWEEN $2 AND $3 \
             ORDER BY similarity(source, $1) DESC LIMIT 50",
        )
        .unwrap();
    let mut latencies = Vec::new();
    let mut top = Vec::new();
    for query in queries {
        let started = Instant::now();
        let length = query.chars().count() as i32;
        let rows = client.query(&statement, &[query, &(length * 3 / 4), &(length * 4 / 3 + 1)]).unwrap();
        let form = matching_form(query);
        let chars: Vec<char> = form.chars().collect();
        let (pattern, skel, n) = (Pattern::new(&chars), skeleton(&form), chars.len());
        let mut best: Option<(u8, i64)> = None;
        for row in rows {
            let (id, source): (i64, String) = (row.get(0), row.get(1));
            let candidate: Vec<char> = matching_form(&source).chars().collect();
            let m = candidate.len();
            let same = !skel.is_empty() && skeleton(&matching_form(&source)) == skel;
            let limit = if same { n.max(m) } else { max_distance(n.max(m), 75) };
            if let Some(d) = pattern.distance_within(&candidate, limit) {
                let s = score(n, m, d, same);
                if s >= 75 && best.is_none_or(|b| s > b.0 || (s == b.0 && id > b.1)) {
                    best = Some((s, id));
                }
            }
        }
        latencies.push(started.elapsed().as_secs_f64() * 1000.0);
        top.push(best);
    }
    latencies.sort_by(f64::total_cmp);
    (build, latencies, top)
}

fn main() {
    let benchmarking = std::env::args().any(|arg| arg == "--bench");
    let units = env_number("TM_BENCH_UNITS", if benchmarking { 1_000_000 } else { 2_000 });
    let query_count = env_number("TM_BENCH_QUERIES", if benchmarking { 500 } else { 20 });
    let seconds = env_number("TM_BENCH_SECONDS", if benchmarking { 10 } else { 1 }) as f64;
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/tm-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let tmx = dir.join(format!("press-v{}-{units}.tmx", synth::VERSION));
    press_tmx::generate(&tmx, units, SEED);

    let sqlite = dir.join(format!("postgres-bench-{units}.sqlite"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", sqlite.display()));
    }
    let sqlite = sqlite.display().to_string();
    let postgres = backends::fresh_database("bench");

    println!("{units} units from {}", tmx.display());
    let (sqlite_import, sqlite_rss) = import(&sqlite, &tmx);
    let (pg_import, pg_rss) = import(&postgres, &tmx);
    let mb = |rss: Option<f64>| rss.map_or_else(|| "?".to_owned(), |r| format!("{r:.0} MB"));
    println!(
        "import: SQLite {sqlite_import:.1} s (client RSS {}); PostgreSQL {pg_import:.1} s (client RSS {}); ratio {:.2}",
        mb(sqlite_rss),
        mb(pg_rss),
        pg_import / sqlite_import
    );

    // Queries: stored sentences lightly edited, as the memory bench asks them.
    let mut rng = synth::Rng::new(SEED + units as u64);
    let queries: Vec<String> =
        (0..query_count).map(|_| synth::edit(&synth::pair(SEED, rng.below(units) as u64).ru, &mut rng)).collect();
    let sqlite_memory = backends::open(&sqlite, Access::Read);
    let pg_memory = backends::open(&postgres, Access::Read);
    let (sqlite_latencies, sqlite_top) = search(&*sqlite_memory, &queries);
    let (pg_latencies, pg_top) = search(&*pg_memory, &queries);
    println!("search (min 75, top 5), {} queries", queries.len());
    println!("  SQLite      {}", ms(&sqlite_latencies));
    println!("  PostgreSQL  {}", ms(&pg_latencies));
    println!(
        "  ratio PostgreSQL / SQLite: p50 {:.2}, p95 {:.2}",
        percentile(&pg_latencies, 50.0) / percentile(&sqlite_latencies, 50.0),
        percentile(&pg_latencies, 95.0) / percentile(&sqlite_latencies, 95.0)
    );

    // Brute force over the PostgreSQL memory's own units (its ids), with the search's scoring.
    let corpus = brute::Corpus::load(&*pg_memory);
    let started = Instant::now();
    let exact: Vec<Option<(u8, i64)>> = queries.iter().map(|q| corpus.top1(q, 75)).collect();
    let brute_ms = started.elapsed().as_secs_f64() * 1000.0 / queries.len() as f64;
    drop(corpus);
    let agree = |top: &[Option<(u8, i64)>]| top.iter().zip(&exact).filter(|(a, b)| a == b).count();
    for (query, (ours, reference)) in queries.iter().zip(pg_top.iter().zip(&exact)) {
        if ours != reference {
            eprintln!("PostgreSQL disagrees on {query:?}: brute {reference:?}, index {ours:?}");
        }
    }
    println!(
        "  PostgreSQL top-1 (score and unit) equal to brute force: {}/{} (brute force {brute_ms:.0} ms per query)",
        agree(&pg_top),
        queries.len()
    );
    let scores_agree = sqlite_top.iter().zip(&pg_top).filter(|(a, b)| a.map(|m| m.0) == b.map(|m| m.0)).count();
    println!("  SQLite and PostgreSQL top-1 scores equal: {scores_agree}/{}", queries.len());

    let phase = |name: &str| std::env::var(name).ok().as_deref() != Some("0");
    if phase("TM_BENCH_TRGM") {
        let (build, trgm_latencies, trgm_top) = pg_trgm(&postgres, &queries);
        println!(
            "pg_trgm (GIN on unit.source, % at {TRGM_THRESHOLD} with a length window, 50 candidates verified): index built in {build:.1} s; {}; top-1 equal to brute force {}/{}; p50 ratio pg_trgm / tm on PostgreSQL {:.1}",
            ms(&trgm_latencies),
            agree(&trgm_top),
            queries.len(),
            percentile(&trgm_latencies, 50.0) / percentile(&pg_latencies, 50.0)
        );
    }
    drop(pg_memory);
    drop(sqlite_memory);

    if !phase("TM_BENCH_SERVE") {
        return;
    }
    // tm serve: 8 clients on one server, then on two servers over the one database.
    let quoted: Vec<String> = queries.iter().map(|q| weblate::quote(q)).collect();
    let project = backends::scratch("serve-bench");
    std::fs::create_dir_all(project.join("glossaries")).unwrap();
    println!("tm serve, GET /tmserver/ru/en_gb/unit/…, 8 clients, {seconds} s");
    for (name, memory, servers) in [
        ("SQLite, one server", &sqlite, 1),
        ("PostgreSQL, one server", &postgres, 1),
        ("PostgreSQL, two servers", &postgres, 2),
    ] {
        let started: Vec<_> = (0..servers).map(|_| load::start(&project, memory)).collect();
        for (_, base) in &started {
            let _ = load::load(base, &quoted, 2, seconds.min(1.0));
        }
        let results: Vec<(Vec<f64>, f64)> = std::thread::scope(|scope| {
            let runs: Vec<_> = started
                .iter()
                .map(|(_, base)| {
                    let quoted = &quoted;
                    scope.spawn(move || load::load(base, quoted, 8 / servers, seconds))
                })
                .collect();
            runs.into_iter().map(|run| run.join().unwrap()).collect()
        });
        let mut latencies: Vec<f64> = results.iter().flat_map(|(l, _)| l.iter().copied()).collect();
        latencies.sort_by(f64::total_cmp);
        let rate: f64 = results.iter().map(|(_, r)| r).sum();
        println!("  {name:<24} {:>7} requests, {}, {rate:.0} requests/s", latencies.len(), ms(&latencies));
    }
}
