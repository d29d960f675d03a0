//! A `tm` project, resolved once: where its root is, which `tm.toml` is in force (and where
//! each setting that matters came from), the glossaries, the memory's location and how to
//! open it. The CLI asks this one value, and so will the language server and `tm serve`.
//!
//! Parsed flags go in ([`ProjectOptions`], built by the CLI from argv and the environment);
//! a resolved [`Project`] comes out — the split ripgrep makes between its flags and its
//! resolved arguments.

pub mod config;
mod reviewer;

pub use reviewer::Reviewer;

use std::path::{Path, PathBuf};

use tm_check::Settings;
use tm_check::files::{PathGlobs, Plan};
use tm_glossary::{Glossary, ReadOptions};
use tm_memory::{MemoryError, MemoryLocation, SearchStore, Store};
use tm_memory_postgres::{Open, PostgresMemory};
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
    #[error(transparent)]
    Files(#[from] tm_check::files::FilesError),
    #[error("segmenter rules: {0}")]
    Segmenter(String),
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

    /// [`Project::resolve`] from a given folder. Paths below `current` are kept relative to
    /// it, as people see them (messages and findings name `memory/tm.sqlite`, not an absolute
    /// path): they are relative to the process's current folder only when `current` is that.
    pub fn resolve_in(current: &Path, options: &ProjectOptions) -> Result<Self, ProjectError> {
        let shown = |path: PathBuf| path.strip_prefix(current).map(Path::to_path_buf).unwrap_or(path);
        let config_file = match &options.config {
            Some(path) => Some(path.clone()),
            None => config::discover(current).map(shown),
        };
        let config_text = match &config_file {
            Some(path) => Some(
                std::fs::read_to_string(current.join(path))
                    .map_err(|source| config::ConfigError::Read { path: path.clone(), source })?,
            ),
            None => None,
        };
        let config = match (&config_file, &config_text) {
            (Some(path), Some(text)) => {
                config::parse(text).map_err(|source| config::ConfigError::Parse { path: path.clone(), source })?
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

    /// The project in the current folder as if it had no `tm.toml` (the defaults, the memory
    /// from `options` or the default): what an editor's server keeps working with while the
    /// file is broken.
    #[must_use]
    pub fn without_config(options: &ProjectOptions) -> Self {
        let (memory, memory_source) = match &options.memory {
            Some(given) => (
                given.to_str().map_or_else(|| MemoryLocation::Path(given.clone()), MemoryLocation::parse),
                Source::CommandLine,
            ),
            None => (MemoryLocation::Path(PathBuf::from(tm_memory::DEFAULT_PATH)), Source::Default),
        };
        Self {
            root: PathBuf::new(),
            config_file: None,
            config_text: None,
            table: None,
            config: Config::default(),
            memory,
            memory_source,
        }
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

    /// The baseline in force: the one named on the command line, else `[check] baseline` in
    /// `tm.toml` (relative to it), else none.
    #[must_use]
    pub fn baseline_file(&self, explicit: Option<&Path>) -> Option<PathBuf> {
        explicit.map(Path::to_path_buf).or_else(|| self.config.check.baseline.as_ref().map(|p| self.root.join(p)))
    }

    /// The drafts among `paths` (files and folders) paired with their sources by the
    /// project's `[[files.pairs]]`, walked with its include, exclude and ignore settings.
    pub fn plan(&self, paths: &[PathBuf]) -> Result<Plan, ProjectError> {
        Ok(tm_check::files::plan(paths, &self.config.files.options(&self.root))?)
    }

    /// The Russian source of one draft by the project's pairing, if it has one (for editors,
    /// which check one buffer at a time).
    pub fn source_for_draft(&self, draft: &Path) -> Result<Option<PathBuf>, ProjectError> {
        Ok(self.plan(&[draft.to_path_buf()])?.jobs.into_iter().find_map(|job| job.source))
    }

    /// The rule settings in force: `[check.rules]`, `[[check.paths]]`, and the reason
    /// requirement (`require_reason` from the command line, or `require-reason` in tm.toml).
    pub fn check_settings(&self, require_reason: bool) -> Result<Settings, ProjectError> {
        let per_path = self
            .config
            .check
            .paths
            .iter()
            .map(|entry| Ok((PathGlobs::new(&self.root, &entry.files)?, entry.rules.clone())))
            .collect::<Result<Vec<_>, tm_check::files::FilesError>>()?;
        Ok(Settings {
            rules: self.config.check.rules.clone(),
            require_reason: require_reason || self.config.check.require_reason,
            per_path,
        })
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

/// Opens the memory at `location`: the embedded SQLite file for a path, a PostgreSQL
/// database for a `postgres://` URL.
pub fn open_memory(location: &MemoryLocation, access: Access) -> Result<Box<dyn Store>, MemoryError> {
    match location {
        MemoryLocation::Path(path) => Ok(Box::new(match access {
            Access::Read => SqliteMemory::open_read_only(path)?,
            Access::WriteExisting => SqliteMemory::open_existing(path)?,
            Access::Create => SqliteMemory::open(path)?,
        })),
        MemoryLocation::Url(url) if tm_memory_postgres::handles(url) => {
            let open = match access {
                Access::Read => Open::Read,
                Access::WriteExisting => Open::WriteExisting,
                Access::Create => Open::Create,
            };
            Ok(Box::new(PostgresMemory::open(url, open)?))
        }
        MemoryLocation::Url(_) => Err(MemoryError::Unsupported { location: location.to_string() }),
    }
}

/// Opens the memory for reading only, as the search interface `tm check` uses.
pub fn open_search(location: &MemoryLocation) -> Result<Box<dyn SearchStore>, MemoryError> {
    open_memory(location, Access::Read).map(|store| -> Box<dyn SearchStore> { store })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(files: &[(&str, &str)], options: &ProjectOptions) -> (tempfile::TempDir, Project) {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let below = dir.path().join("релизы");
        std::fs::create_dir_all(&below).unwrap();
        let project = Project::resolve_in(&below, options).unwrap();
        (dir, project)
    }

    #[test]
    fn the_nearest_tm_toml_gives_the_root_the_memory_and_where_settings_came_from() {
        let (dir, project) = project(
            &[("tm.toml", "memory = \"память/tm.sqlite\"\n[check]\nfail-on = \"warning\"\n")],
            &ProjectOptions::default(),
        );
        assert_eq!(project.root, dir.path());
        assert_eq!(project.config_file.as_deref(), Some(dir.path().join("tm.toml").as_path()));
        assert_eq!(project.memory, MemoryLocation::Path(dir.path().join("память/tm.sqlite")));
        assert_eq!(project.memory_source, Source::ConfigFile);
        assert_eq!(project.source_of(&["check", "fail-on"]), Source::ConfigFile);
        assert_eq!(project.source_of(&["check", "require-reason"]), Source::Default);
    }

    #[test]
    fn the_command_line_memory_wins_and_may_be_a_url() {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        let options = ProjectOptions {
            memory: Some("postgres://tm:секрет@127.0.0.1:1/tm".into()),
            ..ProjectOptions::default()
        };
        let (_dir, project) = project(&[("tm.toml", "memory = \"m.sqlite\"\n")], &options);
        assert_eq!(project.memory_source, Source::CommandLine);
        assert_eq!(project.memory.to_string(), "postgres://tm:***@127.0.0.1:1/tm");
        let error = project.open_memory(Access::Read).map(drop).unwrap_err().to_string();
        assert!(error.contains("cannot reach the memory") && !error.contains("секрет"), "{error}");
        assert!(error.starts_with("postgres://tm:***@127.0.0.1:1/tm"), "{error}");

        let options =
            ProjectOptions { memory: Some("mysql://tm:секрет@db/tm".into()), ..ProjectOptions::default() };
        let (_other, elsewhere) = super::tests::project(&[], &options);
        let error = elsewhere.open_memory(Access::Read).map(drop).unwrap_err().to_string();
        assert!(error.contains("no backend") && !error.contains("секрет"), "{error}");
    }

    #[test]
    fn without_tm_toml_the_current_folder_is_the_root_and_the_memory_is_the_default() {
        let (_dir, project) = project(&[], &ProjectOptions::default());
        assert_eq!(project.config_file, None);
        // The current folder itself, named relative to itself.
        assert_eq!(project.root, Path::new(""));
        assert_eq!(project.memory, MemoryLocation::Path(PathBuf::from(tm_memory::DEFAULT_PATH)));
        assert_eq!(project.memory_source, Source::Default);
    }

    #[test]
    fn glossaries_and_pairing_come_from_the_project() {
        let (dir, project) = project(
            &[
                ("tm.toml", "[[files.pairs]]\ndraft = \"en/{name}.txt\"\nsource = \"ru/{name}.txt\"\n"),
                ("glossaries/house.tsv", "ru\ten\nЛион\tLyon\n"),
                ("en/конференция.txt", "Lyon."),
                ("ru/конференция.txt", "Лион."),
            ],
            &ProjectOptions::default(),
        );
        assert_eq!(project.glossary_paths(&[]).unwrap(), vec![dir.path().join("glossaries/house.tsv")]);
        let explicit = vec![PathBuf::from("другой.tsv")];
        assert_eq!(project.glossary_paths(&explicit).unwrap(), explicit);
        let source = project.source_for_draft(&dir.path().join("en/конференция.txt")).unwrap();
        assert_eq!(source, Some(dir.path().join("ru/конференция.txt")));
        assert_eq!(project.source_for_draft(&dir.path().join("ru/конференция.txt")).unwrap(), None);
    }

    #[test]
    fn a_broken_tm_toml_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("tm.toml"), "[check\n").unwrap();
        let error = Project::resolve_in(dir.path(), &ProjectOptions::default()).unwrap_err();
        assert!(matches!(&error, ProjectError::Config(config::ConfigError::Parse { source, .. }) if source.line == 1));
        let error = error.to_string();
        assert!(error.contains("tm.toml") && error.contains("line 1"), "{error}");
    }
}
