//! Words: the one word splitter of the project.
//!
//! Built on the Unicode word boundaries of UAX #29 (`unicode-segmentation`), which already keep
//! `Interpol's`, `can't`, `U.S`, `т.е`, `32.3`, `1,000` and `123,5` together and never count
//! punctuation or spaces as words. On top of them, the joining rules a reviewer needs:
//!
//! * **Parts** are UAX #29's words, with two boundaries UAX #29 does not make: at a full stop
//!   or colon between a lower-case letter and a capital (`Lion.The`, a missing space, is two
//!   words; `U.S` and `mvd.ru` stay one) and at a colon between letters (`Внимание:Интерпол`).
//! * **Words** join parts where a reviewer sees one word: parts joined by a hyphen with no
//!   space (`генерал-майор`, `Italian-American`, `2019-2020`); digit groups joined by a
//!   no-break, narrow no-break or thin space (`3 000`, the Russian thousands separator: CLDR's
//!   grouping separator for `ru`); a URL (`https://…`, `www.…`) or an e-mail address, one word
//!   whatever punctuation it holds.
//!
//! The term matcher works at part boundaries (it may match `Russian` in `pro-Russian`, never
//! `майор` in `генерал-майор`: [`is_part_boundary`]); word counts and the checks that compare
//! words use [`words`].
//!
//! Word counts follow GMX-V (the LISA/ETSI Global Information Management Metrics eXchange –
//! Volume standard that CAT tools implement), see [`count`].

use unicode_segmentation::UnicodeSegmentation;

use crate::Span;

/// What a word is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    /// Letters (maybe with digits, hyphens, apostrophes, inner full stops).
    Text,
    /// Digits only, with their separators (`2026`, `3 000`, `32.3`, `1,5`).
    Number,
    /// A URL: `https://…`, `ftp://…`, `www.…`.
    Url,
    /// An e-mail address.
    Email,
}

/// One word of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// Byte range in the text given to [`words`].
    pub span: Span,
    pub text: &'a str,
    pub kind: WordKind,
}

/// Hyphens that join word parts (hyphen-minus, hyphen, non-breaking hyphen); en and em dashes
/// are punctuation.
#[must_use]
pub fn is_joining_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Spaces that group digits inside one number: no-break, narrow no-break, thin.
fn is_digit_group_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

/// Whether a UAX #29 segment is a word: it holds a letter, a digit or a connector joined to
/// them (UAX #29 leaves punctuation and spaces as segments of their own).
fn is_wordlike(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// Connectors UAX #29 lets into a word (`ExtendNumLet`): the low line and its kin, and the
/// narrow no-break space.
fn is_connector(c: char) -> bool {
    matches!(
        c,
        '_' | '\u{203F}' | '\u{2040}' | '\u{2054}' | '\u{FE33}' | '\u{FE34}' | '\u{FE4D}'..='\u{FE4F}' | '\u{FF3F}'
    ) || c.is_whitespace()
}

/// The parts of `text`: UAX #29 words split further at `x.Y` and `x:Y` (see the module
/// documentation) and at a space UAX #29 lets in (the narrow no-break space) unless it groups
/// digits, less connectors and spaces at their edges, as byte ranges.
fn parts(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut push = |from: usize, to: usize| {
        let piece = &text[from..to];
        // A combining mark with no letter before it in the word belongs to no letter.
        let trimmed =
            piece.trim_start_matches(|c| is_connector(c) || unicode_normalization::char::is_combining_mark(c));
        let start = from + (piece.len() - trimmed.len());
        let end = start + trimmed.trim_end_matches(is_connector).len();
        if text[start..end].chars().any(char::is_alphanumeric) {
            out.push((start, end));
        }
    };
    for (start, segment) in text.split_word_bound_indices() {
        if !is_wordlike(segment) {
            continue;
        }
        let mut from = 0;
        let mut previous: Option<char> = None;
        let mut chars = segment.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            let splits = match (c, previous, next) {
                ('.', Some(p), Some(n)) => {
                    p.is_lowercase() && n.is_uppercase() && letters_before(&segment[from..i]) >= 2
                }
                (':', Some(p), Some(n)) => p.is_alphabetic() && n.is_alphabetic(),
                (space, p, n) if space.is_whitespace() => {
                    !(p.is_some_and(|p| p.is_ascii_digit()) && n.is_some_and(|n| n.is_ascii_digit()))
                }
                _ => false,
            };
            if splits {
                push(start + from, start + i);
                from = i + c.len_utf8();
            }
            previous = Some(c);
        }
        push(start + from, start + segment.len());
    }
    out
}

