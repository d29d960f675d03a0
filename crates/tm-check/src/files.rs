//! Which files `tm check` reads, and which Russian source goes with each English draft.
//!
//! Paths given on the command line are checked as they are; folders are walked with the
//! `ignore` crate (so `.gitignore`, `.ignore` and hidden files are respected, as in ripgrep),
//! keeping the files `[files] include` matches and `exclude` does not. Each file is then
//! classified by the pairing patterns: a draft whose source exists is checked with it, a
//! draft without one and a file no pattern explains are checked alone (if it is English), and
//! sources are read only with their drafts.

use std::collections::{BTreeSet, HashSet};
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

/// A draft path template and the source path template it implies: `{name}.en.{ext}` and
/// `{name}.ru.{ext}`, or `en/{path}` and `ru/{path}`.
///
/// `{...}` captures one or more characters (slashes included); everything else is literal.
/// A template matches the whole path or its end, starting after a `/`, so `en/{path}` pairs
/// `releases/en/2026/a.txt` with `releases/ru/2026/a.txt`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairPattern {
    pub draft: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Capture(String),
}

/// Why a `[[files.pairs]]` pattern cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    #[error("`}}` without `{{` in {0:?}")]
    CloseWithoutOpen(String),
    #[error("`{{` without `}}` in {0:?}")]
    OpenWithoutClose(String),
    #[error("`{{{name}}}` in {template:?} is not a capture name (letters, digits, _)")]
    BadName { name: String, template: String },
    #[error("two captures side by side in {0:?} cannot be told apart")]
    SideBySide(String),
    #[error("draft {0:?} has no capture such as {{name}}: it could pair one file only")]
    NoCapture(String),
    #[error("source {source_template:?} uses {{{name}}}, which draft {draft:?} does not capture")]
    NotCaptured { source_template: String, name: String, draft: String },
    #[error("draft {draft:?} captures {{{name}}}, which source {source_template:?} does not use")]
    NotUsed { draft: String, name: String, source_template: String },
    #[error("draft and source are both {0:?}")]
    Same(String),
}

fn pieces(template: &str) -> Result<Vec<Piece>, PatternError> {
    let mut out = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        match rest.find(['{', '}']) {
            Some(at) if rest[at..].starts_with('}') => return Err(PatternError::CloseWithoutOpen(template.to_owned())),
            Some(at) => {
                if at > 0 {
                    out.push(Piece::Literal(rest[..at].to_owned()));
                }
                let close = rest[at..].find('}').ok_or_else(|| PatternError::OpenWithoutClose(template.to_owned()))?;
                let name = &rest[at + 1..at + close];
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    return Err(PatternError::BadName { name: name.to_owned(), template: template.to_owned() });
                }
                if matches!(out.last(), Some(Piece::Capture(_))) {
                    return Err(PatternError::SideBySide(template.to_owned()));
                }
                out.push(Piece::Capture(name.to_owned()));
                rest = &rest[at + close + 1..];
            }
            None => {
                out.push(Piece::Literal(rest.to_owned()));
                rest = "";
            }
        }
    }
    Ok(out)
}

/// Matches `pieces` against all of `text`; captures take as little as they can.
fn match_pieces<'t>(pieces: &[Piece], text: &'t str, captures: &mut Vec<(String, &'t str)>) -> bool {
    let mut failed = HashSet::new();
    match_from(pieces, 0, text, 0, captures, &mut failed)
}

/// A state that failed once fails again: the piece, the position, and the values bound to the
/// names the remaining pieces repeat. Remembering them keeps matching polynomial (six captures
/// on a 90-character name took 12 s of backtracking before).
type Failed<'t> = HashSet<(usize, usize, Vec<&'t str>)>;

