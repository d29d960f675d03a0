//! `tm check`: a reviewer's checks on an English draft, with or without its Russian source.
//!
//! The draft (and source) are segmented and, when both are given, aligned with `tm`'s aligner;
//! the glossary's terms are found in every sentence; then each rule in [`rules`] looks at that
//! shared context and reports findings. Findings are plain data: byte spans into the file they
//! point at, rendered by `crate::report`.

pub mod baseline;
pub mod batch;
mod figures;
pub mod files;
mod merged;
pub mod report;
pub mod rules;
pub mod suppress;
mod words;

use std::ops::Range;

use serde::Serialize;
use thiserror::Error;

pub use files::TextFormat;
use tm_align as align;
use tm_align::{AlignOptions, Bead, Lexicon, Segment};
use tm_glossary::{Concept, Glossary, Hit, Matcher, Status, Term};
use tm_memory::{Lookup, MemoryError};
use tm_text::Span;
use tm_text::segment::{Lang, Segmenter};

pub use rules::{RULES, Rule, Severity};

/// One file to check.
#[derive(Debug, Clone)]
pub struct Document {
    /// As given on the command line; findings carry it.
    pub path: String,
    pub text: String,
    pub format: TextFormat,
}

impl Document {
    /// A plain-text document.
    #[must_use]
    pub fn plain(path: &str, text: &str) -> Document {
        Document { path: path.to_owned(), text: text.to_owned(), format: TextFormat::Plain }
    }
}

/// What the checks see of a document: its prose with comments (and, in Markdown, code, markup
/// and front matter) blanked out, at the original offsets.
struct View {
    document: Document,
    /// The text the segmenter reads: soft line breaks of Markdown paragraphs are spaces.
    flow: Option<String>,
    directives: suppress::Directives,
}

fn view(document: &Document) -> View {
    let (text, flow, directives) = match document.format {
        TextFormat::Markdown => {
            let prose = tm_formats::markdown::prose(&document.text);
            let directives = suppress::directives(&document.text, Some(&prose.comments));
            (prose.text, Some(prose.flow), directives)
        }
        TextFormat::Plain => {
            let directives = suppress::directives(&document.text, None);
            let mut bytes = document.text.clone().into_bytes();
            for span in &directives.comment_spans {
                for byte in bytes.get_mut(span.start..span.end).unwrap_or_default() {
                    if *byte != b'\n' {
                        *byte = b' ';
                    }
                }
            }
            // Whole characters became spaces, so this is still UTF-8.
            let text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            (text, None, directives)
        }
    };
    View { document: Document { path: document.path.clone(), text, format: document.format }, flow, directives }
}

/// A file's comments, for [`suppress::apply`].
fn comments<'a>(
    original: &'a Document,
    view: &'a View,
    sentences: &'a [Segment],
    covers_pair: bool,
) -> suppress::Commented<'a> {
    suppress::Commented {
        path: &original.path,
        original: &original.text,
        view: &view.document.text,
        sentences,
        directives: &view.directives,
        covers_pair,
    }
}

/// What a configuration says about one rule: off, or the severity its findings get.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    Off,
    Error,
    Warning,
    Info,
}

/// The setting in `rules` (keyed by code, in any case, or by name) of one rule.
#[must_use]
pub fn rule_setting(
    rules: &std::collections::BTreeMap<String, RuleSetting>,
    code: &str,
    name: &str,
) -> Option<RuleSetting> {
    rules.iter().find(|(key, _)| key.eq_ignore_ascii_case(code) || *key == name).map(|(_, setting)| *setting)
}

/// What a run adds to the rules' defaults: tm.toml's `[check.rules]` and `require-reason`.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// By rule code or name.
    pub rules: std::collections::BTreeMap<String, RuleSetting>,
    /// A suppression without a reason is a finding (TM502).
    pub require_reason: bool,
    /// Rule settings for some files only (`[[check.paths]]`), later ones over earlier ones,
    /// all over `rules`.
    pub per_path: Vec<(files::PathGlobs, std::collections::BTreeMap<String, RuleSetting>)>,
}

