//! Numbers in running text, read the same way for both languages so that a Russian sentence
//! and its English translation can be compared figure by figure:
//!
//! - digits in each language's notation: `3 000`, `3,000` and `3000` are 3000; `1,5`
//!   (Russian) and `1.5` (English) are 1.5; a scale word after them applies (`1,5 млн` =
//!   `1.5 million` = 1,500,000); `3½` and `3 1/2` are 3.5;
//! - numbers in words in every Russian case and in English (`сорока восьми` = `forty-eight`,
//!   `трёх с половиной миллионов` = `three and a half million`, `полутора` = 1.5, `a dozen`);
//!   ordinals (`первый`, `first`) as numbers that only confirm a figure;
//! - dates: `27.11.2026` is day 27, month 11, year 2026; month names in every case and their
//!   English abbreviations; weekdays;
//! - times of day as minutes after midnight: `17:30` = `17.30` = `5.30pm` = `5:30 p.m.` =
//!   `5 ч 30 мин`… and `4 часа утра` = `4 a.m.`;
//! - decades (`the 1930s` = `30-е годы`);
//! - units after a figure (`85 mph`, `135 км/ч`, `10 inches`, `25 см`), carried over a range
//!   (`1 to 4 inches`, `от 2,5 до 10 см`), so that a converted figure can be recognised, and a
//!   conversion in brackets (`45 miles (72 kilometers)`) marked as the same quantity.
//!
//! A digit run glued to letters that are no unit or suffix (`247sports`, a typo such as
//! `0ведены`) is not a number.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::Lang;
use super::Span;

/// What kind of number a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// Written in digits.
    Digits,
    /// A cardinal number in words (`two`, `сорока восьми`).
    Word,
    /// An ordinal in words (`first`, `третьего`): confirms a figure, never reported itself.
    Ordinal,
    /// A month, by name or as the middle of a numeric date.
    Month,
    /// A day of the week (1 = Monday).
    Weekday,
    /// A time of day; the value is minutes after midnight.
    Time,
    /// A decade (`1930s`, `30-е`): compared by its last two digits.
    Decade,
}

/// What a unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Length,
    Speed,
    Mass,
    Temperature,
    Area,
    Volume,
}

/// A unit after a figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit {
    pub dimension: Dimension,
    /// Multiplier to the dimension's metric base (metre, km/h, kilogram, hectare, litre);
    /// unused for temperatures.
    pub factor: f64,
    pub metric: bool,
    /// How the unit is shown in messages (`mph`, `km/h`).
    pub name: &'static str,
}

impl Unit {
    /// The value in the dimension's metric base unit; a temperature in degrees Celsius (an
    /// English `degrees` of unknown scale gives both readings).
    #[must_use]
    pub fn to_base(&self, value: f64) -> Vec<f64> {
        match (self.dimension, self.name) {
            (Dimension::Temperature, "°F") => vec![(value - 32.0) * 5.0 / 9.0],
            (Dimension::Temperature, "degrees") => vec![value, (value - 32.0) * 5.0 / 9.0],
            (Dimension::Temperature, _) => vec![value],
            _ => vec![value * self.factor],
        }
    }

    /// `value` of this unit expressed in `other` (of the same dimension), for messages (an
    /// English `degrees` by its first reading, Celsius).
    #[must_use]
    pub fn convert(&self, value: f64, other: &Unit) -> f64 {
        let base = self.to_base(value).first().copied().unwrap_or(value);
        match (other.dimension, other.name) {
            (Dimension::Temperature, "°F") => base * 9.0 / 5.0 + 32.0,
            (Dimension::Temperature, _) => base,
            _ => base / other.factor,
        }
    }
}

/// One number found in a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub span: Span,
    /// The value as written (`1.5` for `1,5 млн`; minutes after midnight for a time).
    pub value: f64,
    /// The value with a following scale word applied (`1500000` for `1,5 млн`).
    pub scaled: f64,
    pub kind: NumberKind,
    /// The unit written after it (or after the end of its range).
    pub unit: Option<Unit>,
    /// A time written without a.m./p.m. or утра/вечера, which may be twelve hours off.
    pub twelve_hour: bool,
    /// The index of the number this one restates in another unit (`72 kilometers` in
    /// `45 miles (72 kilometers)`).
    pub restates: Option<usize>,
}

impl Number {
    fn new(span: Span, value: f64, kind: NumberKind) -> Number {
        Number { span, value, scaled: value, kind, unit: None, twelve_hour: false, restates: None }
    }

    /// The value as text: integers without a decimal point, decimals without trailing zeros.
    #[must_use]
    pub fn key(&self) -> String {
        canonical(self.value)
    }

    /// Whether a scale word (`млн`, `billion`) follows it.
    #[must_use]
    pub fn has_scale(&self) -> bool {
        self.kind != NumberKind::Time && (self.scaled - self.value).abs() > f64::EPSILON
    }
}

/// Formats a value the way both languages' figures normalise to.
#[must_use]
pub fn canonical(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 { format!("{value:.0}") } else { format!("{value}") }
}

/// Every number in `text`, in order.
#[must_use]
pub fn numbers(text: &str, lang: Lang) -> Vec<Number> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut scanner = Scanner { text, chars: &chars, lang, found: Vec::new() };
    scanner.scan();
    let mut found = scanner.found;
    found.sort_by_key(|n| n.span.start);
    units(text, &mut found);
    found
}

struct Scanner<'a> {
    text: &'a str,
    chars: &'a [(usize, char)],
    lang: Lang,
    found: Vec<Number>,
}

