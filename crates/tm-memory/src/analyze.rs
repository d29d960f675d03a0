//! `tm analyze`: how much of a new text the memory already covers, in the bands translators
//! and agencies use to estimate effort.

use std::collections::HashSet;

use serde::Serialize;

use super::matching::{band, matching_form};
use super::{MemoryError, SearchOptions, Searcher};
use tm_text::words::{Count, count};

/// The bands of an analysis, best first, then repetitions inside the file.
pub const BANDS: [&str; 6] = ["100", "95-99", "85-94", "75-84", "50-74", "no match"];

/// Segments, words and characters in one band, counted as GMX-V says
/// ([`tm_text::words::count`]).
#[derive(Debug, Clone, Default, Serialize)]
pub struct BandCount {
    pub band: String,
    pub segments: u64,
    pub words: u64,
    /// Characters without whitespace (GMX-V's total character count).
    pub characters: u64,
}

impl BandCount {
    fn add(&mut self, count: Count) {
        self.segments += 1;
        self.words += count.words;
        self.characters += count.characters;
    }
}

/// One analysed sentence.
#[derive(Debug, Clone, Serialize)]
pub struct AnalyzedSegment {
    pub text: String,
    pub words: u64,
    pub characters: u64,
    /// Best score against the memory; `None` for a repetition of an earlier sentence.
    pub score: Option<u8>,
    pub band: String,
}

/// The report.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub bands: Vec<BandCount>,
    pub repetitions: BandCount,
    pub total: BandCount,
    pub segments: Vec<AnalyzedSegment>,
}

/// Words as agencies count them: GMX-V, as CAT tools do ([`tm_text::words::count`]).
#[must_use]
pub fn word_count(text: &str) -> u64 {
    count(text).words
}

/// Analyses `sentences` against the memory. A sentence seen earlier in the same text is a
/// repetition (the first occurrence carries the match).
pub fn analyze(searcher: &mut Searcher<'_>, sentences: &[&str]) -> Result<Analysis, MemoryError> {
    let mut bands: Vec<BandCount> =
        BANDS.iter().map(|b| BandCount { band: (*b).to_owned(), ..BandCount::default() }).collect();
    let mut repetitions = BandCount { band: "repetitions".into(), ..BandCount::default() };
    let mut total = BandCount { band: "total".into(), ..BandCount::default() };
    let mut seen = HashSet::new();
    let mut segments = Vec::new();
    let options = SearchOptions { min: 50, limit: 1 };
    for &sentence in sentences {
        let counted = count(sentence);
        let (words, characters) = (counted.words, counted.characters);
        total.add(counted);
        if !seen.insert(matching_form(sentence)) {
            repetitions.add(counted);
            segments.push(AnalyzedSegment {
                text: sentence.to_owned(),
                words,
                characters,
                score: None,
                band: "repetition".into(),
            });
            continue;
        }
        let best = searcher.search(sentence, &options)?.first().map(|m| m.score);
        let name = best.map_or("no match", band);
        if let Some(slot) = bands.iter_mut().find(|b| b.band == name) {
            slot.add(counted);
        }
        segments.push(AnalyzedSegment {
            text: sentence.to_owned(),
            words,
            characters,
            score: best,
            band: name.to_owned(),
        });
    }
    Ok(Analysis { bands, repetitions, total, segments })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_gmx_v_says() {
        // The hyphenated rank is one word, the plain-spaced figure two (a no-break space would
        // make it one), the dash and the quotes none.
        assert_eq!(word_count("Генерал-майор полиции, 3 000 человек — «Лион»."), 6);
        assert_eq!(word_count("Генерал-майор полиции, 3\u{a0}000 человек — «Лион»."), 5);
        assert_eq!(word_count(" — "), 0);
    }
}
