//! `tm.toml`: the project configuration, found by walking up from the current folder.
//!
//! Unknown keys and bad values are errors that name the file, the line and the key: a typo in
//! a configuration that silently does nothing is worse than no configuration.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::segment::{Lang, LineBreaks, RuleLists, SegmentOptions};

/// The configuration file's name.
pub const FILE_NAME: &str = "tm.toml";

/// The parsed `tm.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub segment: SegmentConfig,
    #[serde(default)]
    pub check: CheckConfig,
}

/// The `[check]` section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct CheckConfig {
    /// Glossary files, relative to the folder holding `tm.toml`.
    #[serde(default)]
    pub glossaries: Vec<PathBuf>,
    /// `error`, `warning` or `info`: the lowest severity that fails a run.
    pub fail_on: Option<FailOn>,
}

/// A severity threshold in `tm.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
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
    #[error("{}: {message}", path.display())]
    Parse { path: PathBuf, message: String },
}

/// The nearest `tm.toml` in `start` or one of its ancestors.
#[must_use]
pub fn discover(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|dir| dir.join(FILE_NAME)).find(|candidate| candidate.is_file())
}

/// Reads and parses a configuration file.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.to_owned(), source })?;
    parse(&text).map_err(|message| ConfigError::Parse { path: path.to_owned(), message })
}

/// Parses configuration text; the error message names the line, column and key.
pub fn parse(text: &str) -> Result<Config, String> {
    toml::from_str(text).map_err(|error| {
        let location = error.span().map(|span| {
            let line = text[..span.start].matches('\n').count() + 1;
            let column = text[..span.start].rsplit('\n').next().map_or(0, |line| line.chars().count()) + 1;
            format!("line {line}, column {column}: ")
        });
        format!("{}{}", location.unwrap_or_default(), error.message())
    })
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
        let error = parse("[segment]\njoin-lines = false\nabreviations = [\"x\"]\n").unwrap_err();
        assert!(error.starts_with("line 3, column 1: "), "{error}");
        assert!(error.contains("abreviations"), "{error}");
    }

    #[test]
    fn wrong_type_is_an_error() {
        let error = parse("[segment]\njoin-lines = \"yes\"\n").unwrap_err();
        assert!(error.starts_with("line 2, column 14: "), "{error}");
    }
}
