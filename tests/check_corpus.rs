//! The bilingual check corpus (`tests/fixtures/check/cases.tsv`): every case's findings must be
//! exactly the expected ones. Prints precision and recall per rule (run with `--nocapture`).

#![allow(clippy::unwrap_used, clippy::print_stdout)] // a test that cannot set up should panic; the figures are printed

use std::collections::BTreeMap;
use std::path::Path;

use tm::check::{Checker, Document, check};
use tm::glossary::{Glossary, Matcher, ReadOptions};
use tm::segment::{Lang, SegmentOptions, Segmenter};

#[test]
fn corpus_cases_find_exactly_what_is_expected() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let glossary = Glossary::read(&root.join("glossaries/house.tsv"), ReadOptions::default()).unwrap().glossary;
    let matcher = Matcher::new(&glossary);
    let english = Segmenter::new(Lang::En, &SegmentOptions::default()).unwrap();
    let russian = Segmenter::new(Lang::Ru, &SegmentOptions::default()).unwrap();
    let lexicon = tm::check::lexicon_of(&glossary);
    let checker = Checker {
        glossary: &glossary,
        matcher: &matcher,
        memory: None,
        english: &english,
        russian: &russian,
        lexicon: Some(&lexicon),
    };
    let text = std::fs::read_to_string(root.join("tests/fixtures/check/cases.tsv")).unwrap();
    // rule → (true positives, false positives, false negatives)
    let mut scores: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut cases = 0;
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split('\t').collect();
        let [id, expected, ru, en] = cells[..] else { panic!("bad case line: {line}") };
        cases += 1;
        let unescape = |s: &str| s.replace("\\n", "\n");
        let draft = Document::plain("draft.en.txt", &unescape(en));
        let source = (!ru.is_empty()).then(|| Document::plain("source.ru.txt", &unescape(ru)));
        let findings = check(&checker, &draft, source.as_ref()).unwrap();
        let mut wanted: Vec<(String, String)> = if expected == "-" {
            Vec::new()
        } else {
            expected
                .split(" ; ")
                .map(|e| {
                    let (code, found) = e.split_once(':').unwrap();
                    (code.to_owned(), found.to_owned())
                })
                .collect()
        };
        let got: Vec<(String, String)> = findings.iter().map(|f| (f.code.to_owned(), f.found.clone())).collect();
        for item in &got {
            // Long found texts are shortened with an ellipsis.
            let same = |w: &(String, String)| {
                w.0 == item.0 && (w.1 == item.1 || item.1.strip_suffix('…').is_some_and(|cut| w.1.starts_with(cut)))
            };
            if let Some(i) = wanted.iter().position(same) {
                wanted.remove(i);
                scores.entry(item.0.clone()).or_default().0 += 1;
            } else {
                scores.entry(item.0.clone()).or_default().1 += 1;
                failures.push(format!("{id}: unexpected {}:{}", item.0, item.1));
            }
        }
        for item in wanted {
            scores.entry(item.0.clone()).or_default().2 += 1;
            failures.push(format!("{id}: missed {}:{} (got {got:?})", item.0, item.1));
        }
    }
    println!("{cases} cases");
    println!("rule   tp fp fn precision recall");
    for (rule, (tp, fp, fn_)) in &scores {
        let precision = *tp as f64 / (*tp + *fp).max(1) as f64;
        let recall = *tp as f64 / (*tp + *fn_).max(1) as f64;
        println!("{rule} {tp:>3} {fp:>2} {fn_:>2} {precision:.3} {recall:.3}");
    }
    assert!(cases >= 60, "only {cases} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
