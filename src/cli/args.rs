use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use tm::check::Severity;
use tm::formats::Format;
use tm::glossary::Format as GlossaryFormat;
use tm::memory::{ConcordanceField, OnConflict};
use tm::report::ReportFormat;
use tm::text::Lang;

/// Translation memory, glossary checks and CI lint for Russian–English press releases.
#[derive(Debug, Parser)]
#[command(name = "tm", version, term_width = 100, propagate_version = true)]
pub(crate) struct Args {
    /// Use this configuration file instead of the nearest tm.toml (also after the command, for
    /// the commands that read one).
    #[arg(long, value_name = "PATH")]
    pub(crate) config: Option<PathBuf>,

    /// The translation memory [default: memory/tm.sqlite under the folder holding tm.toml,
    /// else under the current folder] (also after the command, for the commands that use one).
    #[arg(long, value_name = "PATH", env = "TM_MEMORY", hide_env_values = true)]
    pub(crate) memory: Option<PathBuf>,

    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    Segment(SegmentArgs),
    Import(ImportArgs),
    Align(AlignArgs),
    Search(SearchArgs),
    Analyze(AnalyzeArgs),
    Export(ExportArgs),
    Memory(MemoryGroup),
    Check(CheckArgs),
    Rule(RuleArgs),
    Completions(CompletionsArgs),
    Init(InitArgs),
    Config(ConfigArgs),
    Glossary(GlossaryGroup),
    Serve(ServeArgs),
    Lsp(LspArgs),
}

/// Serve the review page, its JSON API and the translation-memory endpoints of CAT tools.
///
/// The page (http://127.0.0.1:8080/ by default) shows a Russian source and an English draft
/// side by side, sentence by sentence, with every finding at its span, its fix, the glossary
/// entry of a term and the memory's matches for each Russian sentence. Weblate (tmserver or
/// amaGama machinery), Virtaal and Pootle can use /tmserver/ as their translation memory.
/// Loopback and read-only unless told otherwise; one line per request on standard error.
#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    pub(crate) config_arg: ConfigArg,

    #[command(flatten)]
    pub(crate) memory_arg: MemoryArg,

    /// Address and port to listen on (port 0: any free port, printed at start).
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub(crate) listen: std::net::SocketAddr,

    /// Threads doing checks and memory lookups (each keeps the memory open).
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub(crate) workers: usize,

    /// Accept imports of aligned sentence pairs into the memory (POST /api/import).
    #[arg(long)]
    pub(crate) allow_import: bool,

    /// The token imports must carry (Authorization: Bearer TOKEN); required with
    /// --allow-import when listening beyond loopback.
    #[arg(long, value_name = "TOKEN", env = "TM_TOKEN", hide_env_values = true)]
    pub(crate) token: Option<String>,
}

/// Run the language server (stdio): the checks of `tm check` as diagnostics in the editor.
///
/// Started by the editor in a project: each English draft opened or edited is checked against
/// its Russian source (found by the project's pairing), the glossaries and the memory, with
/// the project's rule settings. See the README for VS Code, Neovim, Helix and Zed.
#[derive(Debug, clap::Args)]
pub(crate) struct LspArgs {
    #[command(flatten)]
    pub(crate) config_arg: ConfigArg,

    #[command(flatten)]
    pub(crate) memory_arg: MemoryArg,

    /// Accepted for editors that pass it (the protocol runs on standard input and output).
    #[arg(long, hide = true)]
    pub(crate) stdio: bool,
}

/// `--config`, on the commands that read the configuration.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct ConfigArg {
    /// Use this configuration file instead of the nearest tm.toml.
    #[arg(id = "config", long = "config", value_name = "PATH", global = true)]
    pub(crate) path: Option<PathBuf>,
}

/// `--memory`, on the commands that use the memory.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct MemoryArg {
    /// The translation memory [default: $TM_MEMORY, else memory/tm.sqlite under the folder
    /// holding tm.toml, else under the current folder].
    // The environment is read by the top-level option only, so that a --memory given before
    // the command still wins over TM_MEMORY.
    #[arg(id = "memory", long = "memory", value_name = "PATH", global = true)]
    pub(crate) path: Option<PathBuf>,
}

