//! `tm lsp` under a replay of edits, as an editor would send them: a 5 KB release (the example
//! pair twice over) against a generated 5,000-concept glossary beside the house glossary. Each
//! edit toggles one word of the draft (Lion ↔ Lyon) and waits for the diagnostics; the
//! time from the edit to the diagnostics is the server's debounce (150 ms) plus the check.
//! Prints p50 and p95 of both, and the server's resident memory at the start and after every
//! quarter of the edits (from /proc).
//!
//! `cargo bench --bench lsp` (edits: `TM_BENCH_EDITS=2000`). Under `cargo test` it is a smoke
//! run (20 edits, a 50-concept glossary).
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::Instant;

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
        "tm lsp: draft {} bytes, source {} bytes, glossary {concepts} concepts + the house glossary; {first} diagnostics",
        draft.len(),
        source.len()
    );
    let fixed = draft.replacen(" Lion.", " Lyon.", 1);
    let mut latencies = Vec::with_capacity(edits);
    let mut rss = vec![(0, start_rss)];
    for edit in 0..edits {
        let text = if edit % 2 == 0 { &fixed } else { &draft };
        let sent = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": edit + 2 }, "contentChanges": [{ "text": text }] }),
        );
        client.diagnostics(&uri);
        latencies.push(sent.elapsed().as_secs_f64() * 1000.0);
        if (edit + 1) % (edits / 4).max(1) == 0 {
            rss.push((edit + 1, rss_mb(pid)));
        }
    }
    latencies.sort_by(f64::total_cmp);
    let checks: Vec<f64> = latencies.iter().map(|l| l - DEBOUNCE_MS).collect();
    println!(
        "{edits} edits: edit → diagnostics p50 {:.1} ms, p95 {:.1} ms; of which the check (less the {DEBOUNCE_MS:.0} ms debounce) p50 {:.1} ms, p95 {:.1} ms",
        percentile(&latencies, 50.0),
        percentile(&latencies, 95.0),
        percentile(&checks, 50.0),
        percentile(&checks, 95.0)
    );
    println!(
        "server resident memory (MB) after N edits: {}",
        rss.iter().map(|(n, mb)| format!("{n}: {mb:.1}")).collect::<Vec<_>>().join(", ")
    );
    client.request("shutdown", serde_json::Value::Null);
    client.notify("exit", serde_json::Value::Null);
    assert!(client.child.wait().unwrap().success());
}
