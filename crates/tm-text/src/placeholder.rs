//! Inline codes in text: a segment read from TMX or XLIFF keeps its codes (`<bpt>`, `<g>`,
//! `<x/>`…) in its markup, and its text holds one private-use character per code, so that
//! matching and checks see where a code was without reading markup.

/// First code point used for inline-code placeholders in stored text (Unicode private use).
pub const PLACEHOLDER_BASE: u32 = 0xE000;
const PLACEHOLDER_LAST: u32 = 0xF8FF;

/// The placeholder standing for the `n`th inline code of a segment (0-based). Beyond the
/// private-use area every code shares the last placeholder.
#[must_use]
pub fn placeholder(n: usize) -> char {
    let code = PLACEHOLDER_BASE.saturating_add(u32::try_from(n).unwrap_or(u32::MAX)).min(PLACEHOLDER_LAST);
    char::from_u32(code).unwrap_or('\u{E000}')
}

/// Whether `c` is an inline-code placeholder.
#[must_use]
pub fn is_placeholder(c: char) -> bool {
    (PLACEHOLDER_BASE..=PLACEHOLDER_LAST).contains(&u32::from(c))
}