fn match_from<'t>(
    pieces: &[Piece],
    index: usize,
    text: &'t str,
    at: usize,
    captures: &mut Vec<(String, &'t str)>,
    failed: &mut Failed<'t>,
) -> bool {
    let Some(first) = pieces.get(index) else { return at == text.len() };
    let bound: Vec<&'t str> = captures
        .iter()
        .filter(|(name, _)| pieces[index..].iter().any(|p| matches!(p, Piece::Capture(n) if n == name)))
        .map(|(_, value)| *value)
        .collect();
    let key = (index, at, bound);
    if failed.contains(&key) {
        return false;
    }
    let rest = &text[at..];
    let matched = match first {
        Piece::Literal(literal) => {
            rest.starts_with(literal.as_str())
                && match_from(pieces, index + 1, text, at + literal.len(), captures, failed)
        }
        Piece::Capture(name) => {
            let earlier = captures.iter().find(|(n, _)| n == name).map(|(_, v)| *v);
            let mut found = false;
            for (end, _) in rest.char_indices().skip(1).chain(std::iter::once((rest.len(), ' '))) {
                let value = &rest[..end];
                if earlier.is_some_and(|e| e != value) {
                    continue;
                }
                captures.push((name.clone(), value));
                if match_from(pieces, index + 1, text, at + end, captures, failed) {
                    found = true;
                    break;
                }
                captures.pop();
            }
            found
        }
    };
    if !matched {
        failed.insert(key);
    }
    matched
}

fn fill(pieces: &[Piece], captures: &[(String, &str)]) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Literal(literal) => out.push_str(literal),
            Piece::Capture(name) => {
                out.push_str(captures.iter().find(|(n, _)| n == name).map_or("", |(_, v)| v));
            }
        }
    }
    out
}

/// Rewrites `path` (with `/` separators) from the `from` template to the `to` template.
fn rewrite(from: &[Piece], to: &[Piece], path: &str) -> Option<String> {
    let starts = std::iter::once(0).chain(path.match_indices('/').map(|(i, _)| i + 1));
    for start in starts {
        let mut captures = Vec::new();
        if match_pieces(from, &path[start..], &mut captures) {
            return Some(format!("{}{}", &path[..start], fill(to, &captures)));
        }
    }
    None
}

impl PairPattern {
    /// Why the pattern cannot be used, if it cannot.
    pub fn validate(&self) -> Result<(), PatternError> {
        let draft = pieces(&self.draft)?;
        let source = pieces(&self.source)?;
        let names = |p: &[Piece]| -> BTreeSet<String> {
            p.iter()
                .filter_map(|p| match p {
                    Piece::Capture(name) => Some(name.clone()),
                    Piece::Literal(_) => None,
                })
                .collect()
        };
        let (draft_names, source_names) = (names(&draft), names(&source));
        if draft_names.is_empty() {
            return Err(PatternError::NoCapture(self.draft.clone()));
        }
        if let Some(missing) = source_names.difference(&draft_names).next() {
            return Err(PatternError::NotCaptured {
                source_template: self.source.clone(),
                name: missing.clone(),
                draft: self.draft.clone(),
            });
        }
        if let Some(missing) = draft_names.difference(&source_names).next() {
            return Err(PatternError::NotUsed {
                draft: self.draft.clone(),
                name: missing.clone(),
                source_template: self.source.clone(),
            });
        }
        if self.draft == self.source {
            return Err(PatternError::Same(self.draft.clone()));
        }
        Ok(())
    }

    /// The source path for a draft path, when the draft template matches it.
    #[must_use]
    pub fn source_for(&self, draft: &str) -> Option<String> {
        rewrite(&pieces(&self.draft).ok()?, &pieces(&self.source).ok()?, draft)
    }

    /// The draft path for a source path, when the source template matches it.
    #[must_use]
    pub fn draft_for(&self, source: &str) -> Option<String> {
        rewrite(&pieces(&self.source).ok()?, &pieces(&self.draft).ok()?, source)
    }
}