impl Settings {
    /// Drops the findings of rules turned off and gives the others their configured severity.
    pub fn settle(&self, findings: &mut Vec<Finding>) {
        findings.retain_mut(|finding| {
            match self
                .per_path
                .iter()
                .rev()
                .filter(|(globs, _)| globs.matches(&finding.path))
                .find_map(|(_, rules)| rule_setting(rules, finding.code, finding.rule))
                .or_else(|| rule_setting(&self.rules, finding.code, finding.rule))
            {
                Some(RuleSetting::Off) => false,
                Some(RuleSetting::Error) => {
                    finding.severity = Severity::Error;
                    true
                }
                Some(RuleSetting::Warning) => {
                    finding.severity = Severity::Warning;
                    true
                }
                Some(RuleSetting::Info) => {
                    finding.severity = Severity::Info;
                    true
                }
                None => true,
            }
        });
    }
}

/// A text replacement that fixes a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
}

/// One thing a reviewer should look at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    /// The file the span points into (the draft, or the source for `untranslated`).
    pub path: String,
    pub span: Span,
    /// The exact text at the span (renderers for people shorten it).
    pub found: String,
    pub suggestion: Option<String>,
    /// The concept's Russian dictionary form, for term rules.
    pub term: Option<String>,
    pub message: String,
    /// Extra context: the memory's origin, the other spelling's line.
    pub note: Option<String>,
    /// Set only when the replacement is unambiguous (`--fix` applies it).
    pub fix: Option<Fix>,
}

/// Why a check could not run.
#[derive(Debug, Error)]
pub enum CheckError {
    #[error(transparent)]
    Memory(#[from] MemoryError),
    #[error("segmenter rules: {0}")]
    Segmenter(String),
    #[error("cannot write {path}: {source}")]
    Write { path: String, source: std::io::Error },
}

/// What the checks use besides the documents.
pub struct Checker<'a> {
    pub glossary: &'a Glossary,
    pub matcher: &'a Matcher,
    /// The memory's Russian→English lookups (one searcher for the session: see [`Lookup`]).
    pub memory: Option<&'a dyn Lookup>,
    pub english: &'a Segmenter,
    pub russian: &'a Segmenter,
    /// Term pairs the aligner uses as anchors (the glossary's, see [`lexicon_of`]).
    pub lexicon: Option<&'a Lexicon>,
}

/// The glossary's Russian terms paired with their accepted English renderings, as alignment
/// anchors.
#[must_use]
pub fn lexicon_of(glossary: &Glossary) -> Lexicon {
    let mut lexicon = Lexicon::default();
    for concept in &glossary.concepts {
        for russian in concept.terms_in(Lang::Ru).filter(|t| t.status.is_accepted()) {
            for english in concept.terms_in(Lang::En).filter(|t| t.status.is_accepted()) {
                lexicon.add(&russian.text, &english.text);
            }
        }
    }
    lexicon
}

/// A term found in one sentence.
#[derive(Debug, Clone)]
pub(crate) struct TermHit {
    /// Absolute byte span in the document.
    pub span: Span,
    pub concept: usize,
    pub term: usize,
    pub case_differs: bool,
}

/// Everything the rules share.
pub(crate) struct Context<'a> {
    pub checker: &'a Checker<'a>,
    pub draft: &'a Document,
    pub source: Option<&'a Document>,
    pub draft_sentences: Vec<Segment>,
    pub source_sentences: Vec<Segment>,
    pub beads: Vec<Bead>,
    /// Per draft sentence.
    pub draft_hits: Vec<Vec<TermHit>>,
    /// Per source sentence.
    pub source_hits: Vec<Vec<TermHit>>,
    /// The spans of `draft_hits`, in order.
    pub hit_spans: Vec<Span>,
    /// The figures of each bead with both sides, compared once for the rules that read them.
    figures: std::cell::OnceCell<Vec<figures::BeadFigures>>,
}

