use std::io::{BufRead, BufWriter, Write};

use anyhow::Context;
use serde::{Deserialize, Serialize};
use tm::config::Config;
use tm::segment::{Lang, LineBreaks, Segmenter};

use super::Status;
use super::args::{SegmentArgs, SegmentFormat};
use super::input::read_text;

/// One segmenter per language, built on first use with the configuration's options.
struct Segmenters<'a> {
    args: &'a SegmentArgs,
    config: &'a Config,
    built: [Option<Segmenter>; 2],
}

impl Segmenters<'_> {
    fn get(&mut self, lang: Lang) -> anyhow::Result<&Segmenter> {
        let slot = &mut self.built[usize::from(lang == Lang::En)];
        if slot.is_none() {
            let mut options = self.config.segment_options(lang);
            if self.args.join_lines {
                options.line_breaks = LineBreaks::Paragraphs;
            }
            *slot = Some(Segmenter::new(lang, &options)?);
        }
        slot.as_ref().context("segmenter not built")
    }
}

pub(crate) fn run(args: &SegmentArgs, config: &Config) -> anyhow::Result<Status> {
    let mut segmenters = Segmenters { args, config, built: [None, None] };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.rules_version {
        let lang = args.lang.map_or(Lang::Ru, Lang::from);
        writeln!(out, "{}", segmenters.get(lang)?.version())?;
        out.flush()?;
        return Ok(Status::Success);
    }
    if args.format == SegmentFormat::Jsonl {
        return run_batch(args, &mut segmenters, &mut out);
    }

    let (_, decoded) = read_text(args.file.as_deref(), args.encoding.label)?;
    let text = decoded.text.as_str();
    let lang = args.lang.map_or_else(|| Lang::detect(text), Lang::from);
    let sentences = segmenters.get(lang)?.sentences(text);
    match args.format {
        SegmentFormat::Text => {
            for sentence in &sentences {
                writeln!(out, "{}", one_line(sentence.text))?;
            }
        }
        SegmentFormat::Json => {
            #[derive(Serialize)]
            struct Item<'a> {
                start: usize,
                end: usize,
                text: &'a str,
            }
            if sentences.is_empty() {
                writeln!(out, "[]")?;
                out.flush()?;
                return Ok(Status::Success);
            }
            writeln!(out, "[")?;
            for (index, sentence) in sentences.iter().enumerate() {
                let item = Item { start: sentence.span.start, end: sentence.span.end, text: sentence.text };
                let comma = if index + 1 < sentences.len() { "," } else { "" };
                writeln!(out, "  {}{comma}", serde_json::to_string(&item)?)?;
            }
            writeln!(out, "]")?;
        }
        SegmentFormat::Jsonl => unreachable!("handled above"),
    }
    out.flush()?;
    Ok(Status::Success)
}

/// Batch mode: one `{"id": ..., "text": ...}` per input line, one JSON array of sentence
/// strings per output line, in the same order. This is the interface evaluations use.
fn run_batch(args: &SegmentArgs, segmenters: &mut Segmenters<'_>, out: &mut impl Write) -> anyhow::Result<Status> {
    /// The `id` is the caller's; output order identifies the record, so only `text` is read.
    #[derive(Deserialize)]
    struct Record {
        text: String,
    }
    let (name, decoded) = read_text(args.file.as_deref(), args.encoding.label)?;
    for (index, line) in decoded.text.as_bytes().lines().enumerate() {
        let line = line.with_context(|| format!("{name}: line {}", index + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: Record = serde_json::from_str(&line)
            .with_context(|| format!("{name}: line {}: expected a JSON object with a \"text\" string", index + 1))?;
        let lang = args.lang.map_or_else(|| Lang::detect(&record.text), Lang::from);
        let sentences: Vec<&str> =
            segmenters.get(lang)?.sentences(&record.text).iter().map(|sentence| sentence.text).collect();
        serde_json::to_writer(&mut *out, &sentences)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(Status::Success)
}

/// A sentence on one output line: inner line breaks (from --join-lines) become spaces.
fn one_line(sentence: &str) -> std::borrow::Cow<'_, str> {
    if sentence.contains(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']) {
        let mut line = String::with_capacity(sentence.len());
        let mut chars = sentence.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => line.push(' '),
                c => line.push(c),
            }
        }
        std::borrow::Cow::Owned(line)
    } else {
        std::borrow::Cow::Borrowed(sentence)
    }
}