impl Scanner<'_> {
    fn offset(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.text.len(), |&(offset, _)| offset)
    }

    fn char(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&(_, c)| c)
    }

    fn scan(&mut self) {
        let mut i = 0;
        while i < self.chars.len() {
            let c = self.chars[i].1;
            if c.is_alphabetic() {
                i = self.words(i);
            } else if c.is_ascii_digit() && (i == 0 || !self.chars[i - 1].1.is_alphanumeric()) {
                i = self.figure(i);
            } else {
                i += 1;
            }
        }
    }

    /// A word at `i`, or a run of number words from it; returns where scanning goes on.
    fn words(&mut self, start: usize) -> usize {
        let mut words: Vec<(usize, usize, String)> = Vec::new();
        let mut i = start;
        loop {
            let word_start = i;
            while i < self.chars.len() && self.chars[i].1.is_alphabetic() {
                i += 1;
            }
            let lower: String = self.text[self.offset(word_start)..self.offset(i)].to_lowercase().replace('ё', "е");
            words.push((word_start, i, lower));
            // Number words go on over spaces and hyphens (`forty-eight`, `сорока восьми`).
            let mut j = i;
            while j < self.chars.len() && matches!(self.chars[j].1, ' ' | '\u{A0}' | '-') && j - i < 2 {
                j += 1;
            }
            let next_is_word = j > i && self.char(j).is_some_and(char::is_alphabetic);
            if !next_is_word || words.len() >= 12 {
                break;
            }
            // Continue only while the run can still be a number.
            if !could_continue(words.last().map_or("", |(_, _, w)| w.as_str()), self.lang) {
                break;
            }
            i = j;
        }
        let (first_start, first_end, first) = (words[0].0, words[0].1, words[0].2.clone());
        let span_of = |s: &Self, a: usize, b: usize| Span::new(s.offset(a), s.offset(b));
        // A run of number words.
        let run: Vec<&str> = words.iter().map(|(_, _, w)| w.as_str()).collect();
        let after_digits = self.text[..self.offset(first_start)].trim_end().ends_with(|c: char| c.is_ascii_digit());
        if let Some((value, used)) = cardinal_run(&run, self.lang)
            && !(after_digits && scale_word(run[0], self.lang).is_some())
        {
            let end = words[used - 1].1;
            self.found.push(Number::new(span_of(self, first_start, end), value, NumberKind::Word));
            return end;
        }
        let span = span_of(self, first_start, first_end);
        let original = &self.text[span.start..span.end];
        if let Some(month) = self.month_word(&first, original, first_end) {
            self.found.push(Number::new(span, f64::from(month), NumberKind::Month));
        } else if let Some(day) = weekday(&first, original, self.lang) {
            self.found.push(Number::new(span, f64::from(day), NumberKind::Weekday));
        } else if let Some(value) = ordinal(&first, self.lang) {
            self.found.push(Number::new(span, value, NumberKind::Ordinal));
        }
        first_end
    }

    /// A month name; English `May` and abbreviations only next to a figure.
    fn month_word(&self, lower: &str, original: &str, end: usize) -> Option<u8> {
        let month = month(lower, self.lang)?;
        if self.lang == Lang::Ru {
            return Some(month);
        }
        if !original.starts_with(char::is_uppercase) {
            return None;
        }
        let full = FULL_MONTHS[usize::from(month) - 1];
        let needs_figure = lower == "may" || lower.trim_end_matches('.') != full;
        if !needs_figure {
            return Some(month);
        }
        let before = self.text[..self.offset(end - original.chars().count())].trim_end();
        let mut after = self.text[self.offset(end)..].trim_start_matches('.').trim_start();
        after = after.trim_start_matches(',').trim_start();
        let figure_near = before.ends_with(|c: char| c.is_ascii_digit())
            || before.ends_with("th")
            || after.starts_with(|c: char| c.is_ascii_digit());
        figure_near.then_some(month)
    }

    /// A figure at `start`; returns where scanning goes on.
    fn figure(&mut self, start: usize) -> usize {
        if let Some(end) = self.time(start) {
            return end;
        }
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut separators: Vec<char> = Vec::new();
        let mut j = start;
        loop {
            let group_start = j;
            while j < self.chars.len() && self.chars[j].1.is_ascii_digit() {
                j += 1;
            }
            groups.push((group_start, j));
            let joins = j + 1 < self.chars.len()
                && matches!(self.chars[j].1, ',' | '.' | ' ' | '\u{A0}' | '\u{202F}')
                && self.chars[j + 1].1.is_ascii_digit()
                // `3 1/2` is three and a half, not 31 halves.
                && !(self.chars[j].1 == ' ' && self.fraction_at(j + 1).is_some());
            if !joins {
                break;
            }
            separators.push(self.chars[j].1);
            j += 1;
        }
        // Glued to letters: a unit or suffix (`5km`, `30th`, `1930s`, `7am`), else no number.
        let suffix: String = self.chars[j..].iter().map(|&(_, c)| c).take_while(|c| c.is_alphabetic()).collect();
        if !suffix.is_empty() {
            let lower = suffix.to_lowercase();
            if lower == "s" && groups.len() == 1 && matches!(groups[0].1 - groups[0].0, 2 | 4) {
                let span = Span::new(self.offset(start), self.offset(j));
                let value = self.digits(groups[0]).parse::<f64>().unwrap_or_default();
                self.found.push(Number::new(span, value, NumberKind::Decade));
                return j + 1;
            }
            if !glued_suffix(&lower, self.lang) {
                return j + suffix.chars().count();
            }
        }
        let digits: Vec<(String, Span)> =
            groups.iter().map(|&(a, b)| (self.digits((a, b)), Span::new(self.offset(a), self.offset(b)))).collect();
        let before = self.found.len();
        interpret(&digits, &separators, self.lang, &mut self.found);
        let mut end = j;
        if self.found.len() == before {
            return end;
        }
        let last = self.found.len() - 1;
        // `3½`, `3 1/2`.
        let fraction = match self.char(j) {
            Some('½') => Some((0.5, j + 1)),
            Some('¼') => Some((0.25, j + 1)),
            Some('¾') => Some((0.75, j + 1)),
            Some(' ') => self.fraction_at(j + 1),
            _ => None,
        };
        if let Some((part, after)) = fraction
            && self.found[last].value.fract() == 0.0
        {
            let span_end = self.offset(after);
            let number = &mut self.found[last];
            number.value += part;
            number.scaled = number.value;
            number.span = Span::new(number.span.start, span_end);
            end = after;
        }
        // A scale word after the last number applies to it.
        let rest = &self.text[self.offset(end)..];
        if self.found[last].kind == NumberKind::Digits
            && let Some(scale) = scale_after(rest, self.lang)
        {
            self.found[last].scaled = self.found[last].value * scale;
        }
        // `30-е годы`: a decade.
        let number = &mut self.found[last];
        if self.lang == Lang::Ru
            && (rest.starts_with("-е год") || rest.starts_with("-х год") || rest.starts_with("-е гг"))
            && number.value.fract() == 0.0
            && number.value % 10.0 == 0.0
        {
            number.kind = NumberKind::Decade;
        }
        end
    }

    fn digits(&self, (a, b): (usize, usize)) -> String {
        self.chars[a..b].iter().map(|&(_, c)| c).collect()
    }

    /// `1/2`, `3/4` at `i` (a vulgar fraction after a whole number).
    fn fraction_at(&self, i: usize) -> Option<(f64, usize)> {
        let (n, slash, d) = (self.char(i)?, self.char(i + 1)?, self.char(i + 2)?);
        if slash != '/' || !n.is_ascii_digit() || !d.is_ascii_digit() {
            return None;
        }
        if self.char(i + 3).is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        let (n, d) = (f64::from(n.to_digit(10)?), f64::from(d.to_digit(10)?));
        (n < d && d <= 8.0).then_some((n / d, i + 3))
    }

    /// A time of day at `start`: `17:30`, `17.30` (Russian, or English with a.m./p.m.),
    /// `5.30pm`, `7 p.m.`, `4 часа утра`, `4:40 утра`.
    fn time(&mut self, start: usize) -> Option<usize> {
        let mut j = start;
        while j < self.chars.len() && self.chars[j].1.is_ascii_digit() && j - start < 3 {
            j += 1;
        }
        let hour: u32 = self.digits((start, j)).parse().ok()?;
        if j - start > 2 || hour > 24 {
            return None;
        }
        let mut minutes = None;
        let mut end = j;
        let separator = self.char(j);
        if matches!(separator, Some(':' | '.'))
            && self.char(j + 1).is_some_and(|c| c.is_ascii_digit())
            && self.char(j + 2).is_some_and(|c| c.is_ascii_digit())
            && !self.char(j + 3).is_some_and(|c| c.is_ascii_digit())
            // `27.11.2026` is a date.
            && !(matches!(self.char(j + 3), Some('.' | ':')) && self.char(j + 4).is_some_and(|c| c.is_ascii_digit()))
        {
            let m: u32 = self.digits((j + 1, j + 3)).parse().ok()?;
            if m >= 60 {
                return None;
            }
            minutes = Some(m);
            end = j + 3;
        }
        let rest = &self.text[self.offset(end)..];
        let (meridiem, consumed) = meridiem(rest, self.lang);
        let is_time = meridiem.is_some() || (minutes.is_some() && (separator == Some(':') || self.lang == Lang::Ru));
        if !is_time {
            return None;
        }
        let mut value = hour * 60 + minutes.unwrap_or(0);
        let twelve_hour = match meridiem {
            Some(Meridiem::Morning) => {
                if hour == 12 {
                    value -= 12 * 60;
                }
                false
            }
            Some(Meridiem::Afternoon) => {
                if hour < 12 {
                    value += 12 * 60;
                }
                false
            }
            None => hour <= 12,
        };
        let end_offset = self.offset(end) + consumed;
        let mut number =
            Number::new(Span::new(self.offset(start), self.offset(end)), f64::from(value), NumberKind::Time);
        number.twelve_hour = twelve_hour;
        self.found.push(number);
        // Go on after what was read.
        Some(self.chars.partition_point(|&(offset, _)| offset < end_offset))
    }
}

