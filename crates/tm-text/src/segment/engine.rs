//! The single pass behind [`Segmenter::split`](super::Segmenter::split).
//!
//! Each paragraph is scanned once. Terminators become candidates; each candidate is decided by
//! ordered rules over the token before it and the context after it. Enclosures (quotes,
//! brackets) are tracked on the way so that a quoted sentence followed by its attribution
//! (`«Готовы ли мы? Да!» — сказал он.`) stays one sentence.

use super::rules::{AbbreviationClass, normalize_key};
use super::{Lang, LineBreaks, Segmenter};
use crate::{Span, is_blank};

/// How far ahead a closing quote or bracket is looked for. Longer quotations with attribution
/// are rare, and the bound keeps a stray opening quote in a 50 MB line from costing O(n²).
const CLOSER_LOOKAHEAD: usize = 4096;
/// Open quotes and brackets remembered at once; a paragraph of stray openers stays cheap.
const MAX_OPEN: usize = 32;
/// A sentence needs at least this many words before a may-end abbreviation can close it:
/// "В 2010-2012 гг. Виктор ..." and "At 5 a.m. Mr. Smith ..." go on.
const MIN_WORDS_BEFORE_ABBREVIATION_END: usize = 4;

pub(super) fn split(segmenter: &Segmenter, text: &str, out: &mut Vec<Span>) {
    for paragraph in paragraphs(text, segmenter.line_breaks) {
        Paragraph { segmenter, text: &text[paragraph.start..paragraph.end], base: paragraph.start, open: Vec::new() }
            .split(out);
    }
}

/// Bytes that can start something the scanner must look at: terminators, ASCII quotes and
/// brackets, and the lead bytes of `…`, `«`, `»`, typographic quotes and bullets.
static INTERESTING: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = [b'.', b'!', b'?', b'"', b'(', b')', b'[', b']', 0xC2, 0xE2];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

fn is_opener(c: char) -> bool {
    matches!(c, '«' | '„' | '“' | '"' | '(' | '[' | '‘' | '\'' | '{' | '‹')
}

fn is_closer(c: char) -> bool {
    matches!(c, '»' | '”' | '“' | '"' | ')' | ']' | '’' | '\'' | '}' | '›')
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '‒' | '―' | '-' | '\u{2212}')
}

fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '‣' | '⁃' | '◦' | '▪' | '▫' | '●' | '○' | '■' | '□' | '►')
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Line-break policy applied: the spans of the paragraphs to split independently.
fn paragraphs(text: &str, policy: LineBreaks) -> Vec<Span> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}') {
            lines.push(Span::new(start, i));
            start = i + c.len_utf8();
            if c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n') {
                chars.next();
                start += 1;
            }
        }
    }
    lines.push(Span::new(start, text.len()));
    match policy {
        LineBreaks::Hard => lines,
        LineBreaks::Paragraphs => {
            let mut paragraphs: Vec<Span> = Vec::new();
            let mut current: Option<Span> = None;
            for line in lines {
                if text[line.start..line.end].chars().all(is_blank) {
                    paragraphs.extend(current.take());
                } else {
                    current = Some(current.map_or(line, |open| Span::new(open.start, line.end)));
                }
            }
            paragraphs.extend(current);
            paragraphs
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RunKind {
    /// A single period.
    Period,
    /// `…`, `...` or more periods written together.
    Ellipsis,
    /// `. . .` written with spaces, after a space; the number of periods.
    Spaced(usize),
    /// Any run with `!` or `?`.
    Strong,
}

/// A terminator with the closing quotes and brackets that belong to it.
#[derive(Debug, Clone, Copy)]
struct Run {
    end: usize,
    kind: RunKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NextKind {
    End,
    Lower,
    Upper,
    Digit,
    /// Punctuation that continues a sentence: `,`, `;`, `:`, `%`, a closing bracket.
    Continuation,
    /// Another period after a space: the start of a spaced ellipsis.
    Dots,
    Other,
}

/// What follows a candidate, after whitespace and any opening quotes or dashes.
#[derive(Debug, Clone, Copy)]
struct Next<'a> {
    kind: NextKind,
    /// The next word (letters, digits, inner hyphens and apostrophes), when it starts with a letter.
    word: &'a str,
    /// Whether a period follows that word directly (`А.`, `Mr.`).
    word_dot: bool,
    /// Whether the gap holds only no-break spaces: typesetters put one after an abbreviation.
    nbsp_only: bool,
    /// Whether an opening quote or bracket stands before the word.
    wrapped: bool,
    start: usize,
}

struct Open {
    quote: char,
    position: usize,
    /// Where the matching closer ends, once looked for: `Some(None)` when there is none.
    closer_end: Option<Option<usize>>,
}

struct Paragraph<'a> {
    segmenter: &'a Segmenter,
    text: &'a str,
    base: usize,
    open: Vec<Open>,
}

impl<'a> Paragraph<'a> {
    fn split(mut self, out: &mut Vec<Span>) {
        let bytes = self.text.as_bytes();
        let protected = self.protected_phrases();
        let list_breaks = self.list_breaks();
        let mut next_forced = 0;
        let mut start = self.skip_blank(0);
        let mut i = start;
        while i < bytes.len() {
            while next_forced < list_breaks.len() && list_breaks[next_forced] <= i {
                let at = list_breaks[next_forced];
                next_forced += 1;
                if at > start {
                    self.emit(start, at, out);
                    start = self.skip_blank(at);
                }
            }
            let byte = bytes[i];
            if !INTERESTING[usize::from(byte)] {
                i += 1;
                continue;
            }
            let Some(c) = self.text[i..].chars().next() else { break };
            if is_terminator(c) {
                let run = self.run(i);
                if self.breaks(i, run, start) && !protected.iter().any(|span| span.start <= i && i < span.end) {
                    self.emit(start, run.end, out);
                    start = self.skip_blank(run.end);
                }
                i = run.end.max(i + 1);
                continue;
            }
            if is_bullet(c) && i > start && self.char_before(i).is_some_and(is_blank) {
                self.emit(start, i, out);
                start = i;
            } else {
                self.track_enclosure(i, c);
            }
            i += c.len_utf8();
        }
        self.emit(start, bytes.len(), out);
    }

    fn emit(&self, start: usize, end: usize, out: &mut Vec<Span>) {
        let piece = &self.text[start..end];
        let trimmed_start = piece.len() - piece.trim_start_matches(is_blank).len();
        let trimmed = piece.trim_matches(is_blank);
        if !trimmed.is_empty() {
            let from = self.base + start + trimmed_start;
            out.push(Span::new(from, from + trimmed.len()));
        }
    }

    fn skip_blank(&self, from: usize) -> usize {
        let rest = &self.text[from..];
        from + (rest.len() - rest.trim_start_matches(is_blank).len())
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|rest| rest.chars().next())
    }

    fn char_before(&self, i: usize) -> Option<char> {
        self.text[..i].chars().next_back()
    }

    /// Occurrences of the user's no-break phrases: no candidate inside them breaks.
    fn protected_phrases(&self) -> Vec<Span> {
        let mut spans = Vec::new();
        for phrase in &self.segmenter.rules.no_break {
            spans.extend(self.text.match_indices(phrase.as_str()).map(|(at, found)| Span::new(at, at + found.len())));
        }
        spans
    }

    // ----- enclosures -------------------------------------------------------------------

    fn track_enclosure(&mut self, i: usize, c: char) {
        match c {
            '«' | '„' | '(' | '[' => self.push_open(i, c),
            // Russian „…“ closes with “; English “…” opens with it.
            '“' => {
                if !self.close('„') {
                    self.push_open(i, c);
                }
            }
            '"' if self
                .char_before(i)
                .is_none_or(|before| is_blank(before) || is_opener(before) || is_dash(before)) =>
            {
                self.push_open(i, c);
            }
            _ => self.track_closer(c),
        }
    }

    fn push_open(&mut self, position: usize, quote: char) {
        if self.open.len() == MAX_OPEN {
            self.open.remove(0);
        }
        self.open.push(Open { quote, position, closer_end: None });
    }

    /// Closes the innermost enclosure opened by `quote`, and any left open inside it.
    fn close(&mut self, quote: char) -> bool {
        if let Some(index) = self.open.iter().rposition(|open| open.quote == quote) {
            self.open.truncate(index);
            true
        } else {
            false
        }
    }

    /// Whether a break inside the outermost open quote or bracket must wait: the enclosure
    /// closes within the paragraph and the sentence goes on after it (a comma, an attribution
    /// dash, a lower-case word).
    fn continues_after_enclosure(&mut self) -> bool {
        let Some(outer) = self.open.first() else { return false };
        let closer_end = match outer.closer_end {
            Some(known) => known,
            None => {
                let found = self.find_closer(outer.quote, outer.position);
                if let Some(outer) = self.open.first_mut() {
                    outer.closer_end = Some(found);
                }
                found
            }
        };
        let Some(mut at) = closer_end else { return false };
        while let Some(c) = self.char_at(at).filter(|&c| is_closer(c) || is_blank(c)) {
            at += c.len_utf8();
        }
        match self.char_at(at) {
            Some(',' | ';' | ':') => true,
            Some(c) if c.is_lowercase() => true,
            Some(c) if is_dash(c) => {
                let after = self.skip_blank(at + c.len_utf8());
                self.char_at(after).is_some_and(char::is_lowercase)
            }
            _ => false,
        }
    }

    fn find_closer(&self, quote: char, position: usize) -> Option<usize> {
        let closers: &[char] = match quote {
            '«' => &['»'],
            '„' => &['“', '”'],
            '“' => &['”'],
            '(' => &[')'],
            '[' => &[']'],
            '"' => &['"'],
            _ => return None,
        };
        let from = position + quote.len_utf8();
        let limit = (from + CLOSER_LOOKAHEAD).min(self.text.len());
        let mut depth = 0usize;
        for (offset, c) in self.text[from..].char_indices() {
            let at = from + offset;
            if at >= limit {
                break;
            }
            if quote == '"' {
                if c == '"' {
                    let before = self.char_before(at);
                    if before.is_some_and(|b| !is_blank(b) && !is_opener(b)) {
                        return Some(at + 1);
                    }
                }
                continue;
            }
            if c == quote {
                depth += 1;
            } else if closers.contains(&c) {
                if depth == 0 {
                    return Some(at + c.len_utf8());
                }
                depth -= 1;
            }
        }
        None
    }

    // ----- candidates -------------------------------------------------------------------

    /// The terminator starting at `mark` with the closers after it.
    fn run(&mut self, mark: usize) -> Run {
        if let Some(run) = self.spaced_ellipsis(mark) {
            return run;
        }
        let (mut dots, mut strong, mut ellipsis) = (0, false, false);
        let mut at = mark;
        while let Some(c) = self.char_at(at) {
            match c {
                '.' => dots += 1,
                '!' | '?' => strong = true,
                '…' => ellipsis = true,
                c if is_closer(c) => {
                    self.track_closer(c);
                }
                _ => break,
            }
            at += c.len_utf8();
        }
        let kind = if strong {
            RunKind::Strong
        } else if ellipsis || dots >= 2 {
            RunKind::Ellipsis
        } else {
            RunKind::Period
        };
        Run { end: at, kind }
    }

    fn track_closer(&mut self, c: char) {
        match c {
            '»' => self.close('«'),
            ')' => self.close('('),
            ']' => self.close('['),
            '"' => self.close('"'),
            '”' | '“' => self.close('“') || self.close('„'),
            _ => false,
        };
    }

    /// `. . .` after a space (literary ellipsis): the run and the number of periods.
    fn spaced_ellipsis(&mut self, mark: usize) -> Option<Run> {
        if self.char_before(mark).is_some_and(|c| !is_blank(c)) {
            return None;
        }
        let (dots, end) = self.count_spaced_dots(mark);
        if dots < 3 {
            return None;
        }
        let mut at = end;
        while let Some(c) = self.char_at(at).filter(|&c| is_closer(c)) {
            self.track_closer(c);
            at += c.len_utf8();
        }
        Some(Run { end: at, kind: RunKind::Spaced(dots) })
    }

    /// Counts `.` separated by single spaces from `at`; returns the count and the end.
    fn count_spaced_dots(&self, at: usize) -> (usize, usize) {
        let bytes = self.text.as_bytes();
        let (mut dots, mut end, mut i) = (0, at, at);
        while bytes.get(i) == Some(&b'.') {
            dots += 1;
            end = i + 1;
            if bytes.get(i + 1) == Some(&b' ') && bytes.get(i + 2) == Some(&b'.') {
                i += 2;
            } else {
                break;
            }
        }
        (dots, end)
    }

    fn next(&self, from: usize) -> Next<'a> {
        let text = self.text;
        let (mut at, mut saw_space, mut saw_nbsp) = (from, false, false);
        while let Some(c) = self.char_at(at).filter(|&c| is_blank(c)) {
            if matches!(c, '\u{A0}' | '\u{202F}' | '\u{2007}') {
                saw_nbsp = true;
            } else {
                saw_space = true;
            }
            at += c.len_utf8();
        }
        let mut next = Next {
            kind: NextKind::End,
            word: "",
            word_dot: false,
            nbsp_only: saw_nbsp && !saw_space,
            wrapped: false,
            start: at,
        };
        let Some(first) = self.char_at(at) else { return next };
        if is_opener(first) || is_dash(first) {
            while let Some(c) = self.char_at(at).filter(|&c| is_opener(c) || is_dash(c) || is_blank(c)) {
                next.wrapped |= is_opener(c);
                at += c.len_utf8();
            }
            next.start = at;
        }
        let Some(c) = self.char_at(at) else { return next };
        next.kind = if c.is_lowercase() {
            NextKind::Lower
        } else if c.is_alphabetic() {
            NextKind::Upper
        } else if c.is_numeric() {
            NextKind::Digit
        } else if c == '.' {
            NextKind::Dots
        } else if matches!(c, ',' | ';' | ':' | '%' | ')' | ']' | '}' | '»' | '”') {
            NextKind::Continuation
        } else {
            NextKind::Other
        };
        if next.kind == NextKind::Upper {
            let word_len = text[at..]
                .char_indices()
                .find(|&(_, c)| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
                .map_or(text.len() - at, |(i, _)| i);
            next.word = &text[at..at + word_len];
            next.word_dot = text[at + word_len..].starts_with('.');
        }
        next
    }

    /// Decides whether the sentence ends after `run`.
    fn breaks(&mut self, mark: usize, run: Run, start: usize) -> bool {
        if self.char_at(run.end).is_some_and(|c| !is_blank(c)) {
            return self.glued_break(mark, run, start);
        }
        let next = self.next(run.end);
        let decision = match (run.kind, next.kind) {
            (_, NextKind::End) => false,
            (RunKind::Strong, _) => ordinary(&next),
            (RunKind::Ellipsis, _) => !self.char_before(mark).is_some_and(is_opener) && ordinary(&next),
            (RunKind::Spaced(dots), _) => dots >= 4 && ordinary(&next),
            (RunKind::Period, _) => self.period_breaks(mark, start, &next),
        };
        // A question or exclamation inside a quotation that the attribution continues stays in
        // it («Готовы ли мы? Да!» — сказал он.); a period inside one still ends a sentence, as
        // in the reference splits of Russian news.
        decision && !(matches!(run.kind, RunKind::Strong | RunKind::Ellipsis) && self.continues_after_enclosure())
    }

    /// The rules for a single period followed by whitespace, in order.
    fn period_breaks(&self, mark: usize, start: usize, next: &Next<'_>) -> bool {
        if matches!(next.kind, NextKind::Lower | NextKind::Continuation) {
            return false;
        }
        let (token_start, token) = self.token_before(start, mark);
        if token.is_empty() || token.ends_with(is_closer) {
            return ordinary(next);
        }
        if next.nbsp_only && token.chars().count() <= 6 {
            return false;
        }
        if next.kind == NextKind::Dots {
            // "word. . . . Next": the spaced ellipsis after the period opens the next sentence
            // when a capital follows it; at the end or before lower case it belongs here.
            let (_, end) = self.count_spaced_dots(next.start);
            let mut after = self.next(end);
            if after.kind == NextKind::Continuation {
                let mut at = end;
                while let Some(c) = self.char_at(at).filter(|&c| is_closer(c)) {
                    at += c.len_utf8();
                }
                after = self.next(at);
            }
            return matches!(after.kind, NextKind::Upper | NextKind::Digit | NextKind::Other);
        }
        let at_sentence_start = token_start == self.content_start(start);
        if is_number_like(token) {
            return !(at_sentence_start && is_list_number(token)) && ordinary(next);
        }
        let letters = token.chars().count();
        if at_sentence_start && (is_roman(token) || letters == 1) {
            return false; // a list marker or section number: "IV. Итоги", "a. The first item"
        }
        if letters > 1 && is_roman(token) && self.too_short(start, token_start) {
            // "Глава IV. Заключительные положения" is a heading; "World War II. The …" two sentences.
            return next.kind == NextKind::Upper && self.segmenter.rules.is_starter(next.word);
        }
        if letters == 1 && token.chars().all(char::is_uppercase) {
            return self.initials_break(start, token_start, next);
        }
        let previous = self.previous_token(start, token_start).map(|(_, word)| word);
        match self.lookup(previous, token) {
            Some(AbbreviationClass::NeverFinal) => false,
            Some(AbbreviationClass::BeforeNumber) => !(next.kind == NextKind::Digit || next.wrapped) && ordinary(next),
            Some(AbbreviationClass::AfterNumber) => {
                previous.is_some_and(|word| is_number_like(word) || is_roman(word))
                    && self.may_end(start, token_start, next)
            }
            Some(AbbreviationClass::MayEnd) => self.may_end(start, token_start, next),
            Some(AbbreviationClass::Ambiguous) => self.ambiguous_end(start, token_start, next),
            None if is_initials_group(token) => match self.segmenter.lang {
                Lang::Ru => self.initials_break(start, token_start, next),
                Lang::En => self.ambiguous_end(start, token_start, next),
            },
            None if looks_like_abbreviation(token) => self.ambiguous_end(start, token_start, next),
            None => ordinary(next),
        }
    }

    /// A may-end abbreviation ends the sentence before a capital, unless the sentence is too
    /// short to be one or a number follows ("тыс. 200" is an amount, not a new sentence).
    fn may_end(&self, start: usize, token_start: usize, next: &Next<'_>) -> bool {
        next.kind != NextKind::Digit
            && !self.too_short(start, token_start)
            && !(next.kind == NextKind::Upper && self.segmenter.rules.is_continuation(next.word))
            && ordinary(next)
    }

    /// An ambiguous abbreviation ends the sentence only before a sentence opener: "the U.S. The
    /// text" breaks; "the U.S. Department" and "U.S. Sens. Graham" do not.
    fn ambiguous_end(&self, start: usize, token_start: usize, next: &Next<'_>) -> bool {
        next.kind == NextKind::Upper
            && !next.word_dot
            && !self.too_short(start, token_start)
            && self.segmenter.rules.is_starter(next.word)
    }

    /// Initials before a surname never end a sentence ("А. В. Прокопчук", "Jonas E. Smith");
    /// initials after one can ("... с Прокопчуком А. В. Стороны обсудили ...").
    fn initials_break(&self, start: usize, token_start: usize, next: &Next<'_>) -> bool {
        if next.kind != NextKind::Upper {
            return ordinary(next);
        }
        if next.word_dot && next.word.chars().count() == 1 {
            return false; // another initial
        }
        let rules = &self.segmenter.rules;
        if rules.is_starter(next.word) && !next.word_dot {
            return true;
        }
        if self.segmenter.lang != Lang::Ru || next.word_dot {
            return false;
        }
        // Walk back over the initials to the word before them.
        let mut at = token_start;
        let surname = loop {
            let Some((word_start, word)) = self.previous_token(start, at) else { break None };
            if is_initials_group(word.trim_end_matches('.')) && word.ends_with('.') {
                at = word_start;
                continue;
            }
            break Some(word);
        };
        surname.is_some_and(|word| is_title_case(word) && rules.has_surname_ending(word))
            && !rules.has_surname_ending(next.word)
    }

    /// A sentence glued to the next one without a space ("завершена.Следующая"), as web copy
    /// often is. Breaks only before a capitalised word and never inside URLs, e-mail addresses,
    /// domain names or abbreviations.
    fn glued_break(&self, mark: usize, run: Run, start: usize) -> bool {
        let Some(first) = self.char_at(run.end) else { return false };
        let second = self.char_at(run.end + first.len_utf8());
        if !first.is_uppercase() || !second.is_some_and(char::is_lowercase) {
            return false;
        }
        let (token_start, word) = self.token_before(start, mark);
        match run.kind {
            // "?...Нет" is an interjection, and "Yahoo!Finance" a name: a question or an
            // exclamation glued to a sentence ends it only after a lower-case word
            // ("agreed?Yes").
            RunKind::Strong => {
                run.end - mark == 1
                    && word.chars().count() > 1
                    && word.chars().all(|c| c.is_lowercase() || c == '-' || c == '\'' || c == '’')
            }
            RunKind::Ellipsis | RunKind::Spaced(_) => false,
            RunKind::Period => {
                if !self.char_before(mark).is_some_and(|c| c.is_lowercase() || c.is_numeric()) {
                    return false;
                }
                let token_end = self.text[mark..].find(is_blank).map_or(self.text.len(), |i| mark + i);
                let token = &self.text[token_start..token_end];
                // A site named by its domain: «Газета.Ру», Mail.Ru.
                let after = &self.text[run.end..token_end];
                let label: String =
                    after.chars().take_while(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect();
                if DOMAIN_ENDINGS.contains(&label.as_str()) {
                    return false;
                }
                // An e-mail address whose domain is complete ("press@interpol.int.Questions")
                // ends there; a URL's path may hold anything.
                if let Some(at) = token.find('@') {
                    // A period before the `@` is inside the address's local part.
                    let Some(domain) = self.text.get(token_start + at + 1..mark) else { return false };
                    return domain.contains('.')
                        && domain.rsplit('.').next().is_some_and(|tld| {
                            tld.chars().count() >= 2 && tld.chars().all(|c| c.is_ascii_lowercase())
                        });
                }
                if token.contains("://") || token.to_lowercase().starts_with("www.") {
                    return false;
                }
                // A number ends a sentence as a word does ("after No 7.The court").
                (word.chars().count() > 1 || word.chars().all(|c| c.is_ascii_digit()))
                    && self.lookup(None, word).is_none()
            }
        }
    }

    // ----- tokens -----------------------------------------------------------------------

    /// The whitespace-delimited token ending at `end` (not before `start`), without leading
    /// opening quotes, brackets, dashes or bullets.
    fn token_before(&self, start: usize, end: usize) -> (usize, &'a str) {
        let text = self.text;
        let mut token_start = text[start..end].rfind(is_blank).map_or(start, |i| {
            let blank = text[start + i..].chars().next().map_or(1, char::len_utf8);
            start + i + blank
        });
        while let Some(c) =
            text[token_start..end].chars().next().filter(|&c| is_opener(c) || is_dash(c) || is_bullet(c))
        {
            token_start += c.len_utf8();
        }
        (token_start, &text[token_start..end])
    }

    /// The token before the one that starts at `token_start` (which [`Self::token_before`] may
    /// have stripped of opening quotes), if the sentence has one.
    fn previous_token(&self, start: usize, token_start: usize) -> Option<(usize, &'a str)> {
        let before = &self.text[start..token_start];
        let before = before.trim_end_matches(|c: char| !is_blank(c)).trim_end_matches(is_blank);
        if before.is_empty() {
            return None;
        }
        let (word_start, word) = self.token_before(start, start + before.len());
        (!word.is_empty()).then_some((word_start, word))
    }

    /// Where the words of the sentence starting at `start` begin, after openers and bullets.
    fn content_start(&self, start: usize) -> usize {
        let mut at = start;
        while let Some(c) = self.char_at(at).filter(|&c| is_opener(c) || is_dash(c) || is_bullet(c) || is_blank(c)) {
            at += c.len_utf8();
        }
        at
    }

    /// Whether the sentence before `token_start` is too short to end at an abbreviation: fewer
    /// than four words, opening with a short function word or a heading word ("В 2010-2012
    /// гг.", "At 5 a.m.", "Глава IV." — but not "Изъято 2,5 кг.").
    fn too_short(&self, start: usize, token_start: usize) -> bool {
        let mut words =
            self.text[start..token_start].split(is_blank).filter(|word| word.chars().any(char::is_alphanumeric));
        let Some(first) = words.next() else { return true };
        // Counting stops early: a sentence may be a whole 50 MB line.
        let count = 2 + words.take(MIN_WORDS_BEFORE_ABBREVIATION_END).count();
        let first = first.trim_start_matches(|c: char| !c.is_alphanumeric());
        count < MIN_WORDS_BEFORE_ABBREVIATION_END
            && ((first.chars().count() <= 3 && self.segmenter.rules.is_starter(first)) || is_heading_word(first))
    }

    /// The class of `token`, trying it joined to the word before it first (`т. д.`, `и др.`).
    fn lookup(&self, previous: Option<&str>, token: &str) -> Option<AbbreviationClass> {
        let rules = &self.segmenter.rules;
        let key = normalize_key(token);
        if let Some(previous) = previous {
            let previous_key = normalize_key(previous);
            let joined =
                if previous.ends_with('.') { format!("{previous_key}.{key}") } else { format!("{previous_key} {key}") };
            if let Some(class) = rules.class(&joined) {
                return Some(class);
            }
        }
        rules.class(&key)
    }

    /// Breaks forced by list markers inside one line: "1. The first item 2. The second item",
    /// "a) … b) …". Only a paragraph that starts with a marker and continues the sequence
    /// with capitalised items counts as a list.
    fn list_breaks(&self) -> Vec<usize> {
        let first = self.content_start(0);
        let Some((mut expected, style, _)) = self.list_marker(first) else { return Vec::new() };
        let mut breaks = Vec::new();
        let mut previous_blank = false;
        for (at, c) in self.text.char_indices().skip_while(|&(at, _)| at <= first) {
            if previous_blank && !is_blank(c) {
                let marker_start = if is_bullet(c) { self.content_start(at) } else { at };
                if let Some((value, marker_style, _)) = self.list_marker(marker_start)
                    && marker_style == style
                    && value == expected + 1
                {
                    breaks.push(at);
                    expected = value;
                }
            }
            previous_blank = is_blank(c);
        }
        breaks
    }

    /// A list marker at `at`: its value, its style and where it ends.
    fn list_marker(&self, at: usize) -> Option<(u32, (bool, &'static str), usize)> {
        let rest = &self.text[at..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let (value, numeric, body) = if (1..=2).contains(&digits) {
            (rest[..digits].parse().ok()?, true, digits)
        } else {
            let c = rest.chars().next()?;
            if !(c.is_ascii_lowercase() || ('а'..='я').contains(&c)) {
                return None;
            }
            (u32::from(c), false, c.len_utf8())
        };
        let after = &rest[body..];
        let suffix = [".)", ".", ")"].into_iter().find(|suffix| after.starts_with(suffix))?;
        let end = at + body + suffix.len();
        if !self.char_at(end).is_some_and(is_blank) {
            return None;
        }
        let item = self.skip_blank(end);
        self.char_at(item).filter(|c| c.is_uppercase())?;
        Some((value, (numeric, suffix), end))
    }
}

/// Top-level domains that news sites put in their names with a capital (`Газета.Ру`,
/// `Mail.Ru`): after a glued period they continue the name.
const DOMAIN_ENDINGS: [&str; 10] = ["ру", "ru", "рф", "ком", "com", "net", "org", "info", "su", "ua"];

/// Words that open a numbered heading: "Глава IV.", "Chapter II."
fn is_heading_word(word: &str) -> bool {
    const HEADINGS: [&str; 12] = [
        "глава",
        "раздел",
        "часть",
        "статья",
        "том",
        "приложение",
        "chapter",
        "part",
        "section",
        "article",
        "annex",
        "volume",
    ];
    HEADINGS.contains(&word.to_lowercase().as_str())
}

fn ordinary(next: &Next<'_>) -> bool {
    !matches!(next.kind, NextKind::Lower | NextKind::Continuation | NextKind::End)
}

/// `2023`, `1,000`, `$100.00`, `27.11.2026`, `1990-х`: starts with a digit, maybe after a
/// currency sign.
fn is_number_like(token: &str) -> bool {
    token
        .trim_start_matches(['$', '€', '£', '¥', '₽', '+', '-', '−'])
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
}

/// `1`, `12`, `2.1`, `3.2.1`: what numbers list items and sections.
fn is_list_number(token: &str) -> bool {
    token.split('.').all(|part| (1..=3).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
}

fn is_roman(token: &str) -> bool {
    (1..=7).contains(&token.chars().count())
        && token.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M' | 'Х' | 'І'))
}

/// `А.В`, `J.R.R`, `U.S`: single capital letters joined by periods.
fn is_initials_group(token: &str) -> bool {
    let mut parts = 0;
    for part in token.split('.') {
        let mut chars = part.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_uppercase() => parts += 1,
            _ => return false,
        }
    }
    parts >= 1
}

fn is_title_case(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

/// `т.н`, `e.g`, `и.о`: short letter groups joined by periods (but not domain names), or a
/// single lower-case letter.
fn looks_like_abbreviation(token: &str) -> bool {
    const TOP_LEVEL_DOMAINS: [&str; 18] = [
        "ru", "рф", "su", "com", "org", "net", "int", "gov", "edu", "info", "eu", "uk", "de", "fr", "by", "kz", "ua",
        "io",
    ];
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() == 1 {
        let mut chars = token.chars();
        return chars.next().is_some_and(char::is_lowercase) && chars.next().is_none();
    }
    let last = parts.last().copied().unwrap_or_default().to_lowercase();
    parts.iter().all(|part| (1..=4).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic))
        && !TOP_LEVEL_DOMAINS.contains(&last.as_str())
}
