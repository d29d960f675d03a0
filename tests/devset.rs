//! The planted-error dev set (`tests/fixtures/devset/`, releases written for tm): each planted
//! error is applied alone and checked. The plants `tm check` still misses and the false alarms
//! on the clean releases are listed here, so that a newly missed plant or a new false alarm
//! fails, and a fixed one is taken off the list. `cargo bench --bench precision` prints the
//! recall per kind.
#![allow(clippy::unwrap_used, clippy::print_stderr)]

#[path = "common/review.rs"]
mod review;

use std::path::Path;

/// `plants.tsv` lines of the plants missed today, and why.
const KNOWN_MISSES: [(usize, &str); 0] = [];

/// False alarms on the clean releases today.
const KNOWN_FALSE_ALARMS: [&str; 0] = [];

#[test]
fn planted_errors_are_caught_and_clean_releases_stay_quiet() {
    let tm = Path::new(env!("CARGO_BIN_EXE_tm"));
    let work = std::env::temp_dir().join(format!("tm-devset-{}", std::process::id()));
    let result = review::run_devset(tm, &work);
    let _ = std::fs::remove_dir_all(&work);
    eprintln!("{}", review::devset_table(&result));
    assert_eq!(result.releases, 22);
    let planted: usize = result.kinds.values().map(|(p, _)| p).sum();
    assert_eq!(planted, 84);
    let missed: Vec<usize> = result
        .missed
        .iter()
        .map(|m| m.trim_start_matches("plants.tsv:").split(' ').next().unwrap().parse().unwrap())
        .collect();
    let known: Vec<usize> = KNOWN_MISSES.iter().map(|(line, _)| *line).collect();
    assert_eq!(missed, known, "missed plants changed:\n{}", result.missed.join("\n"));
    let alarms: Vec<String> =
        result.false_alarms.iter().map(|a| a.split(' ').take(3).collect::<Vec<_>>().join(" ")).collect();
    assert_eq!(alarms, KNOWN_FALSE_ALARMS, "false alarms changed:\n{}", result.false_alarms.join("\n"));
}
