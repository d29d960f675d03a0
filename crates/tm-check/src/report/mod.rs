//! Report formats: each turns findings (byte spans) into text, computing lines and columns in
//! the unit its consumers need, and writes it to the writer it is given ([`Emitter`]). The
//! library never prints; the CLI chooses the writer (standard output, a `--report` file).
//!
//! Adding a format: a file here with a type implementing [`Emitter`], a variant of
//! [`ReportFormat`] and its arm in [`ReportFormat::emitter`].

mod concise;
mod full;
mod github;
mod gitlab;
mod json;
mod junit;
mod sarif;

use std::collections::HashMap;

pub use concise::{Concise, concise};
pub use full::{Full, full, full_styled, summary};
pub use github::{Github, github, github_summary};
pub use gitlab::{Gitlab, gitlab};
pub use json::{Json, JsonLines, json, json_lines};
pub use junit::{Junit, junit};
pub use sarif::{Sarif, sarif};

use crate::Finding;
use tm_text::{ColumnUnit, LineIndex, Position};

/// An output format of `tm check`.
pub trait Emitter {
    /// Writes the findings, which point into `sources`, to `out`.
    fn emit(&self, out: &mut dyn std::io::Write, findings: &[Finding], sources: &Sources) -> std::io::Result<()>;
}

/// The formats `tm check --format` and `--report` offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum ReportFormat {
    /// Like rustc: location, the line with a caret under the finding, the fix.
    Full,
    /// One finding per line.
    Concise,
    /// A JSON array of findings.
    Json,
    /// One JSON object per finding per line.
    JsonLines,
    /// GitHub Actions workflow commands (annotations); with $GITHUB_STEP_SUMMARY set, also a
    /// Markdown table of all findings appended to it. The default when GITHUB_ACTIONS=true.
    Github,
    /// SARIF 2.1.0 for GitHub code scanning.
    Sarif,
    /// JUnit XML for CI dashboards.
    Junit,
    /// A GitLab code-quality report (`artifacts: reports: codequality`).
    Gitlab,
}

impl ReportFormat {
    /// The format's emitter; `colour` styles the `full` format for a terminal.
    #[must_use]
    pub fn emitter(self, colour: bool) -> Box<dyn Emitter> {
        match self {
            Self::Full => Box::new(full::Full { colour }),
            Self::Concise => Box::new(concise::Concise),
            Self::Json => Box::new(json::Json),
            Self::JsonLines => Box::new(json::JsonLines),
            Self::Github => Box::new(github::Github),
            Self::Sarif => Box::new(sarif::Sarif),
            Self::Junit => Box::new(junit::Junit),
            Self::Gitlab => Box::new(gitlab::Gitlab),
        }
    }
}

/// The texts findings point into, by path, with their line indexes.
#[derive(Debug, Default)]
pub struct Sources {
    files: HashMap<String, (String, LineIndex)>,
    /// The absolute folder relative paths are relative to (the current folder of the run), for
    /// formats that state it (SARIF's `originalUriBaseIds`).
    base: Option<std::path::PathBuf>,
}

impl Sources {
    /// Paths are relative to `folder`, an absolute path.
    pub fn set_base(&mut self, folder: &std::path::Path) {
        self.base = folder.is_absolute().then(|| folder.to_path_buf());
    }

    #[must_use]
    pub fn base(&self) -> Option<&std::path::Path> {
        self.base.as_deref()
    }

    pub fn add(&mut self, path: &str, text: &str) {
        self.files.insert(path.to_owned(), (text.to_owned(), LineIndex::new(text)));
    }

    /// Start and end positions of a finding, in `unit`.
    #[must_use]
    pub fn range(&self, finding: &Finding, unit: ColumnUnit) -> (Position, Position) {
        match self.files.get(&finding.path) {
            Some((text, index)) => {
                (index.position(text, finding.span.start, unit), index.position(text, finding.span.end, unit))
            }
            None => (Position { line: 1, column: 1 }, Position { line: 1, column: 1 }),
        }
    }

    /// The baseline's fingerprint of each finding (see [`crate::baseline::fingerprints`]),
    /// from the line each finding is on.
    #[must_use]
    pub fn fingerprints(&self, findings: &[Finding]) -> Vec<String> {
        crate::baseline::fingerprints(findings, |f| self.line_at(&f.path, f.span.start).map_or("", |(line, _)| line))
    }

    /// The text of the line holding `offset` (without its line break) and the line's start.
    #[must_use]
    pub fn line_at(&self, path: &str, offset: usize) -> Option<(&str, usize)> {
        let (text, index) = self.files.get(path)?;
        let range = index.line_range(text, offset);
        Some((&text[range.clone()], range.start))
    }
}
