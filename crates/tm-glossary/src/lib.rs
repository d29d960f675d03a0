//! The glossary: concepts with their terms per language, read from house TSV, OmegaT
//! glossaries and TBX; every Russian term expanded into its case forms; all forms of all terms
//! matched at once.
//!
//! The model follows TBX: concept → language → terms. A term's status says what a reviewer
//! does with it: preferred and admitted renderings are accepted (admitted ones are noted),
//! forbidden and superseded ones are errors with the preferred rendering as the fix.

mod cache;
mod matcher;
pub mod russian;
mod tbx;
mod tsv;
mod validate;

use std::path::{Path, PathBuf};

use thiserror::Error;

pub use cache::{Compiled, compile, default_cache_dir};
pub use matcher::{Hit, Matcher};
pub use russian::{Gender, HintError, Hints};
pub use validate::{Problem, validate};

use tm_text::Lang;

/// What a glossary says about a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Preferred,
    Admitted,
    /// Superseded by a newer rendering: wrong now, but once right.
    Superseded,
    Forbidden,
}

impl Status {
    /// Reads the statuses found in the wild: TBX-Basic's `preferredTerm-admn-sts` family,
    /// TBX-Min's short values, and the labels other tools use.
    #[must_use]
    pub fn parse(raw: &str) -> Option<Status> {
        let lower = raw.trim().to_ascii_lowercase();
        let lower = lower.strip_suffix("term-admn-sts").or_else(|| lower.strip_suffix("-admn-sts")).unwrap_or(&lower);
        Some(match lower {
            "" | "preferred" | "approved" | "standardized" | "standard" | "normative" => Status::Preferred,
            "admitted" | "accepted" | "allowed" | "variant" | "legal" => Status::Admitted,
            "superseded" | "obsolete" | "outdated" => Status::Superseded,
            "deprecated" | "forbidden" | "notrecommended" | "not-recommended" | "rejected" | "wrong" | "banned"
            | "avoid" => Status::Forbidden,
            _ => return None,
        })
    }

    /// Preferred or admitted.
    #[must_use]
    pub fn is_accepted(self) -> bool {
        matches!(self, Status::Preferred | Status::Admitted)
    }

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Preferred => "preferred",
            Status::Admitted => "admitted",
            Status::Superseded => "superseded",
            Status::Forbidden => "forbidden",
        }
    }
}

/// How strictly a term's letter case must match.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CasePolicy {
    /// Capitals in the term must be capitals in the text; its lower-case letters may be
    /// capitals (sentence starts, titles). A term written with a capital is a proper noun.
    #[default]
    Permissive,
    /// The text must have the term's case exactly.
    Exact,
    /// Any case.
    Insensitive,
}

impl CasePolicy {
    #[must_use]
    pub fn parse(raw: &str) -> Option<CasePolicy> {
        Some(match raw.trim().to_ascii_lowercase().as_str() {
            "" | "permissive" | "default" => CasePolicy::Permissive,
            "exact" | "sensitive" | "yes" => CasePolicy::Exact,
            "insensitive" | "ignore" | "no" | "any" => CasePolicy::Insensitive,
            _ => return None,
        })
    }

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            CasePolicy::Permissive => "permissive",
            CasePolicy::Exact => "exact",
            CasePolicy::Insensitive => "insensitive",
        }
    }
}

/// What form of the concept's name a term is (TBX `termType`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TermType {
    /// The full name.
    #[default]
    FullForm,
    /// An abbreviation, acronym or initialism (`MIA`, `NCB`).
    Abbreviation,
    /// A short form used after the full name (`the Ministry`, `the Bureau`).
    ShortForm,
    /// An adjective or demonym of the name (`Russian` for Россия, `Germans` for Германия):
    /// it renders the concept in running text, but is never a spelling of the name itself.
    Derived,
}

impl TermType {
    /// Reads TBX `termType` values and tm's own.
    #[must_use]
    pub fn parse(raw: &str) -> Option<TermType> {
        Some(match raw.trim() {
            "" | "fullForm" | "full" | "entryTerm" | "variant" | "synonym" => TermType::FullForm,
            "abbreviation" | "acronym" | "initialism" | "clippedTerm" => TermType::Abbreviation,
            "shortForm" | "shortcut" | "short" => TermType::ShortForm,
            "x-tm-derived" | "derived" => TermType::Derived,
            _ => return None,
        })
    }

