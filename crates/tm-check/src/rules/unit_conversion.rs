use super::rule;
use crate::{CheckError, Context, Finding};
use tm_text::numbers::canonical;

rule! {
    /// A figure the translation gives in other units than the source, within 20% of it.
    ///
    /// `85 mph` for `135 км/ч`.
    /// Why: converting miles, inches, pounds and degrees Fahrenheit for the other language's
    /// readers is normal practice, so it is not an error; but a converted figure is one the
    /// reviewer cannot check by eye, and translators round freely. The note gives the exact
    /// conversion. A conversion off by more than 20% is a number-mismatch (TM201). Only with
    /// `--source`.
    ///
    /// Example: source `до 25 см осадков`, draft `up to 10 inches of rain` (25.4 cm).
    ///
    /// Fix: nothing, when the rounding is acceptable; else correct the figure.
    RULE { code: "TM203", name: "unit-conversion", severity: Info, bilingual: true, phase: Text(run) }
}

fn run(context: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), CheckError> {
    let Some(source) = context.source else { return Ok(()) };
    for figures in context.figures() {
        for &(e, r) in &figures.conversions {
            let (english, russian) = (&figures.english[e], &figures.russian[r]);
            let (Some(from), Some(to)) = (english.unit, russian.unit) else { continue };
            let exact = from.convert(english.value, &to);
            let found = context.draft_text(english.span);
            out.push(context.finding(
                &RULE,
                english.span,
                format!(
                    "`{found} {}` is {} {} exactly; the source has `{}`",
                    from.name,
                    canonical((exact * 10.0).round() / 10.0),
                    to.name,
                    &source.text[russian.span.start..russian.span.end]
                ),
            ));
        }
    }
    Ok(())
}
