use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use tm::check::baseline::Baseline;
use tm::check::batch::{self, Batch, input_finding};
use tm::check::files::{Job, Plan};
use tm::check::rules::{UNREADABLE_FILE, glossary_example_fails, pattern_matches_nothing};
use tm::check::{Finding, Severity, lexicon_of};
use tm::glossary::{Compiled, GlossaryError, ReadOptions, compile, default_cache_dir};
use tm::project::Project;
use tm::report::{ReportFormat, Sources, concise, github_summary, summary};
use tm::segment::{Lang, Segmenter};
use tm::text::Span;

use super::Status;
use super::args::CheckArgs;
use super::input::read_text;

/// Findings in one output format; `github` also appends its Markdown table to
/// `$GITHUB_STEP_SUMMARY` when that is set.
fn render(format: ReportFormat, findings: &[Finding], sources: &Sources, colour: bool) -> anyhow::Result<Vec<u8>> {
    if format == ReportFormat::Github
        && let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())
    {
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .with_context(|| format!("cannot open $GITHUB_STEP_SUMMARY ({})", Path::new(&path).display()))?;
        file.write_all(github_summary(findings, sources).as_bytes())?;
    }
    let mut out = Vec::new();
    format.emitter(colour).emit(&mut out, findings, sources)?;
    Ok(out)
}

/// `--statistics`: how many findings each rule raised, most first, with `[*]` for rules whose
/// findings `--fix` can fix, as ruff prints it.
fn statistics(findings: &[Finding]) -> String {
    let mut counts: std::collections::BTreeMap<(&str, &str), (usize, bool)> = std::collections::BTreeMap::new();
    for finding in findings {
        let entry = counts.entry((finding.code, finding.rule)).or_default();
        entry.0 += 1;
        entry.1 |= finding.fix.is_some();
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(&b.0)));
    let width = rows.iter().map(|(_, (n, _))| n.to_string().len()).max().unwrap_or(1);
    let mut out = String::new();
    for ((code, rule), (count, fixable)) in rows {
        out.push_str(&format!("{count:>width$}  {code}  {rule}{}\n", if fixable { " [*]" } else { "" }));
    }
    out.push_str(&summary(findings));
    out
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

/// The drafts to check: the one draft with `--source`, else the paths walked and paired.
fn plan(args: &CheckArgs, project: &Project) -> anyhow::Result<(Plan, bool)> {
    if let Some(source) = &args.source {
        match args.paths.as_slice() {
            [draft] if !draft.is_dir() => {
                let job = Job { draft: draft.clone(), source: Some(source.clone()), by_script: false };
                return Ok((Plan { jobs: vec![job], ..Plan::default() }, false));
            }
            [_] => bail!("--source goes with one draft file, not a folder"),
            paths => bail!("--source goes with one draft; {} drafts were given", paths.len()),
        }
    }
    let walked = args.paths.iter().any(|p| p.is_dir());
    if let Some(name) = &args.stdin_filename {
        // The piped buffer is planned as the file it stands for, so that it is paired with
        // that file's source; a buffer not yet saved is checked alone.
        if args.paths.iter().map(|p| p.as_os_str()).ne(["-"]) {
            bail!("--stdin-filename goes with `-` as the only path (the draft read from standard input)");
        }
        let mut plan = project.plan(std::slice::from_ref(name))?;
        if plan.jobs.is_empty() {
            plan.problems.clear();
            plan.jobs.push(Job { draft: name.clone(), source: None, by_script: false });
        }
        return Ok((plan, false));
    }
    Ok((project.plan(&args.paths)?, walked))
}

/// Glossary entries failing their own examples, as findings at the entry's line, with the
/// glossary texts added to `sources`.
fn example_findings(failures: &[GlossaryError], sources: &mut Sources) -> Vec<Finding> {
    let current = std::env::current_dir().unwrap_or_default();
    let mut out = Vec::new();
    for (path, text, finding) in glossary_example_fails::findings(failures, &current) {
        sources.add(&path, &text);
        out.push(finding);
    }
    out
}

