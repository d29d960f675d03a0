use super::rule;
use crate::{CheckError, Context, Finding};
use tm_memory::SearchOptions;
use tm_text::{NormalizeOptions, normalize};

rule! {
    /// A source sentence the memory has translated before, rendered differently in the draft.
    ///
    /// Why: recurring sentences (boilerplate, titles, standard phrases) should read the same in
    /// every release; a 100 % memory match rendered another way is either an improvement the
    /// memory should learn or a drift. The finding shows the memory's rendering and where it
    /// came from. Only with `--source` and a memory.
    ///
    /// Example: `Официальный сайт МВД России` stored as "The official website of the Ministry
    /// of Internal Affairs of Russia", drafted as "Official site of the MVD".
    ///
    /// Fix: use the memory's rendering, or update the memory with the new one.
    RULE { code: "TM301", name: "memory-inconsistent", severity: Warning, bilingual: true, phase: Text(run) }
}

fn same_text(a: &str, b: &str) -> bool {
    let key = |s: &str| normalize(s, NormalizeOptions::default()).text.split_whitespace().collect::<Vec<_>>().join(" ");
    key(a) == key(b)
}

fn run(context: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), CheckError> {
    let Some(memory) = context.checker.memory else { return Ok(()) };
    let options = SearchOptions { min: 100, limit: 5 };
    for bead in &context.beads {
        if bead.ru.len() != 1 || bead.en.is_empty() {
            continue;
        }
        let source = &context.source_sentences[bead.ru.start].text;
        let matches: Vec<_> = memory.lookup(source, &options)?.into_iter().filter(|m| m.score == 100).collect();
        let Some(span) = context.draft_span(&bead.en) else { continue };
        let draft = context.draft_text(span);
        if matches.is_empty() || matches.iter().any(|m| same_text(&m.target, draft)) {
            continue;
        }
        let best = &matches[0];
        let mut finding = context.finding(
            &RULE,
            span,
            "the memory has a 100 % match for this sentence with another rendering".to_owned(),
        );
        finding.suggestion = Some(best.target.clone());
        finding.note = Some(format!(
            "memory unit {}{}",
            best.id,
            best.origin.as_deref().map(|o| format!(" from {o}")).unwrap_or_default()
        ));
        out.push(finding);
    }
    Ok(())
}
