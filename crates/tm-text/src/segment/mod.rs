//! Sentence segmentation for Russian and English press releases.
//!
//! One pass over candidate terminators (`.`, `!`, `?`, `…`, `...`, `. . .`, with closing quotes
//! and brackets after them), each decided by ordered rules: lower-case continuation,
//! abbreviation classes from data ([`RuleLists`]), initials, numbers and list markers, quotes
//! and dialogue dashes. Line breaks are hard boundaries unless [`LineBreaks::Paragraphs`] is
//! chosen for hard-wrapped text.
//!
//! The segmenter never changes the text: it returns byte spans into it, trimmed of whitespace.
//! Its output depends only on the text, the language, the rule data and the options, all of
//! which are folded into [`Segmenter::version`]; the memory stores that string with every unit
//! it segments, because a changed split breaks the reuse of stored sentences.

mod engine;
mod rules;

pub use rules::{RuleLists, RulesError};

use crate::Span;

/// Version of the decision procedure. Bump it whenever a change to the code alters any split.
pub const ENGINE_VERSION: u32 = 1;

/// The languages `tm` works in: defined in the text layer, re-exported here for the segmenter's
/// callers.
pub use crate::Lang;

/// What a line break means.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LineBreaks {
    /// Every line break ends a sentence: headlines, datelines and list items stand alone.
    /// Press releases are line-structured, so this is the default.
    #[default]
    Hard,
    /// Single line breaks are spaces (hard-wrapped text); a blank line ends a paragraph.
    Paragraphs,
}

/// Options that change how text is split.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SegmentOptions {
    pub line_breaks: LineBreaks,
    /// Additions to and removals from the built-in word lists.
    pub rules: RuleLists,
}

/// One sentence: its span in the original text and that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence<'a> {
    pub span: Span,
    pub text: &'a str,
}

/// A sentence segmenter for one language with fixed rules.
#[derive(Debug, Clone)]
pub struct Segmenter {
    lang: Lang,
    line_breaks: LineBreaks,
    rules: rules::Rules,
    version: String,
}

impl Segmenter {
    /// A segmenter with the built-in rules and the given options.
    pub fn new(lang: Lang, options: &SegmentOptions) -> Result<Self, RulesError> {
        let rules = rules::Rules::build(lang, &options.rules)?;
        let policy = match options.line_breaks {
            LineBreaks::Hard => "lines",
            LineBreaks::Paragraphs => "paragraphs",
        };
        let version = format!("tm-seg/{ENGINE_VERSION} {lang} {policy} {:016x}", rules.fingerprint);
        Ok(Self { lang, line_breaks: options.line_breaks, rules, version })
    }

    #[must_use]
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A string that identifies this exact segmentation behaviour: engine version, language,
    /// line-break policy and a hash of the rule data including the user's additions.
    #[must_use]
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Sentence spans of `text`, in order, non-overlapping, trimmed of whitespace, covering
    /// every non-whitespace character.
    #[must_use]
    pub fn split(&self, text: &str) -> Vec<Span> {
        let mut spans = Vec::new();
        engine::split(self, text, &mut spans);
        spans
    }

    /// Sentences of `text` with their spans.
    #[must_use]
    pub fn sentences<'a>(&self, text: &'a str) -> Vec<Sentence<'a>> {
        self.split(text).into_iter().map(|span| Sentence { span, text: &text[span.start..span.end] }).collect()
    }
}

/// A broken guarantee of [`Segmenter::split`] (see [`check_spans`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpanError {
    #[error("span {span:?} out of order, empty or out of bounds (previous end {previous_end})")]
    Misplaced { span: Span, previous_end: usize },
    #[error("span {0:?} is not on character boundaries")]
    InsideCharacter(Span),
    #[error("span {span:?} is not trimmed: {sentence:?}")]
    Untrimmed { span: Span, sentence: String },
    #[error("{lost:?} before {span:?} is in no sentence")]
    LostBefore { lost: char, span: Span },
    #[error("{0:?} after the last sentence is in no sentence")]
    LostAtEnd(char),
}

