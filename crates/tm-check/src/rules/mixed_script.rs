use super::rule;
use crate::words::words;
use crate::{CheckError, Context, Finding, Fix, Severity};
use tm_text::Span;
use tm_text::identifiers::identifiers;

rule! {
    /// A word mixing Latin and Cyrillic letters, or Cyrillic left in the English text.
    ///
    /// Why: `Lyоn` typed with a Cyrillic `о` looks right and defeats every search, glossary
    /// check and spell-checker downstream. A mixed word is an error; when its Cyrillic letters
    /// all have Latin lookalikes the fix restores them. A wholly Cyrillic word in the English
    /// draft (an untranslated name or a leftover) is a warning.
    ///
    /// Example: `Lyоn` (Cyrillic о), `Интерпол` in the English text.
    ///
    /// Fix: retype the word in Latin letters (`tm check --fix` does it for lookalikes).
    RULE { code: "TM401", name: "mixed-script", severity: Error, bilingual: false, phase: Text(run) }
}

fn latin_lookalike(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'У' => 'Y',
        'І' => 'I',
        _ => return None,
    })
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

fn run(context: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), CheckError> {
    // A Cyrillic address (`мвд.рф`) belongs in the English text as it is.
    let addresses = identifiers(&context.draft.text);
    let in_address = |span: Span| addresses.iter().any(|a| a.span.start <= span.start && span.end <= a.span.end);
    for (span, word) in words(&context.draft.text, 0) {
        let cyrillic = word.chars().filter(|&c| is_cyrillic(c)).count();
        if cyrillic == 0 || in_address(span) {
            continue;
        }
        let latin = word.chars().filter(char::is_ascii_alphabetic).count();
        if latin == 0 {
            let mut finding = context.finding(&RULE, span, format!("`{word}` is in Cyrillic in the English text"));
            finding.severity = Severity::Warning;
            out.push(finding);
            continue;
        }
        let fixed: Option<String> =
            word.chars().map(|c| if is_cyrillic(c) { latin_lookalike(c) } else { Some(c) }).collect();
        let mut finding =
            context.finding(&RULE, span, format!("`{word}` mixes Latin and Cyrillic letters ({cyrillic} Cyrillic)"));
        if let Some(fixed) = fixed {
            finding.message = format!("`{word}` mixes Latin and Cyrillic lookalike letters; it should read `{fixed}`");
            finding.fix = Some(Fix { span, replacement: fixed.clone() });
            finding.suggestion = Some(fixed);
        }
        out.push(finding);
    }
    Ok(())
}
