//! Words of a draft and how near two spellings are: shared by the rules that look for
//! misspelt names.

use tm_text::Span;

/// The words of `text` by the project's splitter ([`tm_text::words`]: UAX #29, with hyphenated
/// compounds, grouped figures, URLs and e-mail addresses one word each), with absolute spans
/// (`base` is the text's offset in its document).
pub(crate) fn words(text: &str, base: usize) -> Vec<(Span, &str)> {
    tm_text::words::words(text)
        .into_iter()
        .map(|word| (Span::new(base + word.span.start, base + word.span.end), word.text))
        .collect()
}

/// Whether `word` looks like a misspelling of `rendering`: one edit (insertion, deletion,
/// substitution or swap of neighbours) apart, two for renderings of ten letters or more; same
/// first letter; and not the same word with an ending added (`Russia`/`Russian`).
pub(crate) fn is_near_miss(word: &str, rendering: &str) -> bool {
    let a = word.to_lowercase();
    let b = rendering.to_lowercase();
    if a == b || a.chars().next() != b.chars().next() || a.chars().count() < 4 || b.chars().count() < 4 {
        return false;
    }
    if a.starts_with(&b) || b.starts_with(&a) {
        return false;
    }
    let allowed = if b.chars().count() >= 10 { 2 } else { 1 };
    strsim::damerau_levenshtein(&a, &b) <= allowed
}

/// Words of one stem with different English endings (`Democrats`/`Democratic`,
/// `Koreas`/`Korean`, `Germans`/`Germany`, `Argentine`/`Argentina`): another word, not a
/// misspelling.
pub(crate) fn same_stem(a: &str, b: &str) -> bool {
    const ENDINGS: [&str; 17] =
        ["", "s", "es", "n", "ns", "an", "ans", "ic", "ian", "ians", "ese", "ish", "y", "ies", "i", "a", "e"];
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let tail = |w: &str| w.chars().skip(common).collect::<String>();
    common >= 4 && ENDINGS.contains(&tail(&a).as_str()) && ENDINGS.contains(&tail(&b).as_str())
}

/// A word without an English possessive ending (`Interpol's`, `Interpol’s`).
pub(crate) fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word)
}

/// Capitalised like a name: first letter upper case, some lower case after it.
pub(crate) fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses() {
        assert!(is_near_miss("Lion", "Lyon"));
        assert!(is_near_miss("Intrepol", "Interpol"));
        assert!(is_near_miss("Prokopchuck", "Prokopchuk"));
        assert!(!is_near_miss("Russian", "Russia"));
        assert!(!is_near_miss("Lyons", "Lyon"));
        assert!(!is_near_miss("Paris", "Haris"));
        let text = "Генерал-майор met Interpol's head";
        let found: Vec<&str> = words(text, 0).into_iter().map(|(_, w)| w).collect();
        assert_eq!(found, ["Генерал-майор", "met", "Interpol's", "head"]);
    }
}
