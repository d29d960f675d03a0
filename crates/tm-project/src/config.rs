//! `tm.toml`: the project configuration, found by walking up from the current folder.
//!
//! Unknown keys and bad values are errors that name the file, the line and the key: a typo in
//! a configuration that silently does nothing is worse than no configuration.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use tm_check::files::{FileOptions, PairPattern};
use tm_text::segment::{Lang, LineBreaks, RuleLists, SegmentOptions};

/// The configuration file's name.
pub const FILE_NAME: &str = "tm.toml";

/// The parsed `tm.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Config {
    /// The translation memory, relative to the folder holding `tm.toml`.
    pub memory: Option<PathBuf>,
    #[serde(default)]
    pub segment: SegmentConfig,
    #[serde(default)]
    pub check: CheckConfig,
    #[serde(default)]
    pub files: FilesConfig,
}

/// The `[files]` section: which files `tm check` reads in a folder and how drafts find their
/// sources.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct FilesConfig {
    /// Globs (relative to the folder holding `tm.toml`) of the files to check in folders.
    #[serde(default = "default_include")]
    pub include: Vec<String>,
    /// Globs of files and folders never to check, even when `include` matches them.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Skip what `.gitignore`, `.ignore` and `.git/info/exclude` ignore.
    #[serde(default = "yes")]
    pub gitignore: bool,
    /// How a draft's path gives its source's path; the first whose source exists wins.
    #[serde(default = "default_pairs")]
    pub pairs: Vec<PairPattern>,
}

impl FilesConfig {
    /// The options for [`tm_check::files::plan`], globs relative to `root` (the folder
    /// holding `tm.toml`).
    #[must_use]
    pub fn options(&self, root: &Path) -> FileOptions {
        FileOptions {
            root: root.to_path_buf(),
            include: self.include.clone(),
            exclude: self.exclude.clone(),
            gitignore: self.gitignore,
            pairs: self.pairs.clone(),
        }
    }
}

impl Default for FilesConfig {
    fn default() -> Self {
        Self { include: default_include(), exclude: Vec::new(), gitignore: true, pairs: default_pairs() }
    }
}

fn default_include() -> Vec<String> {
    ["*.txt", "*.md", "*.markdown"].map(str::to_owned).to_vec()
}

fn yes() -> bool {
    true
}

fn default_pairs() -> Vec<PairPattern> {
    vec![
        PairPattern { draft: "{name}.en.{ext}".to_owned(), source: "{name}.ru.{ext}".to_owned() },
        PairPattern { draft: "en/{path}".to_owned(), source: "ru/{path}".to_owned() },
    ]
}

/// The `[check]` section.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct CheckConfig {
    /// Glossary files, relative to the folder holding `tm.toml`.
    #[serde(default)]
    pub glossaries: Vec<PathBuf>,
    /// `error`, `warning` or `info`: the lowest severity that fails a run.
    pub fail_on: Option<FailOn>,
    /// `error`, `warning` or `info`: the lowest severity reported at all (like `--min-severity`).
    pub min_severity: Option<FailOn>,
    /// Per rule (code or name): `off`, or the severity its findings get.
    #[serde(default)]
    pub rules: std::collections::BTreeMap<String, RuleSetting>,
    /// The language of the sources; `tm` checks Russian sources only.
    #[serde(default = "russian")]
    pub source_language: String,
    /// The language of the drafts; `tm` checks English drafts only.
    #[serde(default = "english")]
    pub draft_language: String,
    /// The baseline file (like `--baseline`), relative to the folder holding `tm.toml`; `tm
    /// lsp` applies it too.
    pub baseline: Option<PathBuf>,
    /// Make a suppression comment without a reason a finding (like `--require-reason`).
    #[serde(default)]
    pub require_reason: bool,
    /// Rule settings for some files only: `[[check.paths]]` with `files = [globs]` and
    /// `rules = { CODE = "off" }`.
    #[serde(default)]
    pub paths: Vec<PathRules>,
}

/// One `[[check.paths]]` entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct PathRules {
    /// Globs relative to the folder holding `tm.toml`; one without `/` matches a file name.
    pub files: Vec<String>,
    pub rules: std::collections::BTreeMap<String, RuleSetting>,
}

fn russian() -> String {
    "ru".to_owned()
}

fn english() -> String {
    "en".to_owned()
}

impl Default for CheckConfig {
    fn default() -> Self {
        Self {
            glossaries: Vec::new(),
            fail_on: None,
            min_severity: None,
            rules: std::collections::BTreeMap::new(),
            source_language: russian(),
            draft_language: english(),
            baseline: None,
            require_reason: false,
            paths: Vec::new(),
        }
    }
}

pub use tm_check::{RuleSetting, rule_setting};

/// A severity threshold in `tm.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl From<FailOn> for tm_check::Severity {
    fn from(level: FailOn) -> Self {
        match level {
            FailOn::Error => Self::Error,
            FailOn::Warning => Self::Warning,
            FailOn::Info => Self::Info,
        }
    }
}

