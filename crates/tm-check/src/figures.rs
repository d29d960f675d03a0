//! The figures of one aligned bead compared between the Russian and the English: what matches,
//! what was converted to other units, and what is left over on either side. Shared by
//! number-mismatch (TM201) and unit-conversion (TM203).
//!
//! Matching goes from strict to loose, so that a figure finds its own counterpart before a
//! looser one takes it: digits with digits, times with times, months with months; then
//! figures with numbers in words and ordinals; then a figure in one unit with a figure in
//! another unit of the same dimension within 20% after conversion (`85 mph` ≈ `135 км/ч`);
//! then a number split into groups on one side (`0800 555 111`) with the same digits on the
//! other. A conversion in brackets (`45 miles (72 kilometers)`) is settled when either half
//! is.

use std::ops::Range;

use tm_align::Segment;
use tm_text::Lang;
use tm_text::Span;
use tm_text::identifiers::{IdentifierKind, identifiers};
use tm_text::numbers::{Number, NumberKind, numbers};

/// The figures of one bead after matching.
#[derive(Debug, Default)]
pub(crate) struct BeadFigures {
    /// The bead's English sentences.
    pub en: Range<usize>,
    pub russian: Vec<Number>,
    pub english: Vec<Number>,
    /// Pairs (English, Russian) matched only after a unit conversion.
    pub conversions: Vec<(usize, usize)>,
    /// English figures the Russian lacks that are worth reporting.
    pub extra: Vec<usize>,
    /// Russian figures the English lacks that are worth reporting.
    pub missing: Vec<usize>,
    /// English months and weekdays that contradict a Russian one left over.
    pub contradicting: Vec<(usize, usize)>,
    /// Whether each Russian and each English figure found its counterpart.
    pub matched_ru: Vec<bool>,
    pub matched_en: Vec<bool>,
}

/// The numbers of `range` of `sentences`, with spans in the document; the digits of telephone
/// numbers are left to identifier-mismatch (TM202), which compares them whole.
fn collect(sentences: &[Segment], range: Range<usize>, lang: Lang) -> Vec<Number> {
    let mut out = Vec::new();
    for sentence in &sentences[range] {
        let phones: Vec<Span> = identifiers(&sentence.text)
            .into_iter()
            .filter(|id| id.kind == IdentifierKind::Phone)
            .map(|id| id.span)
            .collect();
        let in_phone = |n: &Number| phones.iter().any(|p| p.start <= n.span.start && n.span.end <= p.end);
        let all = numbers(&sentence.text, lang);
        // Where each kept number lands in `out`, so that restatements point at the right one.
        let mut next = out.len();
        let index: Vec<Option<usize>> = all
            .iter()
            .map(|n| {
                (!in_phone(n)).then(|| {
                    next += 1;
                    next - 1
                })
            })
            .collect();
        for mut n in all.iter().copied().filter(|n| !in_phone(n)) {
            n.span = Span::new(n.span.start + sentence.start, n.span.end + sentence.start);
            n.restates = n.restates.and_then(|k| index.get(k).copied().flatten());
            out.push(n);
        }
    }
    out
}

fn close(x: f64, y: f64) -> bool {
    (x - y).abs() <= 1e-9 * x.abs().max(1.0)
}

/// The same figure: equal scaled values; equal written values only when at most one side has
/// a scale word (`1,5 млн` = `1 500 000`, but `3,5 млн` ≠ `3.5 billion`); units, where both
/// sides have one, of the same kind.
fn same_figure(a: &Number, b: &Number) -> bool {
    let values = close(a.scaled, b.scaled) || (!(a.has_scale() && b.has_scale()) && close(a.value, b.value));
    let units = match (a.unit, b.unit) {
        (Some(x), Some(y)) => x.dimension == y.dimension && close(x.factor, y.factor) && x.metric == y.metric,
        _ => true,
    };
    values && units
}

fn strict(e: &Number, r: &Number) -> bool {
    use NumberKind::{Decade, Digits, Month, Time, Weekday};
    match (e.kind, r.kind) {
        (Digits, Digits) => same_figure(e, r),
        (Time, Time) => {
            let (a, b) = (e.value, r.value);
            close(a, b) || ((e.twelve_hour || r.twelve_hour) && close((a - b).abs(), 720.0))
        }
        (Month, Month) | (Weekday, Weekday) => close(e.value, r.value),
        (Decade, Decade | Digits) | (Digits, Decade) => close(e.value % 100.0, r.value % 100.0),
        _ => false,
    }
}

fn soft(e: &Number, r: &Number) -> bool {
    use NumberKind::{Digits, Ordinal, Word};
    matches!(e.kind, Digits | Word | Ordinal) && matches!(r.kind, Digits | Word | Ordinal) && same_figure(e, r)
}

/// Whether `e` and `r` measure the same thing in different units, within 20% after
/// conversion (translators round: `40 miles` → `65 км`).
pub(crate) fn converted(e: &Number, r: &Number) -> bool {
    let (Some(a), Some(b)) = (e.unit, r.unit) else { return false };
    if a.dimension != b.dimension || (a.metric == b.metric && close(a.factor, b.factor)) {
        return false;
    }
    a.to_base(e.value).iter().any(|x| b.to_base(r.value).iter().any(|y| (x - y).abs() <= 0.2 * x.abs().max(y.abs())))
}