#[derive(Debug, Clone, Copy)]
enum Meridiem {
    Morning,
    Afternoon,
}

/// `am`, `p.m.`, `утра`, `часов вечера` after a figure: which half of the day, and the bytes
/// it takes.
fn meridiem(rest: &str, lang: Lang) -> (Option<Meridiem>, usize) {
    let trimmed = rest.trim_start_matches([' ', '\u{A0}']);
    let skipped = rest.len() - trimmed.len();
    let lower = trimmed.to_lowercase();
    let word_end = |n: usize| !lower[n..].starts_with(|c: char| c.is_alphanumeric());
    match lang {
        Lang::En => {
            for (form, half) in [
                ("a.m.", Meridiem::Morning),
                ("p.m.", Meridiem::Afternoon),
                ("a.m", Meridiem::Morning),
                ("p.m", Meridiem::Afternoon),
                ("am", Meridiem::Morning),
                ("pm", Meridiem::Afternoon),
            ] {
                if lower.starts_with(form) && word_end(form.len()) {
                    return (Some(half), skipped + form.len());
                }
            }
            (None, 0)
        }
        Lang::Ru => {
            let mut words = lower.split_whitespace();
            let mut first = words.next().unwrap_or_default().trim_end_matches(['.', ',']);
            let mut taken = 0;
            if matches!(first, "час" | "часа" | "часов" | "ч") {
                taken = lower.find(first).unwrap_or(0) + first.len();
                first = words.next().unwrap_or_default().trim_end_matches(['.', ',']);
            }
            let half = match first {
                "утра" | "ночи" => Meridiem::Morning,
                "дня" | "вечера" => Meridiem::Afternoon,
                _ => return (None, 0),
            };
            let at = lower[taken..].find(first).map_or(0, |p| p + taken + first.len());
            (Some(half), skipped + at)
        }
    }
}

/// Letters that may follow a figure directly.
fn glued_suffix(lower: &str, lang: Lang) -> bool {
    const EN: [&str; 25] = [
        "st", "nd", "rd", "th", "s", "am", "pm", "km", "kg", "cm", "mm", "m", "mph", "kph", "ft", "lb", "lbs", "k",
        "bn", "mn", "g", "x", "million", "billion", "thousand",
    ];
    const RU: [&str; 14] = ["км", "кг", "см", "мм", "м", "г", "гг", "ч", "тыс", "млн", "млрд", "й", "х", "е"];
    match lang {
        Lang::En => EN.contains(&lower),
        Lang::Ru => RU.contains(&lower) || EN.contains(&lower),
    }
}