/// Maintain the memory: statistics, import batches, deletion, dedupe, backup, sync.
#[derive(Debug, clap::Args)]
pub(crate) struct MemoryGroup {
    #[command(flatten)]
    pub(crate) config: ConfigArg,
    #[command(flatten)]
    pub(crate) memory: MemoryArg,
    #[command(subcommand)]
    pub(crate) command: MemoryCommand,
}

/// Inspect, test and convert glossaries.
#[derive(Debug, clap::Args)]
pub(crate) struct GlossaryGroup {
    #[command(flatten)]
    pub(crate) config: ConfigArg,
    #[command(subcommand)]
    pub(crate) command: GlossaryCommand,
}

/// Check English drafts against the glossary, their Russian sources and the memory.
///
/// Without a source: forbidden and admitted renderings, letter case, misspelt names, one name
/// spelt two ways, mixed Latin/Cyrillic words. With a source the draft is aligned with the
/// Russian and each pair is checked too: terms missing, numbers differing, sentences left out
/// or added, and sentences the memory has translated otherwise before.
///
/// Folders are walked (respecting .gitignore and `[files]` in tm.toml) and each draft is paired
/// with its source by `[[files.pairs]]` patterns (default `NAME.en.EXT` ↔ `NAME.ru.EXT` and
/// `en/…` ↔ `ru/…`); unpaired English files are checked alone. Markdown files are checked
/// as prose only. Suppress a finding with `<!-- tm: ignore[CODE] reason -->` at the end of
/// its line or before its sentence, `<!-- tm: off[CODE] reason -->` … `<!-- tm: on -->` for a
/// range, or `<!-- tm: ignore-file[CODE] reason -->` for the file.
///
/// Glossaries: every --glossary, else `[check] glossaries` in tm.toml, else the files in
/// `glossaries/` under the project root. Exit 0 clean, 1 findings at or above --fail-on, 2 error.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) config_arg: ConfigArg,

    #[command(flatten)]
    pub(crate) memory_arg: MemoryArg,

    /// English drafts and folders of releases; `-` reads a draft from standard input.
    #[arg(value_name = "PATH", required = true, num_args = 1..)]
    pub(crate) paths: Vec<PathBuf>,

    /// The Russian source of a single draft (instead of pairing by pattern).
    #[arg(long, value_name = "FILE")]
    pub(crate) source: Option<PathBuf>,

    /// A glossary (TSV, CSV or TBX); repeatable.
    #[arg(long = "glossary", value_name = "FILE")]
    pub(crate) glossaries: Vec<PathBuf>,

    /// Do not consult the translation memory.
    #[arg(long)]
    pub(crate) no_memory: bool,

    /// Skip malformed glossary entries with a warning instead of failing.
    #[arg(long)]
    pub(crate) lenient: bool,

    /// Output format [default: full, or github when GITHUB_ACTIONS=true].
    #[arg(long, visible_alias = "output-format", value_enum)]
    pub(crate) format: Option<ReportFormat>,

    /// Exit 1 when a finding has at least this severity [default: error, or fail-on in tm.toml].
    #[arg(long, value_enum)]
    pub(crate) fail_on: Option<Severity>,

    /// Apply unambiguous fixes (forbidden → preferred rendering, Cyrillic lookalikes, unused
    /// suppressions) to the drafts in place, then report what remains.
    #[arg(long)]
    pub(crate) fix: bool,

    /// Print what `--fix` would change, as a unified diff, and change nothing (exit 1 when
    /// there is something to change).
    #[arg(long, conflicts_with = "fix")]
    pub(crate) diff: bool,

    /// Also write the findings in FORMAT to PATH (repeatable): `--report sarif=tm.sarif`.
    #[arg(long = "report", value_name = "FORMAT=PATH", value_parser = parse_report)]
    pub(crate) reports: Vec<(ReportFormat, PathBuf)>,

    /// Exit 0 even when there are findings (errors of the tool still exit 2).
    #[arg(long)]
    pub(crate) exit_zero: bool,

    /// Report only findings not accepted in this baseline file [default: `baseline` under
    /// `[check]` in tm.toml].
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,

    /// Write every current finding to the baseline file and exit 0.
    #[arg(long)]
    pub(crate) update_baseline: bool,

    /// A suppression comment without a reason is an error (TM502).
    #[arg(long)]
    pub(crate) require_reason: bool,

    /// Files checked at once [default: the number of CPUs].
    #[arg(long, short = 'j', value_name = "N", value_parser = parse_jobs)]
    pub(crate) jobs: Option<std::num::NonZeroUsize>,

    /// Encoding of drafts and sources that have no byte-order mark: windows-1251, koi8-r,
    /// utf-16le… [default: UTF-8, or UTF-16 when the bytes show it].
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    pub(crate) encoding: Option<tm::text::Encoding>,

    /// Report only these rules (codes or names, comma-separated; repeatable).
    #[arg(long, value_name = "RULES", value_delimiter = ',', value_parser = parse_rule)]
    pub(crate) select: Vec<&'static tm::check::rules::Rule>,

    /// Never report these rules (codes or names, comma-separated; repeatable).
    #[arg(long, value_name = "RULES", value_delimiter = ',', value_parser = parse_rule)]
    pub(crate) ignore: Vec<&'static tm::check::rules::Rule>,

    /// Report only findings of at least this severity (the others are neither printed nor
    /// counted) [default: min-severity in tm.toml, else info: everything].
    #[arg(long, value_enum)]
    pub(crate) min_severity: Option<Severity>,

    /// Print how many findings each rule raised instead of the findings.
    #[arg(long)]
    pub(crate) statistics: bool,

    /// With `-` as the draft: the path the piped text stands for, named in findings and paired
    /// with its source as that file would be (for editors that pipe a buffer).
    #[arg(long, value_name = "PATH")]
    pub(crate) stdin_filename: Option<PathBuf>,
}

