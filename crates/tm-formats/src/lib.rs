//! Readers and writers of translation-memory exchange formats.
//!
//! Readers stream: they hand each unit to a callback as soon as it is complete and never hold
//! a whole file. A unit the reader cannot use is reported as [`Item::Invalid`] with its
//! location; the importer decides whether that is fatal (the default) or skipped
//! (`--skip-invalid`). Broken syntax that makes the rest of the file unreadable is a
//! [`FormatError`].

pub mod atomic;
pub mod input;
pub mod markdown;
pub mod markup;
pub mod parallel;
pub mod po;
pub mod tmx;
pub mod tsv;
pub mod xliff;

use std::fmt;
use std::path::Path;

use serde::Serialize;

/// A position in an input file, 1-based; `column` counts characters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Location {
    pub line: u64,
    pub column: u64,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column > 0 { write!(f, "{}:{}", self.line, self.column) } else { write!(f, "{}", self.line) }
    }
}

/// A translation unit: a source sentence and its translation, with their inline markup and
/// metadata. The one unit record: readers' units become it, the memory stores it (with its
/// keys) and exports it, the TMX writer writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Unit {
    /// Language tags as the file gave them (`ru-RU`).
    pub src_tag: String,
    pub tgt_tag: String,
    /// Text with inline codes replaced by placeholders (see [`tm_text::placeholder`]).
    pub source: String,
    pub target: String,
    /// The original inline markup, when the segment had codes.
    pub source_markup: Option<String>,
    pub target_markup: Option<String>,
    /// The file or document the unit came from.
    pub origin: Option<String>,
    #[serde(flatten)]
    pub meta: Meta,
}

/// Metadata found on a unit or one of its language variants.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    pub created_at: Option<String>,
    pub created_by: Option<String>,
    pub changed_at: Option<String>,
    pub changed_by: Option<String>,
    pub usage_count: Option<i64>,
    pub context: Option<String>,
    pub notes: Vec<String>,
    pub props: Vec<(String, String)>,
}

impl Meta {
    /// Fills what `self` lacks from `outer` (a variant inherits its unit's metadata).
    pub fn inherit(&mut self, outer: &Meta) {
        let fill = |mine: &mut Option<String>, theirs: &Option<String>| {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        };
        fill(&mut self.created_at, &outer.created_at);
        fill(&mut self.created_by, &outer.created_by);
        fill(&mut self.changed_at, &outer.changed_at);
        fill(&mut self.changed_by, &outer.changed_by);
        fill(&mut self.context, &outer.context);
        if self.usage_count.is_none() {
            self.usage_count = outer.usage_count;
        }
        let mut notes = outer.notes.clone();
        notes.append(&mut self.notes);
        self.notes = notes;
        let mut props = outer.props.clone();
        props.append(&mut self.props);
        self.props = props;
    }
}

/// The text of a unit in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Variant {
    /// The language tag as written (`ru-RU`).
    pub lang: String,
    /// Text with inline codes replaced by placeholders.
    pub text: String,
    /// The segment's original inline markup, when it had codes.
    pub markup: Option<String>,
    pub meta: Meta,
}

/// A unit as read: any number of language variants.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawUnit {
    pub location: Location,
    /// The source language the file declares for this unit, if any.
    pub declared_source: Option<String>,
    pub variants: Vec<Variant>,
    pub meta: Meta,
}

/// What a reader hands to its callback.
// Items are handed over one at a time and never stored in bulk: boxing the unit would only
// add an allocation per unit.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Unit(RawUnit),
    /// A unit that cannot be used, and why: fatal unless the user asked to skip invalid units.
    Invalid {
        location: Location,
        reason: String,
    },
    /// A well-formed unit the user did not ask for (a draft, a fuzzy PO entry): skipped.
    Skipped {
        location: Location,
        reason: String,
    },
    /// Something worth telling the user that does not affect the units.
    Warning {
        location: Location,
        message: String,
    },
}

/// A file that cannot be read further.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    #[error("line {}, column {}: {message}", location.line, location.column)]
    Syntax { location: Location, message: String },
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The callback asked to stop.
    #[error(transparent)]
    Stopped(Stop),
}

/// What a sink returns to stop the reader; the sink's owner knows why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the reader was stopped by its caller")]
pub struct Stop;

/// The callback readers feed; returning [`Stop`] stops the reader.
pub type Sink<'a> = dyn FnMut(Item) -> Result<(), Stop> + 'a;

/// What the readers of `tm import` may be told, one struct for every format (each reads the
/// fields that concern it).
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// XLIFF: also import segments whose state is not final or translated.
    pub include_drafts: bool,
    /// PO: also import fuzzy entries.
    pub include_fuzzy: bool,
    /// TSV/CSV: which column holds what (`--columns`), else from the header.
    pub columns: Option<Vec<tsv::Column>>,
    /// The languages of files that do not name them (TSV without a header, PO).
    pub src: String,
    pub tgt: String,
}

/// The formats `tm import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    Tmx,
    Tsv,
    Csv,
    Xliff,
    Po,
}

