//! `tm import`: reads one file with the right format reader and stores its units in one
//! transaction.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Serialize;

use super::lang::{match_quality, primary};
use super::matching::{hash, matching_form};
use crate::{ImportCounts, Importer, MemoryError, NewUnit, OnConflict, Outcome, Store, Unit};
use tm_formats as formats;
use tm_formats::tsv::Column;
use tm_formats::{Format, FormatError, Item, Location, RawUnit, Stop, input};
use tm_text::segment::Segmenter;

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Overrides detection by extension and content.
    pub format: Option<Format>,
    /// Source and target languages; when absent, what the file declares, else `ru` → `en`.
    pub src: Option<String>,
    pub tgt: Option<String>,
    pub on_conflict: OnConflict,
    /// Import the valid units of a file with invalid ones instead of failing.
    pub skip_invalid: bool,
    /// XLIFF targets in draft states.
    pub include_drafts: bool,
    /// PO entries marked fuzzy.
    pub include_fuzzy: bool,
    /// TSV/CSV columns instead of a header row.
    pub columns: Option<Vec<String>>,
    /// Origin recorded for the units, instead of the file name.
    pub origin: Option<String>,
    /// The encoding of files without a byte-order mark (else UTF-16 when the bytes show it, an
    /// XML declaration's, or UTF-8).
    pub encoding: Option<tm_text::Encoding>,
}

/// What one file's import did.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub file: String,
    pub format: String,
    pub encoding: String,
    pub batch: i64,
    pub counts: ImportCounts,
    /// Units not imported, with where and why.
    pub skipped: Vec<(Location, String)>,
    pub warnings: Vec<(Location, String)>,
}

/// Why a file was not imported (nothing from it was stored).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: {source}")]
    Open { file: String, source: std::io::Error },
    #[error("{file}: cannot tell the format; give --format tmx|tsv|csv|xliff|po")]
    UnknownFormat { file: String },
    #[error("{file}:{}:{}: {message}", location.line, location.column)]
    Syntax { file: String, location: Location, message: String },
    #[error("{file}:{}:{}: invalid unit: {reason} (--skip-invalid imports the rest)", location.line, location.column)]
    Invalid { file: String, location: Location, reason: String },
    #[error(
        "{file}: no unit could be imported, the first: {reason} (languages in the file: {found}); give --src/--tgt"
    )]
    NoUnits { file: String, reason: String, found: String },
    #[error("{file}: {source}")]
    Memory { file: String, source: MemoryError },
}

/// Progress of one file, for a progress bar: bytes of the file read, units read.
pub type Progress<'a> = dyn FnMut(u64, u64) + 'a;

/// Imports one file. Everything from it is stored, or (on any error) nothing.
pub fn import_file(
    memory: &mut dyn Store,
    path: &Path,
    options: &ImportOptions,
    progress: &mut Progress<'_>,
) -> Result<FileReport, ImportError> {
    let file = path.display().to_string();
    let open_error = |source| ImportError::Open { file: file.clone(), source };
    let input = input::open_as(path, options.encoding).map_err(open_error)?;
    let format = match options.format {
        Some(format) => format,
        None => {
            let head = peek(path, options.encoding).map_err(open_error)?;
            Format::detect(path, &head).ok_or_else(|| ImportError::UnknownFormat { file: file.clone() })?
        }
    };
    let encoding = input.encoding.clone();
    let raw_read = input.raw_read.clone();
    let digest = input.digest.clone();
    let options_text = describe(options);
    let origin = options.origin.clone().unwrap_or_else(|| file.clone());
    let mut importer = Importer::begin(memory, &file, None, format.name(), &options_text, options.on_conflict)
        .map_err(|source| ImportError::Memory { file: file.clone(), source })?;
    let batch = importer.batch();
    let mut report = FileReport {
        file: file.clone(),
        format: format.name().to_owned(),
        encoding,
        batch,
        counts: ImportCounts::default(),
        skipped: Vec::new(),
        warnings: Vec::new(),
    };
    let mut languages = BTreeSet::new();
    let mut misses = 0u64;
    let mut first_miss: Option<String> = None;
    let mut failure: Option<ImportError> = None;
    let src = options.src.clone().unwrap_or_else(|| "ru".to_owned());
    let read_options = formats::ReadOptions {
        include_drafts: options.include_drafts,
        include_fuzzy: options.include_fuzzy,
        columns: options.columns.as_ref().map(|c| c.iter().map(|n| Column::parse(n)).collect()),
        tgt: options.tgt.clone().unwrap_or_else(|| default_target(&src)),
        src,
    };
    let result = {
        let mut sink = |item: Item| -> Result<(), Stop> {
            match item {
                Item::Unit(unit) => {
                    for variant in &unit.variants {
                        languages.insert(variant.lang.clone());
                    }
                    let location = unit.location;
                    let units = match to_units(unit, options, &origin) {
                        Ok(units) => units,
                        Err(reason) => {
                            misses += 1;
                            first_miss.get_or_insert_with(|| format!("line {}: {reason}", location.line));
                            importer.skip();
                            report.skipped.push((location, reason));
                            Vec::new()
                        }
                    };
                    for new in units {
                        match importer.add(&new) {
                            Ok(Outcome::Skipped(reason)) => report.skipped.push((location, reason)),
                            Ok(_) => {}
                            Err(source) => {
                                failure = Some(ImportError::Memory { file: file.clone(), source });
                                return Err(Stop);
                            }
                        }
                    }
                    if importer.counts().read % 4096 == 0 {
                        progress(raw_read.get(), importer.counts().read);
                    }
                }
                Item::Skipped { location, reason } => {
                    importer.skip();
                    report.skipped.push((location, reason));
                }
                Item::Invalid { location, reason } => {
                    if !options.skip_invalid {
                        failure = Some(ImportError::Invalid { file: file.clone(), location, reason });
                        return Err(Stop);
                    }
                    importer.skip();
                    report.skipped.push((location, reason));
                }
                Item::Warning { location, message } => report.warnings.push((location, message)),
            }
            Ok(())
        };
        format.read(input, &read_options, &mut sink)
    };
    if let Some(failure) = failure {
        return Err(failure);
    }
    result.map_err(|error| format_error(&file, error))?;
    let counts = importer.counts();
    if misses > 0 && counts.added + counts.merged + counts.variants + counts.overwritten == 0 {
        // Every unit lacked the wanted languages: a wrong --src/--tgt, not an empty file.
        return Err(ImportError::NoUnits {
            file,
            reason: first_miss.unwrap_or_default(),
            found: languages.into_iter().collect::<Vec<_>>().join(", "),
        });
    }
    progress(raw_read.get(), counts.read);
    // The checksum was taken while reading; a reader that stopped before the end of the file
    // (trailing bytes after the document) costs a second pass.
    let size = std::fs::metadata(path).map(|m| m.len()).map_err(open_error)?;
    let sha =
        if raw_read.get() == size { input::hex_digest(&digest) } else { input::sha256(path).map_err(open_error)? };
    importer.set_sha256(&sha).map_err(|source| ImportError::Memory { file: file.clone(), source })?;
    report.counts = importer.commit().map_err(|source| ImportError::Memory { file: file.clone(), source })?;
    Ok(report)
}

