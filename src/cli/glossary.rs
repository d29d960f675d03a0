use std::io::Write;

use serde::Serialize;
use tm::glossary::{Concept, Format, Glossary, Hints, Matcher, ReadOptions, russian, validate};
use tm::segment::Lang;

use super::Status;
use super::args::{GlossaryCommand, GlossaryFiles, RuleFormat};
use tm::project::Project;

#[derive(Serialize)]
struct JsonTerm<'a> {
    lang: &'a str,
    text: &'a str,
    status: &'a str,
}

#[derive(Serialize)]
struct JsonConcept<'a> {
    id: &'a str,
    subject: Option<&'a str>,
    terms: Vec<JsonTerm<'a>>,
    file: &'a str,
    line: usize,
}

fn json_concept(concept: &Concept) -> JsonConcept<'_> {
    JsonConcept {
        id: &concept.id,
        subject: concept.subject.as_deref(),
        terms: concept
            .terms
            .iter()
            .map(|t| JsonTerm { lang: t.lang.code(), text: &t.text, status: t.status.as_str() })
            .collect(),
        file: &concept.origin.file,
        line: concept.origin.line,
    }
}

fn describe(concept: &Concept) -> String {
    let mut out = format!("{} ({}:{})", concept.id, concept.origin.file, concept.origin.line);
    if let Some(subject) = &concept.subject {
        out.push_str(&format!(" [{subject}]"));
    }
    out.push('\n');
    for term in &concept.terms {
        out.push_str(&format!("  {} {:<10} {}\n", term.lang.code(), term.status.as_str(), term.text));
    }
    out
}

fn load(files: &GlossaryFiles, project: &Project) -> anyhow::Result<Glossary> {
    let paths = project.glossary_paths(&files.glossaries)?;
    super::read_glossaries(&paths, files.lenient)
}

pub(crate) fn run(command: &GlossaryCommand, project: &Project) -> anyhow::Result<Status> {
    let mut out = String::new();
    let mut status = Status::Success;
    match command {
        GlossaryCommand::List(args) => {
            let files = &args.merged();
            let glossary = load(files, project)?;
            if files.format == RuleFormat::Json {
                out = serde_json::to_string_pretty(&glossary.concepts.iter().map(json_concept).collect::<Vec<_>>())?;
            } else {
                for concept in &glossary.concepts {
                    let english = concept.preferred(Lang::En).map_or("", |t| t.text.as_str());
                    out.push_str(&format!("{}\t{}\t{}\n", concept.id, concept.name(), english));
                }
            }
        }
        GlossaryCommand::Lookup { term, files } => {
            let glossary = load(files, project)?;
            let matcher = Matcher::new(&glossary);
            let lang = Lang::detect(term);
            let wanted = term.to_lowercase();
            let mut found: Vec<usize> = matcher.find(term, lang).iter().map(|h| h.concept).collect();
            for (index, concept) in glossary.concepts.iter().enumerate() {
                if concept.id == *term || concept.terms.iter().any(|t| t.text.to_lowercase().contains(&wanted)) {
                    found.push(index);
                }
            }
            found.sort_unstable();
            found.dedup();
            if found.is_empty() {
                status = Status::Findings;
                let _ = writeln!(std::io::stderr().lock(), "tm: nothing in the glossary matches `{term}`");
            }
            if files.format == RuleFormat::Json {
                let list: Vec<_> = found.iter().map(|&i| json_concept(&glossary.concepts[i])).collect();
                out = serde_json::to_string_pretty(&list)?;
            } else {
                out = found.iter().map(|&i| describe(&glossary.concepts[i])).collect::<Vec<_>>().join("\n");
            }
        }
        GlossaryCommand::Forms { term, files } => {
            let glossary = load(files, project).unwrap_or_default();
            let entry = glossary
                .concepts
                .iter()
                .flat_map(|c| c.terms_in(Lang::Ru))
                .find(|t| t.text.to_lowercase() == term.to_lowercase());
            let forms = match entry {
                Some(term) => term.all_forms(),
                None => russian::forms(term, &Hints::default()),
            };
            if files.format == RuleFormat::Json {
                out = serde_json::to_string_pretty(&forms)?;
            } else {
                out = forms.join("\n");
            }
        }
        GlossaryCommand::Validate(args) => {
            let files = &args.merged();
            let glossary = load(files, project)?;
            let problems = validate(&glossary);
            if !problems.is_empty() {
                status = Status::Findings;
            }
            if files.format == RuleFormat::Json {
                out = serde_json::to_string_pretty(&problems)?;
            } else {
                for p in &problems {
                    out.push_str(&format!("{}:{}: {}: {}\n", p.file, p.line, p.concept, p.message));
                }
                let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
                out.push_str(&format!(
                    "{}, {}\n",
                    plural(glossary.concepts.len(), "concept"),
                    plural(problems.len(), "problem")
                ));
            }
        }
        GlossaryCommand::Test(args) => {
            let files = &args.merged();
            let glossary = load(files, project)?;
            let matcher = Matcher::new(&glossary);
            let failures = glossary.test_examples(&matcher);
            let examples: usize = glossary.concepts.iter().map(|c| c.examples.len()).sum();
            for failure in &failures {
                out.push_str(&format!("FAIL {failure}\n"));
            }
            out.push_str(&format!("{} examples, {} failed\n", examples, failures.len()));
            if !failures.is_empty() {
                status = Status::Findings;
            }
        }
        GlossaryCommand::Convert { input, output, to, lenient } => {
            let loaded = Glossary::read(input, ReadOptions { lenient: *lenient })?;
            for warning in &loaded.warnings {
                let _ = writeln!(std::io::stderr().lock(), "tm: warning: {warning}");
            }
            let format = match to {
                Some(format) => *format,
                None => match output.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
                    Some("tsv" | "txt" | "csv" | "tbx" | "xml") => Format::from_path(output),
                    _ => anyhow::bail!(
                        "cannot tell which glossary format to write from the name {}: use --to tsv, csv or tbx",
                        tm::text::escape_controls(&output.display().to_string())
                    ),
                },
            };
            tm::atomic::write(output, loaded.glossary.write(format).as_bytes())?;
            // The glossary model has no place for `#` comment lines: say so rather than drop
            // them silently.
            if matches!(Format::from_path(input), Format::Tsv | Format::Csv)
                && let Ok(text) = std::fs::read_to_string(input)
            {
                let comments = text.lines().filter(|l| l.trim_start().starts_with('#')).count();
                if comments > 0 {
                    let _ = writeln!(
                        std::io::stderr().lock(),
                        "tm: warning: {comments} comment line{} of {} {} not carried over (a glossary keeps notes in its `note` column)",
                        if comments == 1 { "" } else { "s" },
                        tm::text::escape_controls(&input.display().to_string()),
                        if comments == 1 { "is" } else { "are" }
                    );
                }
            }
            let _ = writeln!(
                std::io::stderr().lock(),
                "tm: wrote {} concepts to {}",
                loaded.glossary.concepts.len(),
                output.display()
            );
        }
    }
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    if !out.is_empty() && !out.ends_with('\n') {
        stdout.write_all(b"\n")?;
    }
    Ok(status)
}