pub(crate) fn run(args: &CheckArgs, project: &Project) -> anyhow::Result<Status> {
    let (config, config_file, root) = (&project.config, project.config_file.as_deref(), project.root.as_path());
    let mut timings = Timings::new();
    let mut sources = Sources::default();
    if let Ok(current) = std::env::current_dir() {
        sources.set_base(&current);
    }
    let mut findings = Vec::new();
    let paths = project.glossary_paths(&args.glossaries)?;
    if paths.is_empty() {
        let _ = writeln!(
            std::io::stderr().lock(),
            "tm: note: no glossary is in force (no --glossary, no glossaries in tm.toml, no glossaries/ folder): \
             only the checks that need none run; `tm init` writes the house glossary into glossaries/"
        );
    }
    let compiled = compile(&paths, ReadOptions { lenient: args.lenient }, default_cache_dir().as_deref())?;
    for warning in &compiled.warnings {
        let _ = writeln!(std::io::stderr().lock(), "tm: warning: {warning}");
    }
    findings.extend(example_findings(&compiled.failures, &mut sources));
    let Compiled { glossary, matcher, cached, .. } = compiled;
    timings.lap(if cached { "load glossaries (cached)" } else { "read glossaries, index terms, run their examples" });
    let (plan, walked) = plan(args, project)?;
    for problem in &plan.problems {
        let path = problem.path.display().to_string();
        findings.push(input_finding(
            UNREADABLE_FILE,
            &path,
            Span::new(0, 0),
            "",
            format!("{path}: {}; it was not checked", problem.message),
        ));
    }
    // A pattern written in tm.toml that pairs nothing is most likely a typo.
    if walked
        && let Some(file) = config_file
        && let Some(text) = &project.config_text
        && text.lines().any(|line| line.trim_start().starts_with("[[files.pairs]]"))
    {
        let unused = config.files.pairs.iter().zip(&plan.pattern_uses).filter(|(_, uses)| **uses == 0);
        for (pattern, _) in unused {
            findings.push(pattern_matches_nothing::finding(&file.display().to_string(), text, &pattern.draft));
        }
        sources.add(&file.display().to_string(), text);
    }
    let english = Segmenter::new(Lang::En, &config.segment_options(Lang::En))?;
    let russian = Segmenter::new(Lang::Ru, &config.segment_options(Lang::Ru))?;
    let bilingual = plan.jobs.iter().any(|j| j.source.is_some());
    // The glossary's term pairs anchor the alignment of draft and source.
    let lexicon = bilingual.then(|| lexicon_of(&glossary));
    // A memory that does not exist yet is no memory to compare with, not an error.
    let exists = project.memory.as_path().is_none_or(Path::exists);
    let open = || tm::project::open_search(&project.memory);
    let memory = (!args.no_memory && bilingual && exists).then_some(&open as &tm::check::batch::OpenMemory<'_>);
    let settings = project.check_settings(args.require_reason)?;
    let threads = args.jobs.map_or_else(|| std::thread::available_parallelism().map_or(1, usize::from), usize::from);
    let batch = Batch {
        encoding: args.encoding,
        glossary: &glossary,
        matcher: &matcher,
        english: &english,
        russian: &russian,
        lexicon: lexicon.as_ref(),
        memory,
        settings: &settings,
        fix: args.fix,
        diff: args.diff,
        root: Some(root.to_path_buf()),
        threads,
        stdin: if args.stdin_filename.is_some() || plan.jobs.iter().any(|j| j.draft.as_os_str() == "-") {
            Some(read_text(None, args.encoding)?.1.text)
        } else {
            None
        },
        stdin_path: args.stdin_filename.clone(),
    };
    timings.lap("plan files, build segmenters");
    let checked = batch::run(&batch, &plan.jobs)?;
    let (mut drafts, mut paired, mut skipped) = (0, 0, 0);
    let mut diffs = String::new();
    let mut russian_drafts = Vec::new();
    for result in checked {
        // A file named on the command line (not found by walking a folder) that is Russian.
        if result.russian_draft || (result.skipped && !walked) {
            russian_drafts.push(result.path.clone());
        }
        if let Some(diff) = &result.diff {
            diffs.push_str(diff);
        }
        if let Some((before, applied)) = &result.fixed
            && let Some(first) = applied.first()
        {
            let mut sources = Sources::default();
            sources.add(&first.path, before);
            let _ = write!(
                std::io::stderr().lock(),
                "{}",
                concise(applied, &sources).lines().map(|l| format!("fixed {l}\n")).collect::<String>()
            );
        }
        for warning in &result.warnings {
            let _ = writeln!(std::io::stderr().lock(), "tm: warning: {warning}");
        }
        for (path, text) in &result.texts {
            sources.add(path, text);
        }
        drafts += usize::from(!result.skipped && !result.texts.is_empty());
        paired += usize::from(result.paired);
        skipped += usize::from(result.skipped);
        findings.extend(result.findings);
    }
    // A check that looked at nothing must not pass: a misconfigured CI job would stay green.
    if let Some(first) = russian_drafts.first() {
        bail!(
            "{} is Russian, not an English draft: give the English draft, with the Russian as --source{}",
            tm::text::escape_controls(first),
            if russian_drafts.len() > 1 { format!(" ({} such files)", russian_drafts.len()) } else { String::new() }
        );
    }
    if walked && drafts == 0 && findings.iter().all(|f| f.code != "TM901") {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let sources = plan.sources_without_draft.len();
        let found = match (skipped, sources) {
            (0, 0) => String::new(),
            (0, n) => format!(" (only {n} Russian source{} without a draft)", plural(n)),
            (n, _) => format!(" (only {n} Russian file{} with no pairing pattern)", plural(n)),
        };
        bail!(
            "no English draft was found under {}{found}: point tm check at the English drafts, or pair them in tm.toml's [[files.pairs]]",
            args.paths
                .iter()
                .map(|p| tm::text::escape_controls(&p.display().to_string()).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if args.diff {
        // `--diff` shows the change and nothing else, as ruff's does: exit 1 when there is one.
        std::io::stdout().lock().write_all(diffs.as_bytes())?;
        return Ok(if diffs.is_empty() { Status::Success } else { Status::Findings });
    }
    settings.settle(&mut findings);
    let min_severity = args.min_severity.or(config.check.min_severity.map(Severity::from));
    findings.retain(|finding| {
        let named = |rules: &[&'static tm::check::rules::Rule]| rules.iter().any(|rule| rule.code == finding.code);
        (args.select.is_empty() || named(&args.select))
            && !named(&args.ignore)
            && min_severity.is_none_or(|min| finding.severity >= min)
    });
    // Files in path order, findings in text order within each: the same report on any number
    // of threads.
    findings.sort_by(|a, b| a.path.cmp(&b.path).then(a.span.start.cmp(&b.span.start)));
    timings.lap("check");
    // The process ends soon: freeing a large glossary piece by piece would only cost time.
    std::mem::forget(matcher);
    std::mem::forget(glossary);
    if walked {
        let mut summary =
            format!("tm: checked {drafts} draft{} ({paired} with a source)", if drafts == 1 { "" } else { "s" });
        if skipped > 0 {
            summary.push_str(&format!(
                "; skipped {skipped} Russian file{} with no pattern",
                if skipped == 1 { "" } else { "s" }
            ));
        }
        if !plan.sources_without_draft.is_empty() {
            let n = plan.sources_without_draft.len();
            summary.push_str(&format!("; {n} source{} without a draft", if n == 1 { "" } else { "s" }));
        }
        let _ = writeln!(std::io::stderr().lock(), "{summary}");
    }
    let baseline = project.baseline_file(args.baseline.as_deref());
    if args.update_baseline && baseline.is_none() {
        anyhow::bail!(
            "--update-baseline needs a baseline file: --baseline FILE, or baseline = \"FILE\" under [check] in tm.toml"
        );
    }
    if let Some(baseline_path) = &baseline {
        let keys = sources.fingerprints(&findings);
        if args.update_baseline {
            Baseline::of(&findings, &keys).write(baseline_path)?;
            let _ = writeln!(
                std::io::stderr().lock(),
                "tm: wrote {} finding{} to the baseline {}",
                findings.len(),
                if findings.len() == 1 { "" } else { "s" },
                baseline_path.display()
            );
            return Ok(Status::Success);
        }
        let comparison = Baseline::read(baseline_path)?.compare(findings, &keys);
        let mut note = format!(
            "tm: the baseline accepts {} finding{}",
            comparison.accepted,
            if comparison.accepted == 1 { "" } else { "s" }
        );
        if comparison.gone > 0 {
            note.push_str(&format!(
                "; {} of its entries no longer occur (--update-baseline drops them)",
                comparison.gone
            ));
        }
        let _ = writeln!(std::io::stderr().lock(), "{note}");
        findings = comparison.new;
    }
    let format = args.format.unwrap_or(if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
        ReportFormat::Github
    } else {
        ReportFormat::Full
    });
    let rendered = if args.statistics {
        statistics(&findings).into_bytes()
    } else {
        // Coloured for a terminal, unless NO_COLOR says otherwise (or CLICOLOR_FORCE asks for it).
        let colour = anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never;
        render(format, &findings, &sources, colour)?
    };
    std::io::stdout().lock().write_all(&rendered)?;
    for (format, path) in &args.reports {
        tm::atomic::write(path, &render(*format, &findings, &sources, false)?)?;
    }
    timings.lap("render");
    let threshold = args.fail_on.or(config.check.fail_on.map(Severity::from)).unwrap_or(Severity::Error);
    let failing = !args.exit_zero && findings.iter().any(|f| f.severity >= threshold);
    Ok(if failing { Status::Findings } else { Status::Success })
}
