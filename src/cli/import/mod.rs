use std::io::{IsTerminal, Write};

use anyhow::Context;
use tm::memory::import::{FileReport, ImportOptions, import_file, import_parallel};
use tm::project::{Access, Project};

use super::Status;
use super::args::{ImportArgs, OutputFormat};

mod pairs;

/// Files above this size get a progress bar (when stderr is a terminal).
const PROGRESS_BYTES: u64 = 16 << 20;

/// The import bar counts bytes read (the file's size is known, its units are not): bytes,
/// bytes per second and the time left, with the units read so far.
const PROGRESS_TEMPLATE: &str = "{prefix} [{bar:30}] {bytes}/{total_bytes} · {bytes_per_sec} · {msg} · eta {eta}";

fn progress_style() -> indicatif::ProgressStyle {
    indicatif::ProgressStyle::with_template(PROGRESS_TEMPLATE)
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
}

pub(crate) fn run(args: &ImportArgs, project: &Project) -> anyhow::Result<Status> {
    if let Some(paths) = &args.pair {
        return pairs::run(args, paths, project);
    }
    let mut memory = project.open_memory(Access::Create)?;
    // Never write into a damaged memory: the import would bury the damage deeper.
    if let Some(problem) = memory.integrity(true)?.first() {
        return Err(
            tm::memory::MemoryError::Corrupt { path: project.memory.to_string(), problem: problem.clone() }.into()
        );
    }
    let options = import_options(args);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let Some(files) = &args.parallel {
        let report = import_parallel(&mut *memory, &files[0], &files[1], &options)?;
        print_report(&mut out, &report, args.summary, args.skip_invalid)?;
        memory.finish_writes()?;
        return Ok(Status::Success);
    }
    for path in &args.files {
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let bar = (size >= PROGRESS_BYTES && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new(size);
            bar.set_style(progress_style());
            bar.set_prefix(tm::text::escape_controls(&path.display().to_string()).into_owned());
            bar
        });
        let mut progress = |bytes: u64, units: u64| {
            if let Some(bar) = &bar {
                bar.set_position(bytes);
                bar.set_message(format!("{units} units"));
            }
        };
        let result = import_file(&mut *memory, path, &options, &mut progress);
        if let Some(bar) = &bar {
            bar.finish_and_clear();
        }
        match result {
            Ok(report) => print_report(&mut out, &report, args.summary, args.skip_invalid)?,
            Err(error) => {
                out.flush()?;
                // The files before this one stay imported: move them out of the log too.
                let _ = memory.finish_writes();
                return Err(anyhow::Error::new(error)).context(match args.files.len() {
                    1 => "nothing imported from this file".to_owned(),
                    _ => "nothing imported from this file; files before it stay imported".to_owned(),
                });
            }
        }
    }
    memory.finish_writes()?;
    Ok(Status::Success)
}

/// Text: one summary line per file, then the skipped units (all of them with --skip-invalid,
/// else the first few). JSON: one object per file, with peak memory on Linux.
pub(crate) fn print_report(
    out: &mut dyn Write,
    report: &FileReport,
    format: OutputFormat,
    all: bool,
) -> anyhow::Result<()> {
    let c = report.counts;
    if format == OutputFormat::Json {
        let mut value = serde_json::to_value(report)?;
        if let Some(kb) = peak_rss_kb() {
            value["peak_rss_kb"] = kb.into();
        }
        writeln!(out, "{value}")?;
        return Ok(());
    }
    let overwritten = if c.overwritten > 0 { format!(" · {} overwritten", c.overwritten) } else { String::new() };
    writeln!(
        out,
        "{}: {} read · {} added · {} merged · {} variants{overwritten} · {} skipped (batch {}, {}, {})",
        report.file, c.read, c.added, c.merged, c.variants, c.skipped, report.batch, report.format, report.encoding
    )?;
    for (location, message) in &report.warnings {
        writeln!(out, "  {}:{location}: warning: {message}", report.file)?;
    }
    let shown = if all { report.skipped.len() } else { report.skipped.len().min(10) };
    for (location, reason) in &report.skipped[..shown] {
        writeln!(out, "  {}:{location}: skipped: {reason}", report.file)?;
    }
    if shown < report.skipped.len() {
        writeln!(out, "  … {} more skipped (--summary json lists all)", report.skipped.len() - shown)?;
    }
    Ok(())
}

/// Peak resident memory of this process, from /proc (Linux).
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

pub(crate) fn import_options(args: &ImportArgs) -> ImportOptions {
    ImportOptions {
        format: args.format,
        src: args.src.clone(),
        tgt: args.tgt.clone(),
        on_conflict: args.on_conflict,
        skip_invalid: args.skip_invalid,
        include_drafts: args.include_drafts,
        include_fuzzy: args.include_fuzzy,
        columns: args.columns.clone(),
        origin: args.origin.clone(),
        encoding: args.align.encoding.label,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_progress_bar_shows_bytes_per_second_not_a_bare_count() {
        assert!(indicatif::ProgressStyle::with_template(super::PROGRESS_TEMPLATE).is_ok());
        assert!(super::PROGRESS_TEMPLATE.contains("{bytes_per_sec}"));
        assert!(!super::PROGRESS_TEMPLATE.contains("{per_sec}"), "a per-second count of bytes without a unit");
    }
}
