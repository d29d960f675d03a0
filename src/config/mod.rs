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
    /// Per rule (code or name): `off`, or the severity its findings get.
    #[serde(default)]
    pub rules: std::collections::BTreeMap<String, RuleSetting>,
}

/// What `tm.toml` says about one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    Off,
    Error,
    Warning,
    Info,
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
    let config: Config = toml::from_str(text).map_err(|error| {
        let location = error.span().map(|span| {
            let line = text[..span.start].matches('\n').count() + 1;
            let column = text[..span.start].rsplit('\n').next().map_or(0, |line| line.chars().count()) + 1;
            format!("line {line}, column {column}: ")
        });
        format!("{}{}", location.unwrap_or_default(), error.message())
    })?;
    // Rules are named by code or name; a name that is neither is a typo to report, with the
    // line it is on.
    for key in config.check.rules.keys() {
        if crate::check::rules::find(key).is_none() {
            let line = text.lines().position(|l| l.contains(key.as_str())).map_or(0, |i| i + 1);
            return Err(format!(
                "line {line}: [check.rules] has no rule `{key}` (see `tm rule --all` for codes and names)"
            ));
        }
    }
    Ok(config)
}

impl Config {
    /// The configured setting of a rule, by its code or its name.
    #[must_use]
    pub fn rule_setting(&self, code: &str, name: &str) -> Option<RuleSetting> {
        self.check
            .rules
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(code) || *key == name)
            .map(|(_, setting)| *setting)
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
        let error = parse("[segment]\njoin-lines = false\nabreviations = [\"x\"]\n").unwrap_err();
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
        let error = parse("[check.rules]\nterm-forbiden = \"off\"\n").unwrap_err();
        assert!(error.starts_with("line 2: [check.rules] has no rule `term-forbiden`"), "{error}");
        let error = parse("[check.rules]\nTM101 = \"loud\"\n").unwrap_err();
        assert!(error.starts_with("line 2, column 9: "), "{error}");
    }

    #[test]
    fn wrong_type_is_an_error() {
        let error = parse("[segment]\njoin-lines = \"yes\"\n").unwrap_err();
        assert!(error.starts_with("line 2, column 14: "), "{error}");
    }
}
