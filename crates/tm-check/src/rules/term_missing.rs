use super::rule;
use crate::words::{is_near_miss, words};
use crate::{CheckError, Context, Finding, TermHit, accepted_renderings};
use tm_text::Span;

rule! {
    /// A term in the Russian source with no accepted rendering in the aligned English.
    ///
    /// Why: the commonest terminology error is not a wrong variant but a rendering that drifted
    /// ("Lion" for Лион, "Intrepol", a paraphrase of an institution's official name). The rule
    /// finds every inflected form of the Russian term in the source sentence and looks for any
    /// accepted rendering in the English sentence aligned with it (or in a neighbour, in case
    /// the alignment slipped, when the neighbour's own Russian does not account for it). When
    /// a word there is one edit away from a rendering it says so and suggests the rendering.
    /// Only with `--source`.
    ///
    /// Example: source `в штаб-квартире Генерального секретариата Интерпола в Лионе`, draft
    /// `at the headquarters of the Interpol General Secretariat in Lion`.
    ///
    /// Severity: a warning, because on published news most sentences without the term render
    /// it by a pronoun, a capital for its country or a paraphrase (`The city`, `Athens`); an
    /// error when a word of the sentence is one edit from a rendering, which is almost always a
    /// misspelling.
    ///
    /// Fix: use one of the glossary's renderings (`tm glossary lookup TERM`).
    RULE { code: "TM102", name: "term-missing", severity: Warning, bilingual: true, phase: Text(run) }
}

fn run(context: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), CheckError> {
    let source_text = context.source.map_or("", |s| s.text.as_str());
    for (index, bead) in context.beads.iter().enumerate() {
        if bead.ru.is_empty() || bead.en.is_empty() {
            continue;
        }
        let mut concepts: Vec<usize> = bead
            .ru
            .clone()
            .flat_map(|i| context.source_hits[i].iter())
            .filter(|h| !in_quoted_name(source_text, h.span))
            .map(|h| h.concept)
            .collect();
        concepts.sort_unstable();
        concepts.dedup();
        // The English of this bead, or a rendering in a neighbour's English that its own
        // Russian does not account for (the alignment may have slipped by a sentence). A
        // neighbour that mentions the term on both sides has used its rendering up: Spain in
        // the headline does not excuse Portugal in the sentence under it.
        let count = |sentences: &std::ops::Range<usize>, hits: &[Vec<TermHit>], concept: usize| {
            sentences.clone().map(|i| hits[i].iter().filter(|h| h.concept == concept).count()).sum::<usize>()
        };
        let near = |concept: usize| {
            count(&bead.en, &context.draft_hits, concept) > 0
                || [index.checked_sub(1), Some(index + 1)]
                    .into_iter()
                    .flatten()
                    .filter_map(|k| context.beads.get(k))
                    .any(|b| count(&b.en, &context.draft_hits, concept) > count(&b.ru, &context.source_hits, concept))
        };
        for concept_index in concepts {
            let concept = context.concept(concept_index);
            let renderings = accepted_renderings(concept);
            if renderings.is_empty() || near(concept_index) {
                // Rendered (or rendered wrongly, which term-forbidden reports).
                continue;
            }
            let Some(sentence_span) = context.draft_span(&bead.en) else { continue };
            let english = context.draft_text(sentence_span);
            let preferred = renderings[0].text.as_str();
            // A near miss of a one-word rendering, or of the last word of a longer one.
            let words = words(english, sentence_span.start);
            let misses: Vec<(usize, Span, &str)> = words
                .iter()
                .enumerate()
                .filter_map(|(at, &(span, word))| {
                    renderings.iter().find_map(|r| {
                        let last = r.text.rsplit(' ').next().unwrap_or(&r.text);
                        is_near_miss(word, last).then_some((at, span, last))
                    })
                })
                .collect();
            // A word of a longer name (`Europa League` for Лига Европы, `Columbia University`)
            // is that name, in its own form.
            let capital = |k: usize| words.get(k).is_some_and(|(_, w)| w.starts_with(char::is_uppercase));
            if misses.iter().any(|&(at, _, _)| capital(at + 1) || (at > 1 && capital(at - 1))) {
                continue;
            }
            let near_miss = misses.first().map(|&(_, span, last)| (span, last.to_owned()));
            let mut finding = match near_miss {
                Some((span, rendering)) => {
                    let found = context.draft_text(span);
                    let mut finding = context.finding(
                        &RULE,
                        span,
                        format!(
                            "`{found}` looks like a misspelling of `{rendering}`, the rendering of {}",
                            concept.name()
                        ),
                    );
                    finding.suggestion = Some(rendering);
                    finding.severity = super::Severity::Error;
                    finding
                }
                None => {
                    let mut finding = context.finding(
                        &RULE,
                        first_sentence(context, &bead.en).unwrap_or(sentence_span),
                        format!("{} is in the source, but no accepted rendering is in the translation; expected `{preferred}`", concept.name()),
                    );
                    finding.suggestion = Some(preferred.to_owned());
                    finding
                }
            };
            finding.term = Some(concept.name().to_owned());
            out.push(finding);
        }
    }
    Ok(())
}

fn first_sentence(context: &Context<'_>, range: &std::ops::Range<usize>) -> Option<Span> {
    context.draft_sentences.get(range.start).map(|s| Span::new(s.start, s.end))
}

/// Whether a term of the source stands inside a quoted name with more words than it
/// («Вашингтон Нэшионалс», a book title): the translation may keep the name in English or
/// shorten it, and the term alone need not appear.
fn in_quoted_name(text: &str, span: Span) -> bool {
    let before = &text[..span.start];
    let Some(open) = before.rfind('«') else { return false };
    if before[open..].contains('»') || before[open..].contains('\n') {
        return false;
    }
    let after = &text[span.end..];
    let Some(close) = after.find('»') else { return false };
    let inside = format!("{} {}", &before[open + '«'.len_utf8()..], &after[..close]);
    !after[..close].contains('\n') && inside.split_whitespace().any(|w| w.starts_with(char::is_uppercase))
}