/// The `[segment]` section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct SegmentConfig {
    /// Treat single line breaks as spaces (hard-wrapped text); blank lines end paragraphs.
    #[serde(default)]
    pub join_lines: bool,
    /// Additions to the Russian rules (`[segment.ru]`).
    #[serde(default)]
    pub ru: RuleLists,
    /// Additions to the English rules (`[segment.en]`).
    #[serde(default)]
    pub en: RuleLists,
}

impl Config {
    /// Segmenter options for `lang` from this configuration.
    #[must_use]
    pub fn segment_options(&self, lang: Lang) -> SegmentOptions {
        SegmentOptions {
            line_breaks: if self.segment.join_lines { LineBreaks::Paragraphs } else { LineBreaks::Hard },
            rules: match lang {
                Lang::Ru => self.segment.ru.clone(),
                Lang::En => self.segment.en.clone(),
            },
        }
    }
}

/// A configuration that cannot be used.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{}: {source}", path.display())]
    Parse { path: PathBuf, source: ParseError },
}

/// The nearest `tm.toml` in `start` or one of its ancestors.
#[must_use]
pub fn discover(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|dir| dir.join(FILE_NAME)).find(|candidate| candidate.is_file())
}

/// Reads and parses a configuration file.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.to_owned(), source })?;
    parse(&text).map_err(|source| ConfigError::Parse { path: path.to_owned(), source })
}

/// What is wrong in a configuration text, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ParseError {
    /// 1-based; 0 when the place is unknown.
    pub line: usize,
    /// 1-based, in characters, when known.
    pub column: Option<usize>,
    /// The dotted key at the place, when known.
    pub key: Option<String>,
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.column {
            Some(column) => write!(f, "line {}, column {column}: ", self.line)?,
            None if self.line > 0 => write!(f, "line {}: ", self.line)?,
            None => {}
        }
        if let Some(key) = &self.key {
            write!(f, "`{key}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl ParseError {
    fn at(line: usize, message: String) -> Self {
        Self { line, column: None, key: None, message }
    }
}

/// Parses configuration text; the error names the line, column and key.
pub fn parse(text: &str) -> Result<Config, ParseError> {
    let config: Config = toml::from_str(text).map_err(|error| {
        let message = error.message().trim_end().to_owned();
        match error.span() {
            Some(span) => {
                let line = text[..span.start].matches('\n').count() + 1;
                let column = text[..span.start].rsplit('\n').next().map_or(0, |line| line.chars().count()) + 1;
                ParseError { line, column: Some(column), key: key_at(text, line), message }
            }
            None => ParseError { line: 0, column: None, key: None, message },
        }
    })?;
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).map_or(0, |i| i + 1);
    if !config.check.source_language.eq_ignore_ascii_case("ru")
        || !config.check.draft_language.eq_ignore_ascii_case("en")
    {
        let (key, value) = if config.check.source_language.eq_ignore_ascii_case("ru") {
            ("draft-language", &config.check.draft_language)
        } else {
            ("source-language", &config.check.source_language)
        };
        return Err(ParseError::at(
            line_of(key),
            format!("`check.{key}` = {value:?}: tm checks English drafts (en) of Russian sources (ru)"),
        ));
    }
    for pattern in &config.files.pairs {
        if let Err(message) = pattern.validate() {
            return Err(ParseError::at(line_of(&pattern.draft), format!("`files.pairs`: {message}")));
        }
    }
    for (key, globs) in [("include", &config.files.include), ("exclude", &config.files.exclude)] {
        for glob in globs {
            if let Err(error) = globset::Glob::new(glob) {
                return Err(ParseError::at(
                    line_of(glob),
                    format!("`files.{key}`: {glob:?} is not a glob: {}", error.kind()),
                ));
            }
        }
    }
    // Rules are named by code or name; a name that is neither is a typo to report, with the
    // line it is on.
    for key in config.check.rules.keys() {
        if tm_check::rules::find(key).is_none() {
            let line = text.lines().position(|l| l.contains(key.as_str())).map_or(0, |i| i + 1);
            return Err(ParseError::at(
                line,
                format!("[check.rules] has no rule `{key}` (see `tm rule --all` for codes and names)"),
            ));
        }
    }
    for entry in &config.check.paths {
        let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).map_or(0, |i| i + 1);
        if entry.files.is_empty() {
            return Err(ParseError::at(line_of("[[check.paths]]"), "[[check.paths]] names no files".to_owned()));
        }
        for glob in &entry.files {
            if let Err(error) = globset::Glob::new(glob) {
                return Err(ParseError::at(
                    line_of(glob),
                    format!("`check.paths.files`: {glob:?} is not a glob: {}", error.kind()),
                ));
            }
        }
        for key in entry.rules.keys() {
            if tm_check::rules::find(key).is_none() {
                return Err(ParseError::at(
                    line_of(key),
                    format!("[[check.paths]] has no rule `{key}` (see `tm rule --all` for codes and names)"),
                ));
            }
        }
    }
    Ok(config)
}