/// The digits of a number as written.
fn digits(text: &str, span: Span) -> String {
    text[span.start..span.end].chars().filter(char::is_ascii_digit).collect()
}

/// Compares the figures of a bead: `ru`/`en` are sentence ranges.
pub(crate) fn compare(
    source_text: &str,
    source: &[Segment],
    ru: Range<usize>,
    draft_text: &str,
    draft: &[Segment],
    en: Range<usize>,
) -> BeadFigures {
    let russian = collect(source, ru, Lang::Ru);
    let english = collect(draft, en.clone(), Lang::En);
    let mut used_r = vec![false; russian.len()];
    let mut used_e = vec![false; english.len()];
    let mut conversions = Vec::new();
    let pass = |used_e: &mut [bool], used_r: &mut [bool], matches: &dyn Fn(&Number, &Number) -> bool| {
        for (i, e) in english.iter().enumerate() {
            if used_e[i] {
                continue;
            }
            if let Some(k) = (0..russian.len()).find(|&k| !used_r[k] && matches(e, &russian[k])) {
                used_e[i] = true;
                used_r[k] = true;
            }
        }
    };
    pass(&mut used_e, &mut used_r, &strict);
    pass(&mut used_e, &mut used_r, &soft);
    for (i, e) in english.iter().enumerate() {
        if used_e[i] {
            continue;
        }
        if let Some(k) = (0..russian.len()).find(|&k| !used_r[k] && converted(e, &russian[k])) {
            used_e[i] = true;
            used_r[k] = true;
            conversions.push((i, k));
        }
    }
    // `0800 555 111` read as one number on one side and three on the other.
    join_groups(draft_text, &english, &mut used_e, source_text, &russian, &mut used_r);
    join_groups(source_text, &russian, &mut used_r, draft_text, &english, &mut used_e);
    settle_restatements(&english, &mut used_e);
    settle_restatements(&russian, &mut used_r);

    // `the 80s` may be a temperature or an age: only a decade with its century is reported.
    let reportable = |n: &Number| {
        matches!(n.kind, NumberKind::Digits | NumberKind::Time) || (n.kind == NumberKind::Decade && n.value >= 1000.0)
    };
    let left_e: Vec<usize> = (0..english.len()).filter(|&i| !used_e[i]).collect();
    let left_r: Vec<usize> = (0..russian.len()).filter(|&k| !used_r[k]).collect();
    // Numbers in words are reported when the other side has a figure left over too (`пять`
    // → `Six`), never alone (`one of them`, `в двух городах` rendered `in both cities`).
    let figure_left = |list: &[usize], numbers: &[Number]| {
        list.iter().any(|&i| {
            numbers[i].kind == NumberKind::Digits || (numbers[i].kind == NumberKind::Word && numbers[i].value >= 2.0)
        })
    };
    let word = |n: &Number| n.kind == NumberKind::Word && n.value >= 2.0;
    let extra: Vec<usize> = left_e
        .iter()
        .copied()
        .filter(|&i| reportable(&english[i]) || (word(&english[i]) && figure_left(&left_r, &russian)))
        .collect();
    let missing: Vec<usize> = left_r
        .iter()
        .copied()
        .filter(|&k| reportable(&russian[k]) || (word(&russian[k]) && figure_left(&left_e, &english)))
        .collect();
    // A month or weekday changed: both sides have one left over.
    let mut contradicting = Vec::new();
    for kind in [NumberKind::Month, NumberKind::Weekday] {
        let r = left_r.iter().copied().find(|&k| russian[k].kind == kind);
        if let Some(r) = r {
            for &i in left_e.iter().filter(|&&i| english[i].kind == kind) {
                contradicting.push((i, r));
            }
        }
    }
    BeadFigures {
        en,
        russian,
        english,
        conversions,
        extra,
        missing,
        contradicting,
        matched_ru: used_r,
        matched_en: used_e,
    }
}

/// Marks as used the runs of consecutive unused digit groups of `a` (separated by spaces or
/// hyphens only) whose digits together equal an unused number of `b`.
fn join_groups(a_text: &str, a: &[Number], used_a: &mut [bool], b_text: &str, b: &[Number], used_b: &mut [bool]) {
    for start in 0..a.len() {
        if used_a[start] || a[start].kind != NumberKind::Digits {
            continue;
        }
        let mut joined = digits(a_text, a[start].span);
        let mut end = start;
        while end + 1 < a.len()
            && !used_a[end + 1]
            && a[end + 1].kind == NumberKind::Digits
            && a_text[a[end].span.end..a[end + 1].span.start].chars().all(|c| matches!(c, ' ' | '-' | '\u{A0}'))
        {
            end += 1;
            joined.push_str(&digits(a_text, a[end].span));
            if let Some(k) = (0..b.len()).find(|&k| !used_b[k] && digits(b_text, b[k].span) == joined) {
                used_b[k] = true;
                for flag in &mut used_a[start..=end] {
                    *flag = true;
                }
                break;
            }
        }
    }
}

/// A figure and its restatement in brackets stand or fall together.
fn settle_restatements(numbers: &[Number], used: &mut [bool]) {
    for (j, number) in numbers.iter().enumerate() {
        if let Some(k) = number.restates
            && k < used.len()
            && (used[j] || used[k])
        {
            used[j] = true;
            used[k] = true;
        }
    }
}
