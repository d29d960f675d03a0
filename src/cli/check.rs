use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use tm::check::{Checker, Document, Finding, Severity, apply_fixes, check, lexicon_of};
use tm::config::{Config, FailOn, RuleSetting};
use tm::glossary::{Compiled, Glossary, ReadOptions, compile, default_cache_dir, files_in};
use tm::memory::Memory;
use tm::report::{Sources, concise, full, github, github_summary, json, json_lines, junit, sarif};
use tm::segment::{Lang, Segmenter};
use tm::text::is_blank;

use super::Status;
use super::args::{CheckArgs, CheckFormat};
use super::input::read_text;

/// Where the glossaries come from: the command line, else tm.toml, else `glossaries/`.
pub(crate) fn glossary_paths(explicit: &[PathBuf], config: &Config, root: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if !explicit.is_empty() {
        return Ok(explicit.to_vec());
    }
    if !config.check.glossaries.is_empty() {
        return Ok(config.check.glossaries.iter().map(|p| root.join(p)).collect());
    }
    let folder = root.join("glossaries");
    if folder.is_dir() {
        return Ok(files_in(&folder)?);
    }
    Ok(Vec::new())
}

/// Reads every glossary into one, warning about entries skipped with `lenient`.
pub(crate) fn read_glossaries(paths: &[PathBuf], lenient: bool) -> anyhow::Result<Glossary> {
    let mut glossary = Glossary::default();
    for path in paths {
        let loaded = Glossary::read(path, ReadOptions { lenient })?;
        for warning in &loaded.warnings {
            let _ = writeln!(std::io::stderr().lock(), "tm: warning: {warning}");
        }
        glossary.extend(loaded.glossary);
    }
    Ok(glossary)
}

fn read_document(path: &Path) -> anyhow::Result<Document> {
    let (name, decoded) = read_text(Some(path))?;
    if decoded.text.contains('\0') {
        bail!("{name}: binary data (NUL bytes), not a text file");
    }
    Ok(Document { path: name, text: decoded.text })
}

/// Findings in one output format.
fn render(format: CheckFormat, findings: &[Finding], sources: &Sources) -> anyhow::Result<String> {
    Ok(match format {
        CheckFormat::Full => full(findings, sources),
        CheckFormat::Concise => concise(findings, sources),
        CheckFormat::Json => json(findings, sources),
        CheckFormat::JsonLines => json_lines(findings, sources),
        CheckFormat::Sarif => sarif(findings, sources),
        CheckFormat::Junit => junit(findings, sources),
        CheckFormat::Github => {
            if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
                let mut file =
                    std::fs::OpenOptions::new().create(true).append(true).open(&path).with_context(|| {
                        format!("cannot open $GITHUB_STEP_SUMMARY ({})", Path::new(&path).display())
                    })?;
                file.write_all(github_summary(findings, sources).as_bytes())?;
            }
            github(findings, sources)
        }
    })
}

/// With `TM_TIMINGS` set, prints how long each phase took to standard error.
struct Timings {
    enabled: bool,
    last: std::time::Instant,
}

impl Timings {
    fn new() -> Self {
        Self { enabled: std::env::var_os("TM_TIMINGS").is_some(), last: std::time::Instant::now() }
    }

    fn lap(&mut self, phase: &str) {
        if self.enabled {
            let now = std::time::Instant::now();
            let _ = writeln!(
                std::io::stderr().lock(),
                "tm: timing: {phase}: {:.3} ms",
                (now - self.last).as_secs_f64() * 1e3
            );
            self.last = now;
        }
    }
}