/// Letters since the last full stop in `text` (so `U.S` never splits, `Lion.The` does).
fn letters_before(text: &str) -> usize {
    text.rsplit('.').next().map_or(0, |tail| tail.chars().filter(|c| c.is_alphabetic()).count())
}

/// The words of `text`, in order (see the module documentation for the rules).
#[must_use]
pub fn words(text: &str) -> Vec<Word<'_>> {
    let links = links(text);
    let mut out: Vec<Word<'_>> = Vec::new();
    let mut link = links.iter().peekable();
    let mut last_end = 0;
    for (start, end) in parts(text) {
        // Parts inside a URL or an e-mail address are that one word.
        while link.peek().is_some_and(|l| l.1 <= start) {
            link.next();
        }
        if let Some(&&(from, to, kind)) = link.peek()
            && from < end
        {
            if out.last().is_none_or(|w| w.span.start != from) {
                out.push(Word { span: Span::new(from, to), text: &text[from..to], kind });
            }
            last_end = to;
            continue;
        }
        if start < last_end {
            continue;
        }
        let gap = &text[last_end..start];
        let joins = out.last().is_some_and(|previous| {
            previous.span.end == last_end && previous.kind != WordKind::Url && previous.kind != WordKind::Email && {
                let mut gap_chars = gap.chars();
                match (gap_chars.next(), gap_chars.next()) {
                    (Some(c), None) if is_joining_hyphen(c) => true,
                    (Some(c), None) if is_digit_group_space(c) => {
                        previous.kind == WordKind::Number
                            && text[start..end].len() == 3
                            && text[start..end].bytes().all(|b| b.is_ascii_digit())
                    }
                    _ => false,
                }
            }
        });
        let kind = if text[start..end].chars().all(|c| c.is_numeric() || matches!(c, '.' | ',')) {
            WordKind::Number
        } else {
            WordKind::Text
        };
        match out.last_mut() {
            Some(previous) if joins => {
                previous.span = Span::new(previous.span.start, end);
                previous.text = &text[previous.span.start..end];
                if kind == WordKind::Text {
                    previous.kind = WordKind::Text;
                }
            }
            _ => out.push(Word { span: Span::new(start, end), text: &text[start..end], kind }),
        }
        last_end = end;
    }
    out
}

/// The URLs and e-mail addresses of `text`, in order: one word each, and never the place of
/// a glossary term (`Lion` in `https://example.org/Lion` is a path, not the city).
#[must_use]
pub fn link_spans(text: &str) -> Vec<Span> {
    links(text).into_iter().map(|(start, end, _)| Span::new(start, end)).collect()
}

