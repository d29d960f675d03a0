use std::io::{BufWriter, Write};

use anyhow::Context;
use serde::Serialize;
use tm::memory::diff::{Change, TokenKind, changes};
use tm::memory::matching::{band, is_placeholder};
use tm::memory::{Match, SearchOptions, Searcher};
use tm::project::{Access, Project};
use tm::text::Span;

use super::Status;
use super::args::{OutputFormat, SearchArgs};

#[derive(Serialize)]
struct Found<'a> {
    #[serde(flatten)]
    found: &'a Match,
    band: &'static str,
    changes: Vec<Change>,
}

pub(crate) fn run(args: &SearchArgs, project: &Project) -> anyhow::Result<Status> {
    let memory = project.open_memory(Access::Read)?;
    super::require_pair(&*memory, Some(&args.src), Some(&args.tgt))?;
    let mut searcher = Searcher::new(&*memory, &args.src, &args.tgt)?;
    let options = SearchOptions { min: args.min, limit: args.limit };
    let stdout = std::io::stdout();
    // Colour only on a terminal, and never with NO_COLOR set (always with CLICOLOR_FORCE).
    let colour = anstream::AutoStream::choice(&stdout) != anstream::ColorChoice::Never;
    let mut out = BufWriter::new(stdout.lock());
    if let Some(batch) = &args.batch {
        let (name, decoded) = super::input::read_text(Some(batch), args.encoding.label)?;
        for (index, line) in decoded.text.lines().enumerate() {
            let query = line.trim();
            if query.is_empty() {
                continue;
            }
            let matches = searcher.search(query, &options).with_context(|| format!("{name}:{}", index + 1))?;
            let found: Vec<Found<'_>> = matches.iter().map(|m| annotate(m, query)).collect();
            writeln!(out, "{}", serde_json::json!({ "line": index + 1, "query": query, "matches": found }))?;
        }
        out.flush()?;
        return Ok(Status::Success);
    }
    let text = args.text.as_deref().unwrap_or_default();
    if args.concordance {
        let field = args.within;
        let hits = searcher.concordance(text, field, args.limit.max(1) * 10)?;
        if args.format == OutputFormat::Json {
            writeln!(out, "{}", serde_json::to_string_pretty(&hits)?)?;
        } else if hits.is_empty() {
            writeln!(out, "no unit contains “{}”", tm::text::escape_controls(text))?;
        } else {
            for hit in &hits {
                writeln!(out, "#{}", hit.id)?;
                writeln!(out, "  {}  {}", args.src, highlight(&hit.source, &hit.source_hits, colour))?;
                writeln!(out, "  {}  {}", args.tgt, highlight(&hit.target, &hit.target_hits, colour))?;
            }
        }
        out.flush()?;
        return Ok(Status::Success);
    }
    let matches = searcher.search(text, &options)?;
    let found: Vec<Found<'_>> = matches.iter().map(|m| annotate(m, text)).collect();
    if args.format == OutputFormat::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(&found)?)?;
    } else if found.is_empty() {
        writeln!(out, "no match at {}% or above", args.min)?;
    } else {
        for f in &found {
            let m = f.found;
            let mut about = format!("#{}", m.id);
            if let Some(origin) = &m.origin {
                about.push_str(&format!(" · {origin}"));
            }
            if let Some(date) = &m.changed_at {
                about.push_str(&format!(" · {date}"));
            }
            writeln!(out, "{:>3}%  {:<7} {about}", m.score, f.band)?;
            writeln!(out, "  {:<5} {}", m.src_tag, show(&m.source))?;
            writeln!(out, "  {:<5} {}", m.tgt_tag, show(&m.target))?;
            if !f.changes.is_empty() {
                writeln!(out, "  differs: {}", describe(&f.changes))?;
            }
        }
    }
    out.flush()?;
    Ok(Status::Success)
}

fn annotate<'a>(found: &'a Match, query: &str) -> Found<'a> {
    let changes = if found.score == 100 { Vec::new() } else { changes(&found.source, query) };
    Found { found, band: band(found.score), changes }
}

/// "numbers 2025 → 2026; words задержаны → арестованы, +Лиона; punctuation . → !".
fn describe(changes: &[Change]) -> String {
    let mut parts = Vec::new();
    for (kind, label) in [
        (TokenKind::Number, "numbers"),
        (TokenKind::Word, "words"),
        (TokenKind::Punctuation, "punctuation"),
        (TokenKind::Code, "codes"),
    ] {
        let items: Vec<String> = changes
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| match (c.from.is_empty(), c.to.is_empty()) {
                (true, _) => format!("+{}", show(&c.to)),
                (_, true) => format!("−{}", show(&c.from)),
                _ => format!("{} → {}", show(&c.from), show(&c.to)),
            })
            .collect();
        if !items.is_empty() {
            parts.push(format!("{label} {}", items.join(", ")));
        }
    }
    parts.join("; ")
}

/// Placeholders of inline codes shown as {1}, {2}…
fn show(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_placeholder(c) {
            out.push_str(&format!("{{{}}}", u32::from(c) - tm::memory::matching::PLACEHOLDER_BASE + 1));
        } else if c == '\n' {
            out.push('⏎');
        } else {
            // Other control characters stored in a unit (an escape sequence) are shown escaped.
            out.push_str(&tm::text::escape::shown(c));
        }
    }
    out
}

fn highlight(text: &str, hits: &[Span], colour: bool) -> String {
    if !colour || hits.is_empty() {
        return show(text);
    }
    let mut out = String::new();
    let mut at = 0;
    for hit in hits {
        if hit.start < at || hit.end > text.len() {
            continue;
        }
        out.push_str(&show(&text[at..hit.start]));
        out.push_str("\x1b[1;33m");
        out.push_str(&show(&text[hit.start..hit.end]));
        out.push_str("\x1b[0m");
        at = hit.end;
    }
    out.push_str(&show(&text[at..]));
    out
}
