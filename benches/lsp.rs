//! `tm lsp` under a replay of edits, as an editor would send them: a 5 KB release (the example
//! pair twice over) against a generated 5,000-concept glossary beside the house glossary, with
//! the example memory imported. Each edit toggles one word of the draft (Lion ↔ Lyon).
//!
//! * Edits after a pause (`TM_BENCH_PAUSE_MS`, 200 ms: longer than the server's debounce, as
//!   when a translator stops typing): the time from the edit to its diagnostics, which the
//!   server checks at once.
//! * Bursts of five keystrokes 40 ms apart (one burst per ten edits): the time from the last
//!   keystroke to the last diagnostics, the debounce (150 ms) plus the check.
//! * The server's resident memory at the start and after every quarter of the run (from /proc).
//!
//! `cargo bench --bench lsp` (edits: `TM_BENCH_EDITS=2000`; or for a while:
//! `TM_BENCH_SECONDS=3600`, the soak). Under `cargo test` it is a smoke run (20 edits, a
//! 50-concept glossary).
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::{Duration, Instant};

#[path = "../tests/support/backends.rs"]
mod backends;
#[path = "support/glossary.rs"]
mod generated;
#[path = "../tests/support/lsp_client.rs"]
mod lsp_client;

use serde_json::json;

/// The server's debounce (tm-lsp's `DEBOUNCE`).
const DEBOUNCE_MS: f64 = 150.0;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((p / 100.0) * (sorted.len() - 1) as f64).round() as usize]
}

/// Resident memory of a process in MB.
fn rss_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn main() {
    let benchmarking = std::env::args().any(|arg| arg == "--bench");
    let edits: usize = std::env::var("TM_BENCH_EDITS").ok().and_then(|v| v.parse().ok()).unwrap_or(if benchmarking {
        2_000
    } else {
        20
    });
    let concepts = if benchmarking { 5_000 } else { 50 };
    let dir = backends::scratch("lsp-bench");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir.join("glossaries")).unwrap();
    std::fs::copy(root.join("glossaries/house.tsv"), dir.join("glossaries/house.tsv")).unwrap();
    std::fs::write(dir.join("glossaries/generated.tsv"), generated::glossary(concepts)).unwrap();
    let source = std::fs::read_to_string(root.join("examples/ncb-conference.ru.txt")).unwrap().repeat(2);
    let draft = std::fs::read_to_string(root.join("examples/ncb-conference.en.txt")).unwrap().repeat(2);
    std::fs::write(dir.join("release.ru.txt"), &source).unwrap();
    std::fs::write(dir.join("release.en.txt"), &draft).unwrap();
    let uri = format!("file://{}", dir.join("release.en.txt").display());
    let imported = std::process::Command::new(env!("CARGO_BIN_EXE_tm"))
        .arg("import")
        .arg(root.join("examples/press-memory.tmx"))
        .current_dir(&dir)
        .env_remove("TM_MEMORY")
        .output()
        .unwrap();
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));

    let mut client = lsp_client::Client::start(&dir);
    let pid = client.child.id();
    client.request("initialize", json!({ "processId": null, "capabilities": {} }));
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": draft } }),
    );
    let first = client.diagnostics(&uri).len();
    let start_rss = rss_mb(pid);
    println!(
        "tm lsp: draft {} bytes, source {} bytes, glossary {concepts} concepts + the house glossary, the example memory; {first} diagnostics",
        draft.len(),
        source.len()
    );
    let fixed = draft.replacen(" Lion.", " Lyon.", 1);
    let seconds: Option<u64> = std::env::var("TM_BENCH_SECONDS").ok().and_then(|v| v.parse().ok());
    let pause =
        Duration::from_millis(std::env::var("TM_BENCH_PAUSE_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(200));
    let started = Instant::now();
    // Whether the run is over, and which quarter of it `done` edits (or the time) has reached.
    let quarter = |done: usize| -> usize {
        match seconds {
            Some(s) => (started.elapsed().as_secs_f64() * 4.0 / s as f64) as usize,
            None => done * 4 / edits.max(1),
        }
    };
    let over = |done: usize| match seconds {
        Some(s) => started.elapsed().as_secs() >= s,
        None => done >= edits,
    };
    let mut version = 2;
    let mut change = |client: &mut lsp_client::Client, text: &str| {
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
        version += 1;
    };
    let mut latencies = Vec::new();
    let mut bursts = Vec::new();
    let mut rss = vec![(0, start_rss)];
    let mut done = 0;
    while !over(done) {
        std::thread::sleep(pause);
        let text = if done % 2 == 0 { &fixed } else { &draft };
        let sent = Instant::now();
        change(&mut client, text);
        client.diagnostics(&uri);
        latencies.push(sent.elapsed().as_secs_f64() * 1000.0);
        done += 1;
        if done % 10 == 0 {
            // A burst: five keystrokes, the last one back to where the paused edits are.
            std::thread::sleep(pause);
            for key in 0..5 {
                change(&mut client, if (done + key) % 2 == 0 { &draft } else { &fixed });
                std::thread::sleep(Duration::from_millis(40));
            }
            let last = Instant::now();
            change(&mut client, if done % 2 == 0 { &fixed } else { &draft });
            let mut arrived = None;
            while client.diagnostics_within(&uri, Duration::from_millis(400)).is_some() {
                arrived = Some(last.elapsed());
            }
            bursts.push(arrived.map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0));
        }
        if quarter(done) + 1 > rss.len() {
            rss.push((done, rss_mb(pid)));
        }
    }
    if rss.last().is_none_or(|&(n, _)| n != done) {
        rss.push((done, rss_mb(pid)));
    }
    latencies.sort_by(f64::total_cmp);
    bursts.sort_by(f64::total_cmp);
    println!(
        "{done} edits after a {} ms pause: edit → diagnostics p50 {:.1} ms, p95 {:.1} ms",
        pause.as_millis(),
        percentile(&latencies, 50.0),
        percentile(&latencies, 95.0),
    );
    println!(
        "{} bursts of 6 keystrokes 40 ms apart: last keystroke → diagnostics p50 {:.1} ms, p95 {:.1} ms (the {DEBOUNCE_MS:.0} ms debounce included)",
        bursts.len(),
        percentile(&bursts, 50.0),
        percentile(&bursts, 95.0),
    );
    println!(
        "server resident memory (MB) after N edits ({:.0} s in all): {}",
        started.elapsed().as_secs_f64(),
        rss.iter().map(|(n, mb)| format!("{n}: {mb:.1}")).collect::<Vec<_>>().join(", ")
    );
    client.request("shutdown", serde_json::Value::Null);
    client.notify("exit", serde_json::Value::Null);
    assert!(client.child.wait().unwrap().success());
}