/// Where and how to look for files.
#[derive(Debug, Clone)]
pub struct FileOptions {
    /// The folder `include`/`exclude` globs are relative to (the folder holding `tm.toml`).
    pub root: PathBuf,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub gitignore: bool,
    pub pairs: Vec<PairPattern>,
}

/// How a file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextFormat {
    #[default]
    Plain,
    Markdown,
}

impl TextFormat {
    /// By extension: `.md`, `.markdown`, `.mdx` are Markdown; anything else is plain text.
    #[must_use]
    pub fn of(path: &Path) -> TextFormat {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("md" | "markdown" | "mdx") => TextFormat::Markdown,
            _ => TextFormat::Plain,
        }
    }
}

/// One draft to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub draft: PathBuf,
    pub source: Option<PathBuf>,
    /// No pattern says what the file is: check it only if its script is English.
    pub by_script: bool,
}

/// A path that could not be walked (a loop, a folder that cannot be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub message: String,
}

/// What to check.
#[derive(Debug, Default)]
pub struct Plan {
    /// In path order.
    pub jobs: Vec<Job>,
    pub problems: Vec<Problem>,
    /// Sources whose draft does not exist (nothing to check).
    pub sources_without_draft: Vec<PathBuf>,
    /// How many drafts each pairing pattern matched, in the order of `FileOptions::pairs`.
    pub pattern_uses: Vec<usize>,
}

/// Why no plan could be made.
#[derive(Debug, Error)]
pub enum FilesError {
    #[error("bad glob {glob:?}: {message}")]
    Glob { glob: String, message: String },
}

fn glob_set(globs: &[String]) -> Result<globset::GlobSet, FilesError> {
    let mut builder = globset::GlobSetBuilder::new();
    for glob in globs {
        let parsed = globset::GlobBuilder::new(glob)
            .literal_separator(glob.contains('/'))
            .build()
            .map_err(|e| FilesError::Glob { glob: glob.clone(), message: e.kind().to_string() })?;
        builder.add(parsed);
    }
    builder.build().map_err(|e| FilesError::Glob { glob: String::new(), message: e.to_string() })
}

/// Globs over paths relative to a project root (a glob without `/` matches the file name
/// anywhere), for settings that apply to some files only.
#[derive(Debug, Clone)]
pub struct PathGlobs {
    root: PathBuf,
    current: PathBuf,
    set: globset::GlobSet,
}

impl PathGlobs {
    /// `globs` relative to `root`; paths given to [`PathGlobs::matches`] are relative to the
    /// current folder (or absolute).
    pub fn new(root: &Path, globs: &[String]) -> Result<Self, FilesError> {
        let current = std::env::current_dir().unwrap_or_default();
        Ok(Self { root: absolute(&current, root), current, set: glob_set(globs)? })
    }

    #[must_use]
    pub fn matches(&self, path: &str) -> bool {
        self.matches_path(Path::new(path))
    }

    fn matches_path(&self, path: &Path) -> bool {
        let full = absolute(&self.current, path);
        let relative = full.strip_prefix(&self.root).map(Path::to_path_buf).unwrap_or(full);
        self.set.is_match(&relative) || path.file_name().is_some_and(|name| self.set.is_match(name))
    }
}