    /// The type of a term whose glossary does not say: a term with an initialism in it
    /// (`EU`, `NCB of Interpol`) is an abbreviation; `INTERPOL` is the name in capitals.
    #[must_use]
    pub fn infer(text: &str) -> TermType {
        let initialism = |w: &str| {
            let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
            (2..=5).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase())
        };
        if text.split(' ').any(initialism) { TermType::Abbreviation } else { TermType::FullForm }
    }

    /// The TBX `termType` value written for it.
    #[must_use]
    pub fn as_tbx(self) -> &'static str {
        match self {
            TermType::FullForm => "fullForm",
            TermType::Abbreviation => "abbreviation",
            TermType::ShortForm => "shortForm",
            TermType::Derived => "x-tm-derived",
        }
    }
}

/// One term of a concept in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub lang: Lang,
    pub text: String,
    pub status: Status,
    /// The status as written in the file, when it was written.
    pub raw_status: Option<String>,
    pub part_of_speech: Option<String>,
    pub case: CasePolicy,
    /// Forms stored in the glossary, matched besides the generated ones.
    pub forms: Vec<String>,
    /// Corrections to the Russian declension rules.
    pub inflect: Hints,
    /// Surface forms that never count as this term.
    pub exceptions: Vec<String>,
    pub note: Option<String>,
    pub term_type: TermType,
}

impl Term {
    #[must_use]
    pub fn new(lang: Lang, text: &str, status: Status) -> Self {
        Term {
            lang,
            text: text.trim().to_owned(),
            status,
            raw_status: None,
            part_of_speech: None,
            case: CasePolicy::default(),
            forms: Vec::new(),
            inflect: Hints::default(),
            exceptions: Vec::new(),
            note: None,
            term_type: TermType::FullForm,
        }
    }

    /// Every form matched for this term: generated Russian forms (or the English term as
    /// written), then the stored ones.
    #[must_use]
    pub fn all_forms(&self) -> Vec<String> {
        let mut forms = match self.lang {
            Lang::Ru => russian::forms(&self.text, &self.inflect),
            Lang::En => english_forms(&self.text),
        };
        for form in &self.forms {
            if !forms.contains(form) {
                forms.push(form.clone());
            }
        }
        forms
    }
}

/// A sentence that must (or must not) contain the concept: the glossary's own tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub text: String,
    pub fires: bool,
}

/// An example that says neither `+` nor `-`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("example `{written}` must start with + (must match) or - (must not)")]
pub struct ExampleError {
    pub written: String,
}

impl Example {
    /// Reads `+sentence` (must contain the concept) or `-sentence` (must not).
    pub fn parse(written: &str) -> Result<Example, ExampleError> {
        let fires = match written.as_bytes().first() {
            Some(b'+') => true,
            Some(b'-') => false,
            _ => return Err(ExampleError { written: written.to_owned() }),
        };
        Ok(Example { text: written[1..].trim().to_owned(), fires })
    }

    /// The example as written in a glossary file.
    #[must_use]
    pub fn written(&self) -> String {
        format!("{}{}", if self.fires { '+' } else { '-' }, self.text)
    }
}

/// Where an entry was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: usize,
}

/// A concept: one thing, with its names in each language.
#[derive(Debug, Clone, PartialEq)]
pub struct Concept {
    pub id: String,
    pub subject: Option<String>,
    pub note: Option<String>,
    pub terms: Vec<Term>,
    pub examples: Vec<Example>,
    pub origin: Origin,
}

impl Concept {
    /// The concept's terms in one language.
    pub fn terms_in(&self, lang: Lang) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(move |t| t.lang == lang)
    }

    /// The preferred term in `lang` (the first accepted one when none is marked preferred).
    #[must_use]
    pub fn preferred(&self, lang: Lang) -> Option<&Term> {
        self.terms_in(lang)
            .find(|t| t.status == Status::Preferred)
            .or_else(|| self.terms_in(lang).find(|t| t.status.is_accepted()))
    }

    /// The concept's name in reports: its first Russian term, else its id.
    #[must_use]
    pub fn name(&self) -> &str {
        self.preferred(Lang::Ru).map_or(self.id.as_str(), |t| t.text.as_str())
    }
}

/// A set of concepts, possibly from several files.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Glossary {
    pub concepts: Vec<Concept>,
}