fn interpret(groups: &[(String, Span)], separators: &[char], lang: Lang, out: &mut Vec<Number>) {
    let push = |out: &mut Vec<Number>, text: &str, span: Span, kind: NumberKind| {
        if let Ok(value) = text.parse::<f64>() {
            out.push(Number::new(span, value, kind));
        }
    };
    // dd.mm.yyyy and dd.mm.yy
    if groups.len() == 3
        && separators.iter().all(|&c| c == '.')
        && groups[0].0.len() <= 2
        && groups[1].0.len() <= 2
        && let Ok(month) = groups[1].0.parse::<u8>()
        && (1..=12).contains(&month)
    {
        push(out, &groups[0].0, groups[0].1, NumberKind::Digits);
        push(out, &groups[1].0, groups[1].1, NumberKind::Month);
        push(out, &groups[2].0, groups[2].1, NumberKind::Digits);
        return;
    }
    let mut current = groups[0].0.clone();
    let mut current_start = groups[0].1.start;
    let mut current_end = groups[0].1.end;
    let mut decimal = false;
    for (separator, (group, span)) in separators.iter().zip(&groups[1..]) {
        let thousands = match (lang, separator) {
            (_, ' ' | '\u{A0}' | '\u{202F}') => group.len() == 3 && lang == Lang::Ru,
            (Lang::En, ',') => group.len() == 3,
            // A Russian text that writes English-style `51,000`.
            (Lang::Ru, ',') => group.len() == 3 && groups.len() == 2 && current.len() <= 3 && !current.starts_with('0'),
            _ => false,
        };
        let is_decimal = matches!((lang, separator), (Lang::Ru, ',') | (_, '.'));
        if thousands && !decimal {
            current.push_str(group);
            current_end = span.end;
        } else if is_decimal && !decimal {
            current.push('.');
            current.push_str(group);
            current_end = span.end;
            decimal = true;
        } else {
            push(out, &current, Span::new(current_start, current_end), NumberKind::Digits);
            current.clone_from(group);
            current_start = span.start;
            current_end = span.end;
            decimal = false;
        }
    }
    push(out, &current, Span::new(current_start, current_end), NumberKind::Digits);
}

fn scale_after(rest: &str, lang: Lang) -> Option<f64> {
    let rest = rest.trim_start_matches([' ', '\u{A0}', '\u{202F}', '-']);
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect();
    let scales: &[(&str, f64)] = match lang {
        Lang::Ru => &[("тыс", 1e3), ("млн", 1e6), ("миллион", 1e6), ("млрд", 1e9), ("миллиард", 1e9), ("трлн", 1e12)],
        Lang::En => &[
            ("thousand", 1e3),
            ("million", 1e6),
            ("mln", 1e6),
            ("mn", 1e6),
            ("m", 1e6),
            ("billion", 1e9),
            ("bn", 1e9),
            ("trillion", 1e12),
        ],
    };
    scales
        .iter()
        .find(|(prefix, _)| match lang {
            Lang::Ru => word.starts_with(prefix),
            // `m` only glued or as a word of its own (`$3.5m`), never `miles`.
            Lang::En => {
                word == *prefix || (word.len() == prefix.len() + 1 && word.starts_with(prefix) && prefix.len() > 2)
            }
        })
        .map(|&(_, s)| s)
}

const FULL_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month a (lower-case) word names: Russian month names in any case form, English names
/// and their abbreviations (`Nov`, `Sept`).
#[must_use]
pub fn month(word: &str, lang: Lang) -> Option<u8> {
    match lang {
        Lang::Ru => {
            const SOFT: [(&str, u8); 9] = [
                ("январ", 1),
                ("феврал", 2),
                ("апрел", 4),
                ("июн", 6),
                ("июл", 7),
                ("сентябр", 9),
                ("октябр", 10),
                ("ноябр", 11),
                ("декабр", 12),
            ];
            const HARD: [(&str, u8); 2] = [("март", 3), ("август", 8)];
            let word = word.replace('ё', "е");
            if matches!(word.as_str(), "май" | "мая" | "мае" | "маем" | "маю") {
                return Some(5);
            }
            let soft = SOFT.iter().find_map(|(stem, m)| {
                let ending = word.strip_prefix(stem)?;
                matches!(ending, "ь" | "я" | "е" | "ю" | "ем").then_some(*m)
            });
            soft.or_else(|| {
                HARD.iter().find_map(|(stem, m)| {
                    let ending = word.strip_prefix(stem)?;
                    matches!(ending, "" | "а" | "е" | "у" | "ом").then_some(*m)
                })
            })
        }
        Lang::En => {
            let word = word.trim_end_matches('.');
            FULL_MONTHS
                .iter()
                .position(|name| {
                    *name == word
                        || (word.len() >= 3
                            && word.len() <= 4
                            && word != "may"
                            && name.starts_with(word)
                            && (word.len() == 3 || word == "sept"))
                })
                .and_then(|i| u8::try_from(i + 1).ok())
        }
    }
}

/// The day of the week a word names (1 = Monday).
fn weekday(lower: &str, original: &str, lang: Lang) -> Option<u8> {
    match lang {
        Lang::En => {
            const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
            let lower = lower.strip_suffix('s').filter(|w| w.ends_with("day")).unwrap_or(lower);
            if !original.starts_with(char::is_uppercase) {
                return None;
            }
            DAYS.iter().position(|d| *d == lower).and_then(|i| u8::try_from(i + 1).ok())
        }
        Lang::Ru => {
            const DAYS: [(&str, &[&str], u8); 7] = [
                ("понедельник", &["", "а", "у", "ом", "е", "и", "ам"], 1),
                ("вторник", &["", "а", "у", "ом", "е", "и", "ам"], 2),
                // `среда` is also the environment: only `в среду`-like forms.
                ("сред", &["у"], 3),
                ("четверг", &["", "а", "у", "ом", "е", "и", "ам"], 4),
                ("пятниц", &["а", "у", "ы", "е", "ей", "ам"], 5),
                ("суббот", &["а", "у", "ы", "е", "ой", "ам"], 6),
                ("воскресень", &["е", "я", "ю", "ем"], 7),
            ];
            DAYS.iter().find_map(|(stem, endings, day)| {
                let ending = lower.strip_prefix(stem)?;
                endings.contains(&ending).then_some(*day)
            })
        }
    }
}

