//! Checking many drafts: files read, paired, checked on every core, and the findings returned
//! in the order of the jobs whatever order the threads finish in.
//!
//! A file that cannot be read is a finding ([`rules::unreadable_file`]), not an error: one bad
//! file in a tree of releases must not hide the findings of the others.

use std::cell::{OnceCell, RefCell};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::files::{Job, TextFormat};
use super::rules::{self, Rule};
use super::{CheckError, Checker, Document, Finding, Settings, apply_fixes, check_with};
use tm_align::Lexicon;
use tm_glossary::{Glossary, Matcher};
use tm_memory::{Lookup, MemoryError, SearchStore, Searcher};
use tm_text::segment::{Lang, Segmenter};
use tm_text::{Decoded, Encoding, Span};

/// Opens a memory for reading.
pub type OpenMemory<'a> = dyn Fn() -> Result<Box<dyn SearchStore>, MemoryError> + Sync + 'a;

/// What every job shares.
pub struct Batch<'a> {
    pub glossary: &'a Glossary,
    pub matcher: &'a Matcher,
    pub english: &'a Segmenter,
    pub russian: &'a Segmenter,
    pub lexicon: Option<&'a Lexicon>,
    /// Opens the memory to compare bilingual pairs with (whatever its backend); each thread
    /// opens its own, when its first bilingual job comes.
    pub memory: Option<&'a OpenMemory<'a>>,
    pub settings: &'a Settings,
    /// Write unambiguous fixes back to the drafts.
    pub fix: bool,
    /// Compute the fixes as a unified diff instead of writing them.
    pub diff: bool,
    /// The project folder: fixes are never written through a link that leaves it.
    pub root: Option<PathBuf>,
    /// Threads to use (at least one).
    pub threads: usize,
    /// The text of the draft named `-`, read by the caller from standard input.
    pub stdin: Option<String>,
    /// The path the text on standard input stands for (`--stdin-filename`): the job with this
    /// draft reads `stdin` and is named by it; nothing is written to it.
    pub stdin_path: Option<PathBuf>,
    /// The encoding of drafts and sources without a byte-order mark (`--encoding`); else each
    /// file's own declaration or pattern, else UTF-8.
    pub encoding: Option<Encoding>,
}

/// A draft checked.
#[derive(Debug, Default)]
pub struct Checked {
    /// The draft, as named in findings.
    pub path: String,
    pub findings: Vec<Finding>,
    /// The texts the findings point into, by path (the draft after fixes, the source).
    pub texts: Vec<(String, String)>,
    /// Fixes written, with the draft text they were found in.
    pub fixed: Option<(String, Vec<Finding>)>,
    /// With `diff`: what the fixes would change, as a unified diff.
    pub diff: Option<String>,
    /// Whether the draft was checked with a source.
    pub paired: bool,
    /// Whether the file was skipped: no pattern said what it is and its script is Russian.
    pub skipped: bool,
    /// Whether a file named as the draft is Russian (not checked).
    pub russian_draft: bool,
    /// What the caller should tell the user (a source whose script looks English).
    pub warnings: Vec<String>,
}

/// A finding about a file or input rather than its text.
#[must_use]
pub fn input_finding(rule: &'static Rule, path: &str, span: Span, found: &str, message: String) -> Finding {
    Finding {
        code: rule.code,
        rule: rule.name,
        severity: rule.severity,
        path: path.to_owned(),
        span,
        found: found.to_owned(),
        suggestion: None,
        term: None,
        message,
        note: None,
        fix: None,
    }
}

