use super::rule;
use crate::figures::{self, BeadFigures};
use crate::{CheckError, Context, Finding};
use tm_text::Span;
use tm_text::numbers::{Number, NumberKind, canonical};

rule! {
    /// A figure, date or time in the translation that the aligned source lacks, or the reverse.
    ///
    /// Why: figures are what readers quote (295 representatives, 145 states); a slip of one
    /// digit, a month or a scale survives every read-through. Figures are compared as values
    /// in each language's own notation: `3 000` = `3,000`, `1,5` = `1.5`, `1,5 млн` =
    /// `1.5 million` = `1 500 000` (but `3,5 млн` is not `3.5 billion`), `27.11.2026` =
    /// `27 November 2026` = `November 27, 2026` = `27 ноября 2026 г.`, `17:30` = `5.30pm`,
    /// `4 часа утра` = `4 a.m.`; numbers in words count in every case (`сорока восьми` =
    /// `48` = `forty-eight`, `полутора` = `1.5`) and are reported when they contradict a
    /// figure of the other side (`пять` → `Six`); a changed month or weekday is reported; a
    /// figure converted to other units is left to unit-conversion (TM203). Only with
    /// `--source`.
    ///
    /// Example: source `295 представителей 12 марта`, draft `296 representatives on 12 May`.
    ///
    /// Fix: copy the figure from the source, converted to English notation.
    RULE { code: "TM201", name: "number-mismatch", severity: Error, bilingual: true, phase: Text(run) }
}

/// A value in English notation, with its scale word (`3.5 million`, `51,000`).
fn english_notation(number: &Number) -> String {
    let (value, scale) = match number.scaled / number.value.max(f64::MIN_POSITIVE) {
        s if number.has_scale() && (s - 1e3).abs() < 1e-6 => (number.value, " thousand"),
        s if number.has_scale() && (s - 1e6).abs() < 1e-3 => (number.value, " million"),
        s if number.has_scale() && (s - 1e9).abs() < 1.0 => (number.value, " billion"),
        _ => (number.scaled, ""),
    };
    if number.kind == NumberKind::Time {
        let minutes = value as u32;
        return format!("{}:{:02}", minutes / 60, minutes % 60);
    }
    let text = canonical(value);
    let (whole, fraction) = text.split_once('.').map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let grouped = if whole.len() <= 4 {
        whole.to_owned()
    } else {
        let mut grouped = String::new();
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        grouped
    };
    let number = fraction.map_or(grouped.clone(), |f| format!("{grouped}.{f}"));
    format!("{number}{scale}")
}

fn run(context: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), CheckError> {
    let Some(source) = context.source else { return Ok(()) };
    for figures in context.figures() {
        report(context, &source.text, figures, out);
    }
    Ok(())
}

fn report(context: &Context<'_>, source: &str, figures: &BeadFigures, out: &mut Vec<Finding>) {
    let written = |n: &Number| &source[n.span.start..n.span.end];
    let BeadFigures { en, russian, english, extra, missing, contradicting, .. } = figures;
    for &(e, r) in contradicting {
        let what = if english[e].kind == NumberKind::Month { "month" } else { "day of the week" };
        let found = context.draft_text(english[e].span);
        let message = format!("`{found}` is not the {what} of the source, which has `{}` here", written(&russian[r]));
        out.push(context.finding(&RULE, english[e].span, message));
    }
    // Pair what is left over in order when both sides have as many.
    let paired = extra.len() == missing.len();
    for (i, &e) in extra.iter().enumerate() {
        let number = &english[e];
        let found = context.draft_text(number.span);
        let counterpart = paired.then(|| &russian[missing[i]]);
        let message = match counterpart {
            Some(r) if figures::converted(number, r) => {
                format!("`{found}` does not match the source's `{}`", written(r))
            }
            Some(r) if (r.value - number.value).abs() < 1e-9 && r.scaled != number.scaled => {
                format!("`{found}` has another scale than the source's `{}`: use `{}`", written(r), english_notation(r))
            }
            Some(r) => match (number.unit, r.unit) {
                (Some(a), Some(b)) if a.dimension == b.dimension && a.name != b.name => {
                    let converted = a.convert(number.value, &b);
                    format!(
                        "`{found} {}` is about {} {}, but the source has `{}` {} here",
                        a.name,
                        canonical((converted * 10.0).round() / 10.0),
                        b.name,
                        written(r),
                        b.name
                    )
                }
                _ => format!(
                    "`{found}` is not in the source, which has `{}` here; use `{}`",
                    written(r),
                    english_notation(r)
                ),
            },
            None => format!("`{found}` is not in the source sentence"),
        };
        let mut finding = context.finding(&RULE, number.span, message);
        finding.suggestion = counterpart.map(english_notation);
        out.push(finding);
    }
    if paired && !extra.is_empty() {
        return;
    }
    let Some(first) = context.draft_sentences.get(en.start) else { return };
    let span = Span::new(first.start, first.end);
    for &r in missing {
        let number = &russian[r];
        let mut finding = context.finding(
            &RULE,
            span,
            format!("the source has `{}` here, the translation does not", written(number)),
        );
        finding.suggestion = Some(english_notation(number));
        out.push(finding);
    }
}