/// The value of an ordinal word (`first`, `третьего`).
fn ordinal(lower: &str, lang: Lang) -> Option<f64> {
    match lang {
        Lang::En => {
            const WORDS: [&str; 12] = [
                "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                "eleventh", "twelfth",
            ];
            WORDS.iter().position(|w| *w == lower).map(|i| (i + 1) as f64)
        }
        Lang::Ru => {
            const STEMS: [(&str, f64); 10] = [
                ("перв", 1.0),
                ("втор", 2.0),
                ("трет", 3.0),
                ("четверт", 4.0),
                ("пят", 5.0),
                ("шест", 6.0),
                ("седьм", 7.0),
                ("восьм", 8.0),
                ("девят", 9.0),
                ("десят", 10.0),
            ];
            const ENDINGS: [&str; 26] = [
                "ый", "ой", "ая", "ое", "ые", "ого", "ому", "ым", "ом", "ую", "ых", "ыми", "ий", "ья", "ье", "ьи",
                "ьего", "ьему", "ьим", "ьем", "ьей", "ью", "ьих", "ьими", "ей", "ое",
            ];
            STEMS.iter().find_map(|(stem, v)| {
                let ending = lower.strip_prefix(stem)?;
                // `втор` + `ой` is `второй`; `пят` + `ый`; `трет` + `ий`/`ьего`.
                ENDINGS.contains(&ending).then_some(*v)
            })
        }
    }
}

/// A scale word and its value (`тысячи`, `million`).
fn scale_word(lower: &str, lang: Lang) -> Option<f64> {
    match lang {
        Lang::Ru => [("тысяч", 1e3), ("миллион", 1e6), ("миллиард", 1e9), ("триллион", 1e12)]
            .iter()
            .find(|(stem, _)| lower.starts_with(stem) && lower.len() <= stem.len() + 6)
            .map(|&(_, v)| v),
        Lang::En => match lower {
            "thousand" => Some(1e3),
            "million" => Some(1e6),
            "billion" => Some(1e9),
            "trillion" => Some(1e12),
            _ => None,
        },
    }
}

/// A cardinal word under a thousand (`сорока`, `forty`, `двухсот`), looked up in a table
/// built once: this runs for every word the aligner and the checks read.
fn cardinal_word(lower: &str, lang: Lang) -> Option<f64> {
    static TABLES: LazyLock<[HashMap<String, f64>; 2]> =
        LazyLock::new(|| [cardinal_table(Lang::Ru), cardinal_table(Lang::En)]);
    TABLES[usize::from(lang == Lang::En)].get(lower).copied()
}

/// Every form of the cardinal words under a thousand, with its value.
fn cardinal_table(lang: Lang) -> HashMap<String, f64> {
    let mut table = HashMap::new();
    match lang {
        Lang::En => {
            const UNITS: [&str; 19] = [
                "one",
                "two",
                "three",
                "four",
                "five",
                "six",
                "seven",
                "eight",
                "nine",
                "ten",
                "eleven",
                "twelve",
                "thirteen",
                "fourteen",
                "fifteen",
                "sixteen",
                "seventeen",
                "eighteen",
                "nineteen",
            ];
            const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
            for (i, word) in UNITS.iter().enumerate() {
                table.insert((*word).to_owned(), (i + 1) as f64);
            }
            for (i, word) in TENS.iter().enumerate() {
                table.insert((*word).to_owned(), ((i + 2) * 10) as f64);
            }
        }
        Lang::Ru => {
            const FORMS: [(&str, f64); 36] = [
                ("один одна одно одного одной одному одним одном одну одни одних", 1.0),
                ("два две двух двум двумя", 2.0),
                ("три трех трем тремя", 3.0),
                ("четыре четырех четырем четырьмя", 4.0),
                ("пять пяти пятью", 5.0),
                ("шесть шести шестью", 6.0),
                ("семь семи", 7.0),
                ("восемь восьми восемью", 8.0),
                ("девять девяти девятью", 9.0),
                ("десять десяти десятью", 10.0),
                ("сорок сорока", 40.0),
                ("девяносто девяноста", 90.0),
                ("сто ста", 100.0),
                ("двести двухсот двумстам двумястами двухстах", 200.0),
                ("триста трехсот тремстам тремястами трехстах", 300.0),
                ("четыреста четырехсот четыремстам четырьмястами четырехстах", 400.0),
                ("пятьсот пятисот пятистам пятьюстами пятистах", 500.0),
                ("шестьсот шестисот шестистам шестьюстами шестистах", 600.0),
                ("семьсот семисот семистам семьюстами семистах", 700.0),
                ("восемьсот восьмисот восьмистам восьмьюстами восьмистах", 800.0),
                ("девятьсот девятисот девятистам девятьюстами девятистах", 900.0),
                ("пятьдесят пятидесяти пятьюдесятью", 50.0),
                ("шестьдесят шестидесяти шестьюдесятью", 60.0),
                ("семьдесят семидесяти семьюдесятью", 70.0),
                ("восемьдесят восьмидесяти восемьюдесятью", 80.0),
                ("двадцать двадцати двадцатью", 20.0),
                ("тридцать тридцати тридцатью", 30.0),
                ("полтора полторы полутора", 1.5),
                ("двое двоих двоим двоими", 2.0),
                ("трое троих троим троими", 3.0),
                ("четверо четверых четверым четверыми", 4.0),
                ("пятеро пятерых пятерым пятерыми", 5.0),
                ("шестеро шестерых шестерым", 6.0),
                ("семеро семерых семерым", 7.0),
                ("сутки суток суткам сутках", 24.0),
                ("полтораста полутораста", 150.0),
            ];
            const TEENS: [(&str, f64); 9] = [
                ("одиннадцат", 11.0),
                ("двенадцат", 12.0),
                ("тринадцат", 13.0),
                ("четырнадцат", 14.0),
                ("пятнадцат", 15.0),
                ("шестнадцат", 16.0),
                ("семнадцат", 17.0),
                ("восемнадцат", 18.0),
                ("девятнадцат", 19.0),
            ];
            for (stem, value) in TEENS {
                for ending in ["ь", "и", "ью"] {
                    table.insert(format!("{stem}{ending}"), value);
                }
            }
            for (forms, value) in FORMS {
                for form in forms.split(' ') {
                    table.insert(form.to_owned(), value);
                }
            }
        }
    }
    table
}

