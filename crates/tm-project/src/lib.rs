//! A `tm` project, resolved once: where its root is, which `tm.toml` is in force (and where
//! each setting that matters came from), the glossaries, the memory's location and how to
//! open it. The CLI asks this one value, and so will the language server and `tm serve`.
//!
//! Parsed flags go in ([`ProjectOptions`], built by the CLI from argv and the environment);
//! a resolved [`Project`] comes out — the split ripgrep makes between its flags and its
//! resolved arguments.

pub mod config;

use std::path::{Path, PathBuf};

use tm_glossary::{Glossary, ReadOptions};
use tm_memory::{MemoryError, MemoryLocation, SearchStore, Store};
use tm_memory_sqlite::SqliteMemory;

pub use config::Config;

/// Errors resolving a project.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    #[error("cannot determine the current folder: {0}")]
    CurrentDir(std::io::Error),
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error(transparent)]
    Glossary(#[from] tm_glossary::GlossaryError),
}

/// What the user said, before anything is looked up.
#[derive(Debug, Clone, Default)]
pub struct ProjectOptions {
    /// `--config FILE`.
    pub config: Option<PathBuf>,
    /// `--memory LOCATION` or `TM_MEMORY`: a path, or a URL.
    pub memory: Option<PathBuf>,
}

/// Where a setting came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A command-line option or its environment variable.
    CommandLine,
    /// `tm.toml`.
    ConfigFile,
    /// The built-in default.
    Default,
}

impl Source {
    /// For `tm config`: where the value came from, in words.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Self::CommandLine => "from --memory or TM_MEMORY",
            Self::ConfigFile => "from tm.toml",
            Self::Default => "default",
        }
    }
}

/// How a command uses the memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Only reads it: opened read-only, and a missing memory is an error.
    Read,
    /// Writes to an existing memory (delete, dedupe): a missing memory is an error.
    WriteExisting,
    /// Imports: the memory is created when missing.
    Create,
}

/// A resolved project.
#[derive(Debug, Clone)]
pub struct Project {
    /// The folder holding `tm.toml`, else the current folder; relative to the current folder
    /// when below it, as people see it.
    pub root: PathBuf,
    /// The configuration file in force, named as people see it; `None` when there is none.
    pub config_file: Option<PathBuf>,
    /// The configuration file's text, read once.
    pub config_text: Option<String>,
    /// The file as a TOML table, for telling which settings it gives.
    table: Option<toml::Table>,
    /// The configuration (the defaults when there is no file).
    pub config: Config,
    /// Where the memory is.
    pub memory: MemoryLocation,
    /// Where [`Project::memory`] came from.
    pub memory_source: Source,
}

impl Project {
    /// Resolves the project from the current folder: `--config`, else the nearest `tm.toml`
    /// above it, read once.
    pub fn resolve(options: &ProjectOptions) -> Result<Self, ProjectError> {
        let current = std::env::current_dir().map_err(ProjectError::CurrentDir)?;
        Self::resolve_in(&current, options)
    }