pub(crate) fn run(args: &CheckArgs, config: &Config, root: &Path, memory_path: &Path) -> anyhow::Result<Status> {
    let mut timings = Timings::new();
    let paths = glossary_paths(&args.glossaries, config, root)?;
    let compiled = compile(&paths, ReadOptions { lenient: args.lenient }, default_cache_dir().as_deref())?;
    for warning in &compiled.warnings {
        let _ = writeln!(std::io::stderr().lock(), "tm: warning: {warning}");
    }
    let Compiled { glossary, matcher, cached, .. } = compiled;
    timings.lap(if cached { "load glossaries (cached)" } else { "read glossaries, index terms, run their examples" });
    if args.source.is_some() && args.drafts.len() > 1 {
        bail!("--source goes with one draft; {} drafts were given", args.drafts.len());
    }
    let source = args.source.as_deref().map(read_document).transpose()?;
    if let Some(source) = &source
        && !source.text.chars().all(is_blank)
        && Lang::detect(&source.text) != Lang::Ru
    {
        let _ = writeln!(
            std::io::stderr().lock(),
            "tm: warning: {} is given as the Russian source but its script looks English",
            source.path
        );
    }
    let memory = if args.no_memory || source.is_none() || !memory_path.exists() {
        None
    } else {
        Some(
            Memory::open_existing(memory_path)
                .with_context(|| format!("cannot open the memory {}", memory_path.display()))?,
        )
    };
    let english = Segmenter::new(Lang::En, &config.segment_options(Lang::En))?;
    let russian = Segmenter::new(Lang::Ru, &config.segment_options(Lang::Ru))?;
    // The glossary's term pairs anchor the alignment of draft and source.
    let lexicon = source.as_ref().map(|_| lexicon_of(&glossary));
    let checker = Checker {
        glossary: &glossary,
        matcher: &matcher,
        memory: memory.as_ref(),
        english: &english,
        russian: &russian,
        lexicon: lexicon.as_ref(),
    };
    timings.lap("read source, open memory, build segmenters");
    let mut findings = Vec::new();
    let mut sources = Sources::default();
    for path in &args.drafts {
        let mut draft = read_document(path)?;
        let mut found = check(&checker, &draft, source.as_ref())?;
        if args.fix {
            let (fixed, applied) = apply_fixes(&draft.text, &found);
            if !applied.is_empty() {
                std::fs::write(path, &fixed).with_context(|| format!("cannot write {}", draft.path))?;
                let mut before = Sources::default();
                before.add(&draft.path, &draft.text);
                let mut err = std::io::stderr().lock();
                for finding in &applied {
                    let _ = write!(err, "fixed {}", concise(std::slice::from_ref(finding), &before));
                }
                draft.text = fixed;
                found = check(&checker, &draft, source.as_ref())?;
            }
        }
        sources.add(&draft.path, &draft.text);
        findings.extend(found);
    }
    if let Some(source) = &source {
        sources.add(&source.path, &source.text);
    }
    // tm.toml's [check.rules]: rules turned off, severities changed.
    findings.retain_mut(|finding| match config.rule_setting(finding.code, finding.rule) {
        Some(RuleSetting::Off) => false,
        Some(RuleSetting::Error) => {
            finding.severity = Severity::Error;
            true
        }
        Some(RuleSetting::Warning) => {
            finding.severity = Severity::Warning;
            true
        }
        Some(RuleSetting::Info) => {
            finding.severity = Severity::Info;
            true
        }
        None => true,
    });
    timings.lap("check");
    let format = args.format.unwrap_or(if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
        CheckFormat::Github
    } else {
        CheckFormat::Full
    });
    let rendered = render(format, &findings, &sources)?;
    std::io::stdout().lock().write_all(rendered.as_bytes())?;
    for (format, path) in &args.reports {
        std::fs::write(path, render(*format, &findings, &sources)?)
            .with_context(|| format!("cannot write the report {}", path.display()))?;
    }
    timings.lap("render");
    let threshold: Severity = match (args.fail_on, config.check.fail_on) {
        (Some(arg), _) => arg.into(),
        (None, Some(FailOn::Warning)) => Severity::Warning,
        (None, Some(FailOn::Info)) => Severity::Info,
        (None, Some(FailOn::Error) | None) => Severity::Error,
    };
    let failing = !args.exit_zero && findings.iter().any(|f| f.severity >= threshold);
    let status = if failing { Status::Findings } else { Status::Success };
    // The process ends here: freeing a large glossary piece by piece would only cost time.
    std::mem::forget(matcher);
    std::mem::forget(glossary);
    Ok(status)
}