/// Whether a run of words could still grow into a number.
fn could_continue(last: &str, lang: Lang) -> bool {
    cardinal_word(last, lang).is_some()
        || scale_word(last, lang).is_some()
        || matches!(last, "hundred" | "dozen" | "decade" | "decades" | "half" | "an" | "половиной")
        || last.starts_with("десятилети")
        || matches!(last, "a" | "and" | "с")
}

/// The value of a run of number words from its start, and how many words it takes:
/// `forty eight`, `three and a half million`, `a dozen`, `трёх с половиной миллионов`,
/// `сорока восьми`, `полутора тысяч`.
fn cardinal_run(words: &[&str], lang: Lang) -> Option<(f64, usize)> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut used = 0;
    let mut any = false;
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        let next = words.get(i + 1).copied();
        if let Some(v) = cardinal_word(word, lang) {
            // `one two` is two numbers; `twenty one` one.
            if any && current > 0.0 && (current % 10.0 != 0.0 || v >= current) {
                break;
            }
            current += v;
        } else if word == "hundred" && (any || i > 0) {
            current = current.max(1.0) * 100.0;
        } else if word == "dozen" {
            current = current.max(1.0) * 12.0;
        } else if (matches!(word, "decade" | "decades") || word.starts_with("десятилети")) && (any || i > 0) {
            current = current.max(1.0) * 10.0;
        } else if let Some(scale) = scale_word(word, lang) {
            total += current.max(1.0) * scale;
            current = 0.0;
        } else if lang == Lang::En
            && word == "a"
            && !any
            && next.is_some_and(|n| {
                matches!(n, "dozen" | "decade" | "hundred" | "thousand" | "million" | "billion" | "half")
            })
        {
            if next == Some("half") {
                current += 0.5;
                i += 2;
                used = i;
                any = true;
                continue;
            }
            current = 1.0;
            i += 1;
            continue;
        } else if lang == Lang::En && word == "and" && any && next == Some("a") && words.get(i + 2) == Some(&"half") {
            current += 0.5;
            i += 3;
            used = i;
            continue;
        } else if lang == Lang::En && word == "and" && any && next.is_some_and(|n| cardinal_word(n, lang).is_some()) {
            i += 1;
            continue;
        } else if lang == Lang::Ru && word == "с" && any && next == Some("половиной") {
            current += 0.5;
            i += 2;
            used = i;
            continue;
        } else if lang == Lang::En && word == "half" && !any && next.is_some_and(|n| matches!(n, "an" | "a")) {
            // `half an inch`: the article belongs to the number, so the unit follows it.
            current = 0.5;
            any = true;
            used = i + 2;
            break;
        } else {
            break;
        }
        any = true;
        i += 1;
        used = i;
    }
    (any && used > 0).then_some((total + current, used))
}

const fn unit(dimension: Dimension, factor: f64, metric: bool, name: &'static str) -> Unit {
    Unit { dimension, factor, metric, name }
}