fn parse_rule(text: &str) -> Result<&'static tm::check::rules::Rule, String> {
    tm::check::rules::find(text.trim())
        .ok_or_else(|| format!("no rule `{}` (see `tm rule` for codes and names)", text.escape_debug()))
}

/// `--encoding` for commands that read text files.
#[derive(Debug, Clone, Copy, clap::Args)]
pub(crate) struct EncodingArg {
    /// Encoding of input without a byte-order mark: windows-1251, koi8-r, utf-16le…
    /// [default: an XML file's declaration, UTF-16 when the bytes show it, else UTF-8].
    #[arg(long = "encoding", value_name = "LABEL", value_parser = parse_encoding)]
    pub(crate) label: Option<tm::text::Encoding>,
}

pub(crate) fn parse_encoding(label: &str) -> Result<tm::text::Encoding, String> {
    tm::text::encoding_for_label(label).ok_or_else(|| {
        format!("no encoding `{}` (try windows-1251, koi8-r, utf-16le, utf-16be, utf-8)", label.escape_debug())
    })
}

fn parse_jobs(text: &str) -> Result<std::num::NonZeroUsize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("at least 1 file at a time (leave -j out to use every CPU)".to_owned()),
        Ok(n) => Ok(std::num::NonZeroUsize::MIN.saturating_add(n - 1)),
        Err(_) => Err(format!("`{}` is not a number of files", text.escape_debug())),
    }
}

fn parse_report(text: &str) -> Result<(ReportFormat, PathBuf), String> {
    let (format, path) = text.split_once('=').ok_or_else(|| format!("expected FORMAT=PATH, found `{text}`"))?;
    let format = ReportFormat::from_str(format, true)
        .map_err(|_| format!("unknown format `{format}` (full, concise, json, json-lines, github, sarif, junit)"))?;
    if path.is_empty() {
        return Err(format!("no path after `{format:?}=`"));
    }
    Ok((format, PathBuf::from(path)))
}

/// Write a commented starter tm.toml in the current folder.
#[derive(Debug, clap::Args)]
pub(crate) struct InitArgs {
    #[command(flatten)]
    pub(crate) config_arg: ConfigArg,

    /// Overwrite an existing configuration file.
    #[arg(long)]
    pub(crate) force: bool,
}

/// Print the configuration in force and where each value comes from.
#[derive(Debug, clap::Args)]
pub(crate) struct ConfigArgs {
    #[command(flatten)]
    pub(crate) config_arg: ConfigArg,

