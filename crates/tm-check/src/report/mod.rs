//! Renderers: each output format turns findings (byte spans) into text, computing lines and
//! columns in the unit it needs. The library never prints; the CLI writes what these return.

mod concise;
mod full;
mod github;
mod gitlab;
mod json;
mod junit;
mod sarif;

use std::collections::HashMap;

pub use concise::concise;
pub use full::{full, full_styled, summary};
pub use github::{github, github_summary};
pub use gitlab::gitlab;
pub use json::{json, json_lines};
pub use junit::junit;
pub use sarif::sarif;

use crate::Finding;
use tm_text::{ColumnUnit, LineIndex, Position};

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