/// URLs and e-mail addresses in `text`: (start, end, kind), in order, not overlapping.
fn links(text: &str) -> Vec<(usize, usize, WordKind)> {
    let mut out: Vec<(usize, usize, WordKind)> = Vec::new();
    // Most sentences have none: look no further than the three marks every link has.
    let www = text.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"www."));
    if !www && !text.contains("://") && !text.contains('@') {
        return out;
    }
    let lower = text.to_ascii_lowercase();
    let mut at = 0;
    while at < text.len() {
        let rest = &lower[at..];
        let starts_here = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric() && c != '@');
        let url = starts_here
            && (["https://", "http://", "ftp://"].iter().any(|scheme| rest.starts_with(scheme))
                || (rest.starts_with("www.") && rest[4..].starts_with(|c: char| c.is_alphanumeric())));
        if url {
            let end = link_end(text, at);
            // A link is one word only where it begins and ends words (`Лион'https://…` is not
            // one), and has more than its scheme.
            let scheme = text[at..end].find("//").map_or(4, |i| i + 2);
            if text[at + scheme.min(end - at)..end].chars().any(char::is_alphanumeric)
                && is_part_boundary(text, at)
                && is_part_boundary(text, end)
            {
                out.push((at, end, WordKind::Url));
                at = end;
                continue;
            }
        }
        if text[at..].starts_with('@')
            && let Some((from, to)) = email_around(text, at)
            && out.last().is_none_or(|l| l.1 <= from)
            && is_part_boundary(text, from)
            && is_part_boundary(text, to)
        {
            out.push((from, to, WordKind::Email));
            at = to;
            continue;
        }
        at += text[at..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// Where a URL starting at `start` ends: at whitespace or a quotation mark or angle bracket,
/// less the punctuation that ends the sentence around it.
fn link_end(text: &str, start: usize) -> usize {
    let mut end = text[start..]
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '«' | '»' | '“' | '”'))
        .map_or(text.len(), |(i, _)| start + i);
    while let Some(c) = text[start..end].chars().next_back() {
        let closing_unmatched = c == ')' && !text[start..end].contains('(');
        if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '’' | ']' | '}') || closing_unmatched {
            end -= c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// The e-mail address around the `@` at `at`: a local part of letters, digits and `._%+-`
/// before it, a domain of letters, digits, `-` and at least one inner `.` after it.
fn email_around(text: &str, at: usize) -> Option<(usize, usize)> {
    let local = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
    let from = text[..at].char_indices().rev().take_while(|&(_, c)| local(c)).last().map(|(i, _)| i)?;
    let from = from + text[from..at].find(|c: char| c.is_alphanumeric())?;
    let domain_end = text[at + 1..]
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || matches!(c, '.' | '-')))
        .map_or(text.len(), |(i, _)| at + 1 + i);
    let domain = text[at + 1..domain_end].trim_end_matches(['.', '-']);
    let (name, tld) = domain.rsplit_once('.')?;
    if name.is_empty() || tld.chars().count() < 2 || !tld.chars().all(char::is_alphabetic) {
        return None;
    }
    Some((from, at + 1 + domain.len()))
}

/// Whether byte `offset` of `text` is a boundary between parts (or a part and what is not a
/// word): the boundaries a glossary term may start or end on. Looks only at the text around
/// `offset`, so a check per candidate match stays cheap in a long text.
#[must_use]
pub fn is_part_boundary(text: &str, offset: usize) -> bool {
    if offset == 0 || offset >= text.len() {
        return true;
    }
    if !text.is_char_boundary(offset) {
        return false;
    }
    // UAX #29 needs a few characters of context each side; whitespace always bounds a word.
    let from = window_start(text, offset);
    let to = window_end(text, offset);
    let window = &text[from..to];
    let at = offset - from;
    !parts(window).iter().any(|&(start, end)| start < at && at < end)
}

/// The start of the context [`is_part_boundary`] looks at: the whitespace before `offset`, at
/// most 64 bytes back.
fn window_start(text: &str, offset: usize) -> usize {
    let mut from = offset;
    for (i, c) in text[..offset].char_indices().rev() {
        if c.is_whitespace() || offset - i > 64 {
            break;
        }
        from = i;
    }
    from
}

fn window_end(text: &str, offset: usize) -> usize {
    let mut to = offset;
    for (i, c) in text[offset..].char_indices() {
        if c.is_whitespace() || i > 64 {
            break;
        }
        to = offset + i + c.len_utf8();
    }
    to
}

/// Whether byte `offset` of `text` is a boundary between the splitter's [`words`] (or a word
/// and what is not one).
#[must_use]
pub fn is_word_boundary(text: &str, offset: usize) -> bool {
    words(text).iter().all(|word| !(word.span.start < offset && offset < word.span.end))
}