    #[command(flatten)]
    pub(crate) memory_arg: MemoryArg,
}

/// Print a shell completion script: `tm completions bash > /etc/bash_completion.d/tm`.
#[derive(Debug, clap::Args)]
pub(crate) struct CompletionsArgs {
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

/// Show a rule's documentation: what it checks, why, an example and the fix (without a CODE,
/// list the rules).
#[derive(Debug, clap::Args)]
pub(crate) struct RuleArgs {
    /// The rule's code (TM101) or name (term-forbidden); without it, the list of rules.
    #[arg(value_name = "CODE")]
    pub(crate) code: Option<String>,

    /// Every rule.
    #[arg(long)]
    pub(crate) all: bool,

    /// Output format: text for people, json for scripts.
    #[arg(long, value_enum, default_value_t = RuleFormat::Text)]
    pub(crate) format: RuleFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RuleFormat {
    Text,
    Json,
}

/// Inspect, test and convert glossaries.
#[derive(Debug, Subcommand)]
pub(crate) enum GlossaryCommand {
    /// List the concepts: id, Russian term, preferred English rendering.
    List(GlossaryFileArgs),
    /// Show the concepts whose terms (in any form) match TERM, with every rendering.
    Lookup {
        #[arg(value_name = "TERM")]
        term: String,
        #[command(flatten)]
        files: GlossaryFiles,
    },
    /// Show the forms generated for a Russian term (from the glossary entry when it has one,
    /// with its inflection hints, else by the rules alone).
    Forms {
        #[arg(value_name = "TERM")]
        term: String,
        #[command(flatten)]
        files: GlossaryFiles,
    },
    /// Report duplicate concepts, renderings accepted for two concepts, forbidden renderings
    /// accepted elsewhere and concepts without an accepted rendering. Exit 1 when any.
    Validate(GlossaryFileArgs),
    /// Run the glossary's own examples. Exit 1 when any fails.
    Test(GlossaryFileArgs),
    /// Convert a glossary between TSV, CSV and TBX (by the output's extension or --to).
    Convert {
        #[arg(value_name = "INPUT")]
        input: PathBuf,
        #[arg(value_name = "OUTPUT")]
        output: PathBuf,
        /// Format to write [default: from OUTPUT's extension].
        #[arg(long, value_enum)]
        to: Option<GlossaryFormat>,
        /// Skip malformed entries with a warning.
        #[arg(long)]
        lenient: bool,
    },
}

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct GlossaryFiles {
    /// Glossary files [default: as for tm check].
    #[arg(long = "glossary", value_name = "FILE")]
    pub(crate) glossaries: Vec<PathBuf>,

    /// Skip malformed entries with a warning instead of failing.
    #[arg(long)]
    pub(crate) lenient: bool,

    /// Output format: text for people, json for scripts.
    #[arg(long, value_enum, default_value_t = RuleFormat::Text)]
    pub(crate) format: RuleFormat,
}

/// Glossary files given by name (`tm glossary validate g.tsv`) or with --glossary.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct GlossaryFileArgs {
    /// Glossary files (the same as --glossary).
    #[arg(value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,

    #[command(flatten)]
    pub(crate) options: GlossaryFiles,
}

impl GlossaryFileArgs {
    /// The options with the named files added to --glossary.
    pub(crate) fn merged(&self) -> GlossaryFiles {
        let mut options = self.options.clone();
        options.glossaries.extend(self.files.iter().cloned());
        options
    }
}

/// Split a Russian or English text into sentences.
///
/// Each line break ends a sentence (headlines, datelines, list items) unless --join-lines is
/// given. Abbreviations, initials, numbers, quotes and dialogue dashes are handled by rules;
/// add your own abbreviations and no-break phrases in tm.toml under [segment.ru] or
/// [segment.en].
#[derive(Debug, clap::Args)]
pub(crate) struct SegmentArgs {
    #[command(flatten)]
    pub(crate) config_arg: ConfigArg,

    #[command(flatten)]
    pub(crate) encoding: EncodingArg,

    /// The text to split; `-` or nothing reads standard input.
    #[arg(value_name = "FILE")]
    pub(crate) file: Option<PathBuf>,

