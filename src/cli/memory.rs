use std::io::{BufWriter, Write};

use tm::memory::MemoryLocation;
use tm::project::{Access, Project, open_memory};

use super::Status;
use super::args::{MemoryCommand, OutputFormat};

pub(crate) fn run(command: &MemoryCommand, project: &Project) -> anyhow::Result<Status> {
    if let MemoryCommand::Sync { from, to, format } = command {
        return sync(from, to, *format);
    }
    let writes = matches!(command, MemoryCommand::Delete { .. } | MemoryCommand::Dedupe);
    let mut memory = project.open_memory(if writes { Access::WriteExisting } else { Access::Read })?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match command {
        MemoryCommand::Stats { format } => {
            let stats = memory.stats()?;
            if *format == OutputFormat::Json {
                writeln!(out, "{}", serde_json::to_string_pretty(&stats)?)?;
            } else {
                writeln!(out, "{}: {} units from {} imports", memory.location(), stats.units, stats.batches)?;
                for pair in &stats.pairs {
                    writeln!(
                        out,
                        "{}→{}: {} units · {} sources with several translations · {} translations shared by several sources",
                        pair.src, pair.tgt, pair.units, pair.sources_with_variants, pair.reused_targets
                    )?;
                    for (origin, count) in &pair.origins {
                        writeln!(out, "  {count:>8}  {origin}")?;
                    }
                }
            }
        }
        MemoryCommand::ListBatches { format } => {
            let batches = memory.batches()?;
            if *format == OutputFormat::Json {
                writeln!(out, "{}", serde_json::to_string_pretty(&batches)?)?;
            } else {
                writeln!(
                    out,
                    "batch  imported              format  read  added  merged  variants  skipped  units  file"
                )?;
                for b in &batches {
                    writeln!(
                        out,
                        "{:>5}  {:<20}  {:<6} {:>5}  {:>5}  {:>6}  {:>8}  {:>7}  {:>5}  {}",
                        b.id,
                        b.imported_at,
                        b.format,
                        b.read,
                        b.added,
                        b.merged,
                        b.variants,
                        b.skipped,
                        b.units,
                        tm::text::escape_controls(&b.file)
                    )?;
                }
            }
        }
        MemoryCommand::Delete { batch, origin } => {
            let deleted = match (batch, origin) {
                (Some(batch), _) => memory.delete_batch(*batch)?,
                (None, Some(origin)) => {
                    let known = memory.origins()?;
                    if !known.iter().any(|o| o == origin) {
                        const SHOWN: usize = 20;
                        let mut list = if known.is_empty() {
                            "none".to_owned()
                        } else {
                            known[..known.len().min(SHOWN)].join(", ")
                        };
                        if known.len() > SHOWN {
                            list.push_str(&format!(" and {} more", known.len() - SHOWN));
                        }
                        anyhow::bail!(
                            "no units come from origin {:?}; the memory's origins: {}",
                            tm::text::escape_controls(origin),
                            tm::text::escape_controls(&list)
                        );
                    }
                    memory.delete_origin(origin)?
                }
                (None, None) => 0,
            };
            writeln!(out, "deleted {deleted} units")?;
        }
        MemoryCommand::Backup { file } => {
            memory.backup(file)?;
            writeln!(out, "{}: a checked copy of {}", file.display(), memory.location())?;
        }
        MemoryCommand::Check => {
            let problems = memory.integrity(false)?;
            if problems.is_empty() {
                writeln!(out, "{}: ok", memory.location())?;
            } else {
                for problem in &problems {
                    writeln!(out, "{}: {}", memory.location(), tm::text::escape_controls(problem))?;
                }
                out.flush()?;
                return Ok(Status::Findings);
            }
        }
        MemoryCommand::Sync { .. } => unreachable!("handled above"),
        MemoryCommand::Dedupe => {
            let report = memory.dedupe()?;
            writeln!(
                out,
                "{} units, {} duplicates merged, {} left; index rebuilt ({} chunks)",
                report.units_before, report.duplicates_removed, report.units_after, report.index_chunks
            )?;
        }
    }
    out.flush()?;
    if writes {
        memory.finish_writes()?;
    }
    Ok(Status::Success)
}

/// `tm memory sync FROM TO`: one line per batch copied as it commits, then the totals.
fn sync(from: &str, to: &str, format: OutputFormat) -> anyhow::Result<Status> {
    let source = open_memory(&MemoryLocation::parse(from), Access::Read)?;
    let mut target = open_memory(&MemoryLocation::parse(to), Access::Create)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let text = format == OutputFormat::Text;
    let mut written = Ok(());
    let report = tm::memory::sync::sync(&*source, &mut *target, &mut |batch| {
        if text && written.is_ok() {
            let c = &batch.counts;
            written = writeln!(
                out,
                "batch {} → {}: {} units read, {} added, {} merged, {} variants, {} skipped  {}",
                batch.from_batch,
                batch.to_batch,
                c.read,
                c.added,
                c.merged,
                c.variants,
                c.skipped,
                tm::text::escape_controls(&batch.file)
            )
            .and_then(|()| out.flush());
        }
    });
    // What was committed stays committed: make it durable before reporting a failure.
    target.finish_writes()?;
    let report = report?;
    written?;
    if text {
        let added: u64 = report.copied.iter().map(|b| b.counts.added).sum();
        let copied = report.copied.len();
        writeln!(
            out,
            "{} → {}: {copied} {} copied ({added} units added), {} there already",
            source.location(),
            target.location(),
            if copied == 1 { "batch" } else { "batches" },
            report.present
        )?;
    } else {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    }
    out.flush()?;
    Ok(Status::Success)
}