/// Imports two line-aligned files as one batch.
pub fn import_parallel(
    memory: &mut dyn Store,
    source: &Path,
    target: &Path,
    options: &ImportOptions,
) -> Result<FileReport, ImportError> {
    let file = format!("{} + {}", source.display(), target.display());
    let open = |path: &Path| {
        input::open_as(path, options.encoding)
            .map_err(|e| ImportError::Open { file: path.display().to_string(), source: e })
    };
    let (source_input, target_input) = (open(source)?, open(target)?);
    let src = options.src.clone().unwrap_or_else(|| "ru".to_owned());
    let tgt = options.tgt.clone().unwrap_or_else(|| default_target(&src));
    let origin = options.origin.clone().unwrap_or_else(|| source.display().to_string());
    let mut importer = Importer::begin(memory, &file, None, "parallel", &describe(options), options.on_conflict)
        .map_err(|e| ImportError::Memory { file: file.clone(), source: e })?;
    let mut report = FileReport {
        file: file.clone(),
        format: "parallel".into(),
        encoding: source_input.encoding.clone(),
        batch: importer.batch(),
        counts: ImportCounts::default(),
        skipped: Vec::new(),
        warnings: Vec::new(),
    };
    let mut failure = None;
    let mut previous: Option<i64> = None;
    let result = formats::parallel::read(source_input, target_input, &src, &tgt, &mut |item| {
        match item {
            Item::Unit(unit) => {
                let location = unit.location;
                let units = to_units(unit, options, &origin).unwrap_or_else(|reason| {
                    importer.skip();
                    report.skipped.push((location, reason));
                    Vec::new()
                });
                for mut new in units {
                    new.prev_hash = previous;
                    previous = Some(hash(&matching_form(&new.unit.source)));
                    match importer.add(&new) {
                        Ok(Outcome::Skipped(reason)) => report.skipped.push((location, reason)),
                        Ok(_) => {}
                        Err(e) => {
                            failure = Some(ImportError::Memory { file: file.clone(), source: e });
                            return Err(Stop);
                        }
                    }
                }
            }
            Item::Skipped { location, reason } | Item::Invalid { location, reason } => {
                importer.skip();
                report.skipped.push((location, reason));
            }
            Item::Warning { location, message } => report.warnings.push((location, message)),
        }
        Ok(())
    });
    if let Some(failure) = failure {
        return Err(failure);
    }
    result.map_err(|error| format_error(&file, error))?;
    report.counts = importer.commit().map_err(|e| ImportError::Memory { file: file.clone(), source: e })?;
    Ok(report)
}

pub use tm_formats::SentencePair;

