//! Russian → Latin transliteration, for matching a Russian proper noun with its English form
//! (`Прокопчук` ↔ `Prokopchuk`, `Мэн Хунвэй` ↔ `Meng Hongwei`).
//!
//! English names reach Russian through several conventions and Russian names reach English
//! through others, so a name is compared under each system and the best similarity wins.

/// A romanisation system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum System {
    /// BGN/PCGN (1947), used by British and American agencies and most English-language press.
    BgnPcgn,
    /// ICAO Doc 9303, the system of Russian passports since 2013.
    Icao,
    /// Scientific (ISO 9-like) transliteration, with diacritics reduced to ASCII.
    Scientific,
}

impl System {
    pub const ALL: [System; 3] = [System::BgnPcgn, System::Icao, System::Scientific];
}

/// The Latin spelling of one lower-case Cyrillic letter under a system.
fn letter(c: char, system: System) -> Option<&'static str> {
    use System::{BgnPcgn, Icao, Scientific};
    Some(match (c, system) {
        ('а', _) => "a",
        ('б', _) => "b",
        ('в', _) => "v",
        ('г', _) => "g",
        ('д', _) => "d",
        ('е' | 'ё', Scientific) => "e",
        ('е', _) => "e",
        ('ё', BgnPcgn) => "ye",
        ('ё', Icao) => "e",
        ('ж', Scientific) => "z",
        ('ж', _) => "zh",
        ('з', _) => "z",
        ('и', _) => "i",
        ('й', BgnPcgn) => "y",
        ('й', Icao) => "i",
        ('й', Scientific) => "j",
        ('к', _) => "k",
        ('л', _) => "l",
        ('м', _) => "m",
        ('н', _) => "n",
        ('о', _) => "o",
        ('п', _) => "p",
        ('р', _) => "r",
        ('с', _) => "s",
        ('т', _) => "t",
        ('у', _) => "u",
        ('ф', _) => "f",
        ('х', Scientific) => "h",
        ('х', _) => "kh",
        ('ц', Scientific) => "c",
        ('ц', _) => "ts",
        ('ч', Scientific) => "c",
        ('ч', _) => "ch",
        ('ш', Scientific) => "s",
        ('ш', _) => "sh",
        ('щ', Scientific) => "sc",
        ('щ', _) => "shch",
        ('ъ', Icao) => "ie",
        ('ъ', _) => "",
        ('ы', _) => "y",
        ('ь', _) => "",
        ('э', _) => "e",
        ('ю', BgnPcgn) => "yu",
        ('ю', Icao) => "iu",
        ('ю', Scientific) => "ju",
        ('я', BgnPcgn) => "ya",
        ('я', Icao) => "ia",
        ('я', Scientific) => "ja",
        _ => return None,
    })
}

/// Transliterates `word` (any case) into lower-case Latin. Characters that are not Cyrillic
/// letters are kept as they are, lower-cased.
#[must_use]
pub fn transliterate(word: &str, system: System) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match letter(c, system) {
            Some(latin) => out.push_str(latin),
            None => out.push(c),
        }
    }
    out
}

/// Similarity in 0..=1 of a Russian word and an English word as names: the best, over the
/// transliteration systems and the usual ways English spellings reach Russian, of
/// `1 − distance / longer length`.
#[must_use]
pub fn name_similarity(russian: &str, english: &str) -> f64 {
    best_similarity(&russian_forms(russian), &english_forms(english), 0.0)
}

/// The Latin spellings of a Russian word under every system.
#[must_use]
pub fn russian_forms(russian: &str) -> Vec<Vec<char>> {
    let mut forms: Vec<Vec<char>> =
        System::ALL.iter().map(|&system| transliterate(russian, system).chars().collect()).collect();
    forms.dedup();
    forms
}

/// The Latin spellings of a Russian name, as written and without its case ending
/// (`лиона`, `лион`); `word` in lower case.
#[must_use]
pub fn russian_name_forms(word: &str) -> Vec<Vec<char>> {
    let mut forms = russian_forms(word);
    forms.extend(russian_forms(&super::lexicon::russian_stem(word)));
    forms
}

/// An English word as Russian might have heard it: lower case without accents, and with the
/// usual renderings of `w`, `th`, `ph`, `c` and Chinese `-ng`.
#[must_use]
pub fn english_forms(english: &str) -> Vec<Vec<char>> {
    use unicode_normalization::UnicodeNormalization;
    // Jürgen, Sébastien: the Russian spelling follows the sound, not the accent.
    let english: String = english
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    // English `w` becomes `у` (Уоррен) or `в` (Вашингтон); `th`, `ph` and `c` are heard.
    let heard = english.replace("th", "t").replace("ph", "f").replace("ck", "k");
    // Chinese names reach Russian through Palladius: Hongwei → Хунвэй, Meng → Мэн.
    let palladius = heard.replace("ong", "un").replace("ng", "n").replace('w', "v");
    let mut forms: Vec<Vec<char>> = [
        english.clone(),
        heard.replace('w', "u").replace('c', "k"),
        heard.replace('w', "v").replace('c', "k"),
        palladius,
    ]
    .iter()
    .map(|form| form.chars().collect())
    .collect();
    forms.sort();
    forms.dedup();
    forms
}

/// The best similarity between any two forms, skipping pairs whose lengths alone keep them
/// below `at_least` (the answer is then below `at_least` too, or the best of the rest).
#[must_use]
pub fn best_similarity(a: &[Vec<char>], b: &[Vec<char>], at_least: f64) -> f64 {
    let mut best = 0.0f64;
    for x in a {
        for y in b {
            let longer = x.len().max(y.len());
            if longer == 0 {
                continue;
            }
            let shorter = x.len().min(y.len());
            if (shorter as f64 / longer as f64) < at_least.max(best) {
                continue;
            }
            best = best.max(1.0 - strsim::generic_levenshtein(x, y) as f64 / longer as f64);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn systems_differ_where_they_should() {
        assert_eq!(transliterate("Прокопчук", System::BgnPcgn), "prokopchuk");
        assert_eq!(transliterate("Юлия", System::Icao), "iuliia");
        assert_eq!(transliterate("Юлия", System::BgnPcgn), "yuliya");
        assert_eq!(transliterate("Щукин", System::Scientific), "scukin");
        assert_eq!(transliterate("Хабаровск", System::BgnPcgn), "khabarovsk");
    }

    #[test]
    fn names_match_their_english_forms() {
        assert!(name_similarity("Прокопчук", "Prokopchuk") > 0.99);
        assert!(name_similarity("Уоррен", "Warren") >= 0.8);
        assert!(name_similarity("Элизабет", "Elizabeth") >= 0.8);
        assert!(name_similarity("Хунвэй", "Hongwei") >= 0.8);
        assert!(name_similarity("Мэн", "Meng") > 0.99);
        assert!(name_similarity("Вашингтон", "Washington") >= 0.9);
        assert!(name_similarity("Юрген", "Jürgen") >= 0.8);
        assert!(name_similarity("Шток", "Stock") >= 0.8);
        assert!(name_similarity("Лион", "Paris") < 0.5);
    }
}