impl Format {
    /// Reads a file in this format, feeding its units to `sink`.
    pub fn read(self, input: input::Input, options: &ReadOptions, sink: &mut Sink<'_>) -> Result<(), FormatError> {
        match self {
            Format::Tmx => tmx::read(input, sink).map(drop),
            Format::Xliff => xliff::read(input, xliff::XliffOptions { include_drafts: options.include_drafts }, sink),
            Format::Tsv => tsv::read(input, b'\t', options.columns.as_deref(), sink),
            Format::Csv => tsv::read(input, b',', options.columns.as_deref(), sink),
            Format::Po => po::read(input, &options.src, &options.tgt, options.include_fuzzy, sink),
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "tmx" => Ok(Format::Tmx),
            "tsv" => Ok(Format::Tsv),
            "csv" => Ok(Format::Csv),
            "xliff" | "xlf" => Ok(Format::Xliff),
            "po" => Ok(Format::Po),
            other => Err(format!("unknown format `{other}` (expected tmx, tsv, csv, xliff or po)")),
        }
    }
}

impl Format {
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Format::Tmx => "tmx",
            Format::Tsv => "tsv",
            Format::Csv => "csv",
            Format::Xliff => "xliff",
            Format::Po => "po",
        }
    }

    /// The format of `path` from its extension (ignoring a trailing `.gz`); for a file without
    /// an extension or with a generic one (`.txt`, `.dat`, `.xml`), and standard input, from
    /// the first bytes of its (decoded) content. Any other extension gives `None`.
    #[must_use]
    pub fn detect(path: &Path, head: &str) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let extension = name.rsplit('.').next().unwrap_or_default();
        match extension {
            "tmx" => return Some(Format::Tmx),
            "tsv" | "tab" => return Some(Format::Tsv),
            "csv" => return Some(Format::Csv),
            "xlf" | "xliff" | "sdlxliff" | "mqxliff" => return Some(Format::Xliff),
            "po" | "pot" => return Some(Format::Po),
            // Generic names are read by their content.
            "txt" | "text" | "dat" | "xml" => {}
            _ if !name.contains('.') => {}
            // Another extension says what the file is (README.md is not a CSV because its
            // first line has a comma): the caller asks for --format.
            _ => return None,
        }
        let head = head.trim_start_matches('\u{FEFF}').trim_start();
        if head.starts_with('<') {
            if head.contains("<tmx") {
                return Some(Format::Tmx);
            }
            if head.contains("<xliff") {
                return Some(Format::Xliff);
            }
        }
        if head.starts_with("msgid") || head.starts_with("msgctxt") || head.starts_with("# ") {
            return Some(Format::Po);
        }
        let first_line = head.lines().next().unwrap_or_default();
        if first_line.contains('\t') {
            return Some(Format::Tsv);
        }
        if first_line.contains(',') {
            return Some(Format::Csv);
        }
        None
    }
}

/// Converts a TMX/XLIFF date (`20261128T020509Z`, or already ISO 8601) into ISO 8601
/// (`2026-11-28T02:05:09Z`); anything else is kept as written.
#[must_use]
pub fn iso_date(value: &str) -> String {
    let v = value.trim();
    let b = v.as_bytes();
    if b.len() == 16 && b[8] == b'T' && b[15] == b'Z' && b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit) {
        return format!("{}-{}-{}T{}:{}:{}Z", &v[0..4], &v[4..6], &v[6..8], &v[9..11], &v[11..13], &v[13..15]);
    }
    v.to_owned()
}

/// The inverse of [`iso_date`] for writing TMX, when the date is in that form.
#[must_use]
pub fn tmx_date(value: &str) -> String {
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 14 && value.ends_with('Z') {
        format!("{}T{}Z", &digits[..8], &digits[8..])
    } else {
        value.to_owned()
    }
}

/// What the readers say of bytes that are not UTF-8 (with no byte-order mark or declaration
/// saying otherwise).
pub(crate) const NOT_UTF8: &str = "the file is not valid UTF-8: give its encoding with --encoding (windows-1251 and koi8-r are the usual Russian ones)";

/// A Russian sentence (or sentences) and its translation, aligned by `tm`, with the source
/// sentence before it in its document (for context matches): what the aligner hands the memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentencePair {
    pub source: String,
    pub target: String,
    pub previous: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_convert_both_ways() {
        assert_eq!(iso_date("20261128T020509Z"), "2026-11-28T02:05:09Z");
        assert_eq!(iso_date("2026-11-28"), "2026-11-28");
        assert_eq!(tmx_date("2026-11-28T02:05:09Z"), "20261128T020509Z");
    }

    #[test]
    fn detects_by_extension_then_content() {
        assert_eq!(Format::detect(Path::new("a.TMX"), ""), Some(Format::Tmx));
        assert_eq!(Format::detect(Path::new("a.tmx.gz"), ""), Some(Format::Tmx));
        assert_eq!(Format::detect(Path::new("a.dat"), "<?xml?>\n<xliff version"), Some(Format::Xliff));
        assert_eq!(Format::detect(Path::new("a.txt"), "ru\ten\n"), Some(Format::Tsv));
        assert_eq!(Format::detect(Path::new("a.txt"), "просто текст"), None);
        assert_eq!(Format::detect(Path::new("README.md"), "# tm, a tool\n"), None);
        assert_eq!(Format::detect(Path::new("-"), "ru\ten\n"), Some(Format::Tsv));
    }
}
