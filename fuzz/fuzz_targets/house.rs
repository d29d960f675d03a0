//! The house glossary, parsed once per fuzzing process (shared by the check targets).

use std::sync::OnceLock;

use tm::glossary::{Format, Glossary, Matcher, ReadOptions};

pub fn house() -> &'static (Glossary, Matcher) {
    static HOUSE: OnceLock<(Glossary, Matcher)> = OnceLock::new();
    HOUSE.get_or_init(|| {
        let text = include_str!("../../glossaries/house.tsv");
        let glossary = Glossary::parse(text, "house.tsv", Format::Tsv, ReadOptions::default()).unwrap().glossary;
        let matcher = Matcher::new(&glossary);
        (glossary, matcher)
    })
}
