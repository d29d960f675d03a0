//! Recall of Russian term forms (written out by hand in `tests/fixtures/glossary/forms.tsv`)
//! through the whole matcher, and zero matches on the trap sentences of `traps.txt` with the
//! shipped house glossary.

#![allow(clippy::unwrap_used, clippy::print_stdout)] // a test that cannot set up should panic; the figures are printed

use std::path::Path;

use tm::glossary::{Concept, Glossary, Hints, Matcher, Origin, ReadOptions, Status, Term};
use tm::segment::Lang;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/glossary").join(name)).unwrap()
}

#[test]
fn every_hand_written_form_is_found() {
    let mut glossary = Glossary::default();
    let mut expected: Vec<(usize, String)> = Vec::new();
    for line in fixture("forms.tsv").lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let mut cells = line.split('\t');
        let term_text = cells.next().unwrap();
        let forms = cells.next().unwrap_or_default();
        let mut term = Term::new(Lang::Ru, term_text, Status::Preferred);
        term.inflect = Hints::parse(cells.next().unwrap_or_default()).unwrap();
        let index = glossary.concepts.len();
        glossary.concepts.push(Concept {
            id: term_text.to_owned(),
            subject: None,
            note: None,
            terms: vec![term],
            examples: Vec::new(),
            origin: Origin::default(),
        });
        expected.push((index, term_text.to_owned()));
        expected.extend(forms.split('|').map(|f| (index, f.trim().to_owned())).filter(|(_, f)| !f.is_empty()));
    }
    let matcher = Matcher::new(&glossary);
    let mut missed = Vec::new();
    for (concept, form) in &expected {
        let text = format!("Сообщается, что {form} — и не только.");
        let found = matcher
            .find(&text, Lang::Ru)
            .iter()
            .any(|h| h.concept == *concept && &text[h.span.start..h.span.end] == form.as_str());
        if !found {
            missed.push(format!("{} → {form}", glossary.concepts[*concept].id));
        }
    }
    let terms = glossary.concepts.len();
    println!(
        "{terms} terms, {} forms, {} found, recall {:.4}",
        expected.len(),
        expected.len() - missed.len(),
        1.0 - missed.len() as f64 / expected.len() as f64
    );
    assert!(terms >= 100, "only {terms} terms");
    assert!(missed.is_empty(), "forms not found:\n{}", missed.join("\n"));
}

#[test]
fn no_trap_matches_the_house_glossary() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossaries/house.tsv");
    let glossary = Glossary::read(&path, ReadOptions::default()).unwrap().glossary;
    let matcher = Matcher::new(&glossary);
    let traps: Vec<String> = fixture("traps.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    let mut hit = Vec::new();
    for sentence in &traps {
        for h in matcher.find(sentence, Lang::Ru) {
            hit.push(format!(
                "{sentence} → {} ({})",
                &sentence[h.span.start..h.span.end],
                glossary.concepts[h.concept].id
            ));
        }
    }
    println!("{} trap sentences, {} matches", traps.len(), hit.len());
    assert!(traps.len() >= 60);
    assert!(hit.is_empty(), "traps matched:\n{}", hit.join("\n"));
}
