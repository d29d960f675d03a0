//! Text from input shown to people: control characters (C0, DEL, C1) are written as visible
//! escapes, as ripgrep and ruff do, so that a file name, a glossary term or a draft line can
//! never start a line of its own in a terminal or a CI log (`::warning` is a command to GitHub
//! Actions) or send an escape sequence to a terminal.

use std::borrow::Cow;

/// How a character is shown: itself, or an escape for a control character (`\n`, `\r`, `\t`,
/// `\u{1b}`).
#[must_use]
pub fn shown(c: char) -> Cow<'static, str> {
    match c {
        '\n' => Cow::Borrowed("\\n"),
        '\r' => Cow::Borrowed("\\r"),
        '\t' => Cow::Borrowed("\\t"),
        c if c.is_control() => Cow::Owned(format!("\\u{{{:x}}}", u32::from(c))),
        c => Cow::Owned(c.to_string()),
    }
}

/// `text` with its control characters escaped (borrowed when it has none).
#[must_use]
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(shown).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_text_is_kept() {
        assert_eq!(escape_controls("Лион\n::warning::x"), "Лион\\n::warning::x");
        assert_eq!(escape_controls("\u{1b}[31mred\u{7}"), "\\u{1b}[31mred\\u{7}");
        assert_eq!(escape_controls("a\u{85}b\u{9b}c"), "a\\u{85}b\\u{9b}c");
        assert!(matches!(escape_controls("Lyon, Лион 🙂"), Cow::Borrowed(_)));
    }
}