/// The dotted key set on line `line` (1-based): the last table header above it and the key
/// before `=` on the line itself.
fn key_at(text: &str, line: usize) -> Option<String> {
    let mut table = String::new();
    let mut key = None;
    for (index, content) in text.lines().enumerate().take(line) {
        let content = content.trim();
        if let Some(header) = content.strip_prefix('[') {
            table = header.trim_start_matches('[').split(']').next().unwrap_or_default().trim().to_owned();
            key = None;
        } else if let Some((name, _)) = content.split_once('=')
            && index + 1 == line
        {
            key = Some(name.trim().trim_matches('"').to_owned());
        }
    }
    match key {
        Some(key) if table.is_empty() => Some(key),
        Some(key) => Some(format!("{table}.{key}")),
        None => (!table.is_empty()).then_some(table),
    }
}

impl Config {
    /// The configured setting of a rule, by its code or its name.
    #[must_use]
    pub fn rule_setting(&self, code: &str, name: &str) -> Option<RuleSetting> {
        rule_setting(&self.check.rules, code, name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_section_parses() {
        let config =
            parse("[segment]\njoin-lines = true\n[segment.ru]\nnever-final = [\"сев\"]\nno-break = [\"ул. Ленина\"]\n")
                .unwrap();
        assert!(config.segment.join_lines);
        assert_eq!(config.segment.ru.never_final, ["сев"]);
        assert_eq!(config.segment_options(Lang::Ru).line_breaks, LineBreaks::Paragraphs);
        assert!(config.segment_options(Lang::En).rules.never_final.is_empty());
    }

    #[test]
    fn unknown_key_names_line_and_key() {
        let error = parse("[segment]\njoin-lines = false\nabreviations = [\"x\"]\n").unwrap_err().to_string();
        assert!(error.starts_with("line 3, column 1: "), "{error}");
        assert!(error.contains("abreviations"), "{error}");
    }

    #[test]
    fn rules_are_configured_by_code_or_name() {
        let config =
            parse("[check]\nfail-on = \"warning\"\n[check.rules]\nterm-not-preferred = \"off\"\nTM101 = \"warning\"\n")
                .unwrap();
        assert_eq!(config.rule_setting("TM103", "term-not-preferred"), Some(RuleSetting::Off));
        assert_eq!(config.rule_setting("TM101", "term-forbidden"), Some(RuleSetting::Warning));
        assert_eq!(config.rule_setting("TM102", "term-missing"), None);
        let error = parse("[check.rules]\nterm-forbiden = \"off\"\n").unwrap_err().to_string();
        assert!(error.starts_with("line 2: [check.rules] has no rule `term-forbiden`"), "{error}");
        let error = parse("[check.rules]\nTM101 = \"loud\"\n").unwrap_err().to_string();
        assert!(error.starts_with("line 2, column 9: "), "{error}");
    }

    #[test]
    fn wrong_type_is_an_error_naming_the_key() {
        let error = parse("[segment]\njoin-lines = \"yes\"\n").unwrap_err().to_string();
        assert!(error.starts_with("line 2, column 14: `segment.join-lines`: "), "{error}");
        let typed = parse("[segment]\njoin-lines = \"yes\"\n").unwrap_err();
        assert_eq!((typed.line, typed.column, typed.key.as_deref()), (2, Some(14), Some("segment.join-lines")));
        let error = parse("memory = 3\n").unwrap_err().to_string();
        assert!(error.starts_with("line 1, column 10: `memory`: "), "{error}");
    }

    #[test]
    fn files_section_and_its_errors() {
        let config = parse(
            "[files]\ninclude = [\"releases/**/*.md\"]\nexclude = [\"archive/**\"]\n\n[[files.pairs]]\ndraft = \"english/{path}\"\nsource = \"russian/{path}\"\n",
        )
        .unwrap();
        assert_eq!(config.files.include, ["releases/**/*.md"]);
        assert_eq!(config.files.pairs.len(), 1);
        assert_eq!(Config::default().files.pairs.len(), 2);
        let error = parse("[files]\nexclude = [\"a/[b\"]\n").unwrap_err().to_string();
        assert!(error.starts_with("line 2: `files.exclude`: \"a/[b\" is not a glob"), "{error}");
        let error = parse("[[files.pairs]]\ndraft = \"en/{path}\"\nsource = \"ru/{name}\"\n").unwrap_err().to_string();
        assert!(error.starts_with("line 2: `files.pairs`: "), "{error}");
        assert!(error.contains("{name}"), "{error}");
        let error = parse("[check]\ndraft-language = \"de\"\n").unwrap_err().to_string();
        assert!(error.starts_with("line 2: `check.draft-language` = \"de\""), "{error}");
        let error = parse("[files]\ninclude = \"*.txt\"\n").unwrap_err().to_string();
        assert!(error.starts_with("line 2, column 11: `files.include`: "), "{error}");
    }
}
