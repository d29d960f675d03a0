use super::rule;
use crate::{CheckError, Context, Finding};
use tm_align::Segment;
use tm_text::Span;
use tm_text::identifiers::{Identifier, identifiers};

rule! {
    /// A web address, e-mail or domain of the source missing or changed in the translation.
    ///
    /// An address the source does not have is reported too.
    ///
    /// Why: readers copy addresses, and a changed one sends them elsewhere or bounces:
    /// «мвд.рф» rendered `mvd.ru`, `press@mvd.ru` rendered `press@mvd.com`. Addresses are
    /// compared as readers use them: without `https://`, a leading `www.` or a trailing slash,
    /// in lower case; a Cyrillic domain stays Cyrillic in the English text. Only with
    /// `--source`.
    ///
    /// Example: source `пишите на press@mvd.ru`, draft `write to press@mvd.com`.
    ///
    /// Fix: copy the address from the source.
    RULE { code: "TM202", name: "identifier-mismatch", severity: Error, bilingual: true, phase: Text(run) }
}

/// The addresses of `range` of `sentences`, with spans in the document.
fn addresses(sentences: &[Segment], range: std::ops::Range<usize>) -> Vec<Identifier> {
    sentences[range]
        .iter()
        .flat_map(|s| {
            identifiers(&s.text).into_iter().map(move |mut id| {
                id.span = Span::new(id.span.start + s.start, id.span.end + s.start);
                id
            })
        })
        .collect()
}

fn run(context: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), CheckError> {
    let Some(source) = context.source else { return Ok(()) };
    for bead in context.beads.iter().filter(|b| !b.ru.is_empty() && !b.en.is_empty()) {
        let russian = addresses(&context.source_sentences, bead.ru.clone());
        let english = addresses(&context.draft_sentences, bead.en.clone());
        let missing: Vec<&Identifier> = russian.iter().filter(|r| !english.iter().any(|e| e.key == r.key)).collect();
        let extra: Vec<&Identifier> = english.iter().filter(|e| !russian.iter().any(|r| r.key == e.key)).collect();
        let written = |id: &Identifier| &source.text[id.span.start..id.span.end];
        // A changed address: the draft's left-over address of the same kind, in order.
        let mut paired = vec![false; missing.len()];
        for e in &extra {
            let counterpart = missing.iter().enumerate().find(|(k, r)| !paired[*k] && r.kind == e.kind);
            let found = context.draft_text(e.span);
            let finding = match counterpart {
                Some((k, r)) => {
                    paired[k] = true;
                    let mut finding =
                        context.finding(&RULE, e.span, format!("`{found}` differs from the source's `{}`", written(r)));
                    finding.suggestion = Some(written(r).to_owned());
                    finding
                }
                None => context.finding(&RULE, e.span, format!("`{found}` is not in the source")),
            };
            out.push(finding);
        }
        let Some(first) = context.draft_sentences.get(bead.en.start) else { continue };
        for (r, _) in missing.iter().zip(&paired).filter(|(_, paired)| !**paired) {
            let mut finding = context.finding(
                &RULE,
                Span::new(first.start, first.end),
                format!("the source has `{}` here, the translation does not", written(r)),
            );
            finding.suggestion = Some(written(r).to_owned());
            out.push(finding);
        }
    }
    Ok(())
}
