use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Translation memory, glossary checks and CI lint for Russian–English press releases.
#[derive(Debug, Parser)]
#[command(name = "tm", version, term_width = 100, propagate_version = true)]
pub(crate) struct Args {
    /// Use this configuration file instead of the nearest tm.toml.
    #[arg(long, global = true, value_name = "PATH")]
    pub(crate) config: Option<PathBuf>,

    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    Segment(SegmentArgs),
}

/// Split a Russian or English text into sentences.
///
/// Each line break ends a sentence (headlines, datelines, list items) unless --join-lines is
/// given. Abbreviations, initials, numbers, quotes and dialogue dashes are handled by rules;
/// add your own abbreviations and no-break phrases in tm.toml under [segment.ru] or
/// [segment.en].
#[derive(Debug, clap::Args)]
pub(crate) struct SegmentArgs {
    /// The text to split; `-` or nothing reads standard input.
    #[arg(value_name = "FILE")]
    pub(crate) file: Option<PathBuf>,

    /// Language of the text [default: guessed from the script].
    #[arg(long, value_enum)]
    pub(crate) lang: Option<LangArg>,

    /// text: one sentence per line. json: an array of {start, end, text} with byte offsets.
    /// jsonl: batch mode, one {"id": ..., "text": ...} object per input line in, one JSON array
    /// of sentences per line out.
    #[arg(long, value_enum, default_value_t = SegmentFormat::Text)]
    pub(crate) format: SegmentFormat,

    /// Treat single line breaks as spaces (hard-wrapped text); blank lines end paragraphs.
    #[arg(long)]
    pub(crate) join_lines: bool,

    /// Print the segmentation version string (engine, language, options, rules hash) and exit.
    #[arg(long)]
    pub(crate) rules_version: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum LangArg {
    Ru,
    En,
}

impl From<LangArg> for tm::segment::Lang {
    fn from(lang: LangArg) -> Self {
        match lang {
            LangArg::Ru => tm::segment::Lang::Ru,
            LangArg::En => tm::segment::Lang::En,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SegmentFormat {
    Text,
    Json,
    Jsonl,
}
