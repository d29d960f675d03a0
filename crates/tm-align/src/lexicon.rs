//! Term pairs used as alignment anchors: a glossary's Russian terms with their accepted
//! English renderings, or a bilingual word list (`--dictionary`).
//!
//! Russian terms match in any inflected form by comparing crude stems (inflectional endings
//! cut off), which is enough to say "this sentence mentions the Investigative Committee";
//! exact term checking is the glossary engine's job.

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

use thiserror::Error;

use tm_text::fold;

/// Why a term list could not be read.
#[derive(Debug, Error)]
pub enum LexiconError {
    #[error("cannot read {file}: {source}")]
    Read { file: String, source: std::io::Error },
    #[error("{file}:{line}: expected `russian<TAB>english`, found {found:?}")]
    Malformed { file: String, line: usize, found: String },
}

/// Term pairs indexed by their first word on each side.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    /// Per entry: Russian stems and English words (lower case).
    entries: Vec<(Vec<String>, Vec<String>)>,
    /// Per entry: the lengths in characters of its Russian and English sides as written.
    lengths: Vec<(usize, usize)>,
    by_russian: HashMap<String, Vec<u32>>,
    by_english: HashMap<String, Vec<u32>>,
}

impl Lexicon {
    /// Reads `ru<TAB>en` lines (more tab-separated English renderings may follow; `#` starts a
    /// comment line; a header line `ru<TAB>en` is skipped).
    pub fn read(path: &Path) -> Result<Self, LexiconError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| LexiconError::Read { file: file.clone(), source })?;
        let mut lexicon = Self::default();
        lexicon.add_text(&text, &file)?;
        Ok(lexicon)
    }

    /// Adds the lines of a term list; `file` names it in errors.
    pub fn add_text(&mut self, text: &str, file: &str) -> Result<(), LexiconError> {
        for (index, line) in text.lines().enumerate() {
            let line = line.trim_start_matches('\u{feff}');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t');
            let russian = fields.next().unwrap_or_default().trim();
            let renderings: Vec<&str> = fields.map(str::trim).filter(|f| !f.is_empty()).collect();
            if russian.is_empty() || renderings.is_empty() {
                return Err(LexiconError::Malformed { file: file.to_owned(), line: index + 1, found: line.to_owned() });
            }
            if index == 0 && russian.eq_ignore_ascii_case("ru") {
                continue;
            }
            for english in renderings {
                self.add(russian, english);
            }
        }
        Ok(())
    }

    /// Adds one pair.
    pub fn add(&mut self, russian: &str, english: &str) {
        let ru: Vec<String> = russian.split_whitespace().map(russian_stem).filter(|s| !s.is_empty()).collect();
        let en: Vec<String> = english.split_whitespace().map(english_word).filter(|s| !s.is_empty()).collect();
        let (Some(first_ru), Some(first_en)) = (ru.first().cloned(), en.first().cloned()) else { return };
        let id = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        self.entries.push((ru, en));
        self.lengths.push((spelled_length(russian), spelled_length(english)));
        self.by_russian.entry(first_ru).or_default().push(id);
        self.by_english.entry(first_en).or_default().push(id);
    }

    /// Adds every pair of another lexicon.
    pub fn extend(&mut self, other: &Lexicon) {
        for ((ru, en), &lengths) in other.entries.iter().zip(&other.lengths) {
            let id = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
            if let (Some(first_ru), Some(first_en)) = (ru.first(), en.first()) {
                self.by_russian.entry(first_ru.clone()).or_default().push(id);
                self.by_english.entry(first_en.clone()).or_default().push(id);
                self.entries.push((ru.clone(), en.clone()));
                self.lengths.push(lengths);
            }
        }
    }

    /// The lengths in characters of entry `id`'s Russian and English sides.
    #[must_use]
    pub fn lengths(&self, id: u32) -> (usize, usize) {
        self.lengths.get(id as usize).copied().unwrap_or_default()
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entries whose Russian side occurs in a sentence given as stems (see [`russian_stem`]).
    #[must_use]
    pub fn russian_terms(&self, stems: &[String]) -> Vec<u32> {
        self.find(stems, &self.by_russian, |entry| &entry.0)
    }

    /// Entries whose English side occurs in a sentence given as lower-case words.
    #[must_use]
    pub fn english_terms(&self, words: &[String]) -> Vec<u32> {
        self.find(words, &self.by_english, |entry| &entry.1)
    }

    fn find(
        &self,
        words: &[String],
        index: &HashMap<String, Vec<u32>>,
        side: impl Fn(&(Vec<String>, Vec<String>)) -> &Vec<String>,
    ) -> Vec<u32> {
        let mut found = Vec::new();
        for (at, word) in words.iter().enumerate() {
            for &id in index.get(word).into_iter().flatten() {
                let Some(entry) = self.entries.get(id as usize) else { continue };
                let term = side(entry);
                if words.get(at..at + term.len()).is_some_and(|window| window == term.as_slice())
                    && !found.contains(&id)
                {
                    found.push(id);
                }
            }
        }
        found
    }
}

