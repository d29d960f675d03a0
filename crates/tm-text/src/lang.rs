//! Languages: the two `tm` works in, and language tags as translation tools write them
//! (`ru`, `ru-RU`, `RU_ru`, `en-GB`). One place parses tags, for the segmenter, the readers of
//! memory files and the memory itself.

use std::fmt;
use std::str::FromStr;

/// A language `tm` works in (the segmenter, the glossary, the checks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Lang {
    Ru,
    En,
}

impl Lang {
    /// The lower-case ISO 639-1 code.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// Guesses the language of a text by script: Cyrillic letters make it Russian.
    #[must_use]
    pub fn detect(text: &str) -> Lang {
        let (mut cyrillic, mut latin) = (0usize, 0usize);
        for c in text.chars().take(20_000) {
            match c {
                'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' => cyrillic += 1,
                'a'..='z' | 'A'..='Z' => latin += 1,
                _ => {}
            }
        }
        if cyrillic > latin { Lang::Ru } else { Lang::En }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;

    /// Accepts `ru`, `en` and tags with a region (`ru-RU`, `en_GB`), in any case.
    fn from_str(tag: &str) -> Result<Self, Self::Err> {
        match primary(tag).as_str() {
            "ru" | "rus" => Ok(Lang::Ru),
            "en" | "eng" => Ok(Lang::En),
            _ => Err(format!("unsupported language `{tag}`: tm segments Russian (ru) and English (en)")),
        }
    }
}

/// The primary subtag, lower case: `ru-RU` → `ru`, `EN_gb` → `en`.
#[must_use]
pub fn primary(tag: &str) -> String {
    tag.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase()
}

/// How well `tag` matches the wanted language: 2 for the same tag (ignoring case and `_`),
/// 1 for the same primary subtag (`ru` ≈ `ru-RU`, `en` ≈ `en-GB`), 0 otherwise.
#[must_use]
pub fn match_quality(tag: &str, wanted: &str) -> u8 {
    let canonical = |t: &str| t.trim().replace('_', "-").to_ascii_lowercase();
    if canonical(tag) == canonical(wanted) {
        2
    } else if !primary(tag).is_empty() && primary(tag) == primary(wanted) {
        1
    } else {
        0
    }
}

/// Whether `tag` looks like a language tag at all (letters, digits, `-`/`_`; first subtag of
/// two or three letters).
#[must_use]
pub fn is_plausible(tag: &str) -> bool {
    let first = primary(tag);
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && tag.trim().chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_match_case_insensitively_with_region_fallback() {
        assert_eq!(primary("ru-RU"), "ru");
        assert_eq!(primary("EN_gb"), "en");
        assert_eq!(match_quality("RU-ru", "ru-RU"), 2);
        assert_eq!(match_quality("ru-RU", "ru"), 1);
        assert_eq!(match_quality("en-GB", "en"), 1);
        assert_eq!(match_quality("de-DE", "en"), 0);
        assert!(is_plausible("ru-RU") && is_plausible("en") && !is_plausible("*all*") && !is_plausible("russian"));
    }
}