/// `path` made absolute against `current` with `.` and `..` resolved lexically, so that
/// symbolic links keep the names the user sees.
fn absolute(current: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in current.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A path as a `/`-separated string without a leading `./`.
fn slashed(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut text = text.as_str();
    while let Some(rest) = text.strip_prefix("./") {
        text = rest;
    }
    text.to_owned()
}

/// What a walk reads: globs relative to the root; a glob without `/` matches the file name
/// anywhere.
struct Filter {
    current: PathBuf,
    include: PathGlobs,
    exclude: PathGlobs,
}

impl Filter {
    fn excluded(&self, path: &Path) -> bool {
        self.exclude.matches_path(path)
    }

    fn included(&self, path: &Path) -> bool {
        self.include.matches_path(path)
    }
}

/// Walks `paths` and pairs what it finds.
pub fn plan(paths: &[PathBuf], options: &FileOptions) -> Result<Plan, FilesError> {
    let current = std::env::current_dir().unwrap_or_default();
    let filter = Filter {
        include: PathGlobs::new(&options.root, &options.include)?,
        exclude: PathGlobs::new(&options.root, &options.exclude)?,
        current,
    };
    let mut files: BTreeSet<String> = BTreeSet::new();
    let mut explicit: BTreeSet<String> = BTreeSet::new();
    let mut problems = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path);
        if path.as_os_str() == "-" {
            // Standard input, which the caller reads.
            explicit.insert("-".to_owned());
        } else if metadata.as_ref().is_ok_and(std::fs::Metadata::is_dir) {
            walk(path, options, &filter, &mut files, &mut problems);
        } else if metadata.is_ok() || path.is_symlink() {
            // Named on the command line: checked even when excluded, like ruff and ripgrep.
            explicit.insert(slashed(path));
        } else {
            problems.push(Problem { path: PathBuf::from(slashed(path)), message: "no such file or folder".to_owned() });
        }
    }
    files.extend(explicit.iter().cloned());
    let exists = |path: &str| files.contains(path) || Path::new(path).is_file();
    let mut plan = Plan { pattern_uses: vec![0; options.pairs.len()], problems, ..Plan::default() };
    let mut sources: BTreeSet<String> = BTreeSet::new();
    let mut drafts: Vec<(String, Option<String>, bool)> = Vec::new();
    for file in &files {
        let mut matched_draft = false;
        let mut source = None;
        for (index, pattern) in options.pairs.iter().enumerate() {
            if let Some(candidate) = pattern.source_for(file) {
                matched_draft = true;
                plan.pattern_uses[index] += 1;
                if exists(&candidate) {
                    source = Some(candidate);
                    break;
                }
            }
        }
        if matched_draft {
            if let Some(source) = &source {
                sources.insert(source.clone());
            }
            drafts.push((file.clone(), source, false));
            continue;
        }
        let drafts_of: Vec<String> = options.pairs.iter().filter_map(|p| p.draft_for(file)).collect();
        match (drafts_of.iter().any(|d| exists(d)), drafts_of.is_empty()) {
            (true, _) => {}
            (false, false) if !explicit.contains(file) => plan.sources_without_draft.push(PathBuf::from(file)),
            _ => drafts.push((file.clone(), None, true)),
        }
    }
    for (draft, source, by_script) in drafts {
        // A file that is some other draft's source is not checked as a draft of its own.
        if sources.contains(&draft) && !explicit.contains(&draft) {
            continue;
        }
        plan.jobs.push(Job { draft: PathBuf::from(draft), source: source.map(PathBuf::from), by_script });
    }
    Ok(plan)
}

fn walk(dir: &Path, options: &FileOptions, filter: &Filter, files: &mut BTreeSet<String>, problems: &mut Vec<Problem>) {
    let mut builder = ignore::WalkBuilder::new(dir);
    builder
        .follow_links(true)
        .git_ignore(options.gitignore)
        .git_exclude(options.gitignore)
        .git_global(false)
        .ignore(options.gitignore)
        .require_git(false)
        .sort_by_file_path(Path::cmp);
    let walker = builder.build();
    let mut skip: Option<PathBuf> = None;
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                if skip.as_ref().is_some_and(|s| path.starts_with(s)) {
                    continue;
                }
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                if entry.depth() > 0 && filter.excluded(path) {
                    if is_dir {
                        skip = Some(path.to_path_buf());
                    }
                    continue;
                }
                if !is_dir && filter.included(path) {
                    files.insert(slashed(path));
                }
            }
            Err(error) => {
                let path = walk_error_path(&error).unwrap_or_else(|| dir.to_path_buf());
                if path.is_symlink() && !path.exists() {
                    let message = "a broken symbolic link (its target does not exist)".to_owned();
                    problems.push(Problem { path: PathBuf::from(slashed(&path)), message });
                    continue;
                }
                problems.push(Problem {
                    path: PathBuf::from(slashed(&path)),
                    message: walk_error_message(&error, &filter.current),
                });
            }
        }
    }
}

