//! Everything that knows about argv, stdin/stdout, the environment and exit codes.

mod align;
mod analyze;
mod args;
mod check;
mod export;
mod glossary;
mod import;
mod input;
mod lsp;
mod memory;
mod rule;
mod search;
mod segment;
mod serve;
mod setup;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

pub(crate) use args::{Args, Command};
use tm::project::{Project, ProjectOptions};

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// Nothing to report.
    Success,
    /// Findings at or above the failure threshold (`tm check`), or problems found
    /// (`tm glossary validate|test`).
    Findings,
}

pub(crate) fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(error) => {
            // clap prints help and version to stdout and usage errors to stderr; usage errors
            // exit 2 like every other tool error.
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let args = with_command_options(args);
    match run(&args) {
        Ok(Status::Success) => ExitCode::SUCCESS,
        Ok(Status::Findings) => ExitCode::from(1),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(io::stderr().lock(), "tm: error: {}", tm::text::escape_controls(&describe(&error)));
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> anyhow::Result<Status> {
    // The project (tm.toml, its root, the memory's location) is resolved once, and only by
    // the commands that use it: `tm rule` works beside a broken tm.toml.
    let project = || -> anyhow::Result<Project> {
        Ok(Project::resolve(&ProjectOptions { config: args.config.clone(), memory: args.memory.clone() })?)
    };
    match &args.command {
        Command::Segment(segment) => segment::run(segment, &project()?.config),
        Command::Import(import) => import::run(import, &project()?),
        Command::Align(align) => align::run(align, &project()?.config),
        Command::Search(search) => search::run(search, &project()?),
        Command::Analyze(analyze) => analyze::run(analyze, &project()?),
        Command::Export(export) => export::run(export, &project()?),
        Command::Memory(group) => memory::run(&group.command, &project()?),
        Command::Check(check) => check::run(check, &project()?),
        Command::Rule(rule) => rule::run(rule),
        Command::Init(init) => setup::init(init, args.config.as_deref()),
        Command::Config(show) => setup::show(show, &project()?),
        Command::Completions(completions) => {
            let mut command = <Args as clap::CommandFactory>::command();
            clap_complete::generate(completions.shell, &mut command, "tm", &mut io::stdout().lock());
            Ok(Status::Success)
        }
        Command::Glossary(group) => glossary::run(&group.command, &project()?),
        Command::Serve(serve) => serve::run(serve, project()?),
        Command::Lsp(_) => lsp::run(args.config.clone(), args.memory.clone()),
    }
}

/// `--config` and `--memory` given after the command (which only the commands that use them
/// accept, and list in their help) take the place of those given before it.
fn with_command_options(mut args: Args) -> Args {
    let (config, memory) = match &args.command {
        Command::Check(a) => (&a.config_arg, Some(&a.memory_arg)),
        Command::Import(a) => (&a.config_arg, Some(&a.memory_arg)),
        Command::Search(a) => (&a.config_arg, Some(&a.memory_arg)),
        Command::Analyze(a) => (&a.config_arg, Some(&a.memory_arg)),
        Command::Export(a) => (&a.config_arg, Some(&a.memory_arg)),
        Command::Config(a) => (&a.config_arg, Some(&a.memory_arg)),
        Command::Serve(a) => (&a.config_arg, Some(&a.memory_arg)),
        Command::Lsp(a) => (&a.config_arg, Some(&a.memory_arg)),
        Command::Memory(a) => (&a.config, Some(&a.memory)),
        Command::Segment(a) => (&a.config_arg, None),
        Command::Align(a) => (&a.config_arg, None),
        Command::Init(a) => (&a.config_arg, None),
        Command::Glossary(a) => (&a.config, None),
        Command::Rule(_) | Command::Completions(_) => return args,
    };
    let (config, memory) = (config.path.clone(), memory.and_then(|m| m.path.clone()));
    if config.is_some() {
        args.config = config;
    }
    if memory.is_some() {
        args.memory = memory;
    }
    args
}

/// Shows the warnings of glossaries read leniently.
pub(crate) fn read_glossaries(paths: &[std::path::PathBuf], lenient: bool) -> anyhow::Result<tm::glossary::Glossary> {
    let (glossary, warnings) = tm::project::read_glossaries(paths, lenient)?;
    for warning in &warnings {
        let _ = writeln!(io::stderr().lock(), "tm: warning: {}", tm::text::escape_controls(warning));
    }
    Ok(glossary)
}

/// The error and its causes, each cause left out when the message before already says it
/// (a library error that quotes its I/O error would otherwise print it twice).
fn describe(error: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if !out.contains(&text) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&text);
        }
    }
    out
}

/// An error when the memory has no unit in the language pair asked for (a typo in `--src`
/// would otherwise give an empty answer and exit 0), listing the pairs it has.
/// The memory's language pairs that `src` and `tgt` select (by primary language); an error
/// listing what the memory has when none does and the memory is not empty.
pub(crate) fn require_pair(
    memory: &dyn tm::memory::Store,
    src: Option<&str>,
    tgt: Option<&str>,
) -> anyhow::Result<Vec<(String, String)>> {
    let pairs = memory.language_pairs()?;
    let primary = |tag: &str| tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
    let fits = |(s, t): &(String, String)| {
        src.is_none_or(|src| primary(src) == primary(s)) && tgt.is_none_or(|tgt| primary(tgt) == primary(t))
    };
    if pairs.is_empty() || pairs.iter().any(fits) {
        return Ok(pairs.into_iter().filter(|p| fits(p)).collect());
    }
    let have: Vec<String> = pairs.iter().map(|(s, t)| format!("{s}→{t}")).collect();
    anyhow::bail!(
        "the memory has no units from {} to {}; it has {}",
        tm::text::escape_controls(src.unwrap_or("any language")),
        tm::text::escape_controls(tgt.unwrap_or("any language")),
        have.join(", ")
    )
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .any(|cause| cause.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe))
}
