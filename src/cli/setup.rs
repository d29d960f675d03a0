//! `tm init` (a commented starter `tm.toml`) and `tm config` (the resolved configuration and
//! where each value came from).

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use tm::config;

use super::Status;
use super::args::{ConfigArgs, InitArgs};
use tm::project::{Project, Source};

/// The shipped house glossary, written by `tm init`.
const HOUSE_GLOSSARY: &str = include_str!("../../glossaries/house.tsv");

/// The starter configuration: every key present, commented out at its default.
pub(crate) const TEMPLATE: &str = r#"# tm.toml: the configuration of `tm` for this folder and the folders below it.
# Every key is optional; `tm config` shows what is in force and where it comes from.

# The translation memory, relative to this file [default: memory/tm.sqlite].
# memory = "memory/tm.sqlite"

[check]
# Glossary files, relative to this file [default: every *.tsv, *.csv and *.tbx in glossaries/].
# glossaries = ["glossaries/house.tsv"]
# The lowest severity that makes `tm check` exit 1: "error", "warning" or "info".
# fail-on = "error"
# The lowest severity reported at all, like --min-severity: "error", "warning" or "info".
# min-severity = "info"
# The baseline file, like --baseline: only findings not in it are reported (tm lsp too).
# baseline = "tm-baseline.json"
# A suppression comment without a reason is an error (TM502), like --require-reason.
# require-reason = false
# The languages of sources and drafts (tm checks English drafts of Russian sources).
# source-language = "ru"
# draft-language = "en"

[check.rules]
# A rule by code or name: "off", or the severity its findings get (`tm rule --all` lists them).
# term-not-preferred = "off"
# TM104 = "error"

# Rule settings for some files only (later entries win): globs relative to this file.
# [[check.paths]]
# files = ["archive/**"]
# rules = { TM101 = "off" }

[files]
# Which files `tm check FOLDER` reads: globs relative to this file; a glob without `/`
# matches file names anywhere.
# include = ["*.txt", "*.md", "*.markdown"]
# Files and folders never checked in folders (files named on the command line still are).
# exclude = ["archive/**", "*.draft.txt"]
# Skip what .gitignore, .ignore and .git/info/exclude ignore.
# gitignore = true

# How a draft's path gives its source's: {captures} match any characters; the first pattern
# whose source exists wins. Writing one [[files.pairs]] replaces both defaults.
# [[files.pairs]]
# draft = "{name}.en.{ext}"
# source = "{name}.ru.{ext}"
# [[files.pairs]]
# draft = "en/{path}"
# source = "ru/{path}"

[segment]
# Treat single line breaks as spaces (hard-wrapped text); blank lines end paragraphs.
# join-lines = false

[segment.ru]
# Extra abbreviations that never end a sentence, without the final period.
# never-final = ["отд"]
# Phrases never split inside.
# no-break = ["ул. Ленина"]

[segment.en]
# never-final = ["Gen"]
"#;

/// Writes a project: the configuration (`tm.toml`, or the file `--config` names), and beside it
/// the house glossary and a `.gitignore` for the memory.
pub(crate) fn init(args: &InitArgs, config_file: Option<&Path>) -> anyhow::Result<Status> {
    let path = config_file.unwrap_or(Path::new(config::FILE_NAME));
    let shown = || tm::text::escape_controls(&path.display().to_string()).into_owned();
    if path.exists() && !args.force {
        bail!("{} already exists (--force overwrites it)", shown());
    }
    if path.is_dir() {
        bail!("{} is a folder: name the configuration file to write", shown());
    }
    let folder = path.parent().unwrap_or(Path::new(""));
    if !folder.as_os_str().is_empty() {
        std::fs::create_dir_all(folder).with_context(|| format!("cannot create {}", folder.display()))?;
    }
    tm::atomic::write(path, TEMPLATE.as_bytes())?;
    let _ = writeln!(std::io::stderr().lock(), "tm: wrote {}", shown());
    // The house glossary, built into the binary, so that a project made outside this
    // repository (after `cargo install`) checks what the shipped one does.
    let house = folder.join("glossaries/house.tsv");
    if !house.exists() {
        std::fs::create_dir_all(folder.join("glossaries")).context("cannot create the glossaries folder")?;
        tm::atomic::write(&house, HOUSE_GLOSSARY.as_bytes())?;
        let _ = writeln!(std::io::stderr().lock(), "tm: wrote {}", house.display());
    }
    // The memory is data, not source: keep it out of git.
    let ignore = &folder.join(".gitignore");
    let existing = std::fs::read_to_string(ignore).unwrap_or_default();
    if !existing.lines().any(|l| l.trim() == "memory/tm.sqlite*" || l.trim() == "memory/") {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str("memory/tm.sqlite*\n");
        tm::atomic::write(ignore, text.as_bytes())?;
    }
    Ok(Status::Success)
}