impl<'a> Context<'a> {
    pub(crate) fn concept(&self, index: usize) -> &'a Concept {
        &self.checker.glossary.concepts[index]
    }

    pub(crate) fn term(&self, hit: &TermHit) -> &'a Term {
        &self.concept(hit.concept).terms[hit.term]
    }

    pub(crate) fn all_draft_hits(&self) -> impl Iterator<Item = &TermHit> {
        self.draft_hits.iter().flatten()
    }

    /// Whether a glossary term of the draft covers `span` (hits are in document order and do
    /// not overlap, so a binary search finds the only candidate).
    pub(crate) fn covered(&self, span: Span) -> bool {
        let at = self.hit_spans.partition_point(|h| h.start <= span.start);
        at > 0 && self.hit_spans[at - 1].end >= span.end
    }

    /// Whether the source mentions the concept anywhere (always true without a source).
    pub(crate) fn source_mentions(&self, concept: usize) -> bool {
        self.source.is_none() || self.source_hits.iter().flatten().any(|h| h.concept == concept)
    }

    /// The figures of every bead that has both a Russian and an English side (none without
    /// a source), compared on first use.
    pub(crate) fn figures(&self) -> &[figures::BeadFigures] {
        self.figures.get_or_init(|| {
            let Some(source) = self.source else { return Vec::new() };
            self.beads
                .iter()
                .filter(|bead| !bead.ru.is_empty() && !bead.en.is_empty())
                .map(|bead| {
                    figures::compare(
                        &source.text,
                        &self.source_sentences,
                        bead.ru.clone(),
                        &self.draft.text,
                        &self.draft_sentences,
                        bead.en.clone(),
                    )
                })
                .collect()
        })
    }

    pub(crate) fn draft_text(&self, span: Span) -> &'a str {
        &self.draft.text[span.start..span.end]
    }

    /// The draft sentences of a bead, as one span.
    pub(crate) fn draft_span(&self, range: &Range<usize>) -> Option<Span> {
        let first = self.draft_sentences.get(range.start)?;
        let last = self.draft_sentences.get(range.end.checked_sub(1)?)?;
        Some(Span::new(first.start, last.end))
    }

    /// A finding of `rule` at `span` of the draft, at the rule's default severity.
    pub(crate) fn finding(&self, rule: &'static Rule, span: Span, message: String) -> Finding {
        Finding {
            code: rule.code,
            rule: rule.name,
            severity: rule.severity,
            path: self.draft.path.clone(),
            span,
            found: self.draft_text(span).to_owned(),
            suggestion: None,
            term: None,
            message,
            note: None,
            fix: None,
        }
    }
}

/// Long found texts (whole sentences) are cut for reports.
pub(crate) fn shorten(text: &str) -> String {
    const MAX: usize = 80;
    if text.chars().count() <= MAX {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX - 1).collect();
    format!("{cut}…")
}

/// The terms of every sentence. Sentences are matched in chunks of up to 64 KB of the document,
/// so that a release costs one automaton, not one per sentence, and a 50 MB draft never builds
/// a normalised copy of itself.
fn term_hits(matcher: &Matcher, text: &str, sentences: &[Segment], lang: Lang) -> Vec<Vec<TermHit>> {
    const CHUNK: usize = 64 * 1024;
    let mut hits: Vec<Vec<TermHit>> = vec![Vec::new(); sentences.len()];
    let mut first = 0;
    while first < sentences.len() {
        let mut last = first;
        while last + 1 < sentences.len() && sentences[last + 1].end - sentences[first].start <= CHUNK {
            last += 1;
        }
        let base = sentences[first].start;
        let chunk = &text[base..sentences[last].end];
        for Hit { span, concept, term, case_differs } in matcher.find(chunk, lang) {
            let span = Span::new(span.start + base, span.end + base);
            let at = sentences[first..=last].partition_point(|s| s.start <= span.start).saturating_sub(1) + first;
            hits[at].push(TermHit { span, concept, term, case_differs });
        }
        first = last + 1;
    }
    hits
}

