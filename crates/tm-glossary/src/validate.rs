//! `tm glossary validate`: the mistakes that make a glossary give wrong advice.

use std::collections::HashMap;

use super::{Glossary, Status};
use tm_text::Lang;
use tm_text::{NormalizeOptions, normalize};

/// One problem found in a glossary.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub concept: String,
    pub message: String,
}

/// Duplicate concepts, one rendering accepted for two concepts, a forbidden rendering that is
/// accepted elsewhere, and concepts with no accepted rendering in a language they have terms in.
#[must_use]
pub fn validate(glossary: &Glossary) -> Vec<Problem> {
    let mut problems = Vec::new();
    let key = |text: &str| normalize(text, NormalizeOptions { fold_case: true }).text;
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut accepted: HashMap<(Lang, String), usize> = HashMap::new();
    let mut russian: HashMap<String, usize> = HashMap::new();
    for (index, concept) in glossary.concepts.iter().enumerate() {
        let mut problem = |message: String| {
            problems.push(Problem {
                file: concept.origin.file.clone(),
                line: concept.origin.line,
                concept: concept.id.clone(),
                message,
            });
        };
        if let Some(&first) = ids.get(concept.id.as_str()) {
            problem(format!("duplicate concept id (also at line {})", glossary.concepts[first].origin.line));
        } else {
            ids.insert(&concept.id, index);
        }
        for term in concept.terms.iter().filter(|t| t.status.is_accepted()) {
            let k = (term.lang, key(&term.text));
            match accepted.get(&k) {
                Some(&other) if other != index && term.lang == Lang::En => problem(format!(
                    "the rendering `{}` is accepted for two concepts: here and `{}` (line {})",
                    term.text, glossary.concepts[other].id, glossary.concepts[other].origin.line
                )),
                Some(_) => {}
                None => {
                    accepted.insert(k, index);
                }
            }
            if term.lang == Lang::Ru {
                match russian.get(&key(&term.text)) {
                    Some(&other) if other != index => problem(format!(
                        "duplicate concept: the Russian term `{}` is also entry `{}` (line {})",
                        term.text, glossary.concepts[other].id, glossary.concepts[other].origin.line
                    )),
                    Some(_) => {}
                    None => {
                        russian.insert(key(&term.text), index);
                    }
                }
            }
        }
        for lang in [Lang::Ru, Lang::En] {
            if concept.terms_in(lang).next().is_some() && !concept.terms_in(lang).any(|t| t.status.is_accepted()) {
                problem(format!("no preferred or admitted {lang} term"));
            }
            if concept.terms_in(lang).filter(|t| t.status == Status::Preferred).count() == 0
                && concept.terms_in(lang).any(|t| t.status == Status::Admitted)
            {
                problem(format!("{lang} terms are admitted but none is preferred"));
            }
        }
    }
    // A forbidden variant differing from an accepted one only in case is a case rule, not a
    // contradiction.
    let cased = |text: &str| normalize(text, NormalizeOptions::default()).text;
    let accepted_cased: HashMap<(Lang, String), usize> = glossary
        .concepts
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            c.terms.iter().filter(|t| t.status.is_accepted()).map(move |t| ((t.lang, cased(&t.text)), i))
        })
        .collect();
    for concept in &glossary.concepts {
        for term in concept.terms.iter().filter(|t| !t.status.is_accepted()) {
            if let Some(&other) = accepted_cased.get(&(term.lang, cased(&term.text))) {
                problems.push(Problem {
                    file: concept.origin.file.clone(),
                    line: concept.origin.line,
                    concept: concept.id.clone(),
                    message: format!(
                        "`{}` is {} here but accepted for `{}` (line {})",
                        term.text,
                        term.status.as_str(),
                        glossary.concepts[other].id,
                        glossary.concepts[other].origin.line
                    ),
                });
            }
        }
    }
    problems
}
