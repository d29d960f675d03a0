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