/// Runs every rule on a draft (and its source) with the rules' default settings; see
/// [`check_with`].
pub fn check(checker: &Checker<'_>, draft: &Document, source: Option<&Document>) -> Result<Vec<Finding>, CheckError> {
    check_with(checker, draft, source, &Settings::default())
}

/// Runs every rule on a draft (and its source) and returns the findings in document order,
/// one per span: where two rules flag the same words, the one listed first in [`RULES`] wins.
/// Then `settings` turn rules off or change severities, and the suppression comments of the
/// draft (and source) remove what they cover, reporting those that cover nothing.
pub fn check_with(
    checker: &Checker<'_>,
    draft: &Document,
    source: Option<&Document>,
    settings: &Settings,
) -> Result<Vec<Finding>, CheckError> {
    review(checker, draft, source, settings).map(|review| review.findings)
}

/// A draft checked, with what the checks saw: both texts' sentences, their alignment and the
/// glossary terms found — what a review page or an editor shows beside the findings.
#[derive(Debug, Clone)]
pub struct Review {
    pub findings: Vec<Finding>,
    pub draft_sentences: Vec<Segment>,
    pub source_sentences: Vec<Segment>,
    /// Empty without a source.
    pub beads: Vec<Bead>,
    pub draft_terms: Vec<Hit>,
    pub source_terms: Vec<Hit>,
}

/// [`check_with`], keeping the sentences, the alignment and the term hits it worked from.
pub fn review(
    checker: &Checker<'_>,
    draft: &Document,
    source: Option<&Document>,
    settings: &Settings,
) -> Result<Review, CheckError> {
    let draft_view = view(draft);
    let source_view = source.map(view);
    let draft_sentences =
        align::segments(draft_view.flow.as_deref().unwrap_or(&draft_view.document.text), Some(checker.english));
    let source_sentences = source_view
        .as_ref()
        .map(|v| align::segments(v.flow.as_deref().unwrap_or(&v.document.text), Some(checker.russian)))
        .unwrap_or_default();
    let Seen { mut findings, beads, draft_hits, source_hits } = check_view(
        checker,
        &draft_view.document,
        source_view.as_ref().map(|v| &v.document),
        draft_sentences.clone(),
        source_sentences.clone(),
    )?;
    // Rules turned off go first, so that a suppression of nothing but their findings is
    // reported as unused; the second pass gives the suppression findings their settings.
    settings.settle(&mut findings);
    findings =
        suppress::apply(findings, &comments(draft, &draft_view, &draft_sentences, true), settings.require_reason);
    // The source may carry comments too: `ignore[TM302]` before a paragraph left out of the
    // translation on purpose.
    if let (Some(source), Some(view)) = (source, &source_view) {
        findings =
            suppress::apply(findings, &comments(source, view, &source_sentences, false), settings.require_reason);
    }
    settings.settle(&mut findings);
    let flat = |hits: Vec<Vec<TermHit>>| -> Vec<Hit> {
        hits.into_iter()
            .flatten()
            .map(|TermHit { span, concept, term, case_differs }| Hit { span, concept, term, case_differs })
            .collect()
    };
    Ok(Review {
        findings,
        draft_sentences,
        source_sentences,
        beads,
        draft_terms: flat(draft_hits),
        source_terms: flat(source_hits),
    })
}

/// The findings of the text passes and what they were computed from.
struct Seen {
    findings: Vec<Finding>,
    beads: Vec<Bead>,
    draft_hits: Vec<Vec<TermHit>>,
    source_hits: Vec<Vec<TermHit>>,
}