    /// Language of the text [default: guessed from the script].
    #[arg(long, value_enum)]
    pub(crate) lang: Option<Lang>,

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
pub(crate) enum SegmentFormat {
    Text,
    Json,
    Jsonl,
}

/// Fill the translation memory from TMX, TSV/CSV, XLIFF, PO or two line-aligned text files.
///
/// Each file is imported in one transaction: a file with an error is not imported at all (exit
/// 2), files before it stay imported. Repeats of a stored unit (same languages, source and
/// target after normalisation) merge their metadata instead of adding a row; a known source
/// with a new target is stored as a variant (see --on-conflict). Prints one summary line per
/// file: read / added / merged / variants / skipped.
#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    #[command(flatten)]
    pub(crate) config_arg: ConfigArg,

    #[command(flatten)]
    pub(crate) memory_arg: MemoryArg,

    /// Files to import (.tmx, .tmx.gz, .tsv, .csv, .xlf/.xliff, .po).
    #[arg(value_name = "FILE", required_unless_present_any = ["parallel", "pair"])]
    pub(crate) files: Vec<PathBuf>,

    /// Format of every file [default: from the extension, else the content].
    #[arg(long, value_enum)]
    pub(crate) format: Option<Format>,

    /// Source language [default: what the file declares, else ru].
    #[arg(long, value_name = "LANG")]
    pub(crate) src: Option<String>,

    /// Target language [default: en, or ru when the source is English].
    #[arg(long, value_name = "LANG")]
    pub(crate) tgt: Option<String>,

    /// When a source is stored already with another translation: keep the stored one, overwrite
    /// it, or add the new one as a variant.
    #[arg(long, value_enum, default_value_t = OnConflict::AddVariant)]
    pub(crate) on_conflict: OnConflict,

    /// Import the valid units of a file that has invalid ones, listing each skipped unit.
    #[arg(long)]
    pub(crate) skip_invalid: bool,

    /// XLIFF: also import targets whose state is not translated, reviewed or final.
    #[arg(long)]
    pub(crate) include_drafts: bool,

    /// PO: also import entries marked fuzzy.
    #[arg(long)]
    pub(crate) include_fuzzy: bool,

    /// TSV/CSV: the columns, when the file has no header row (e.g. ru,en or ru,en,note).
    #[arg(long, value_delimiter = ',', value_name = "COLUMNS")]
    pub(crate) columns: Option<Vec<String>>,

    /// Origin to record for the units [default: the file name].
    #[arg(long)]
    pub(crate) origin: Option<String>,

    /// Import two line-aligned plain-text files: the source first, then its translation.
    #[arg(long, num_args = 2, value_names = ["SOURCE", "TARGET"], conflicts_with = "files")]
    pub(crate) parallel: Option<Vec<PathBuf>>,

    /// Align a Russian release with its English translation and import the aligned sentences.
    /// Given a folder, pairs the files in it and below it by `[files]` in tm.toml (default:
    /// NAME.ru.EXT with NAME.en.EXT, ru/… with en/…).
    #[arg(long, num_args = 1..=2, value_names = ["RU_FILE", "EN_FILE"], conflicts_with_all = ["files", "parallel"])]
    pub(crate) pair: Option<Vec<PathBuf>>,

    /// --pair: leave out beads whose confidence is below this (0–1).
    #[arg(long, default_value_t = 0.5, value_name = "CONFIDENCE", requires = "pair")]
    pub(crate) min_confidence: f64,

    /// --pair: import 2-1, 1-2 and 2-2 beads too, each as one unit with its sentences joined.
    #[arg(long, requires = "pair")]
    pub(crate) join: bool,

    /// --pair: show what would be imported and what left out, without writing.
    #[arg(long, requires = "pair")]
    pub(crate) dry_run: bool,

    #[command(flatten)]
    pub(crate) align: AlignInputArgs,

    /// Summary as text, or as one JSON object per file (with every skipped unit).
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub(crate) summary: OutputFormat,
}

/// How `tm align` and `tm import --pair` read and anchor the two texts.
#[derive(Debug, clap::Args)]
pub(crate) struct AlignInputArgs {
    #[command(flatten)]
    pub(crate) encoding: EncodingArg,