/// Characters of a term with its whitespace runs counted once, as sentence lengths are.
fn spelled_length(term: &str) -> usize {
    term.split_whitespace().map(|w| w.chars().count() + 1).sum::<usize>().saturating_sub(1)
}

fn english_word(word: &str) -> String {
    let lower = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    lower.strip_suffix("'s").unwrap_or(&lower).to_owned()
}

/// A crude Russian stem: lower case, `ё` folded, and the longest inflectional ending removed
/// while at least three letters remain. Different words may share a stem; forms of one word
/// almost always do.
#[must_use]
pub fn russian_stem(word: &str) -> String {
    const ENDINGS: [&str; 45] = [
        "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "иях", "ием", "ией", "ий", "ый", "ой", "ей", "ом",
        "ем", "ах", "ях", "ам", "ям", "ов", "ев", "ую", "юю", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ым",
        "им", "ия", "ии", "а", "я", "у", "ю", "е", "ы", "и", "о",
    ];
    let lower: String =
        word.trim_matches(|c: char| !c.is_alphanumeric()).chars().flat_map(char::to_lowercase).map(fold).collect();
    let letters = lower.chars().count();
    for ending in ENDINGS {
        if let Some(stem) = lower.strip_suffix(ending)
            && stem.chars().count() >= 3
            && letters > ending.chars().count()
        {
            return stem.to_owned();
        }
    }
    lower
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_forms_share_a_stem() {
        for (a, b) in [
            ("Следственный", "Следственного"),
            ("комитет", "комитета"),
            ("Лион", "Лионе"),
            ("полиции", "полиция"),
            ("Национальным", "Национальное"),
        ] {
            assert_eq!(russian_stem(a), russian_stem(b), "{a} / {b}");
        }
    }

    #[test]
    fn terms_are_found_in_any_form() {
        let mut lexicon = Lexicon::default();
        lexicon.add_text("ru\ten\nСледственный комитет\tInvestigative Committee\nЛион\tLyon\n", "test.tsv").unwrap();
        let ru: Vec<String> = "Сотрудники Следственного комитета прибыли в Лион".split(' ').map(russian_stem).collect();
        let en: Vec<String> = "Investigative Committee officers arrived in Lyon".split(' ').map(english_word).collect();
        assert_eq!(lexicon.russian_terms(&ru), [0, 1]);
        assert_eq!(lexicon.english_terms(&en), [0, 1]);
    }

    #[test]
    fn a_line_without_a_rendering_is_an_error_with_its_line() {
        let error = Lexicon::default().add_text("Лион\tLyon\nПариж\n", "g.tsv").unwrap_err();
        assert_eq!(error.to_string(), "g.tsv:2: expected `russian<TAB>english`, found \"Париж\"");
    }
}