fn check_view(
    checker: &Checker<'_>,
    draft: &Document,
    source: Option<&Document>,
    draft_sentences: Vec<Segment>,
    source_sentences: Vec<Segment>,
) -> Result<Seen, CheckError> {
    let beads = if source.is_some() {
        align::align(
            &source_sentences,
            &draft_sentences,
            &AlignOptions { lexicon: checker.lexicon, ..AlignOptions::default() },
        )
    } else {
        Vec::new()
    };
    let draft_hits = term_hits(checker.matcher, &draft.text, &draft_sentences, Lang::En);
    let source_hits = term_hits(checker.matcher, source.map_or("", |s| s.text.as_str()), &source_sentences, Lang::Ru);
    let mut hit_spans: Vec<Span> = draft_hits.iter().flatten().map(|h| h.span).collect();
    hit_spans.sort_unstable();
    let context = Context {
        checker,
        draft,
        source,
        draft_sentences,
        source_sentences,
        beads,
        draft_hits,
        source_hits,
        hit_spans,
        figures: std::cell::OnceCell::new(),
    };
    let mut findings = Vec::new();
    for rule in RULES {
        if let rules::Phase::Text(rules::TextPass(run)) = rule.phase {
            run(&context, &mut findings)?;
        }
    }
    let Context { beads, draft_hits, source_hits, .. } = context;
    let order = |code: &str| RULES.iter().position(|r| r.code == code).unwrap_or(usize::MAX);
    findings.sort_by(|a, b| {
        a.path.cmp(&b.path).then(a.span.start.cmp(&b.span.start)).then(order(a.code).cmp(&order(b.code)))
    });
    // One rule per span: the same words flagged by two rules keep the first rule's finding; a
    // finding whose span differs is always kept, so a sentence-wide finding never hides one
    // inside it, and one rule's findings on one sentence (each missing term) are all kept.
    let mut kept: Vec<Finding> = Vec::with_capacity(findings.len());
    for finding in findings {
        let duplicate = kept.iter().rev().take_while(|k| k.span.start == finding.span.start).any(|k| {
            k.path == finding.path && k.span == finding.span && (k.code != finding.code || k.message == finding.message)
        });
        if !duplicate {
            kept.push(finding);
        }
    }
    Ok(Seen { findings: kept, beads, draft_hits, source_hits })
}

/// Applies the unambiguous fixes to `text`; returns the new text and the fixes applied.
#[must_use]
pub fn apply_fixes(text: &str, findings: &[Finding]) -> (String, Vec<Finding>) {
    let mut fixable: Vec<&Finding> = findings.iter().filter(|f| f.fix.is_some()).collect();
    fixable.sort_by_key(|f| f.fix.as_ref().map(|x| x.span.start));
    let mut out = String::with_capacity(text.len());
    let mut applied = Vec::new();
    let mut at = 0;
    for finding in fixable {
        let Some(fix) = &finding.fix else { continue };
        if fix.span.start < at || text.get(fix.span.start..fix.span.end).is_none() {
            continue;
        }
        out.push_str(&text[at..fix.span.start]);
        out.push_str(&fix.replacement);
        at = fix.span.end;
        applied.push(finding.clone());
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// The preferred rendering with the ending the draft used (`Lions` → `Lyons`).
pub(crate) fn with_ending(preferred: &str, found: &str, term: &str) -> String {
    let found_lower = found.to_lowercase();
    let term_lower = term.to_lowercase();
    match found_lower.strip_prefix(&term_lower) {
        // A plural ending belongs to the head noun, which is not the last word of every
        // rendering (`National Central Bureaus of Interpol`): only one-word renderings and
        // possessives take it.
        Some(ending) if !ending.is_empty() && (!preferred.contains(' ') || ending.starts_with(['\'', '’'])) => {
            format!("{preferred}{}", &found[found.len() - ending.len()..])
        }
        _ => preferred.to_owned(),
    }
}

/// Accepted English renderings of a concept, preferred first.
pub(crate) fn accepted_renderings(concept: &Concept) -> Vec<&Term> {
    let mut terms: Vec<&Term> = concept.terms_in(Lang::En).filter(|t| t.status.is_accepted()).collect();
    terms.sort_by_key(|t| t.status != Status::Preferred);
    terms
}
