//! Runs the hand-written segmentation cases in `tests/segment/{ru,en}.txt`: every case must
//! pass. The file format is described at the top of each file.

#![allow(clippy::unwrap_used)] // a test that cannot set up should panic

use tm::segment::{Lang, SegmentOptions, Segmenter};

struct Case {
    line: usize,
    text: String,
    expected: Vec<String>,
}

fn cases(source: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    for (index, line) in source.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut text = String::new();
        let mut expected = Vec::new();
        let mut rest = line;
        loop {
            let next = [(" ‖ ", " "), (" ¶ ", "\n"), ("‖", "")]
                .into_iter()
                .filter_map(|(separator, join)| rest.find(separator).map(|at| (at, separator, join)))
                .min_by_key(|&(at, _, _)| at);
            let Some((at, separator, join)) = next else {
                text.push_str(rest);
                expected.push(rest.to_owned());
                break;
            };
            text.push_str(&rest[..at]);
            text.push_str(join);
            expected.push(rest[..at].to_owned());
            rest = &rest[at + separator.len()..];
        }
        let expected = expected.iter().map(|sentence| sentence.trim_matches(tm::text::is_blank).to_owned()).collect();
        cases.push(Case { line: index + 1, text, expected });
    }
    cases
}

fn run(lang: Lang, file: &str, source: &str, minimum: usize) {
    let segmenter = Segmenter::new(lang, &SegmentOptions::default()).unwrap();
    let cases = cases(source);
    assert!(cases.len() >= minimum, "{file}: only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let got: Vec<&str> = segmenter.sentences(&case.text).iter().map(|sentence| sentence.text).collect();
        if got != case.expected {
            failures.push(format!("{file}:{}\n  expected: {:?}\n  got:      {:?}", case.line, case.expected, got));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases fail:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn russian_cases() {
    run(Lang::Ru, "tests/segment/ru.txt", include_str!("segment/ru.txt"), 300);
}

#[test]
fn english_cases() {
    run(Lang::En, "tests/segment/en.txt", include_str!("segment/en.txt"), 200);
}