/// GMX-V counts of a text (the standard's text-unit counts, GMX-V 2.0 §4).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Count {
    /// Words ("total word count"): every word of [`words`], numbers included — GMX-V counts a
    /// numeric word as a word (its example "This sentence/text unit has a word count of 11
    /// words." counts `11`), and reports number-only units apart ([`Count::numbers`]).
    pub words: u64,
    /// Of [`Count::words`], the words that are numbers.
    pub numbers: u64,
    /// Characters ("total character count"): every character but whitespace, punctuation
    /// included, counted in grapheme clusters (a letter with a combining accent is one).
    pub characters: u64,
    /// Of [`Count::characters`], the punctuation (Unicode general category P*, and symbols).
    pub punctuation: u64,
    /// Whitespace characters (not in [`Count::characters`]).
    pub whitespace: u64,
}

impl std::ops::AddAssign for Count {
    fn add_assign(&mut self, other: Count) {
        self.words += other.words;
        self.numbers += other.numbers;
        self.characters += other.characters;
        self.punctuation += other.punctuation;
        self.whitespace += other.whitespace;
    }
}

/// The GMX-V word and character counts of `text`.
///
/// The rules, and where they come from:
/// * Words are delimited by UAX #29 word boundaries (GMX-V refers to UAX #29 for them);
///   punctuation and whitespace are never words.
/// * A word with an apostrophe is one word (`Interpol's`, `can't`: UAX #29).
/// * A hyphenated compound is one word (`генерал-майор`, `well-known`): how GMX-V
///   implementations count it (Okapi's GMX-V word counter counts "Italian-American" as one,
///   and Trados Studio documents "up-to-date" as one).
/// * A number is one word with its decimal and group separators (`32.3`, `1,000`, `3 000`
///   with a no-break space); a date written in figures is one word per UAX #29 token
///   (`07.12.2026` is one, `7 December 2026` three).
/// * A URL or an e-mail address is one word (a CAT tool recognises it as one placeable;
///   UAX #29 alone would cut it at `/`, `@` and `:`).
/// * Abbreviations with inner full stops are one word (`U.S.`, `т.е.`: UAX #29).
/// * Characters exclude whitespace and include punctuation (GMX-V "TotalCharacterCount");
///   punctuation and whitespace are also counted on their own.
#[must_use]
pub fn count(text: &str) -> Count {
    let words = words(text);
    let mut count = Count {
        words: words.len() as u64,
        numbers: words.iter().filter(|w| w.kind == WordKind::Number).count() as u64,
        ..Count::default()
    };
    for grapheme in text.graphemes(true) {
        let first = grapheme.chars().next().unwrap_or(' ');
        if first.is_whitespace() {
            count.whitespace += 1;
        } else {
            count.characters += 1;
            if !first.is_alphanumeric() {
                count.punctuation += 1;
            }
        }
    }
    count
}

/// The display width of `text` in a terminal: wide (East Asian) characters take two columns,
/// combining marks and zero-width characters none, a tab `tab` columns (to the next stop is
/// the renderer's business). Columns for people are counted with this, never in bytes or
/// code points.
#[must_use]
pub fn display_width(text: &str) -> usize {
    text.graphemes(true)
        .map(|grapheme| if grapheme == "\t" { 4 } else { unicode_width::UnicodeWidthStr::width(grapheme) })
        .sum()
}

