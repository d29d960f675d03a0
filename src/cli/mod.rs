//! Everything that knows about argv, stdin/stdout, the environment and exit codes.

mod align;
mod analyze;
mod args;
mod check;
mod export;
mod glossary;
mod import;
mod input;
mod memory;
mod pairs;
mod rule;
mod search;
mod segment;
mod setup;

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

pub(crate) use args::{Args, Command};
use tm::config::{self, Config};

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
    match &args.command {
        Command::Segment(segment) => segment::run(segment, &load_config(args.config.as_deref())?),
        Command::Import(import) => {
            import::run(import, &load_config(args.config.as_deref())?, &project_root(args)?, &memory_path(args)?)
        }
        Command::Align(align) => align::run(align, &load_config(args.config.as_deref())?),
        Command::Search(search) => search::run(search, &memory_path(args)?),
        Command::Analyze(analyze) => analyze::run(analyze, &load_config(args.config.as_deref())?, &memory_path(args)?),
        Command::Export(export) => export::run(export, &memory_path(args)?),
        Command::Memory(group) => memory::run(&group.command, &memory_path(args)?),
        Command::Check(check) => {
            let file = match &args.config {
                Some(path) => Some(path.clone()),
                None => config::discover(&std::env::current_dir().context("cannot determine the current folder")?),
            };
            let shown = file.as_deref().map(|f| {
                let current = std::env::current_dir().unwrap_or_default();
                f.strip_prefix(&current).map(Path::to_path_buf).unwrap_or_else(|_| f.to_path_buf())
            });
            check::run(
                check,
                &load_config(args.config.as_deref())?,
                shown.as_deref(),
                &project_root(args)?,
                &memory_path(args)?,
            )
        }
        Command::Rule(rule) => rule::run(rule),
        Command::Init(init) => setup::init(init, args.config.as_deref()),
        Command::Config(show) => {
            let current = std::env::current_dir().context("cannot determine the current folder")?;
            let file = args.config.clone().or_else(|| config::discover(&current));
            let file = file.map(|f| f.strip_prefix(&current).map(Path::to_path_buf).unwrap_or(f));
            setup::show(
                show,
                file.as_deref(),
                &load_config(args.config.as_deref())?,
                &project_root(args)?,
                &memory_path(args)?,
            )
        }
        Command::Completions(completions) => {
            let mut command = <Args as clap::CommandFactory>::command();
            clap_complete::generate(completions.shell, &mut command, "tm", &mut io::stdout().lock());
            Ok(Status::Success)
        }
        Command::Glossary(group) => {
            glossary::run(&group.command, &load_config(args.config.as_deref())?, &project_root(args)?)
        }
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

/// The folder holding the configuration file, else the current folder.
fn project_root(args: &Args) -> anyhow::Result<std::path::PathBuf> {
    let current = std::env::current_dir().context("cannot determine the current folder")?;
    let config = args.config.clone().or_else(|| config::discover(&current));
    let root = config.as_deref().and_then(Path::parent).filter(|p| !p.as_os_str().is_empty()).map(Path::to_path_buf);
    let root = root.unwrap_or_else(|| current.clone());
    Ok(root.strip_prefix(&current).map(Path::to_path_buf).unwrap_or(root))
}

/// `--memory` (or `TM_MEMORY`), else `memory/tm.sqlite` under the project root: the folder
/// holding the configuration file, else the current folder.
fn memory_path(args: &Args) -> anyhow::Result<std::path::PathBuf> {
    if let Some(path) = &args.memory {
        return Ok(path.clone());
    }
    if let Some(path) = load_config(args.config.as_deref())?.memory {
        return Ok(project_root(args)?.join(path));
    }
    // Shown in messages: relative to the current folder when it is below it.
    Ok(project_root(args)?.join(tm::memory::DEFAULT_PATH))
}

/// The configuration named by `--config`, else the nearest `tm.toml` above the current folder,
/// else the defaults.
fn load_config(explicit: Option<&Path>) -> anyhow::Result<Config> {
    let path = match explicit {
        Some(path) => Some(path.to_owned()),
        None => {
            // Found from the current folder up: named relative to it, as the user sees it.
            let current = std::env::current_dir().context("cannot determine the current folder")?;
            config::discover(&current).map(|found| found.strip_prefix(&current).map(Path::to_path_buf).unwrap_or(found))
        }
    };
    match path {
        Some(path) => Ok(config::load(&path)?),
        None => Ok(Config::default()),
    }
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
    memory: &tm::memory::Memory,
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