/// Units as written after a figure, longest forms first where one starts another (`km/h`
/// before `km`, `mph` before `mile`).
const UNITS: [(&str, Unit); 67] = [
    ("km/h", unit(Dimension::Speed, 1.0, true, "km/h")),
    ("км/ч", unit(Dimension::Speed, 1.0, true, "km/h")),
    ("kph", unit(Dimension::Speed, 1.0, true, "km/h")),
    ("kilometers per hour", unit(Dimension::Speed, 1.0, true, "km/h")),
    ("kilometres per hour", unit(Dimension::Speed, 1.0, true, "km/h")),
    ("километров в час", unit(Dimension::Speed, 1.0, true, "km/h")),
    ("mph", unit(Dimension::Speed, 1.609_344, false, "mph")),
    ("miles per hour", unit(Dimension::Speed, 1.609_344, false, "mph")),
    ("mile per hour", unit(Dimension::Speed, 1.609_344, false, "mph")),
    ("миль в час", unit(Dimension::Speed, 1.609_344, false, "mph")),
    ("knots", unit(Dimension::Speed, 1.852, false, "knots")),
    ("узл", unit(Dimension::Speed, 1.852, false, "knots")),
    ("kilometer", unit(Dimension::Length, 1000.0, true, "km")),
    ("kilometre", unit(Dimension::Length, 1000.0, true, "km")),
    ("km", unit(Dimension::Length, 1000.0, true, "km")),
    ("километр", unit(Dimension::Length, 1000.0, true, "km")),
    ("км", unit(Dimension::Length, 1000.0, true, "km")),
    ("centimeter", unit(Dimension::Length, 0.01, true, "cm")),
    ("centimetre", unit(Dimension::Length, 0.01, true, "cm")),
    ("cm", unit(Dimension::Length, 0.01, true, "cm")),
    ("сантиметр", unit(Dimension::Length, 0.01, true, "cm")),
    ("см", unit(Dimension::Length, 0.01, true, "cm")),
    ("millimeter", unit(Dimension::Length, 0.001, true, "mm")),
    ("millimetre", unit(Dimension::Length, 0.001, true, "mm")),
    ("mm", unit(Dimension::Length, 0.001, true, "mm")),
    ("миллиметр", unit(Dimension::Length, 0.001, true, "mm")),
    ("мм", unit(Dimension::Length, 0.001, true, "mm")),
    ("meter", unit(Dimension::Length, 1.0, true, "m")),
    ("metre", unit(Dimension::Length, 1.0, true, "m")),
    ("метр", unit(Dimension::Length, 1.0, true, "m")),
    ("м", unit(Dimension::Length, 1.0, true, "m")),
    ("m", unit(Dimension::Length, 1.0, true, "m")),
    ("mile", unit(Dimension::Length, 1609.344, false, "miles")),
    ("миль", unit(Dimension::Length, 1609.344, false, "miles")),
    ("inch", unit(Dimension::Length, 0.0254, false, "inches")),
    ("дюйм", unit(Dimension::Length, 0.0254, false, "inches")),
    ("foot", unit(Dimension::Length, 0.3048, false, "feet")),
    ("feet", unit(Dimension::Length, 0.3048, false, "feet")),
    ("ft", unit(Dimension::Length, 0.3048, false, "feet")),
    ("фут", unit(Dimension::Length, 0.3048, false, "feet")),
    ("yard", unit(Dimension::Length, 0.9144, false, "yards")),
    ("ярд", unit(Dimension::Length, 0.9144, false, "yards")),
    ("kilogram", unit(Dimension::Mass, 1.0, true, "kg")),
    ("kg", unit(Dimension::Mass, 1.0, true, "kg")),
    ("килограмм", unit(Dimension::Mass, 1.0, true, "kg")),
    ("кг", unit(Dimension::Mass, 1.0, true, "kg")),
    ("tonne", unit(Dimension::Mass, 1000.0, true, "t")),
    ("тонн", unit(Dimension::Mass, 1000.0, true, "t")),
    ("pound", unit(Dimension::Mass, 0.453_592, false, "pounds")),
    ("lb", unit(Dimension::Mass, 0.453_592, false, "pounds")),
    ("фунт", unit(Dimension::Mass, 0.453_592, false, "pounds")),
    ("°f", unit(Dimension::Temperature, 1.0, false, "°F")),
    ("°c", unit(Dimension::Temperature, 1.0, true, "°C")),
    ("degrees fahrenheit", unit(Dimension::Temperature, 1.0, false, "°F")),
    ("degrees celsius", unit(Dimension::Temperature, 1.0, true, "°C")),
    ("degree", unit(Dimension::Temperature, 1.0, false, "degrees")),
    ("градус", unit(Dimension::Temperature, 1.0, true, "°C")),
    ("hectare", unit(Dimension::Area, 1.0, true, "ha")),
    ("гектар", unit(Dimension::Area, 1.0, true, "ha")),
    ("га", unit(Dimension::Area, 1.0, true, "ha")),
    ("acre", unit(Dimension::Area, 0.404_686, false, "acres")),
    ("акр", unit(Dimension::Area, 0.404_686, false, "acres")),
    ("liter", unit(Dimension::Volume, 1.0, true, "l")),
    ("litre", unit(Dimension::Volume, 1.0, true, "l")),
    ("литр", unit(Dimension::Volume, 1.0, true, "l")),
    ("gallon", unit(Dimension::Volume, 3.785_41, false, "gallons")),
    ("галлон", unit(Dimension::Volume, 3.785_41, false, "gallons")),
];

/// The unit a text starts with (after the figure): `mph`, `miles per hour`, `км/ч`,
/// `килограммов`, `-foot`.
fn unit_at(rest: &str) -> Option<(Unit, usize)> {
    let trimmed = rest.trim_start_matches([' ', '\u{A0}', '\u{202F}', '-']);
    let skipped = rest.len() - trimmed.len();
    // The longest form (`kilometres per hour`) with an ending fits in 24 characters.
    let lower: String = trimmed.chars().take(24).flat_map(char::to_lowercase).collect();
    UNITS.iter().find_map(|(form, unit)| {
        let after = lower.strip_prefix(form)?;
        // A whole word, or a word with an ending (`kilometers`, `километров`, `метрах`), but
        // `m` and `м` only as words of their own (`м` is not `мужчина`).
        let ending: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
        let allowed = if form.chars().count() <= 2 || form.contains('/') || form.starts_with('°') {
            ending.is_empty()
        } else {
            ending.chars().count() <= 4
        };
        allowed.then(|| (*unit, skipped + form.len() + ending.len()))
    })
}

