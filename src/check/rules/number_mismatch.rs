use super::rule;
use crate::check::{CheckError, Context, Finding};
use crate::segment::Lang;
use crate::text::numbers::{Number, NumberKind, canonical, numbers};

rule! {
    /// A number in the translation that the aligned source does not have, or the reverse.
    ///
    /// Why: figures are what readers quote (295 representatives, 145 states); a slip of one
    /// digit survives every read-through. Numbers are compared as values in each language's
    /// own notation: `3 000` = `3,000`, `1,5` = `1.5`, `1,5 млн` = `1.5 million` = `1 500 000`,
    /// `27.11.2026` = `27 November 2026`; a figure spelt out on the other side (`two` for `2`)
    /// counts. Only with `--source`.
    ///
    /// Example: source `295 представителей`, draft `296 representatives`.
    ///
    /// Fix: copy the figure from the source, converted to English notation.
    RULE { code: "TM201", name: "number-mismatch", severity: Error, bilingual: true, run: run }
}

fn same(a: &Number, b: &Number) -> bool {
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(1.0);
    close(a.scaled, b.scaled) || close(a.value, b.value)
}

fn english_notation(value: f64) -> String {
    let text = canonical(value);
    let (whole, fraction) = text.split_once('.').map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    if whole.len() <= 4 {
        return text.clone();
    }
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    fraction.map_or(grouped.clone(), |f| format!("{grouped}.{f}"))
}

fn run(context: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), CheckError> {
    let Some(source) = context.source else { return Ok(()) };
    for bead in &context.beads {
        if bead.ru.is_empty() || bead.en.is_empty() {
            continue;
        }
        let collect = |sentences: &[crate::align::Segment], range: std::ops::Range<usize>, lang: Lang| {
            range
                .flat_map(|i| {
                    let s = &sentences[i];
                    numbers(&s.text, lang).into_iter().map(move |mut n| {
                        n.span = crate::text::Span::new(n.span.start + s.start, n.span.end + s.start);
                        n
                    })
                })
                .filter(|n| n.kind != NumberKind::Month)
                .collect::<Vec<Number>>()
        };
        let russian = collect(&context.source_sentences, bead.ru.clone(), Lang::Ru);
        let english = collect(&context.draft_sentences, bead.en.clone(), Lang::En);
        // Pair equal values; what is left over on either side is a mismatch.
        let mut used = vec![false; russian.len()];
        let mut extra: Vec<&Number> = Vec::new();
        for number in &english {
            match (0..russian.len()).find(|&k| !used[k] && same(&russian[k], number)) {
                Some(k) => used[k] = true,
                None if number.kind == NumberKind::Digits => extra.push(number),
                None => {}
            }
        }
        let missing: Vec<&Number> = russian
            .iter()
            .zip(&used)
            .filter(|(n, used)| !**used && n.kind == NumberKind::Digits)
            .map(|(n, _)| n)
            .collect();
        for (i, number) in extra.iter().enumerate() {
            let found = context.draft_text(number.span);
            let replacement = (extra.len() == missing.len()).then(|| english_notation(missing[i].value));
            let message = match &replacement {
                Some(r) => format!(
                    "`{found}` is not in the source, which has `{}` here; use `{r}`",
                    &source.text[missing[i].span.start..missing[i].span.end]
                ),
                None => format!("`{found}` is not in the source sentence"),
            };
            let mut finding = context.finding(&RULE, number.span, message);
            finding.suggestion = replacement;
            out.push(finding);
        }
        if extra.len() != missing.len() || extra.is_empty() {
            let Some(span) = context.draft_span(&bead.en) else { continue };
            let span = crate::text::Span::new(span.start, context.draft_sentences[bead.en.start].end);
            for number in missing.iter().filter(|_| extra.len() != missing.len()) {
                let written = &source.text[number.span.start..number.span.end];
                let mut finding =
                    context.finding(&RULE, span, format!("the source has `{written}` here, the translation does not"));
                finding.suggestion = Some(english_notation(number.value));
                out.push(finding);
            }
        }
    }
    Ok(())
}
