//! The review of `tm check` on NTREX (real published news, `../shared/data`, which CI has):
//! every error and warning must have a verdict in `tests/fixtures/ntrex/review.tsv`, every
//! finding reviewed as true must still be raised, and the findings reviewed as false or
//! debatable must stay at or under 1.5 per 100 source sentences. A new finding is reviewed,
//! not waved through: `cargo bench --bench precision` prints the rows to fill in.
#![allow(clippy::unwrap_used, clippy::print_stderr)]

#[path = "common/review.rs"]
mod review;

use std::path::Path;

#[test]
fn every_error_and_warning_on_ntrex_has_a_verdict_and_true_ones_stay() {
    let tm = Path::new(env!("CARGO_BIN_EXE_tm"));
    let cache = std::env::temp_dir().join(format!("tm-ntrex-review-{}", std::process::id()));
    let (findings, sentences) = review::ntrex(tm, &cache);
    let _ = std::fs::remove_dir_all(&cache);
    let comparison = review::compare(&findings, &review::review());
    eprintln!("{}", review::table(&comparison, sentences));
    let unreviewed: Vec<String> = comparison.unreviewed.iter().map(review::review_row).collect();
    assert!(
        unreviewed.is_empty(),
        "{} errors and warnings on NTREX have no verdict in tests/fixtures/ntrex/review.tsv; review each and add its row:\n{}",
        unreviewed.len(),
        unreviewed.join("\n")
    );
    let lost: Vec<String> = comparison.lost.iter().map(ToString::to_string).collect();
    assert!(lost.is_empty(), "findings reviewed as true are no longer raised:\n{}", lost.join("\n"));
    let wrong = comparison.questionable();
    let per100 = 100.0 * wrong as f64 / sentences as f64;
    assert!(per100 <= 1.5, "{wrong} false or debatable findings = {per100:.2} per 100 source sentences (target ≤ 1.5)");
}

/// Name slips planted in NTREX that no rule reports today (see `review::run_name_slips`):
/// words the Russian does not carry as a name (Insta, Global, Bellator) or renders otherwise.
const KNOWN_SLIP_MISSES: [&str; 10] = [
    "cnn.304478-end",
    "cnn.304478-middle",
    "dailymail.co.uk.298602-end",
    "dailymail.co.uk.298602-middle",
    "independent.226346-end",
    "independent.226346-middle",
    "newsweek.51318-end",
    "newsweek.51318-middle",
    "scotsman.133791-end",
    "scotsman.133791-middle",
];

#[test]
fn name_slips_planted_in_ntrex_are_reported() {
    let tm = Path::new(env!("CARGO_BIN_EXE_tm"));
    let work = std::env::temp_dir().join(format!("tm-ntrex-slips-{}", std::process::id()));
    let result = review::run_name_slips(tm, &work);
    let _ = std::fs::remove_dir_all(&work);
    eprintln!("planted {}, by TM107 {}, by any {}", result.planted, result.by_tm107, result.by_any);
    assert_eq!(result.planted, 229);
    let missed: Vec<&str> = result.missed.iter().map(|m| m.split(':').next().unwrap()).collect();
    assert_eq!(missed, KNOWN_SLIP_MISSES, "missed slips changed:\n{}", result.missed.join("\n"));
}

/// Additions planted in NTREX that `tm check` misses today (see `review::run_sentence_plants`).
const KNOWN_ADDITION_MISSES: [&str; 1] = [
    // The added sentence's name (Davis) and figures (13, 18) are paired with a Russian
    // sentence that has them too.
    "bbc.381746-add",
];

#[test]
fn sentences_taken_out_of_or_put_into_ntrex_are_reported() {
    let tm = Path::new(env!("CARGO_BIN_EXE_tm"));
    let work = std::env::temp_dir().join(format!("tm-ntrex-sentences-{}", std::process::id()));
    let (clean, _) = review::ntrex(tm, &work.join("cache"));
    let result = review::run_sentence_plants(tm, &work.join("plants"), &clean);
    let _ = std::fs::remove_dir_all(&work);
    eprintln!("{result:?}");
    assert_eq!((result.omitted, result.added), (121, 110));
    let missed: Vec<&str> = result.missed.iter().map(|m| m.split(':').next().unwrap()).collect();
    assert_eq!(missed, KNOWN_ADDITION_MISSES, "missed plants changed:\n{}", result.missed.join("\n"));
}
