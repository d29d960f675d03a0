use std::io::{BufWriter, Write};

use tm::formats::{tmx, tsv};
use tm::memory::ExportUnit;
use tm::project::{Access, Project};

use super::Status;
use super::args::{ExportArgs, ExportFormat};

pub(crate) fn run(args: &ExportArgs, project: &Project) -> anyhow::Result<Status> {
    let memory = project.open_memory(Access::Read)?;
    let pairs = super::require_pair(&*memory, args.src.as_deref(), args.tgt.as_deref())?;
    // A TSV's header names its two languages: one pair per file.
    let tsv_header = match args.format {
        ExportFormat::Tsv => Some(tsv_languages(&pairs, args.src.as_deref(), args.tgt.as_deref())?),
        ExportFormat::Tmx => None,
    };
    // A file is written whole or not at all: a failed export leaves the old file.
    let mut pending = args.output.as_deref().map(tm::atomic::Pending::new).transpose()?;
    let sink: Box<dyn Write + '_> = match pending.as_mut() {
        Some(file) => Box::new(file),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    let mut left_out = 0usize;
    match args.format {
        ExportFormat::Tmx => {
            tmx::write_header(&mut out, args.src.as_deref().unwrap_or("ru"), env!("CARGO_PKG_VERSION"))?;
            memory.export(args.src.as_deref(), args.tgt.as_deref(), &mut |unit: ExportUnit| {
                if let Some(problem) = tmx::write_unit(&mut out, &unit.unit)? {
                    left_out += 1;
                    if left_out <= 20 {
                        let mut start: String = unit.unit.source.chars().take(40).collect();
                        if start.len() < unit.unit.source.len() {
                            start.push('…');
                        }
                        let _ = writeln!(
                            std::io::stderr().lock(),
                            "tm: warning: unit {} ({}) left out of the TMX: {problem}",
                            unit.id,
                            tm::text::escape_controls(&start)
                        );
                    }
                }
                Ok(())
            })?;
            tmx::write_footer(&mut out)?;
        }
        ExportFormat::Tsv => {
            let (src, tgt) = tsv_header.unwrap_or_default();
            writeln!(out, "{src}\t{tgt}\tnote\torigin")?;
            memory.export(args.src.as_deref(), args.tgt.as_deref(), &mut |unit: ExportUnit| {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    tsv::field(&unit.unit.source, '\t'),
                    tsv::field(&unit.unit.target, '\t'),
                    tsv::field(&unit.unit.meta.notes.join("; "), '\t'),
                    tsv::field(unit.unit.origin.as_deref().unwrap_or_default(), '\t')
                )
            })?;
        }
    }
    out.flush()?;
    drop(out);
    if let Some(pending) = pending {
        pending.commit()?;
    }
    if left_out > 0 {
        let _ = writeln!(
            std::io::stderr().lock(),
            "tm: warning: {left_out} unit{} left out of the TMX (fix them in the memory, or export them with --format tsv)",
            if left_out == 1 { "" } else { "s" }
        );
    }
    Ok(Status::Success)
}

/// The languages a TSV export's header names: those given, else those of the one pair the
/// memory holds for the selection. Several pairs cannot share one header.
fn tsv_languages(pairs: &[(String, String)], src: Option<&str>, tgt: Option<&str>) -> anyhow::Result<(String, String)> {
    let one = |given: Option<&str>, side: fn(&(String, String)) -> &String| -> Option<String> {
        if let Some(given) = given {
            return Some(given.to_owned());
        }
        let first = side(pairs.first()?);
        pairs.iter().all(|p| side(p) == first).then(|| first.clone())
    };
    match (one(src, |p| &p.0), one(tgt, |p| &p.1)) {
        (Some(src), Some(tgt)) => Ok((src, tgt)),
        _ if pairs.is_empty() => Ok((src.unwrap_or("ru").to_owned(), tgt.unwrap_or("en").to_owned())),
        _ => {
            let have: Vec<String> = pairs.iter().map(|(s, t)| format!("{s}→{t}")).collect();
            anyhow::bail!(
                "a TSV file holds one language pair and the selection has {}: choose one with --src and --tgt",
                tm::text::escape_controls(&have.join(", "))
            )
        }
    }
}