/// Reads a file as text, or says why it cannot be checked. Only regular files are read (after
/// following links): a FIFO would block forever and a link to `/dev/zero` never ends.
fn read(path: &Path, declared: Option<Encoding>) -> Result<Decoded, String> {
    let metadata = std::fs::metadata(path).map_err(|e| format!("cannot be read ({e})"))?;
    if metadata.is_dir() {
        return Err("a folder, not a text file".to_owned());
    }
    if !metadata.is_file() {
        return Err("not a regular file (a pipe, socket or device)".to_owned());
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot be read ({e})"))?;
    // The encoding is worked out once: declared, else what the bytes show.
    let encoding = declared.or_else(|| tm_text::sniff(&bytes));
    let utf16 = bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || matches!(encoding, Some(Encoding::Utf16LeBare | Encoding::Utf16BeBare));
    if bytes.iter().take(8192).any(|&b| b == 0) && !utf16 {
        return Err("binary (it has NUL bytes), not text".to_owned());
    }
    let decoded = tm_text::decode_as(bytes, encoding).map_err(|e| e.to_string())?;
    if decoded.text.contains('\0') {
        return Err("binary (it has NUL bytes), not text".to_owned());
    }
    Ok(decoded)
}

fn unreadable(path: &str, why: &str) -> Finding {
    input_finding(
        &rules::unreadable_file::RULE,
        path,
        Span::new(0, 0),
        "",
        format!("{path}: {why}; it was not checked"),
    )
}

fn display(path: &Path) -> String {
    if path.as_os_str() == "-" { "<stdin>".to_owned() } else { path.display().to_string() }
}

/// Where a fix to `draft` may be written: the file itself, or where its link points when that
/// is inside `root` (the project folder). A link out of the project is refused: a repository
/// must not be able to make `tm check --fix` write into a file elsewhere.
fn writable_target(draft: &Path, root: Option<&Path>) -> Result<PathBuf, String> {
    let link = std::fs::symlink_metadata(draft).is_ok_and(|m| m.file_type().is_symlink());
    if !link {
        return Ok(draft.to_owned());
    }
    let target = std::fs::canonicalize(draft).map_err(|e| format!("its link cannot be followed ({e})"))?;
    let root = root.map(|r| if r.as_os_str().is_empty() { Path::new(".") } else { r });
    let inside = match root.map(std::fs::canonicalize) {
        Some(Ok(root)) => target.starts_with(root),
        _ => false,
    };
    if inside { Ok(target) } else { Err(format!("it is a link to {}, outside the project folder", target.display())) }
}

/// What `--fix` would change, as a unified diff (`--diff`).
fn unified_diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// Checks one draft.
fn check_job(batch: &Batch<'_>, memory: Option<&dyn Lookup>, job: &Job) -> Result<Checked, CheckError> {
    let draft_path = display(&job.draft);
    let mut out = Checked { path: draft_path.clone(), ..Checked::default() };
    let piped = job.draft.as_os_str() == "-" || batch.stdin_path.as_deref() == Some(job.draft.as_path());
    let read_draft = match (&batch.stdin, piped) {
        (Some(text), true) => Ok(Decoded { text: text.clone(), encoding: Encoding::Utf8 }),
        (None, true) => Err("standard input was not read".to_owned()),
        _ => read(&job.draft, batch.encoding),
    };
    let (text, encoding) = match read_draft {
        Ok(decoded) => (decoded.text, decoded.encoding),
        Err(why) => {
            out.findings.push(unreadable(&draft_path, &why));
            return Ok(out);
        }
    };
    if !text.trim().is_empty() && Lang::detect(&text) == Lang::Ru {
        // A Russian file in a walked tree is a source without a pattern; one named as the
        // draft is a mistake the caller reports.
        if job.by_script {
            out.skipped = true;
        } else {
            out.russian_draft = true;
        }
        return Ok(out);
    }
    let mut draft = Document { path: draft_path.clone(), text, format: TextFormat::of(&job.draft) };
    let source = match &job.source {
        Some(path) => match read(path, batch.encoding).map(|decoded| decoded.text) {
            Ok(text) => {
                if text.chars().any(char::is_alphabetic) && Lang::detect(&text) != Lang::Ru {
                    out.warnings
                        .push(format!("{} is given as the Russian source but its script looks English", display(path)));
                }
                Some(Document { path: display(path), text, format: TextFormat::of(path) })
            }
            Err(why) => {
                out.findings.push(unreadable(&display(path), &why));
                None
            }
        },
        None => None,
    };
    let checker = Checker {
        glossary: batch.glossary,
        matcher: batch.matcher,
        memory: if source.is_some() { memory } else { None },
        english: batch.english,
        russian: batch.russian,
        lexicon: batch.lexicon,
    };
    let mut found = check_with(&checker, &draft, source.as_ref(), batch.settings)?;
    if ((batch.fix && !piped) || batch.diff) && job.draft.as_os_str() != "-" {
        let (fixed, applied) = apply_fixes(&draft.text, &found);
        if !applied.is_empty() && batch.diff {
            out.diff = Some(unified_diff(&draft_path, &draft.text, &fixed));
        } else if !applied.is_empty() {
            match writable_target(&job.draft, batch.root.as_deref()) {
                Ok(target) => {
                    let Some(bytes) = tm_formats::atomic::encode_as(&fixed, encoding) else {
                        out.warnings.push(format!(
                            "{draft_path} was not fixed: the fix needs characters {} cannot write",
                            encoding.name()
                        ));
                        return Ok(out);
                    };
                    tm_formats::atomic::write(&target, &bytes).map_err(
                        |tm_formats::atomic::WriteError::Io { source, .. }| CheckError::Write {
                            path: draft_path.clone(),
                            source,
                        },
                    )?;
                    let before = std::mem::replace(&mut draft.text, fixed);
                    out.fixed = Some((before, applied));
                    found = check_with(&checker, &draft, source.as_ref(), batch.settings)?;
                }
                Err(why) => out.warnings.push(format!("{draft_path} was not fixed: {why}")),
            }
        }
    }
    out.findings.extend(found);
    out.paired = source.is_some();
    out.texts.push((draft.path, draft.text));
    if let Some(source) = source {
        out.texts.push((source.path, source.text));
    }
    Ok(out)
}

/// Checks every job, on `batch.threads` threads; results are in job order.
pub fn run(batch: &Batch<'_>, jobs: &[Job]) -> Result<Vec<Checked>, CheckError> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Checked, CheckError>>>> = Mutex::new((0..jobs.len()).map(|_| None).collect());
    let worker = || {
        // Each thread opens the memory once, when its first bilingual job comes, and keeps one
        // searcher of it for all its jobs (the pair's sketches load once per thread).
        let memory: OnceCell<Option<Box<dyn SearchStore>>> = OnceCell::new();
        let searcher: OnceCell<Option<RefCell<Searcher<'_>>>> = OnceCell::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(index) else { break };
            if job.source.is_some() && memory.get().is_none() {
                match batch.memory.map(|open| open()).transpose() {
                    Ok(opened) => {
                        let _ = memory.set(opened);
                    }
                    Err(error) => {
                        store(&results, index, Err(CheckError::Memory(error)));
                        continue;
                    }
                }
            }
            if let Some(Some(opened)) = memory.get()
                && searcher.get().is_none()
            {
                match Searcher::new(&**opened, "ru", "en") {
                    Ok(made) => {
                        let _ = searcher.set(Some(RefCell::new(made)));
                    }
                    Err(error) => {
                        store(&results, index, Err(CheckError::Memory(error)));
                        continue;
                    }
                }
            }
            let lookup = searcher.get().and_then(Option::as_ref).map(|s| s as &dyn Lookup);
            let result = check_job(batch, lookup, job);
            store(&results, index, result);
        }
    };
    let threads = batch.threads.clamp(1, jobs.len().max(1));
    if threads == 1 {
        worker();
    } else {
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(worker);
            }
        });
    }
    let results = results.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    results.into_iter().map(|r| r.unwrap_or_else(|| Ok(Checked::default()))).collect()
}

fn store(results: &Mutex<Vec<Option<Result<Checked, CheckError>>>>, index: usize, result: Result<Checked, CheckError>) {
    let mut results = results.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(slot) = results.get_mut(index) {
        *slot = Some(result);
    }
}
