//! Abbreviation classes and word lists that drive the segmenter's decisions.
//!
//! The built-in data lives in `rules/ru.toml` and `rules/en.toml`, compiled into the binary;
//! users add to it (or remove from it) in `tm.toml`. Both use [`RuleLists`].

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::Lang;

const RUSSIAN: &str = include_str!("rules/ru.toml");
const ENGLISH: &str = include_str!("rules/en.toml");

/// Word lists for one language, as written in the built-in data or in `tm.toml`.
///
/// Every key is an abbreviation without its final period (`ул`, `т.д`, `u.s`, `et al`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct RuleLists {
    /// Never end a sentence, whatever follows (`ул.`, `ген.`, `Mr.`, `т.е.`).
    #[serde(default)]
    pub never_final: Vec<String>,
    /// End a sentence when a capitalised word follows (`т.д.`, `руб.`, `etc.`).
    #[serde(default)]
    pub may_end: Vec<String>,
    /// Like `may-end` after a number (`2023 г.`), like `never-final` elsewhere (`г. Лион`).
    #[serde(default)]
    pub after_number: Vec<String>,
    /// Never end a sentence before a number (`No. 5`, `p. 55`), otherwise ordinary words.
    #[serde(default)]
    pub before_number: Vec<String>,
    /// End a sentence only before a common sentence opener (`U.S.`, `Inc.`).
    #[serde(default)]
    pub ambiguous: Vec<String>,
    /// Words that commonly open a sentence.
    #[serde(default)]
    pub sentence_starters: Vec<String>,
    /// Capitalised words that continue a sentence after a may-end abbreviation (`5 p.m. ET`).
    #[serde(default)]
    pub continuations: Vec<String>,
    /// Surname endings, to tell initials after a surname from initials before one.
    #[serde(default)]
    pub surname_endings: Vec<String>,
    /// Phrases that are never split inside (`Yahoo!`, `Com. & Adm.`). Configuration only.
    #[serde(default)]
    pub no_break: Vec<String>,
    /// Keys to remove from the built-in lists. Configuration only.
    #[serde(default)]
    pub remove: Vec<String>,
}

/// What an abbreviation says about a following sentence boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum AbbreviationClass {
    NeverFinal,
    MayEnd,
    AfterNumber,
    BeforeNumber,
    Ambiguous,
}

/// Errors in rule data: only user configuration can trigger them in a released binary.
#[derive(Debug, Error)]
pub enum RulesError {
    #[error("built-in {lang} segmentation rules do not parse: {message}")]
    BuiltIn { lang: Lang, message: String },
    #[error("built-in {lang} segmentation rules list `{key}` as both {first} and {second}")]
    Conflict { lang: Lang, key: String, first: &'static str, second: &'static str },
    #[error("empty abbreviation in the {lang} segmentation rules")]
    EmptyKey { lang: Lang },
}

/// Compiled rule data for one language.
#[derive(Debug, Clone)]
pub(crate) struct Rules {
    classes: HashMap<String, AbbreviationClass>,
    starters: HashSet<String>,
    continuations: HashSet<String>,
    surname_endings: Vec<String>,
    pub(crate) no_break: Vec<String>,
    pub(crate) fingerprint: u64,
}

impl Rules {
    pub(crate) fn build(lang: Lang, additions: &RuleLists) -> Result<Self, RulesError> {
        let source = match lang {
            Lang::Ru => RUSSIAN,
            Lang::En => ENGLISH,
        };
        let built_in: RuleLists =
            toml::from_str(source).map_err(|error| RulesError::BuiltIn { lang, message: error.to_string() })?;
        let mut classes = HashMap::new();
        for (class, keys) in class_lists(&built_in) {
            for key in keys {
                let key = normalize_key(key);
                if key.is_empty() {
                    return Err(RulesError::EmptyKey { lang });
                }
                if let Some(previous) = classes.insert(key.clone(), class)
                    && previous != class
                {
                    return Err(RulesError::Conflict {
                        lang,
                        key,
                        first: class_name(previous),
                        second: class_name(class),
                    });
                }
            }
        }
        for key in &additions.remove {
            classes.remove(&normalize_key(key));
        }
        // A user's list wins over the built-in one: adding `г` to `may-end` moves it there.
        for (class, keys) in class_lists(additions) {
            for key in keys {
                let key = normalize_key(key);
                if key.is_empty() {
                    return Err(RulesError::EmptyKey { lang });
                }
                classes.insert(key, class);
            }
        }
        let removed: HashSet<String> = additions.remove.iter().map(|key| normalize_key(key)).collect();
        let word_set = |built_in: &[String], added: &[String]| -> HashSet<String> {
            built_in
                .iter()
                .chain(added)
                .map(|word| normalize_key(word))
                .filter(|word| !removed.contains(word))
                .collect()
        };
        let starters = word_set(&built_in.sentence_starters, &additions.sentence_starters);
        let continuations = word_set(&built_in.continuations, &additions.continuations);
        let mut surname_endings: Vec<String> = built_in
            .surname_endings
            .iter()
            .chain(&additions.surname_endings)
            .map(|ending| normalize_key(ending))
            .collect();
        surname_endings.sort();
        surname_endings.dedup();
        let no_break: Vec<String> =
            additions.no_break.iter().filter(|phrase| !phrase.trim().is_empty()).cloned().collect();

        let mut fingerprint = Fnv::default();
        let mut sorted: Vec<(&String, &AbbreviationClass)> = classes.iter().collect();
        sorted.sort();
        for (key, class) in sorted {
            fingerprint.write(key.as_bytes());
            fingerprint.write(class_name(*class).as_bytes());
        }
        for set in [&starters, &continuations] {
            let mut sorted: Vec<&String> = set.iter().collect();
            sorted.sort();
            for word in sorted {
                fingerprint.write(word.as_bytes());
            }
            fingerprint.write(b"");
        }
        for word in surname_endings.iter().chain(&no_break) {
            fingerprint.write(word.as_bytes());
        }
        Ok(Self { classes, starters, continuations, surname_endings, no_break, fingerprint: fingerprint.finish() })
    }