    /// Take each line as one sentence, already segmented (no segmentation).
    #[arg(long)]
    pub(crate) sentences: bool,

    /// Term list to use as anchors: `russian<TAB>english` lines (repeatable).
    #[arg(long = "glossary", value_name = "FILE")]
    pub(crate) glossaries: Vec<PathBuf>,

    /// Bilingual word list to use as anchors: `russian<TAB>english` lines (repeatable).
    #[arg(long = "dictionary", value_name = "FILE")]
    pub(crate) dictionaries: Vec<PathBuf>,
}

/// Align a Russian text with its English translation, sentence by sentence.
///
/// Both files are split into sentences (or taken line by line with --sentences) and aligned
/// with a Gale–Church length model over 1-1, 1-0, 0-1, 2-1, 1-2 and 2-2 beads, anchored by what
/// the two languages share without a dictionary: numbers (3 000 = 3,000; 1,5 = 1.5), dates and
/// months, Latin-script words in the Russian, names matched through transliteration, questions
/// and quotation marks, and the term pairs of --glossary and --dictionary files. 1-0 and 0-1 beads are sentences left
/// untranslated or added in translation. Every bead has a confidence from 0 to 1.
///
/// Formats: tsv (aligned pairs with a ru/en header), tmx, json (every bead with its cost,
/// confidence and texts), beads (one bead per line, RU:EN with comma-separated 0-based
/// sentence indices, either side possibly empty: 0:0, 3,4:3, 5:, :6).
#[derive(Debug, clap::Args)]
pub(crate) struct AlignArgs {
    #[command(flatten)]
    pub(crate) config_arg: ConfigArg,

    /// The Russian text.
    #[arg(value_name = "RU_FILE")]
    pub(crate) ru: PathBuf,

    /// Its English translation.
    #[arg(value_name = "EN_FILE")]
    pub(crate) en: PathBuf,

    /// Output format (see above).
    #[arg(long, value_enum, default_value_t = AlignFormat::Tsv)]
    pub(crate) format: AlignFormat,

    #[command(flatten)]
    pub(crate) input: AlignInputArgs,

    /// Instead of the alignment, print strict precision, recall and F1 against these gold
    /// beads (bead format).
    #[arg(long, value_name = "GOLD")]
    pub(crate) eval: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum AlignFormat {
    Tsv,
    Tmx,
    Json,
    Beads,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    Text,
    Json,
}

/// Look up fuzzy matches of a sentence in the memory.
///
/// Similarity is character-level: 100 × (1 − d / max(n, m)), rounded down, where d is the
/// Levenshtein distance between the two sources counted in Unicode characters (not bytes) after
/// normalisation (case, ё/е, quotes, dashes, spaces; an inline code counts as one character),
/// and n, m their lengths. Only identical normalised sources score 100. When two sources
/// differ only in numbers, inline codes and punctuation, the match is lifted into the 95–99
/// band and the changed numbers are listed. Bands: 100, 95–99, 85–94, 75–84, 50–74.
#[derive(Debug, clap::Args)]
pub(crate) struct SearchArgs {
    #[command(flatten)]
    pub(crate) config_arg: ConfigArg,

    #[command(flatten)]
    pub(crate) memory_arg: MemoryArg,

    #[command(flatten)]
    pub(crate) encoding: EncodingArg,

    /// The sentence (or, with --concordance, the words) to look up.
    #[arg(value_name = "TEXT", required_unless_present = "batch")]
    pub(crate) text: Option<String>,

    /// Lowest similarity shown, in percent.
    #[arg(long, default_value_t = 75, value_parser = clap::value_parser!(u8).range(0..=100))]
    pub(crate) min: u8,

    /// Most matches shown.
    #[arg(long, default_value_t = 5)]
    pub(crate) limit: usize,

    /// Source language.
    #[arg(long, default_value = "ru", value_name = "LANG")]
    pub(crate) src: String,

    /// Target language.
    #[arg(long, default_value = "en", value_name = "LANG")]
    pub(crate) tgt: String,

    /// Find units containing the words (a phrase) instead of fuzzy matches: "how did we render
    /// this before?".
    #[arg(long, conflicts_with = "batch")]
    pub(crate) concordance: bool,

