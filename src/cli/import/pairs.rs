//! `tm import --pair`: align release pairs and import the confident one-to-one sentences.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::bail;
use tm::align::{AlignOptions, PlanOptions, align, joined, plan};
use tm::check::files;
use tm::config::Config;
use tm::memory::import::{ImportOptions, SentencePair, import_pairs};
use tm::project::{Access, Project};
use tm::segment::Lang;

use super::{import_options, print_report};
use crate::cli::Status;
use crate::cli::align::{Side, lexicon, read_side};
use crate::cli::args::{ImportArgs, OutputFormat};

pub(crate) fn run(args: &ImportArgs, paths: &[PathBuf], project: &Project) -> anyhow::Result<Status> {
    let (config, root) = (&project.config, project.root.as_path());
    let jobs = match paths {
        [ru, en] => vec![(ru.clone(), en.clone())],
        [folder] if folder.is_dir() => find_pairs(folder, config, root)?,
        [file] => {
            bail!("{}: --pair takes RU_FILE EN_FILE, or a folder of releases and their translations", file.display())
        }
        _ => bail!("--pair takes RU_FILE EN_FILE, or one folder"),
    };
    let lexicon = lexicon(&args.align)?;
    let align_options = AlignOptions { lexicon: lexicon.as_ref(), ..AlignOptions::default() };
    let plan_options = PlanOptions { min_confidence: args.min_confidence, join: args.join };
    let mut memory = if args.dry_run { None } else { Some(project.open_memory(Access::Create)?) };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (ru_path, en_path) in jobs {
        let ru = read_side(&ru_path, Lang::Ru, &args.align, config)?;
        let en = read_side(&en_path, Lang::En, &args.align, config)?;
        let beads = align(&ru.segments, &en.segments, &align_options);
        let plan = plan(&ru.segments, &en.segments, &beads, &plan_options);
        let pairs: Vec<SentencePair> = plan.pairs.iter().map(|(_, pair)| pair.clone()).collect();
        let report = match &mut memory {
            None => None,
            Some(memory) => {
                let options = ImportOptions {
                    origin: args.origin.clone().or_else(|| Some(ru.name.clone())),
                    ..import_options(args)
                };
                Some(import_pairs(&mut **memory, &batch_name(&ru, &en), &pairs, &ru.segmenter, &options)?)
            }
        };
        if args.summary == OutputFormat::Json {
            // One object per pair: the plan, and the import report unless --dry-run.
            let left_out: Vec<serde_json::Value> = plan
                .left_out
                .iter()
                .map(|&(index, reason)| {
                    let bead = &beads[index];
                    serde_json::json!({
                        "ru": bead.ru.clone().collect::<Vec<_>>(),
                        "en": bead.en.clone().collect::<Vec<_>>(),
                        "kind": bead.kind(),
                        "confidence": bead.confidence,
                        "reason": reason,
                        "ru_text": joined(&ru.segments, bead.ru.clone()),
                        "en_text": joined(&en.segments, bead.en.clone()),
                    })
                })
                .collect();
            let value = serde_json::json!({
                "ru_file": ru.name,
                "en_file": en.name,
                "ru_sentences": ru.segments.len(),
                "en_sentences": en.segments.len(),
                "beads": beads.len(),
                "to_import": pairs.len(),
                "left_out": left_out,
                "import": report,
            });
            writeln!(out, "{value}")?;
            continue;
        }
        writeln!(
            out,
            "{} + {}: {} sentences · {} sentences · {} beads · {} to import · {} left for review",
            ru.name,
            en.name,
            ru.segments.len(),
            en.segments.len(),
            beads.len(),
            pairs.len(),
            plan.left_out.len()
        )?;
        // Sentences are numbered from 1 here, for people; `tm align --format beads` counts
        // from 0, for tools.
        for &(index, reason) in &plan.left_out {
            let bead = &beads[index];
            writeln!(out, "  left out ({}, confidence {:.2}): {}", bead.kind(), bead.confidence, reason.describe())?;
            for i in bead.ru.clone() {
                writeln!(out, "    ru sentence {}: {}", i + 1, tm::text::escape_controls(&ru.segments[i].text))?;
            }
            for j in bead.en.clone() {
                writeln!(out, "    en sentence {}: {}", j + 1, tm::text::escape_controls(&en.segments[j].text))?;
            }
        }
        match report {
            None => {
                for pair in &pairs {
                    writeln!(
                        out,
                        "  would import: {}  ⇒  {}",
                        tm::text::escape_controls(&pair.source),
                        tm::text::escape_controls(&pair.target)
                    )?;
                }
                writeln!(out, "  dry run: nothing written")?;
            }
            Some(report) => print_report(&mut out, &report, args.summary, true)?,
        }
    }
    if let Some(memory) = &memory {
        memory.finish_writes()?;
    }
    Ok(Status::Success)
}

fn batch_name(ru: &Side, en: &Side) -> String {
    format!("{} + {}", ru.name, en.name)
}

/// The drafts and sources of `folder` paired by `[files]` in tm.toml (by default `NAME.ru.EXT`
/// with `NAME.en.EXT`, and `ru/…` with `en/…`), sorted by path. Files with no partner are
/// reported on standard error.
fn find_pairs(folder: &Path, config: &Config, root: &Path) -> anyhow::Result<Vec<(PathBuf, PathBuf)>> {
    let found = files::plan(&[folder.to_path_buf()], &config.files.options(root))?;
    let mut err = std::io::stderr().lock();
    for problem in &found.problems {
        let _ = writeln!(err, "tm: warning: {}: {}", problem.path.display(), problem.message);
    }
    for source in &found.sources_without_draft {
        let _ = writeln!(err, "tm: warning: {}: no English partner", source.display());
    }
    let mut pairs = Vec::new();
    for job in found.jobs {
        match job.source {
            Some(source) => pairs.push((source, job.draft)),
            None if !job.by_script => {
                let _ = writeln!(err, "tm: warning: {}: no Russian partner", job.draft.display());
            }
            None => {}
        }
    }
    if pairs.is_empty() {
        bail!("{}: no pairs of Russian and English files found ([files] pairs in tm.toml)", folder.display());
    }
    Ok(pairs)
}