/// File formats a glossary can be read from or written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Format {
    /// Tab-separated: the house layout with a header row, or OmegaT's headerless
    /// `source<TAB>target<TAB>comment`.
    Tsv,
    /// The same, comma-separated with RFC 4180 quoting.
    Csv,
    /// TBX v2 (`martif`) or v3 (`tbx`); written as TBX-Basic v3.
    Tbx,
}

impl Format {
    /// The format a file's extension implies (`.tbx`/`.xml`, `.csv`, anything else TSV).
    #[must_use]
    pub fn from_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("tbx" | "xml") => Format::Tbx,
            Some("csv") => Format::Csv,
            _ => Format::Tsv,
        }
    }

    #[must_use]
    pub fn parse(name: &str) -> Option<Format> {
        Some(match name {
            "tsv" | "omegat" => Format::Tsv,
            "csv" => Format::Csv,
            "tbx" => Format::Tbx,
            _ => return None,
        })
    }
}

/// Why a glossary cannot be used.
#[derive(Debug, Error)]
pub enum GlossaryError {
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{file}:{line}: {message}")]
    Syntax { file: String, line: usize, message: String },
    #[error("{file}:{line}: entry `{concept}` fails its own example: {message}")]
    Example { file: String, line: usize, concept: String, message: String },
    #[error("the glossary fails its own examples:\n  {}", failures.join("\n  "))]
    Examples { failures: Vec<String> },
}

/// Options for reading glossary files.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// Skip malformed entries with a warning instead of failing the file.
    pub lenient: bool,
}

/// A glossary file as read: its concepts and the warnings about entries skipped or
/// half-understood.
#[derive(Debug, Default)]
pub struct Loaded {
    pub glossary: Glossary,
    pub warnings: Vec<String>,
}

impl Glossary {
    /// Reads one file in the format its extension implies.
    pub fn read(path: &Path, options: ReadOptions) -> Result<Loaded, GlossaryError> {
        let bytes = std::fs::read(path).map_err(|source| GlossaryError::Read { path: path.to_owned(), source })?;
        let file = path.display().to_string();
        // UTF-8, UTF-16 with or without a byte-order mark, or what an XML declaration names
        // (a TBX exported in windows-1251).
        let text = tm_text::decode(bytes)
            .map_err(|error| {
                let line = match error {
                    tm_text::DecodeError::InvalidUtf8 { line, .. } => line,
                    _ => 1,
                };
                GlossaryError::Syntax { file: file.clone(), line, message: error.to_string() }
            })?
            .text;
        Self::parse(&text, &file, Format::from_path(path), options)
    }

    /// Parses glossary text; `file` names it in errors.
    pub fn parse(text: &str, file: &str, format: Format, options: ReadOptions) -> Result<Loaded, GlossaryError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let loaded = match format {
            Format::Tsv => tsv::read(text, file, b'\t', options),
            Format::Csv => tsv::read(text, file, b',', options),
            Format::Tbx => tbx::read(text, file, options),
        }?;
        if loaded.glossary.concepts.is_empty() {
            let what = if text.trim().is_empty() { "the file is empty" } else { "the file has no entries" };
            return Err(GlossaryError::Syntax {
                file: file.to_owned(),
                line: 1,
                message: format!("{what}: a glossary needs at least one entry"),
            });
        }
        for concept in &loaded.glossary.concepts {
            check_one_line(concept)?;
        }
        Ok(loaded)
    }

    /// Writes the glossary in `format`.
    #[must_use]
    pub fn write(&self, format: Format) -> String {
        match format {
            Format::Tsv => tsv::write(self, b'\t'),
            Format::Csv => tsv::write(self, b','),
            Format::Tbx => tbx::write(self),
        }
    }

    /// Adds the concepts of another glossary.
    pub fn extend(&mut self, other: Glossary) {
        self.concepts.extend(other.concepts);
    }

    /// The glossary's own tests: each example must contain its concept (`+`) or must not
    /// (`-`). Returns the failures as errors naming the entry.
    #[must_use]
    pub fn test_examples(&self, matcher: &Matcher) -> Vec<GlossaryError> {
        let mut failures = Vec::new();
        for (index, concept) in self.concepts.iter().enumerate() {
            for example in &concept.examples {
                let lang = Lang::detect(&example.text);
                let hits = matcher.find(&example.text, lang);
                let found: Vec<&Hit> = hits.iter().filter(|h| h.concept == index).collect();
                let message = if example.fires && found.is_empty() {
                    Some(format!("{:?} should contain the term but nothing matched", example.text))
                } else if !example.fires && !found.is_empty() {
                    let hit = found[0];
                    Some(format!(
                        "{:?} must not contain the term but {:?} matched",
                        example.text,
                        &example.text[hit.span.start..hit.span.end]
                    ))
                } else {
                    None
                };
                if let Some(message) = message {
                    failures.push(GlossaryError::Example {
                        file: concept.origin.file.clone(),
                        line: concept.origin.line,
                        concept: concept.id.clone(),
                        message,
                    });
                }
            }
        }
        failures
    }
}