pub(crate) fn show(_args: &ConfigArgs, project: &Project) -> anyhow::Result<Status> {
    let (file, config) = (project.config_file.as_deref(), &project.config);
    let source = |keys: &[&str]| match (project.source_of(keys), file) {
        (Source::ConfigFile, Some(path)) => format!("# {}", path.display()),
        _ => "# default".to_owned(),
    };
    let mut out = String::new();
    match file {
        Some(path) => out.push_str(&format!("# configuration: {}\n", path.display())),
        None => out.push_str("# configuration: none found (built-in defaults)\n"),
    }
    let quoted = |items: &mut dyn Iterator<Item = String>| {
        format!("[{}]", items.map(|i| format!("{i:?}")).collect::<Vec<_>>().join(", "))
    };
    let glossaries = project.glossary_paths(&[])?;
    out.push_str(&format!(
        "check.glossaries = {}  {}\n",
        quoted(&mut glossaries.iter().map(|p| p.display().to_string())),
        source(&["check", "glossaries"])
    ));
    let fail_on = match config.check.fail_on {
        Some(config::FailOn::Warning) => "warning",
        Some(config::FailOn::Info) => "info",
        Some(config::FailOn::Error) | None => "error",
    };
    out.push_str(&format!("check.fail-on = {fail_on:?}  {}\n", source(&["check", "fail-on"])));
    if let Some(baseline) = project.baseline_file(None) {
        out.push_str(&format!(
            "check.baseline = {:?}  {}\n",
            baseline.display().to_string(),
            source(&["check", "baseline"])
        ));
    }
    out.push_str(&format!(
        "check.require-reason = {}  {}\n",
        config.check.require_reason,
        source(&["check", "require-reason"])
    ));
    out.push_str(&format!(
        "check.source-language = {:?}  {}\ncheck.draft-language = {:?}  {}\n",
        config.check.source_language,
        source(&["check", "source-language"]),
        config.check.draft_language,
        source(&["check", "draft-language"])
    ));
    for (rule, setting) in &config.check.rules {
        out.push_str(&format!(
            "check.rules.{rule} = {:?}  {}\n",
            format!("{setting:?}").to_lowercase(),
            source(&["check", "rules", rule])
        ));
    }
    out.push_str(&format!(
        "files.include = {}  {}\n",
        quoted(&mut config.files.include.iter().cloned()),
        source(&["files", "include"])
    ));
    out.push_str(&format!(
        "files.exclude = {}  {}\n",
        quoted(&mut config.files.exclude.iter().cloned()),
        source(&["files", "exclude"])
    ));
    out.push_str(&format!("files.gitignore = {}  {}\n", config.files.gitignore, source(&["files", "gitignore"])));
    for pattern in &config.files.pairs {
        out.push_str(&format!(
            "files.pairs = {{ draft = {:?}, source = {:?} }}  {}\n",
            pattern.draft,
            pattern.source,
            source(&["files", "pairs"])
        ));
    }
    out.push_str(&format!(
        "segment.join-lines = {}  {}\n",
        config.segment.join_lines,
        source(&["segment", "join-lines"])
    ));
    for (lang, lists) in [("ru", &config.segment.ru), ("en", &config.segment.en)] {
        for (key, values) in [
            ("never-final", &lists.never_final),
            ("may-end", &lists.may_end),
            ("no-break", &lists.no_break),
            ("remove", &lists.remove),
        ] {
            if !values.is_empty() {
                out.push_str(&format!(
                    "segment.{lang}.{key} = {}  {}\n",
                    quoted(&mut values.iter().cloned()),
                    source(&["segment", lang, key])
                ));
            }
        }
    }
    let memory_source = match project.memory_source {
        Source::ConfigFile => source(&["memory"]),
        _ => "# --memory or TM_MEMORY, else memory/tm.sqlite beside tm.toml".to_owned(),
    };
    out.push_str(&format!("memory = {:?}  {memory_source}\n", project.memory.to_string()));
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(Status::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_parses_to_the_defaults() {
        assert_eq!(config::parse(TEMPLATE).unwrap(), config::Config::default());
    }
}