    /// Where --concordance looks.
    #[arg(long = "in", value_enum, default_value_t = ConcordanceField::Source, requires = "concordance")]
    pub(crate) within: ConcordanceField,

    /// One lookup per line of FILE in one process; JSON lines out.
    #[arg(long, value_name = "FILE")]
    pub(crate) batch: Option<PathBuf>,

    /// Output format: text for people, json for scripts.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub(crate) format: OutputFormat,
}

/// Estimate effort for a new source text: how much of it the memory already covers.
///
/// Segments the text and reports, in segments and words, how much falls in each match band
/// (100, 95–99, 85–94, 75–84, 50–74, no match) and how much repeats inside the file.
#[derive(Debug, clap::Args)]
pub(crate) struct AnalyzeArgs {
    #[command(flatten)]
    pub(crate) config_arg: ConfigArg,

    #[command(flatten)]
    pub(crate) memory_arg: MemoryArg,

    #[command(flatten)]
    pub(crate) encoding: EncodingArg,

    /// The new source text; `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,

    /// Language of the text [default: told from its letters, Cyrillic or Latin].
    #[arg(long, value_enum)]
    pub(crate) lang: Option<Lang>,

    /// Target language of the memory to analyse against [default: the other of ru and en].
    #[arg(long, value_name = "LANG")]
    pub(crate) tgt: Option<String>,

    /// Output format: text for people, json for scripts.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub(crate) format: OutputFormat,
}

/// Write the memory out as TMX 1.4b (inline codes restored) or TSV.
#[derive(Debug, clap::Args)]
pub(crate) struct ExportArgs {
    #[command(flatten)]
    pub(crate) config_arg: ConfigArg,

    #[command(flatten)]
    pub(crate) memory_arg: MemoryArg,

    /// File format: TMX 1.4b, or TSV with a header naming the two languages.
    #[arg(long, value_enum, default_value_t = ExportFormat::Tmx)]
    pub(crate) format: ExportFormat,

    /// Output file [default: standard output].
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,

    /// Only units with this source language.
    #[arg(long, value_name = "LANG")]
    pub(crate) src: Option<String>,

    /// Only units with this target language.
    #[arg(long, value_name = "LANG")]
    pub(crate) tgt: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    Tmx,
    Tsv,
}

/// Maintain the memory: statistics, import batches, deletion, dedupe, backup, sync.
#[derive(Debug, Subcommand)]
pub(crate) enum MemoryCommand {
    /// Units per language pair and origin, sources with several translations, targets shared by
    /// several sources.
    Stats {
        /// Output format: text for people, json for scripts.
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Every import with its file, checksum, format, options and counts.
    ListBatches {
        /// Output format: text for people, json for scripts.
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Delete the units of one import batch (undo an import) or of one origin.
    Delete {
        /// The batch number, from list-batches.
        #[arg(long, required_unless_present = "origin", conflicts_with = "origin")]
        batch: Option<i64>,
        /// The origin (file or document) the units came from.
        #[arg(long)]
        origin: Option<String>,
    },
    /// Renormalise every unit, merge duplicates and rebuild the search index.
    Dedupe,
    /// Write a consistent copy of the memory to FILE while it stays in use (copying tm.sqlite
    /// by hand misses what is still in tm.sqlite-wal); the copy is checked before it is put
    /// in place.
    Backup {
        /// Where the copy goes (replaced if it exists).
        file: std::path::PathBuf,
    },
    /// Check every page and index of the memory (exit 1 when it is damaged).
    Check,
    /// Copy the import batches TO lacks from FROM: a laptop's SQLite file and the team's
    /// PostgreSQL memory, either way. Each batch goes in one transaction, deduplicated against
    /// what TO holds, never overwriting TO's translations (a different one is kept beside
    /// it); running it again copies nothing. Deletions are not carried over.
    Sync {
        /// The memory to copy from: a SQLite file or a postgres:// URL (read only).
        from: String,
        /// The memory to copy into: a SQLite file (created if missing) or a postgres:// URL.
        to: String,
        /// Output format: text for people, json for scripts.
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
}