fn walk_error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => walk_error_path(err),
        ignore::Error::Partial(errors) => errors.iter().find_map(walk_error_path),
        _ => None,
    }
}

fn walk_error_message(error: &ignore::Error, current: &Path) -> String {
    match error {
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => walk_error_message(err, current),
        ignore::Error::Loop { ancestor, .. } => {
            let ancestor = ancestor.strip_prefix(current).unwrap_or(ancestor);
            let shown = if ancestor.as_os_str().is_empty() { ".".to_owned() } else { slashed(ancestor) };
            format!("a symbolic link loop back to {shown} (not followed)")
        }
        other => match other.io_error().and_then(std::io::Error::raw_os_error) {
            // The OS's words, without walkdir's "IO error for operation on PATH" around them.
            Some(code) => format!("cannot be read ({})", std::io::Error::from_raw_os_error(code)),
            None => other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(draft: &str, source: &str) -> PairPattern {
        PairPattern { draft: draft.to_owned(), source: source.to_owned() }
    }

    #[test]
    fn patterns_rewrite_paths_both_ways() {
        let by_name = pattern("{name}.en.{ext}", "{name}.ru.{ext}");
        assert_eq!(by_name.source_for("news/2026/лион.en.txt").as_deref(), Some("news/2026/лион.ru.txt"));
        assert_eq!(by_name.source_for("a.en.tar.gz").as_deref(), Some("a.ru.tar.gz"));
        assert_eq!(by_name.source_for("a.ru.txt"), None);
        assert_eq!(by_name.draft_for("a.ru.md").as_deref(), Some("a.en.md"));
        let by_folder = pattern("en/{path}", "ru/{path}");
        assert_eq!(by_folder.source_for("releases/en/2026/a.txt").as_deref(), Some("releases/ru/2026/a.txt"));
        assert_eq!(by_folder.source_for("en/a.txt").as_deref(), Some("ru/a.txt"));
        assert_eq!(by_folder.source_for("green/a.txt"), None, "only after a slash");
        assert_eq!(by_folder.draft_for("ru/a.txt").as_deref(), Some("en/a.txt"));
        let repeated = pattern("{lang}-{id}/{id}.txt", "{lang}-{id}/{id}.ru.txt");
        assert_eq!(repeated.source_for("en-7/7.txt").as_deref(), Some("en-7/7.ru.txt"));
        assert_eq!(repeated.source_for("en-7/8.txt"), None, "a capture used twice must repeat");
    }

    #[test]
    fn bad_patterns_say_why() {
        assert!(pattern("en/{path}", "ru/{name}").validate().unwrap_err().to_string().contains("{name}"));
        assert!(pattern("draft.txt", "source.txt").validate().unwrap_err().to_string().contains("no capture"));
        assert!(pattern("{a}{b}.txt", "{a}{b}.ru").validate().unwrap_err().to_string().contains("side by side"));
        assert!(pattern("{name.en", "{name}.ru").validate().unwrap_err().to_string().contains("without `}`"));
        assert!(pattern("{path}", "{path}").validate().unwrap_err().to_string().contains("both"));
        assert!(pattern("{name}.en.{ext}", "{name}.ru.{ext}").validate().is_ok());
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(TextFormat::of(Path::new("a.en.md")), TextFormat::Markdown);
        assert_eq!(TextFormat::of(Path::new("a.en.MARKDOWN")), TextFormat::Markdown);
        assert_eq!(TextFormat::of(Path::new("a.en.txt")), TextFormat::Plain);
        assert_eq!(TextFormat::of(Path::new("README")), TextFormat::Plain);
    }
}
