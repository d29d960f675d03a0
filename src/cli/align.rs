use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, bail};
use serde::Serialize;
use tm::align::{AlignOptions, Lexicon, Segment, align, joined, parse_beads, score, segments};
use tm::config::Config;
use tm::formats::tmx;
use tm::segment::{Lang, Segmenter};

use super::Status;
use super::args::{AlignArgs, AlignFormat, AlignInputArgs};
use super::input::read_text;

/// One side of a pair, read and split into sentences.
pub(crate) struct Side {
    pub(crate) name: String,
    pub(crate) segments: Vec<Segment>,
    pub(crate) segmenter: Segmenter,
}

/// Reads a file of the given language and splits it (or takes its lines with --sentences).
/// Warns on standard error when the script says it is in the other language.
pub(crate) fn read_side(path: &Path, lang: Lang, input: &AlignInputArgs, config: &Config) -> anyhow::Result<Side> {
    let (name, decoded) = read_text(Some(path), input.encoding.label)?;
    let text = decoded.text.as_str();
    if text.contains('\0') {
        bail!("{name}: binary data (NUL bytes), not a text file");
    }
    let segmenter = Segmenter::new(lang, &config.segment_options(lang))?;
    let segments = segments(text, (!input.sentences).then_some(&segmenter));
    if segments.is_empty() {
        bail!("{name}: no sentences to align (the file is empty)");
    }
    let found = Lang::detect(text);
    if found != lang {
        let _ = writeln!(
            std::io::stderr().lock(),
            "tm: warning: {name} is given as {} but its script looks {}; check the order of the files",
            language_name(lang),
            language_name(found)
        );
    }
    Ok(Side { name, segments, segmenter })
}

fn language_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "Russian",
        Lang::En => "English",
    }
}

/// The term pairs of every --glossary and --dictionary file.
pub(crate) fn lexicon(input: &AlignInputArgs) -> anyhow::Result<Option<Lexicon>> {
    if input.glossaries.is_empty() && input.dictionaries.is_empty() {
        return Ok(None);
    }
    let mut lexicon = Lexicon::default();
    // Glossaries go through the glossary reader (house TSV, OmegaT, CSV, TBX): every Russian
    // term with every accepted English rendering is an anchor pair.
    for path in &input.glossaries {
        let glossary = tm::glossary::Glossary::read(path, tm::glossary::ReadOptions::default())?.glossary;
        lexicon.extend(&tm::check::lexicon_of(&glossary));
    }
    for path in &input.dictionaries {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        lexicon.add_text(&text, &path.display().to_string())?;
    }
    Ok(Some(lexicon))
}

pub(crate) fn run(args: &AlignArgs, config: &Config) -> anyhow::Result<Status> {
    let ru = read_side(&args.ru, Lang::Ru, &args.input, config)?;
    let en = read_side(&args.en, Lang::En, &args.input, config)?;
    let lexicon = lexicon(&args.input)?;
    let options = AlignOptions { lexicon: lexicon.as_ref(), ..AlignOptions::default() };
    let beads = align(&ru.segments, &en.segments, &options);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if let Some(gold_path) = &args.eval {
        let text =
            std::fs::read_to_string(gold_path).with_context(|| format!("cannot read {}", gold_path.display()))?;
        let gold = parse_beads(&text).map_err(|e| anyhow::anyhow!("{}: {e}", gold_path.display()))?;
        let predicted: Vec<(Vec<usize>, Vec<usize>)> =
            beads.iter().map(|b| (b.ru.clone().collect(), b.en.clone().collect())).collect();
        let s = score(&gold, &predicted);
        writeln!(
            out,
            "precision {:.4} ({} of {} predicted beads)  recall {:.4} ({} of {} gold beads)  F1 {:.4}",
            s.precision(),
            s.predicted_correct,
            s.predicted,
            s.recall(),
            s.gold_found,
            s.gold,
            s.f1()
        )?;
        out.flush()?;
        return Ok(Status::Success);
    }
    match args.format {
        AlignFormat::Beads => {
            out.write_all(tm::align::format_beads(beads.iter().map(|b| (b.ru.clone(), b.en.clone()))).as_bytes())?;
        }
        AlignFormat::Tsv => {
            let mut writer = csv::WriterBuilder::new().delimiter(b'\t').from_writer(&mut out);
            writer.write_record(["ru", "en"])?;
            for bead in beads.iter().filter(|b| !b.ru.is_empty() && !b.en.is_empty()) {
                writer.write_record([joined(&ru.segments, bead.ru.clone()), joined(&en.segments, bead.en.clone())])?;
            }
            writer.flush()?;
        }
        AlignFormat::Tmx => {
            tmx::write_header(&mut out, "ru", env!("CARGO_PKG_VERSION"))?;
            for bead in beads.iter().filter(|b| !b.ru.is_empty() && !b.en.is_empty()) {
                let (source, target) = (joined(&ru.segments, bead.ru.clone()), joined(&en.segments, bead.en.clone()));
                let unit = tm::formats::Unit {
                    src_tag: "ru".to_owned(),
                    tgt_tag: "en".to_owned(),
                    source,
                    target,
                    origin: Some(ru.name.clone()),
                    ..tm::formats::Unit::default()
                };
                if let Some(problem) = tmx::write_unit(&mut out, &unit)? {
                    let _ = writeln!(
                        std::io::stderr().lock(),
                        "tm: warning: the pair of Russian sentence {} left out of the TMX: {problem}",
                        bead.ru.start + 1
                    );
                }
            }
            tmx::write_footer(&mut out)?;
        }
        AlignFormat::Json => {
            #[derive(Serialize)]
            struct JsonBead {
                ru: Vec<usize>,
                en: Vec<usize>,
                kind: String,
                cost: f64,
                confidence: f64,
                ru_text: String,
                en_text: String,
            }
            #[derive(Serialize)]
            struct Document<'a> {
                ru_file: &'a str,
                en_file: &'a str,
                ru_sentences: usize,
                en_sentences: usize,
                beads: Vec<JsonBead>,
            }
            let document = Document {
                ru_file: &ru.name,
                en_file: &en.name,
                ru_sentences: ru.segments.len(),
                en_sentences: en.segments.len(),
                beads: beads
                    .iter()
                    .map(|b| JsonBead {
                        ru: b.ru.clone().collect(),
                        en: b.en.clone().collect(),
                        kind: b.kind(),
                        cost: (b.cost * 1000.0).round() / 1000.0,
                        confidence: b.confidence,
                        ru_text: joined(&ru.segments, b.ru.clone()),
                        en_text: joined(&en.segments, b.en.clone()),
                    })
                    .collect(),
            };
            serde_json::to_writer_pretty(&mut out, &document)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(Status::Success)
}
