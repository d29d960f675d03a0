//! A baseline: the findings a repository has accepted, so that CI fails only on new ones.
//!
//! Findings are keyed by content, never by line: the rule, the words found, the line they
//! stand on with its whitespace collapsed, and how many identical keys came before in the same
//! file. Adding a paragraph above an accepted finding keeps its key; editing its own line (or
//! fixing it) does not.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::Finding;

/// The content key of each finding, in order (see the module documentation). `line_of` gives
/// the text of the line a finding starts on.
pub fn fingerprints<'a>(findings: &[Finding], line_of: impl Fn(&Finding) -> &'a str) -> Vec<String> {
    let mut seen: HashMap<(&str, u64), usize> = HashMap::new();
    // Findings on one line with the same rule and text hash alike: hash each line once per
    // (rule, text), not once per finding (a one-line draft may hold thousands).
    let mut hashed: HashMap<(&str, &str, usize, usize), u64> = HashMap::new();
    findings
        .iter()
        .map(|finding| {
            let line_text = line_of(finding);
            let key = (finding.code, finding.found.as_str(), line_text.as_ptr() as usize, line_text.len());
            let hash = *hashed.entry(key).or_insert_with(|| {
                let line: Vec<&str> = line_text.split_whitespace().collect();
                let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
                // The found text as it was shortened before JSON carried it whole, so that
                // baselines written then still match.
                let found = super::shorten(&finding.found);
                for part in [finding.code, found.as_str(), &line.join(" ")] {
                    for byte in part.bytes().chain([0xff]) {
                        hash ^= u64::from(byte);
                        hash = hash.wrapping_mul(0x0100_0000_01b3);
                    }
                }
                hash
            });
            let count = seen.entry((finding.path.as_str(), hash)).or_insert(0);
            *count += 1;
            format!("{hash:016x}:{count}")
        })
        .collect()
}

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub code: String,
    /// The words found, for people reading the file.
    pub found: String,
    pub fingerprint: String,
}

/// The baseline file: `{"version": 1, "findings": [...]}`, sorted, one entry per finding.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// A baseline that cannot be read or written.
#[derive(Debug, Error)]
pub enum BaselineError {
    #[error("cannot read the baseline {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("cannot write the baseline {}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("{}: line {line}, column {column}: not a tm baseline: {message}", path.display())]
    Parse { path: PathBuf, line: usize, column: usize, message: String },
    #[error("{}: baseline version {version}; this tm reads version 1", path.display())]
    Version { path: PathBuf, version: u32 },
}

/// What comparing findings with a baseline gives.
#[derive(Debug, Default)]
pub struct Comparison {
    /// Findings not in the baseline.
    pub new: Vec<Finding>,
    /// How many findings the baseline accepted.
    pub accepted: usize,
    /// Baseline entries no finding matched any more (fixed, or their line was edited).
    pub gone: usize,
}

impl Baseline {
    /// The baseline of `findings`.
    #[must_use]
    pub fn of(findings: &[Finding], fingerprints: &[String]) -> Baseline {
        let mut entries: Vec<Entry> = findings
            .iter()
            .zip(fingerprints)
            .map(|(finding, fingerprint)| Entry {
                path: finding.path.clone(),
                code: finding.code.to_owned(),
                found: finding.found.clone(),
                fingerprint: fingerprint.clone(),
            })
            .collect();
        entries.sort();
        Baseline { version: 1, findings: entries }
    }

    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let text =
            std::fs::read_to_string(path).map_err(|source| BaselineError::Read { path: path.to_owned(), source })?;
        let baseline: Baseline = serde_json::from_str(&text).map_err(|error| BaselineError::Parse {
            path: path.to_owned(),
            line: error.line(),
            column: error.column(),
            message: error.to_string(),
        })?;
        if baseline.version != 1 {
            return Err(BaselineError::Version { path: path.to_owned(), version: baseline.version });
        }
        Ok(baseline)
    }

    /// Writes the baseline through a temporary file, so a failed write leaves the old one.
    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        tm_formats::atomic::write(path, text.as_bytes()).map_err(
            |tm_formats::atomic::WriteError::Io { source, .. }| BaselineError::Write { path: path.to_owned(), source },
        )
    }

    /// Splits `findings` into the new ones and the accepted ones.
    #[must_use]
    pub fn compare(&self, findings: Vec<Finding>, fingerprints: &[String]) -> Comparison {
        let (accepted, gone) = self.accepted(&findings, fingerprints);
        let mut comparison = Comparison { gone, ..Comparison::default() };
        for (finding, accepted) in findings.into_iter().zip(accepted) {
            if accepted {
                comparison.accepted += 1;
            } else {
                comparison.new.push(finding);
            }
        }
        comparison
    }

    /// Whether the baseline accepts each of `findings` (an entry accepts one finding), and how
    /// many entries accepted none.
    #[must_use]
    pub fn accepted(&self, findings: &[Finding], fingerprints: &[String]) -> (Vec<bool>, usize) {
        let mut known: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
        for entry in &self.findings {
            *known.entry((&entry.path, &entry.code, &entry.fingerprint)).or_insert(0) += 1;
        }
        let accepted = findings
            .iter()
            .zip(fingerprints)
            .map(|(finding, fingerprint)| {
                match known.get_mut(&(finding.path.as_str(), finding.code, fingerprint.as_str())) {
                    Some(count) if *count > 0 => {
                        *count -= 1;
                        true
                    }
                    _ => false,
                }
            })
            .collect();
        (accepted, known.values().sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;
    use tm_text::Span;

    fn finding(path: &str, code: &'static str, found: &str, start: usize) -> Finding {
        Finding {
            code,
            rule: "r",
            severity: Severity::Error,
            path: path.to_owned(),
            span: Span::new(start, start + found.len()),
            found: found.to_owned(),
            suggestion: None,
            term: None,
            message: String::new(),
            note: None,
            fix: None,
        }
    }

    #[test]
    fn keys_follow_content_not_lines() {
        let before = "Встреча в Лионе.\nThe meeting in Lion.\n";
        let after = "Новый абзац.\n\nВстреча в Лионе.\nThe  meeting in Lion.\n";
        let key = |text: &str| {
            let at = text.find("Lion").unwrap();
            let line = text[..at].rsplit('\n').next().unwrap().len();
            let found = [finding("a.md", "TM101", "Lion", at)];
            fingerprints(&found, |f| {
                let start = f.span.start - line;
                let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
                &text[start..end]
            })
        };
        assert_eq!(key(before), key(after), "whitespace and lines above do not matter");
        assert_ne!(key(before), key("The meeting in Lion, France.\n"), "an edit of the line does");
    }

    #[test]
    fn compare_counts_duplicates_and_gone_entries() {
        let findings = vec![finding("a", "TM101", "Lion", 0), finding("a", "TM101", "Lion", 10)];
        let keys = vec!["k:1".to_owned(), "k:2".to_owned()];
        let baseline = Baseline::of(&findings[..1], &keys[..1]);
        let comparison = baseline.compare(findings.clone(), &keys);
        assert_eq!((comparison.new.len(), comparison.accepted, comparison.gone), (1, 1, 0));
        assert_eq!(comparison.new[0].span.start, 10);
        let comparison = Baseline::of(&findings, &keys).compare(Vec::new(), &[]);
        assert_eq!((comparison.new.len(), comparison.accepted, comparison.gone), (0, 0, 2));
    }
}
