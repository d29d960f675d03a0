//! Checking many drafts: files read, paired, checked on every core, and the findings returned
//! in the order of the jobs whatever order the threads finish in.
//!
//! A file that cannot be read is a finding ([`rules::unreadable_file`]), not an error: one bad
//! file in a tree of releases must not hide the findings of the others.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::files::{Job, TextFormat};
use super::rules::{self, Rule};
use super::{CheckError, Checker, Document, Finding, Settings, apply_fixes, check_with};
use crate::align::Lexicon;
use crate::glossary::{Glossary, Matcher};
use crate::memory::Memory;
use crate::segment::{Lang, Segmenter};
use crate::text::{Span, decode};

/// What every job shares.
pub struct Batch<'a> {
    pub glossary: &'a Glossary,
    pub matcher: &'a Matcher,
    pub english: &'a Segmenter,
    pub russian: &'a Segmenter,
    pub lexicon: Option<&'a Lexicon>,
    /// The memory to compare bilingual pairs with; each thread opens its own connection.
    pub memory: Option<PathBuf>,
    pub settings: &'a Settings,
    /// Write unambiguous fixes back to the drafts.
    pub fix: bool,
    /// Threads to use (at least one).
    pub threads: usize,
    /// The text of the draft named `-`, read by the caller from standard input.
    pub stdin: Option<String>,
}

/// A draft checked.
#[derive(Debug, Default)]
pub struct Checked {
    pub findings: Vec<Finding>,
    /// The texts the findings point into, by path (the draft after fixes, the source).
    pub texts: Vec<(String, String)>,
    /// Fixes written, with the draft text they were found in.
    pub fixed: Option<(String, Vec<Finding>)>,
    /// Whether the draft was checked with a source.
    pub paired: bool,
    /// Whether the file was skipped: no pattern said what it is and its script is Russian.
    pub skipped: bool,
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

/// Reads a file as text, or says why it cannot be checked.
fn read(path: &Path) -> Result<String, String> {
    if path.is_dir() {
        return Err("a folder, not a text file".to_owned());
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot be read ({e})"))?;
    if bytes.iter().take(8192).any(|&b| b == 0)
        && !bytes.starts_with(&[0xFF, 0xFE])
        && !bytes.starts_with(&[0xFE, 0xFF])
    {
        return Err("binary (it has NUL bytes), not text".to_owned());
    }
    let decoded = decode(bytes).map_err(|e| e.to_string())?;
    if decoded.text.contains('\0') {
        return Err("binary (it has NUL bytes), not text".to_owned());
    }
    Ok(decoded.text)
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

/// Checks one draft.
fn check_job(batch: &Batch<'_>, memory: Option<&Memory>, job: &Job) -> Result<Checked, CheckError> {
    let draft_path = display(&job.draft);
    let mut out = Checked::default();
    let read_draft = match (&batch.stdin, job.draft.as_os_str() == "-") {
        (Some(text), true) => Ok(text.clone()),
        (None, true) => Err("standard input was not read".to_owned()),
        _ => read(&job.draft),
    };
    let text = match read_draft {
        Ok(text) => text,
        Err(why) => {
            out.findings.push(unreadable(&draft_path, &why));
            return Ok(out);
        }
    };
    if job.by_script && !text.trim().is_empty() && Lang::detect(&text) == Lang::Ru {
        out.skipped = true;
        return Ok(out);
    }
    let mut draft = Document { path: draft_path.clone(), text, format: TextFormat::of(&job.draft) };
    let source = match &job.source {
        Some(path) => match read(path) {
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
    if batch.fix && job.draft.as_os_str() != "-" {
        let (fixed, applied) = apply_fixes(&draft.text, &found);
        if !applied.is_empty() {
            std::fs::write(&job.draft, &fixed)
                .map_err(|source| CheckError::Write { path: draft_path.clone(), source })?;
            let before = std::mem::replace(&mut draft.text, fixed);
            out.fixed = Some((before, applied));
            found = check_with(&checker, &draft, source.as_ref(), batch.settings)?;
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
        let mut memory: Option<Option<Memory>> = None;
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(index) else { break };
            // Each thread opens the memory once, when its first bilingual job comes.
            if job.source.is_some() && memory.is_none() {
                memory = Some(match &batch.memory {
                    Some(path) => match Memory::open_existing(path) {
                        Ok(memory) => Some(memory),
                        Err(error) => {
                            store(&results, index, Err(CheckError::Memory(error)));
                            continue;
                        }
                    },
                    None => None,
                });
            }
            let result = check_job(batch, memory.as_ref().and_then(Option::as_ref), job);
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
