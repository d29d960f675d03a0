//! Report formats: each turns findings (byte spans) into text, computing lines and columns in
//! the unit its consumers need, and writes it to the writer it is given ([`Emitter`]). The
//! library never prints; the CLI chooses the writer (standard output, a `--report` file).
//!
//! Adding a format: a file here with its renderer (a function to a string, wrapped in
//! [`Rendered`], or a type implementing [`Emitter`] when it needs options, as [`Full`] does),
//! a variant of [`ReportFormat`] and its arm in [`ReportFormat::emitter`].

mod concise;
mod full;
mod github;
mod gitlab;
mod json;
mod junit;
mod sarif;

use std::collections::HashMap;

pub use concise::concise;
pub use full::{Full, full, full_styled, summary};
pub use github::{github, github_summary};
pub use gitlab::gitlab;
pub use json::{json, json_lines};
pub use junit::junit;
pub use sarif::sarif;

use crate::Finding;
use tm_text::{ColumnUnit, LineIndex, Position};

/// An output format of `tm check`.
pub trait Emitter {
    /// Writes the findings, which point into `sources`, to `out`.
    fn emit(&self, out: &mut dyn std::io::Write, findings: &[Finding], sources: &Sources) -> std::io::Result<()>;
}

/// A format rendered whole into a string (reports are small next to the checks), then
/// written.
#[derive(Debug, Clone, Copy)]
pub struct Rendered(pub fn(&[Finding], &Sources) -> String);

impl Emitter for Rendered {
    fn emit(&self, out: &mut dyn std::io::Write, findings: &[Finding], sources: &Sources) -> std::io::Result<()> {
        out.write_all((self.0)(findings, sources).as_bytes())
    }
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
            Self::Concise => Box::new(Rendered(concise)),
            Self::Json => Box::new(Rendered(json)),
            Self::JsonLines => Box::new(Rendered(json_lines)),
            Self::Github => Box::new(Rendered(github)),
            Self::Sarif => Box::new(Rendered(sarif)),
            Self::Junit => Box::new(Rendered(junit)),
            Self::Gitlab => Box::new(Rendered(gitlab)),
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