    /// [`Project::resolve`] from a given folder.
    pub fn resolve_in(current: &Path, options: &ProjectOptions) -> Result<Self, ProjectError> {
        let shown = |path: PathBuf| path.strip_prefix(current).map(Path::to_path_buf).unwrap_or(path);
        let config_file = match &options.config {
            Some(path) => Some(path.clone()),
            None => config::discover(current).map(shown),
        };
        let config_text = match &config_file {
            Some(path) => Some(
                std::fs::read_to_string(path)
                    .map_err(|source| config::ConfigError::Read { path: path.clone(), source })?,
            ),
            None => None,
        };
        let config = match (&config_file, &config_text) {
            (Some(path), Some(text)) => {
                config::parse(text).map_err(|message| config::ConfigError::Parse { path: path.clone(), message })?
            }
            _ => Config::default(),
        };
        let table = config_text.as_deref().and_then(|text| text.parse::<toml::Table>().ok());
        let root = config_file
            .as_deref()
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| current.to_path_buf(), Path::to_path_buf);
        let root = shown(root);
        let (memory, memory_source) = match (&options.memory, &config.memory) {
            (Some(given), _) => (
                given.to_str().map_or_else(|| MemoryLocation::Path(given.clone()), MemoryLocation::parse),
                Source::CommandLine,
            ),
            (None, Some(configured)) => {
                (MemoryLocation::parse(&configured.to_string_lossy()).relative_to(&root), Source::ConfigFile)
            }
            (None, None) => (MemoryLocation::Path(root.join(tm_memory::DEFAULT_PATH)), Source::Default),
        };
        Ok(Self { root, config_file, config_text, table, config, memory, memory_source })
    }

    /// The glossaries in force: those named on the command line, else `[check] glossaries`
    /// in `tm.toml`, else every TSV, CSV and TBX file in `glossaries/` under the root.
    pub fn glossary_paths(&self, explicit: &[PathBuf]) -> Result<Vec<PathBuf>, ProjectError> {
        if !explicit.is_empty() {
            return Ok(explicit.to_vec());
        }
        if !self.config.check.glossaries.is_empty() {
            return Ok(self.config.check.glossaries.iter().map(|p| self.root.join(p)).collect());
        }
        let folder = self.root.join("glossaries");
        if folder.is_dir() {
            return Ok(tm_glossary::files_in(&folder)?);
        }
        Ok(Vec::new())
    }

    /// Where the setting at `keys` (`["check", "fail-on"]`) came from: the file when it
    /// gives it, else the default.
    #[must_use]
    pub fn source_of(&self, keys: &[&str]) -> Source {
        let mut value: Option<&toml::Value> = None;
        let mut table = self.table.as_ref();
        for key in keys {
            value = table.and_then(|t| t.get(*key));
            table = value.and_then(toml::Value::as_table);
        }
        if value.is_some() { Source::ConfigFile } else { Source::Default }
    }

    /// Opens the memory for a command, whatever its backend.
    pub fn open_memory(&self, access: Access) -> Result<Box<dyn Store>, MemoryError> {
        open_memory(&self.memory, access)
    }
}

/// Reads glossaries into one; the warnings about entries skipped with `lenient`, for the
/// caller to show.
pub fn read_glossaries(paths: &[PathBuf], lenient: bool) -> Result<(Glossary, Vec<String>), ProjectError> {
    let mut glossary = Glossary::default();
    let mut warnings = Vec::new();
    for path in paths {
        let loaded = Glossary::read(path, ReadOptions { lenient })?;
        warnings.extend(loaded.warnings.iter().map(ToString::to_string));
        glossary.extend(loaded.glossary);
    }
    Ok((glossary, warnings))
}

/// Opens the memory at `location`: the embedded SQLite file for a path. A URL names a
/// server backend, which this build does not have yet.
pub fn open_memory(location: &MemoryLocation, access: Access) -> Result<Box<dyn Store>, MemoryError> {
    match location {
        MemoryLocation::Path(path) => Ok(Box::new(match access {
            Access::Read => SqliteMemory::open_read_only(path)?,
            Access::WriteExisting => SqliteMemory::open_existing(path)?,
            Access::Create => SqliteMemory::open(path)?,
        })),
        MemoryLocation::Url(_) => Err(MemoryError::Unsupported { location: location.to_string() }),
    }
}

/// Opens the memory for reading only, as the search interface `tm check` uses.
pub fn open_search(location: &MemoryLocation) -> Result<Box<dyn SearchStore>, MemoryError> {
    match location {
        MemoryLocation::Path(path) => Ok(Box::new(SqliteMemory::open_read_only(path)?)),
        MemoryLocation::Url(_) => Err(MemoryError::Unsupported { location: location.to_string() }),
    }
}