/// Grapheme clusters in `text`: the "characters" a person counts (`й` written as и + U+0306
/// is one).
#[must_use]
pub fn grapheme_count(text: &str) -> usize {
    text.graphemes(true).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        words(text).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn joining_rules() {
        assert_eq!(
            texts("Генерал-майор полиции встретился с Interpol's head."),
            ["Генерал-майор", "полиции", "встретился", "с", "Interpol's", "head"]
        );
        assert_eq!(
            texts("3\u{a0}000 человек, 32.3 %, 1,000 и 2019-2020"),
            ["3\u{a0}000", "человек", "32.3", "1,000", "и", "2019-2020"]
        );
        assert_eq!(texts("in Lion.The memorial"), ["in", "Lion", "The", "memorial"]);
        assert_eq!(texts("the U.S. and т.е. mvd.ru"), ["the", "U.S", "and", "т.е", "mvd.ru"]);
        assert_eq!(
            texts("Пишите на press@mvd.ru или https://мвд.рф/news?id=5."),
            ["Пишите", "на", "press@mvd.ru", "или", "https://мвд.рф/news?id=5"]
        );
        assert_eq!(texts("(see www.interpol.int)"), ["see", "www.interpol.int"]);
        assert_eq!(texts("— «Лион» — "), ["Лион"]);
        assert_eq!(texts("3 000"), ["3", "000"], "a plain space does not group digits");
    }

    #[test]
    fn kinds() {
        let kinds: Vec<WordKind> = words("2026 год, 3\u{a0}000, a@b.ru, www.x.org").iter().map(|w| w.kind).collect();
        assert_eq!(kinds, [WordKind::Number, WordKind::Text, WordKind::Number, WordKind::Email, WordKind::Url]);
    }

    #[test]
    fn part_boundaries() {
        let text = "генерал-майор pro-Russian Interpol's";
        assert!(is_part_boundary(text, text.find("майор").unwrap()));
        assert!(!is_word_boundary(text, text.find("майор").unwrap()));
        assert!(!is_part_boundary(text, text.find("'s").unwrap()));
        assert!(!is_part_boundary(text, 2), "inside a letter's bytes");
        assert!(is_part_boundary(text, text.len()));
    }

    #[test]
    fn counts() {
        let c = count("Генерал-майор, 3\u{a0}000 человек.");
        assert_eq!((c.words, c.numbers), (3, 1));
        assert_eq!(c.whitespace, 3, "the no-break space too");
        assert_eq!(c.punctuation, 3, "the hyphen, the comma and the full stop");
        assert_eq!(c.characters, "Генерал-майор,3000человек.".chars().count() as u64);
        assert_eq!(count(" — ").words, 0);
        // и + combining breve is one character for people.
        assert_eq!(count("и\u{306}").characters, 1);
    }

    /// A dozen sentences chosen to differ between word counters, each with the count GMX-V's
    /// rules give (see [`count`]); the same table is in the README.
    #[test]
    fn gmx_v_counts_of_sentences_that_differ() {
        let table: [(&str, u64); 13] = [
            ("Генерал-майор полиции встретился с делегацией.", 5),
            ("The well-known Interpol's Red Notice was issued.", 7),
            ("В 2026 году задержано 3 000 человек.", 7),
            ("Задержано 3\u{a0}000 человек.", 3),
            ("Revenue rose by 1,250.5 million roubles, or 12.5%.", 8),
            ("Подробности на сайте https://мвд.рф/news/item/12345.", 4),
            ("Write to press@interpol.int or call +7 495 123-45-67.", 8),
            ("The U.S. and the U.K. signed the memorandum on 7 December 2026.", 12),
            ("Встреча прошла 07.12.2026 в 10:30.", 6),
            ("«Интерпол» — это крупнейшая международная полицейская организация.", 6),
            ("He can't say whether the suspect's car was in Lyon.", 10),
            ("Сотрудники МВД России и FBI провели совместную операцию.", 8),
            ("Police/customs units seized 2 tonnes, т.е. в 5 раз больше, чем в 2019-2020 гг.", 15),
        ];
        for (sentence, words) in table {
            assert_eq!(count(sentence).words, words, "{sentence}: {:?}", super::words(sentence));
        }
    }

    #[test]
    fn widths() {
        assert_eq!(display_width("Лион"), 4);
        assert_eq!(display_width("и\u{306}"), 1);
        assert_eq!(display_width("東京"), 4);
        assert_eq!(display_width("\t"), 4);
    }
}
