//! The precision harness: how often `tm check` is right on text we did not write, and how much
//! of what it should catch it catches.
//!
//! `cargo bench --bench precision` prints two tables:
//! - NTREX (`../shared/data/ntrex128_ru_en/docs`, real published news; Russian as the source,
//!   English as the draft): per rule and severity, the findings and the findings per 100 source
//!   sentences, with the verdicts of the review kept in `tests/fixtures/ntrex/review.tsv`
//!   (true, false, debatable, unreviewed). New errors and warnings are listed as review rows
//!   to fill in.
//! - The dev set (`tests/fixtures/devset/`): recall of planted errors per kind, and the false
//!   alarms on the clean releases and their traps.
//!
//! - NTREX with name slips planted (see `review::run_name_slips`): how many a reviewer is
//!   shown, by rendering-inconsistent (TM107) and by any rule.
//! - NTREX with a sentence taken out or put in (see `review::run_sentence_plants`): how
//!   many omissions and additions are reported.
//!
//! It measures accuracy, not speed: the check benches time the same code.
#![allow(clippy::print_stdout, clippy::unwrap_used)]

#[path = "../tests/common/review.rs"]
mod review;

use std::path::Path;

fn main() {
    let tm = Path::new(env!("CARGO_BIN_EXE_tm"));
    let scratch = std::env::temp_dir().join(format!("tm-precision-{}", std::process::id()));
    let (findings, sentences) = review::ntrex(tm, &scratch.join("cache"));
    let comparison = review::compare(&findings, &review::review());
    let documents = std::fs::read_dir(review::ntrex_docs()).map_or(0, Iterator::count);
    println!("NTREX: {documents} documents, {sentences} Russian sentences (tm's segmentation)");
    print!("{}", review::table(&comparison, sentences));
    if !comparison.unreviewed.is_empty() {
        println!("\nunreviewed errors and warnings (add a verdict to tests/fixtures/ntrex/review.tsv):");
        for finding in &comparison.unreviewed {
            println!("{}", review::review_row(finding));
        }
    }
    for key in &comparison.lost {
        println!("lost: a finding reviewed as true no longer appears: {key}");
    }
    let result = review::run_devset(tm, &scratch.join("devset"));
    println!("\ndev set: planted errors, one at a time");
    print!("{}", review::devset_table(&result));
    for missed in &result.missed {
        println!("missed: {missed}");
    }
    for alarm in &result.false_alarms {
        println!("false alarm: {alarm}");
    }
    let slips = review::run_name_slips(tm, &scratch.join("slips"));
    println!("\nNTREX with a name slip planted (last occurrence of a repeated name, two letters swapped)");
    println!(
        "planted {}; reported on its line by TM107 {}, by any error or warning {} ({:.3})",
        slips.planted,
        slips.by_tm107,
        slips.by_any,
        slips.by_any as f64 / slips.planted.max(1) as f64
    );
    for missed in &slips.missed {
        println!("missed: {missed}");
    }
    let plants = review::run_sentence_plants(tm, &scratch.join("sentences"), &findings);
    println!("\nNTREX with a sentence taken out, or one from another document put into a paragraph");
    println!(
        "omitted {}, reported as untranslated {} ({:.3}); added {}, reported as added {} ({:.3})",
        plants.omitted,
        plants.omissions_caught,
        plants.omissions_caught as f64 / plants.omitted.max(1) as f64,
        plants.added,
        plants.additions_caught,
        plants.additions_caught as f64 / plants.added.max(1) as f64
    );
    for missed in &plants.missed {
        println!("missed: {missed}");
    }
    let _ = std::fs::remove_dir_all(&scratch);
}
