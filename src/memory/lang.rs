//! Language tags as translation tools write them: `ru`, `ru-RU`, `RU_ru`, `en-GB`.

/// The primary subtag, lower case: `ru-RU` → `ru`, `EN_gb` → `en`.
#[must_use]
pub fn primary(tag: &str) -> String {
    tag.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase()
}

/// How well `tag` matches the wanted language: 2 for the same tag (ignoring case and `_`),
/// 1 for the same primary subtag (`ru` ≈ `ru-RU`, `en` ≈ `en-GB`), 0 otherwise.
#[must_use]
pub fn match_quality(tag: &str, wanted: &str) -> u8 {
    let canonical = |t: &str| t.trim().replace('_', "-").to_ascii_lowercase();
    if canonical(tag) == canonical(wanted) {
        2
    } else if !primary(tag).is_empty() && primary(tag) == primary(wanted) {
        1
    } else {
        0
    }
}

/// Whether `tag` looks like a language tag at all (letters, digits, `-`/`_`; first subtag of
/// two or three letters).
#[must_use]
pub fn is_plausible(tag: &str) -> bool {
    let first = primary(tag);
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && tag.trim().chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_match_case_insensitively_with_region_fallback() {
        assert_eq!(primary("ru-RU"), "ru");
        assert_eq!(primary("EN_gb"), "en");
        assert_eq!(match_quality("RU-ru", "ru-RU"), 2);
        assert_eq!(match_quality("ru-RU", "ru"), 1);
        assert_eq!(match_quality("en-GB", "en"), 1);
        assert_eq!(match_quality("de-DE", "en"), 0);
        assert!(is_plausible("ru-RU") && is_plausible("en") && !is_plausible("*all*") && !is_plausible("russian"));
    }
}