/// The forms of an English term matched besides its plural and possessive endings (which the
/// matcher allows after any term): the plural of the head before `of` (`National Central
/// Bureaus of Interpol`), and a name that opens a term in the possessive (`Interpol's National
/// Central Bureau`).
#[must_use]
pub fn english_forms(term: &str) -> Vec<String> {
    let mut out = vec![term.to_owned()];
    let words: Vec<&str> = term.split(' ').collect();
    if let Some(of) = words.iter().position(|w| *w == "of").filter(|&k| k > 0) {
        let head = words[of - 1];
        let plural = if head.ends_with("eau") || head.chars().all(|c| !c.is_lowercase()) {
            format!("{head}s")
        } else if head.ends_with(['s', 'x']) || head.ends_with("ch") || head.ends_with("sh") {
            format!("{head}es")
        } else if let Some(stem) = head.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o', 'u'])) {
            format!("{stem}ies")
        } else {
            format!("{head}s")
        };
        let mut plural_words = words.clone();
        plural_words[of - 1] = &plural;
        out.push(plural_words.join(" "));
    } else if words.len() > 1
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && !words[0].ends_with('s')
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        out.push(format!("{}'s {}", words[0], words[1..].join(" ")));
    }
    out
}

/// A term, form or exception with a line break or another control character would let a
/// glossary write lines of its own into a fixed draft or a report: it is refused.
fn check_one_line(concept: &Concept) -> Result<(), GlossaryError> {
    let texts = concept.terms.iter().flat_map(|t| std::iter::once(&t.text).chain(&t.forms).chain(&t.exceptions));
    for text in texts {
        if let Some(c) = text.chars().find(|c| c.is_control()) {
            return Err(GlossaryError::Syntax {
                file: concept.origin.file.clone(),
                line: concept.origin.line,
                message: format!(
                    "entry `{}`: the term {:?} holds a control character (U+{:04X}); a term is one line of text",
                    concept.id,
                    text,
                    u32::from(c)
                ),
            });
        }
    }
    Ok(())
}

/// Glossary files in a folder, sorted: `*.tsv`, `*.csv`, `*.tbx` and `*.txt` directly inside it.
pub fn files_in(folder: &Path) -> Result<Vec<PathBuf>, GlossaryError> {
    let entries =
        std::fs::read_dir(folder).map_err(|source| GlossaryError::Read { path: folder.to_owned(), source })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.is_file()
                && matches!(
                    path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(),
                    Some("tsv" | "csv" | "tbx")
                )
        })
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_terms_have_a_plural_head_and_a_possessive_name() {
        assert_eq!(
            english_forms("National Central Bureau of Interpol"),
            ["National Central Bureau of Interpol", "National Central Bureaus of Interpol"]
        );
        assert_eq!(english_forms("Ministry of Foreign Affairs")[1], "Ministries of Foreign Affairs");
        assert_eq!(english_forms("NCB of Interpol")[1], "NCBs of Interpol");
        assert_eq!(english_forms("Interpol National Central Bureau")[1], "Interpol's National Central Bureau");
        assert_eq!(english_forms("Lyon"), ["Lyon"]);
        assert_eq!(english_forms("district police officer"), ["district police officer"]);
    }

    #[test]
    fn statuses_from_every_tool_map_to_four() {
        for (raw, status) in [
            ("preferredTerm-admn-sts", Status::Preferred),
            ("admittedTerm-admn-sts", Status::Admitted),
            ("deprecatedTerm-admn-sts", Status::Forbidden),
            ("supersededTerm-admn-sts", Status::Superseded),
            ("forbidden", Status::Forbidden),
            ("notRecommended", Status::Forbidden),
            ("obsolete", Status::Superseded),
        ] {
            assert_eq!(Status::parse(raw), Some(status), "{raw}");
        }
        assert_eq!(Status::parse("maybe"), None);
    }
}