    /// The class of an abbreviation key already passed through [`normalize_key`].
    pub(crate) fn class(&self, key: &str) -> Option<AbbreviationClass> {
        self.classes.get(key).copied()
    }

    pub(crate) fn is_starter(&self, word: &str) -> bool {
        self.starters.contains(&normalize_key(word))
    }

    pub(crate) fn is_continuation(&self, word: &str) -> bool {
        self.continuations.contains(&normalize_key(word))
    }

    pub(crate) fn has_surname_ending(&self, word: &str) -> bool {
        let word = normalize_key(word);
        self.surname_endings.iter().any(|ending| word.len() > ending.len() + 1 && word.ends_with(ending.as_str()))
    }
}

fn class_lists(lists: &RuleLists) -> [(AbbreviationClass, &Vec<String>); 5] {
    [
        (AbbreviationClass::NeverFinal, &lists.never_final),
        (AbbreviationClass::MayEnd, &lists.may_end),
        (AbbreviationClass::AfterNumber, &lists.after_number),
        (AbbreviationClass::BeforeNumber, &lists.before_number),
        (AbbreviationClass::Ambiguous, &lists.ambiguous),
    ]
}

fn class_name(class: AbbreviationClass) -> &'static str {
    match class {
        AbbreviationClass::NeverFinal => "never-final",
        AbbreviationClass::MayEnd => "may-end",
        AbbreviationClass::AfterNumber => "after-number",
        AbbreviationClass::BeforeNumber => "before-number",
        AbbreviationClass::Ambiguous => "ambiguous",
    }
}

/// The lookup form of an abbreviation: lower case, `ё` as `е`, no final period, no space after
/// an inner period (`т. д.` → `т.д`), other runs of whitespace as one space.
pub(crate) fn normalize_key(raw: &str) -> String {
    let raw = raw.trim().trim_end_matches('.');
    let mut key = String::with_capacity(raw.len());
    let mut pending_space = false;
    for c in raw.chars() {
        if c.is_whitespace() {
            pending_space = !key.is_empty() && !key.ends_with('.');
            continue;
        }
        if pending_space {
            key.push(' ');
            pending_space = false;
        }
        match c {
            'ё' | 'Ё' => key.push('е'),
            c if c.is_uppercase() => key.extend(c.to_lowercase()),
            c => key.push(c),
        }
    }
    key
}

/// FNV-1a: a hash that is the same on every platform and Rust release, because the
/// segmentation version stored in the memory must not change when the compiler does.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes.iter().chain(&[0xFF]) {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_lists_load_without_conflicts() {
        for lang in [Lang::Ru, Lang::En] {
            let rules = Rules::build(lang, &RuleLists::default()).unwrap();
            assert!(rules.classes.len() > 50, "{lang}: {} keys", rules.classes.len());
            assert!(rules.starters.len() > 50);
        }
    }

    #[test]
    fn keys_are_normalised() {
        assert_eq!(normalize_key("т. д."), "т.д");
        assert_eq!(normalize_key("И  др."), "и др");
        assert_eq!(normalize_key("Ген.-лейт."), "ген.-лейт");
        assert_eq!(normalize_key("U.S."), "u.s");
        assert_eq!(normalize_key("Ёлк."), "елк");
    }

    #[test]
    fn user_lists_override_and_remove_built_ins() {
        let additions = RuleLists {
            may_end: vec!["ул".into()],
            never_final: vec!["пгт.".into(), "Сев".into()],
            remove: vec!["им".into()],
            ..RuleLists::default()
        };
        let rules = Rules::build(Lang::Ru, &additions).unwrap();
        assert_eq!(rules.class("ул"), Some(AbbreviationClass::MayEnd));
        assert_eq!(rules.class("сев"), Some(AbbreviationClass::NeverFinal));
        assert_eq!(rules.class("им"), None);
        let default = Rules::build(Lang::Ru, &RuleLists::default()).unwrap();
        assert_ne!(rules.fingerprint, default.fingerprint);
    }

    #[test]
    fn surname_endings_need_a_stem() {
        let rules = Rules::build(Lang::Ru, &RuleLists::default()).unwrap();
        assert!(rules.has_surname_ending("Прокопчуком"));
        assert!(rules.has_surname_ending("Иванову"));
        assert!(!rules.has_surname_ending("Интерпола"));
        assert!(!rules.has_surname_ending("Стороны"));
        assert!(!rules.has_surname_ending("Ов"));
    }
}
