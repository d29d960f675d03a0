use std::io::{BufWriter, Write};

use tm::memory::Searcher;
use tm::memory::analyze::analyze;
use tm::project::{Access, Project};
use tm::segment::{Lang, Segmenter};

use super::Status;
use super::args::{AnalyzeArgs, OutputFormat};
use super::input::read_text;

pub(crate) fn run(args: &AnalyzeArgs, project: &Project) -> anyhow::Result<Status> {
    let config = &project.config;
    let memory = project.open_memory(Access::Read)?;
    let (_, decoded) = read_text(Some(&args.file), args.encoding.label)?;
    let lang = args.lang.map_or_else(|| Lang::detect(&decoded.text), Lang::from);
    let tgt = args.tgt.clone().unwrap_or_else(|| {
        match lang {
            Lang::Ru => Lang::En,
            Lang::En => Lang::Ru,
        }
        .code()
        .to_owned()
    });
    let segmenter = Segmenter::new(lang, &config.segment_options(lang))?;
    let sentences: Vec<&str> = segmenter.sentences(&decoded.text).iter().map(|s| s.text).collect();
    let mut searcher = Searcher::new(&*memory, lang.code(), &tgt)?;
    let analysis = analyze(&mut searcher, &sentences)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.format == OutputFormat::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(&analysis)?)?;
    } else {
        // Words and characters are GMX-V's (tm_text::words::count): what CAT tools' analyses print.
        writeln!(
            out,
            "{:<12} {:>8} {:>8} {:>7} {:>10} {:>7}",
            "band", "segments", "words", "words%", "characters", "chars%"
        )?;
        let total_words = analysis.total.words.max(1) as f64;
        let total_characters = analysis.total.characters.max(1) as f64;
        for row in analysis.bands.iter().chain([&analysis.repetitions, &analysis.total]) {
            writeln!(
                out,
                "{:<12} {:>8} {:>8} {:>6.1}% {:>10} {:>6.1}%",
                row.band,
                row.segments,
                row.words,
                100.0 * row.words as f64 / total_words,
                row.characters,
                100.0 * row.characters as f64 / total_characters
            )?;
        }
    }
    out.flush()?;
    Ok(Status::Success)
}