/// Checks the guarantees of [`Segmenter::split`] on one output: spans in order, not
/// overlapping, non-empty, on character boundaries, trimmed, and covering every character that
/// is not whitespace. Tests and fuzz targets call it; it returns what is wrong.
pub fn check_spans(text: &str, spans: &[Span]) -> Result<(), SpanError> {
    let mut covered_to = 0;
    for &span in spans {
        if span.start < covered_to || span.end <= span.start || span.end > text.len() {
            return Err(SpanError::Misplaced { span, previous_end: covered_to });
        }
        let Some(sentence) = span.slice(text) else {
            return Err(SpanError::InsideCharacter(span));
        };
        if sentence.starts_with(crate::is_blank) || sentence.ends_with(crate::is_blank) {
            return Err(SpanError::Untrimmed { span, sentence: sentence.to_owned() });
        }
        if let Some(lost) = text[covered_to..span.start].chars().find(|&c| !crate::is_blank(c)) {
            return Err(SpanError::LostBefore { lost, span });
        }
        covered_to = span.end;
    }
    match text[covered_to..].chars().find(|&c| !crate::is_blank(c)) {
        Some(lost) => Err(SpanError::LostAtEnd(lost)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        assert_eq!("ru-RU".parse::<Lang>(), Ok(Lang::Ru));
        assert_eq!("EN_gb".parse::<Lang>(), Ok(Lang::En));
        assert!("de".parse::<Lang>().is_err());
        assert_eq!(Lang::detect("Генеральный секретариат Interpol"), Lang::Ru);
        assert_eq!(Lang::detect("Lyon, France"), Lang::En);
    }

    #[test]
    fn version_reflects_rules_and_policy() {
        let base = Segmenter::new(Lang::Ru, &SegmentOptions::default()).unwrap();
        assert!(base.version().starts_with("tm-seg/1 ru lines "));
        let wrapped = SegmentOptions { line_breaks: LineBreaks::Paragraphs, ..SegmentOptions::default() };
        assert_ne!(Segmenter::new(Lang::Ru, &wrapped).unwrap().version(), base.version());
        let mut extra = SegmentOptions::default();
        extra.rules.never_final.push("сев".into());
        let extended = Segmenter::new(Lang::Ru, &extra).unwrap();
        assert_ne!(extended.version(), base.version());
        assert_eq!(Segmenter::new(Lang::Ru, &SegmentOptions::default()).unwrap().version(), base.version());
    }

    fn split(lang: Lang, options: &SegmentOptions, text: &str) -> Vec<String> {
        Segmenter::new(lang, options).unwrap().sentences(text).iter().map(|s| s.text.to_owned()).collect()
    }

    #[test]
    fn line_breaks_are_hard_by_default_and_soft_on_request() {
        let text = "МОСКВА, 12 марта\r\nМинистр провёл\rсовещание.\n\nИтоги подведены.";
        assert_eq!(
            split(Lang::Ru, &SegmentOptions::default(), text),
            ["МОСКВА, 12 марта", "Министр провёл", "совещание.", "Итоги подведены."]
        );
        let wrapped = SegmentOptions { line_breaks: LineBreaks::Paragraphs, ..SegmentOptions::default() };
        assert_eq!(
            split(Lang::Ru, &wrapped, text),
            ["МОСКВА, 12 марта\r\nМинистр провёл\rсовещание.", "Итоги подведены."]
        );
    }

    #[test]
    fn user_abbreviations_and_no_break_phrases() {
        let text = "Совещание провёл нач. отд. Иванов. Работа идёт. Звоните в Сев. Кавказ.";
        let default = split(Lang::Ru, &SegmentOptions::default(), text);
        assert_eq!(default.len(), 5, "{default:?}");
        let mut options = SegmentOptions::default();
        options.rules.never_final.extend(["отд".to_owned(), "сев".to_owned()]);
        assert_eq!(
            split(Lang::Ru, &options, text),
            ["Совещание провёл нач. отд. Иванов.", "Работа идёт.", "Звоните в Сев. Кавказ."]
        );
        let mut options = SegmentOptions::default();
        options.rules.no_break.push("Com. & Adm.".to_owned());
        assert_eq!(
            split(Lang::En, &options, "He joined Com. & Adm. Smith's team."),
            ["He joined Com. & Adm. Smith's team."]
        );
    }

    #[test]
    fn spans_are_byte_offsets_into_the_original() {
        let text = "\u{FEFF}Лион.\u{A0} Lyon! ";
        let segmenter = Segmenter::new(Lang::Ru, &SegmentOptions::default()).unwrap();
        let spans = segmenter.split(text);
        assert_eq!(spans, [Span::new(3, 12), Span::new(15, 20)]);
        check_spans(text, &spans).unwrap();
    }

    #[test]
    fn degenerate_inputs() {
        let segmenter = Segmenter::new(Lang::En, &SegmentOptions::default()).unwrap();
        assert!(segmenter.split("").is_empty());
        assert!(segmenter.split(" \n\t\u{A0}\u{200B}\r\n").is_empty());
        assert_eq!(segmenter.split("..."), [Span::new(0, 3)]);
        assert_eq!(segmenter.split(". . . ."), [Span::new(0, 7)]);
        let long = "word ".repeat(20_000) + "end.";
        assert_eq!(segmenter.split(&long).len(), 1);
        let stray_quotes = "«a. B ".repeat(5_000);
        check_spans(&stray_quotes, &segmenter.split(&stray_quotes)).unwrap();
    }
}
