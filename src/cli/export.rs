use std::io::{BufWriter, Write};

use tm::formats::{tmx, tsv};
use tm::memory::{ExportUnit, Memory};

use super::Status;
use super::args::{ExportArgs, ExportFormat};

pub(crate) fn run(args: &ExportArgs, memory_path: &std::path::Path) -> anyhow::Result<Status> {
    let memory = Memory::open_existing(memory_path)?;
    super::require_pair(&memory, args.src.as_deref(), args.tgt.as_deref())?;
    // A file is written whole or not at all: a failed export leaves the old file.
    let mut pending = args.output.as_deref().map(tm::atomic::Pending::new).transpose()?;
    let sink: Box<dyn Write + '_> = match pending.as_mut() {
        Some(file) => Box::new(file),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    match args.format {
        ExportFormat::Tmx => {
            tmx::write_header(&mut out, args.src.as_deref().unwrap_or("ru"), env!("CARGO_PKG_VERSION"))?;
            memory.export(args.src.as_deref(), args.tgt.as_deref(), |unit: ExportUnit| {
                tmx::write_unit(&mut out, &tmx::WriteUnit::from(&unit))
            })?;
            tmx::write_footer(&mut out)?;
        }
        ExportFormat::Tsv => {
            let (src, tgt) = (args.src.as_deref().unwrap_or("ru"), args.tgt.as_deref().unwrap_or("en"));
            writeln!(out, "{src}\t{tgt}\tnote\torigin")?;
            memory.export(args.src.as_deref(), args.tgt.as_deref(), |unit: ExportUnit| {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    tsv::field(&unit.source, '\t'),
                    tsv::field(&unit.target, '\t'),
                    tsv::field(&unit.notes.join("; "), '\t'),
                    tsv::field(unit.origin.as_deref().unwrap_or_default(), '\t')
                )
            })?;
        }
    }
    out.flush()?;
    drop(out);
    if let Some(pending) = pending {
        pending.commit()?;
    }
    Ok(Status::Success)
}