/// Stores sentence pairs aligned by `tm` (from its own segmenter) as one batch named `name`.
pub fn import_pairs(
    memory: &mut dyn Store,
    name: &str,
    pairs: &[SentencePair],
    segmenter: &Segmenter,
    options: &ImportOptions,
) -> Result<FileReport, ImportError> {
    let src = options.src.clone().unwrap_or_else(|| "ru".to_owned());
    let tgt = options.tgt.clone().unwrap_or_else(|| default_target(&src));
    let mut importer = Importer::begin(memory, name, None, "pairs", &describe(options), options.on_conflict)
        .map_err(|e| ImportError::Memory { file: name.to_owned(), source: e })?;
    let mut report = FileReport {
        file: name.to_owned(),
        format: "pairs".into(),
        encoding: "UTF-8".into(),
        batch: importer.batch(),
        counts: ImportCounts::default(),
        skipped: Vec::new(),
        warnings: Vec::new(),
    };
    for pair in pairs {
        let unit = NewUnit {
            unit: Unit {
                src_tag: src.clone(),
                tgt_tag: tgt.clone(),
                source: pair.source.clone(),
                target: pair.target.clone(),
                origin: Some(options.origin.clone().unwrap_or_else(|| name.to_owned())),
                ..Unit::default()
            },
            seg_version: Some(segmenter.version().to_owned()),
            prev_hash: pair.previous.as_deref().map(|previous| hash(&matching_form(previous))),
        };
        if let Outcome::Skipped(reason) =
            importer.add(&unit).map_err(|e| ImportError::Memory { file: name.to_owned(), source: e })?
        {
            report.skipped.push((Location::default(), reason));
        }
    }
    report.counts = importer.commit().map_err(|e| ImportError::Memory { file: name.to_owned(), source: e })?;
    Ok(report)
}

fn default_target(src: &str) -> String {
    if primary(src) == "en" { "ru".to_owned() } else { "en".to_owned() }
}

/// Picks the source and target variants of a unit for the wanted languages: one source (the
/// best-matching tag), and every target variant of the best-matching tag (two `<tuv>` of one
/// language become two translations).
fn to_units(raw: RawUnit, options: &ImportOptions, origin: &str) -> Result<Vec<NewUnit>, String> {
    let src = options
        .src
        .clone()
        .or_else(|| raw.declared_source.clone().filter(|s| super::lang::is_plausible(s)))
        .unwrap_or_else(|| "ru".to_owned());
    let tgt = options.tgt.clone().unwrap_or_else(|| default_target(&src));
    let best = |wanted: &str, except: Option<usize>| -> (u8, Vec<usize>) {
        let mut quality = 0;
        let mut indices = Vec::new();
        for (index, variant) in raw.variants.iter().enumerate() {
            if Some(index) == except {
                continue;
            }
            let q = match_quality(&variant.lang, wanted);
            if q > quality {
                quality = q;
                indices.clear();
            }
            if q == quality && q > 0 {
                indices.push(index);
            }
        }
        (quality, indices)
    };
    let (_, sources) = best(&src, None);
    let Some(&source_index) = sources.first() else {
        return Err(format!("no {src} text (source language {src}, target {tgt})"));
    };
    let (_, targets) = best(&tgt, Some(source_index));
    if targets.is_empty() {
        return Err(format!("no {tgt} text (source language {src}, target {tgt})"));
    }
    let source = &raw.variants[source_index];
    let mut out = Vec::new();
    for index in targets {
        let target = &raw.variants[index];
        let mut meta = target.meta.clone();
        meta.inherit(&raw.meta);
        for note in &source.meta.notes {
            if !meta.notes.contains(note) {
                meta.notes.push(note.clone());
            }
        }
        let mut unit_origin = origin.to_owned();
        meta.props.retain(|(kind, value)| {
            if kind == "x-tm-origin" {
                unit_origin.clone_from(value);
                false
            } else {
                true
            }
        });
        out.push(NewUnit::from(Unit {
            src_tag: source.lang.clone(),
            tgt_tag: target.lang.clone(),
            source: source.text.clone(),
            target: target.text.clone(),
            source_markup: source.markup.clone(),
            target_markup: target.markup.clone(),
            origin: Some(unit_origin),
            meta,
        }));
    }
    Ok(out)
}

fn format_error(file: &str, error: FormatError) -> ImportError {
    match error {
        FormatError::Syntax { location, message } => ImportError::Syntax { file: file.to_owned(), location, message },
        FormatError::Io(source) => ImportError::Open { file: file.to_owned(), source },
        FormatError::Stopped(stop) => {
            ImportError::Syntax { file: file.to_owned(), location: Location::default(), message: stop.to_string() }
        }
    }
}

fn peek(path: &Path, encoding: Option<tm_text::Encoding>) -> std::io::Result<String> {
    use std::io::Read;
    let input = input::open_as(path, encoding)?;
    let mut head = Vec::with_capacity(4096);
    input.reader.take(4096).read_to_end(&mut head)?;
    Ok(String::from_utf8_lossy(&head).into_owned())
}

fn describe(options: &ImportOptions) -> String {
    serde_json::json!({
        "src": options.src,
        "tgt": options.tgt,
        "on_conflict": options.on_conflict,
        "skip_invalid": options.skip_invalid,
        "include_drafts": options.include_drafts,
        "include_fuzzy": options.include_fuzzy,
        "columns": options.columns,
    })
    .to_string()
}