/// Units after figures, carried over ranges, and conversions in brackets.
fn units(text: &str, found: &mut [Number]) {
    let mut unit_ends = vec![0usize; found.len()];
    for (i, number) in found.iter_mut().enumerate() {
        if !matches!(number.kind, NumberKind::Digits | NumberKind::Word) {
            continue;
        }
        // After a scale word, no unit (`1.5 million pounds` is money).
        if number.has_scale() {
            continue;
        }
        if let Some((unit, length)) = unit_at(&text[number.span.end..]) {
            number.unit = Some(unit);
            unit_ends[i] = number.span.end + length;
        }
    }
    // `1 to 4 inches`, `от 2,5 до 10 см`, `7–10 см`, `6-foot-6`.
    for i in (0..found.len().saturating_sub(1)).rev() {
        if found[i].unit.is_some() || !matches!(found[i].kind, NumberKind::Digits | NumberKind::Word) {
            continue;
        }
        let Some(unit) = found[i + 1].unit else { continue };
        let between = text[found[i].span.end..found[i + 1].span.start].trim().to_lowercase();
        if matches!(between.as_str(), "to" | "-" | "–" | "—" | "до" | "and" | "или" | "or" | "и") {
            found[i].unit = Some(unit);
        }
    }
    // `45 miles (72 kilometers)`: the second restates the first.
    for j in 1..found.len() {
        let (Some(a), Some(b)) = (found[j - 1].unit, found[j].unit) else { continue };
        if a.dimension != b.dimension || unit_ends[j - 1] == 0 {
            continue;
        }
        let between = text.get(unit_ends[j - 1]..found[j].span.start).unwrap_or_default().trim();
        if between == "(" || between == "/" {
            found[j].restates = Some(j - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, lang: Lang) -> Vec<(String, NumberKind, f64)> {
        numbers(text, lang).iter().map(|n| (text[n.span.start..n.span.end].to_owned(), n.kind, n.scaled)).collect()
    }

    fn scaled(text: &str, lang: Lang) -> Vec<f64> {
        numbers(text, lang).iter().map(|n| n.scaled).collect()
    }

    #[test]
    fn both_languages_normalise_alike() {
        let ru = numbers("Изъято 3 000 доз, 1,5 млн рублей; 27.11.2026 в двух городах", Lang::Ru);
        let en = numbers("Seized 3,000 doses, 1.5 million roubles; on 27 November 2026 in two cities", Lang::En);
        let keys = |n: &[Number]| n.iter().map(|n| (canonical(n.scaled), n.kind)).collect::<Vec<_>>();
        assert_eq!(keys(&ru), keys(&en));
        assert_eq!(values("Лион 14-я", Lang::Ru), [("14".to_owned(), NumberKind::Digits, 14.0)]);
    }

    #[test]
    fn spans_are_byte_ranges_in_cyrillic_text() {
        let text = "В Лионе 295 представителей";
        let n = numbers(text, Lang::Ru);
        assert_eq!(&text[n[0].span.start..n[0].span.end], "295");
    }

    #[test]
    fn number_words_in_every_case() {
        assert_eq!(scaled("больше одной и меньше сорока восьми", Lang::Ru), [1.0, 48.0]);
        assert_eq!(scaled("свыше трёх с половиной миллионов рублей", Lang::Ru), [3_500_000.0]);
        assert_eq!(scaled("около полутора тысяч человек", Lang::Ru), [1500.0]);
        assert_eq!(scaled("пятисот двадцати семи участников", Lang::Ru), [527.0]);
        assert_eq!(scaled("more than one and less than forty-eight", Lang::En), [1.0, 48.0]);
        assert_eq!(scaled("three and a half million roubles", Lang::En), [3_500_000.0]);
        assert_eq!(scaled("a dozen officers and one hundred and five cars", Lang::En), [12.0, 105.0]);
        assert_eq!(scaled("3½ hours, 3 1/2 hours", Lang::En), [3.5, 3.5]);
        // A scale after digits is the figure's, not a number of its own.
        assert_eq!(scaled("3 million people; 5 тысяч", Lang::En), [3e6, 5.0]);
        assert_eq!(scaled("5 тысяч человек", Lang::Ru), [5000.0]);
        assert_eq!(scaled("Six people", Lang::En), [6.0]);
    }

    #[test]
    fn times_of_day_are_minutes_after_midnight() {
        let minutes = |text: &str, lang: Lang| {
            numbers(text, lang).iter().filter(|n| n.kind == NumberKind::Time).map(|n| n.value).collect::<Vec<_>>()
        };
        assert_eq!(minutes("в 17:30 и в 17.30", Lang::Ru), [1050.0, 1050.0]);
        assert_eq!(minutes("at 5.30pm, at 5:30 p.m. and 7 p.m.", Lang::En), [1050.0, 1050.0, 1140.0]);
        assert_eq!(minutes("около 4 часов утра, в 4:40 утра, в 7 часов вечера", Lang::Ru), [240.0, 280.0, 1140.0]);
        assert_eq!(minutes("at 04:00 BST, 11 a.m. ET, 12 p.m.", Lang::En), [240.0, 660.0, 720.0]);
        // A date is not a time; a decimal is not a time in English.
        assert_eq!(minutes("27.11.2026; 5.30 per cent", Lang::En), Vec::<f64>::new());
        assert_eq!(minutes("27.11.2026", Lang::Ru), Vec::<f64>::new());
    }

    #[test]
    fn months_weekdays_ordinals_and_decades() {
        let kinds = |text: &str, lang: Lang| numbers(text, lang).iter().map(|n| (n.kind, n.value)).collect::<Vec<_>>();
        assert_eq!(
            kinds("12 марта, в мае, в субботу", Lang::Ru),
            [
                (NumberKind::Digits, 12.0),
                (NumberKind::Month, 3.0),
                (NumberKind::Month, 5.0),
                (NumberKind::Weekday, 6.0)
            ]
        );
        assert_eq!(kinds("Мартин, маршал", Lang::Ru), []);
        assert_eq!(
            kinds("He may go on 12 May, Nov. 3 and Sunday", Lang::En),
            [
                (NumberKind::Digits, 12.0),
                (NumberKind::Month, 5.0),
                (NumberKind::Month, 11.0),
                (NumberKind::Digits, 3.0),
                (NumberKind::Weekday, 7.0)
            ]
        );
        assert_eq!(kinds("первое место, the first time", Lang::Ru)[0], (NumberKind::Ordinal, 1.0));
        assert_eq!(kinds("in the 1930s", Lang::En), [(NumberKind::Decade, 1930.0)]);
        assert_eq!(kinds("в 30-е годы", Lang::Ru), [(NumberKind::Decade, 30.0)]);
    }

    #[test]
    fn glued_letters_make_no_number_unless_a_unit() {
        assert_eq!(scaled("per 247sports, 0ведены", Lang::En), Vec::<f64>::new());
        assert_eq!(scaled("the 30th, 5km", Lang::En), [30.0, 5.0]);
    }

    #[test]
    fn units_ranges_and_restatements() {
        let found = numbers("45 miles (72 kilometers) and 1 to 4 inches of rain at 85 mph", Lang::En);
        let units: Vec<Option<&str>> = found.iter().map(|n| n.unit.map(|u| u.name)).collect();
        assert_eq!(units, [Some("miles"), Some("km"), Some("inches"), Some("inches"), Some("mph")]);
        assert_eq!(found[1].restates, Some(0));
        let found = numbers("от 2,5 до 10 см, 300-килограммовое, 135 км/ч", Lang::Ru);
        let units: Vec<Option<&str>> = found.iter().map(|n| n.unit.map(|u| u.name)).collect();
        assert_eq!(units, [Some("cm"), Some("cm"), Some("kg"), Some("km/h")]);
        // A Russian text with an English-style thousands separator.
        assert_eq!(scaled("51,000 человек", Lang::Ru), [51000.0]);
        assert_eq!(scaled("1,5 человека", Lang::Ru), [1.5]);
    }
}
