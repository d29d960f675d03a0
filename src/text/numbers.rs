//! Numbers in running text, written the same way for both languages: `3 000`, `3,000` and
//! `3000` are 3000; `1,5` (Russian) and `1.5` (English) are 1.5; `27.11.2026` is day 27,
//! month 11, year 2026; `1,5 млн` and `1.5 million` are 1,500,000; month names and the number
//! words one to ten are found too, as soft numbers (they confirm a figure but are never
//! reported missing).

use super::Span;
use crate::segment::Lang;

/// What kind of number a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// Written in digits.
    Digits,
    /// A number word (`two`, `двух`).
    Word,
    /// A month, by name or as the middle of a numeric date.
    Month,
}

/// One number found in a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub span: Span,
    /// The value as written (`1.5` for `1,5 млн`).
    pub value: f64,
    /// The value with a following scale word applied (`1500000` for `1,5 млн`).
    pub scaled: f64,
    pub kind: NumberKind,
}

impl Number {
    /// The value as text: integers without a decimal point, decimals without trailing zeros.
    #[must_use]
    pub fn key(&self) -> String {
        canonical(self.value)
    }
}

/// Formats a value the way both languages' figures normalise to.
#[must_use]
pub fn canonical(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        let text = format!("{value}");
        text
    }
}

/// Every number in `text`, in order.
#[must_use]
pub fn numbers(text: &str, lang: Lang) -> Vec<Number> {
    let mut found = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(offset, _)| offset);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_alphabetic() {
            // A whole word: a month or a number word?
            let start = i;
            while i < chars.len() && chars[i].1.is_alphabetic() {
                i += 1;
            }
            let span = Span::new(chars[start].0, end_of(i));
            let word = text[span.start..span.end].to_lowercase();
            if let Some(month) = month(&word, lang) {
                found.push(Number { span, value: f64::from(month), scaled: f64::from(month), kind: NumberKind::Month });
            } else if let Some(value) = number_word(&word, lang) {
                found.push(Number { span, value, scaled: value, kind: NumberKind::Word });
            }
            continue;
        }
        if !c.is_ascii_digit() || (i > 0 && chars[i - 1].1.is_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut separators: Vec<char> = Vec::new();
        let mut j = i;
        loop {
            let group_start = j;
            while j < chars.len() && chars[j].1.is_ascii_digit() {
                j += 1;
            }
            groups.push((group_start, j));
            let joins = j + 1 < chars.len()
                && matches!(chars[j].1, ',' | '.' | ' ' | '\u{A0}' | '\u{202F}')
                && chars[j + 1].1.is_ascii_digit();
            if !joins {
                break;
            }
            separators.push(chars[j].1);
            j += 1;
        }
        i = j;
        let digits = |(a, b): (usize, usize)| chars[a..b].iter().map(|&(_, c)| c).collect::<String>();
        let groups: Vec<(String, Span)> =
            groups.into_iter().map(|g| (digits(g), Span::new(chars[g.0].0, end_of(g.1)))).collect();
        let whole = Span::new(chars[start].0, end_of(j));
        interpret(&groups, &separators, lang, whole, &mut found);
        // A scale word after the last number applies to it.
        if let Some(last) = found.last_mut()
            && last.kind == NumberKind::Digits
            && let Some(scale) = scale_after(&text[last.span.end..], lang)
        {
            last.scaled = last.value * scale;
        }
    }
    found
}

fn interpret(groups: &[(String, Span)], separators: &[char], lang: Lang, whole: Span, out: &mut Vec<Number>) {
    let push = |out: &mut Vec<Number>, text: &str, span: Span, kind: NumberKind| {
        if let Ok(value) = text.parse::<f64>() {
            out.push(Number { span, value, scaled: value, kind });
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
    let _ = whole;
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
            ("billion", 1e9),
            ("bn", 1e9),
            ("trillion", 1e12),
        ],
    };
    scales
        .iter()
        .find(|(prefix, _)| word.starts_with(prefix) && (lang == Lang::Ru || word.len() <= prefix.len() + 1))
        .map(|&(_, s)| s)
}

/// The month a (lower-case) word names: Russian month names in any case form, English names
/// and their abbreviations (`Nov`, `Sept`).
#[must_use]
pub fn month(word: &str, lang: Lang) -> Option<u8> {
    match lang {
        Lang::Ru => {
            const STEMS: [(&str, u8); 11] = [
                ("январ", 1),
                ("феврал", 2),
                ("март", 3),
                ("апрел", 4),
                ("июн", 6),
                ("июл", 7),
                ("август", 8),
                ("сентябр", 9),
                ("октябр", 10),
                ("ноябр", 11),
                ("декабр", 12),
            ];
            if matches!(word, "май" | "мая" | "мае" | "маем") {
                return Some(5);
            }
            STEMS.iter().find(|(stem, _)| word.starts_with(stem)).map(|&(_, m)| m)
        }
        Lang::En => {
            const NAMES: [&str; 12] = [
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
            let word = word.trim_end_matches('.');
            NAMES
                .iter()
                .position(|name| {
                    *name == word || (word.len() >= 3 && word != "may" && name.starts_with(word) && word.len() <= 4)
                })
                .and_then(|i| u8::try_from(i + 1).ok())
        }
    }
}

fn number_word(word: &str, lang: Lang) -> Option<f64> {
    match lang {
        Lang::En => {
            const WORDS: [&str; 10] = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
            WORDS.iter().position(|w| *w == word).map(|i| (i + 1) as f64)
        }
        Lang::Ru => {
            const FORMS: [(&str, f64); 10] = [
                ("один одна одно одного одной одному одним одном одну", 1.0),
                ("два две двух двум двумя", 2.0),
                ("три трех трем тремя", 3.0),
                ("четыре четырех четырем четырьмя", 4.0),
                ("пять пяти пятью", 5.0),
                ("шесть шести шестью", 6.0),
                ("семь семи семью", 7.0),
                ("восемь восьми восемью", 8.0),
                ("девять девяти девятью", 9.0),
                ("десять десяти десятью", 10.0),
            ];
            let word = word.replace('ё', "е");
            FORMS.iter().find(|(forms, _)| forms.split(' ').any(|f| f == word)).map(|&(_, v)| v)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, lang: Lang) -> Vec<(String, NumberKind, f64)> {
        numbers(text, lang).iter().map(|n| (text[n.span.start..n.span.end].to_owned(), n.kind, n.scaled)).collect()
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
}
