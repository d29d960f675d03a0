/// The unit in which a column is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnUnit {
    /// Unicode scalar values: what `tm`'s machine-read reports (concise, JSON, SARIF's
    /// `unicodeCodePoints`) count.
    Char,
    /// Grapheme clusters (UAX #29): what a person counts (`й` typed as и and a combining breve
    /// is one). Used for the columns people read (`full`, the review page). On lines longer
    /// than a few kilobytes, counted in characters instead, to stay cheap.
    Grapheme,
    /// UTF-16 code units: the Language Server Protocol and some CI formats.
    Utf16,
    /// UTF-8 bytes.
    Byte,
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Converts byte offsets to lines and columns and back.
///
/// A line ends at `\n`, `\r\n` or a lone `\r` (old Mac files still arrive from press offices).
/// The index stores where lines start, and every [`ANCHOR`] bytes how many characters and
/// UTF-16 units came before; a column is counted from the nearest anchor, so a lookup costs at
/// most about [`ANCHOR`] bytes of walking even on a one-line, many-megabyte draft.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// `(byte offset, characters before it, UTF-16 units before it)`, every [`ANCHOR`] bytes.
    anchors: Vec<(usize, usize, usize)>,
    len: usize,
}

/// Bytes between anchors.
const ANCHOR: usize = 2048;

impl LineIndex {
    #[must_use]
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        let mut anchors = Vec::with_capacity(text.len() / ANCHOR + 1);
        let (mut chars, mut utf16, mut next) = (0, 0, 0);
        for (at, c) in text.char_indices() {
            if at >= next {
                anchors.push((at, chars, utf16));
                next = at + ANCHOR;
            }
            chars += 1;
            utf16 += c.len_utf16();
        }
        Self { line_starts, anchors, len: text.len() }
    }

    /// The byte range of the line holding `offset`, without its line break.
    #[must_use]
    pub fn line_range(&self, text: &str, offset: usize) -> std::ops::Range<usize> {
        let offset = offset.min(self.len);
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let mut end = self.len;
        if let Some(&next) = self.line_starts.get(line + 1) {
            // The next line starts right after this one's break: `\n`, `\r\n` or `\r`.
            let bytes = text.as_bytes();
            end = next;
            if bytes.get(end.wrapping_sub(1)) == Some(&b'\n') {
                end -= 1;
            }
            if end > start && bytes.get(end - 1) == Some(&b'\r') {
                end -= 1;
            }
        }
        start..end.max(start)
    }

    /// Columns (in `unit`) from byte `from` to byte `to` (both character boundaries, `from` ≤
    /// `to`), walking at most about [`ANCHOR`] bytes at each end.
    fn count(&self, text: &str, from: usize, to: usize, unit: ColumnUnit) -> usize {
        let walk = |a: usize, b: usize| -> usize {
            let slice = &text[a..b];
            match unit {
                ColumnUnit::Char => slice.chars().count(),
                ColumnUnit::Grapheme => unicode_segmentation::UnicodeSegmentation::graphemes(slice, true).count(),
                ColumnUnit::Utf16 => slice.chars().map(char::len_utf16).sum(),
                ColumnUnit::Byte => slice.len(),
            }
        };
        if unit == ColumnUnit::Byte || to - from <= 2 * ANCHOR {
            return walk(from, to);
        }
        let unit = if unit == ColumnUnit::Grapheme { ColumnUnit::Char } else { unit };
        let before = |offset: usize| -> usize {
            let index = self.anchors.partition_point(|&(at, _, _)| at <= offset).saturating_sub(1);
            let (at, chars, utf16) = self.anchors.get(index).copied().unwrap_or_default();
            let counted = if unit == ColumnUnit::Char { chars } else { utf16 };
            counted + walk(at.min(offset), offset)
        };
        before(to) - before(from)
    }

    /// Number of lines (a text ending in a line break has an empty last line).
    #[must_use]
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 1-based line and column of a byte offset (a byte-order mark at the start of the text
    /// takes no column: editors do not show it). Offsets past the end are clamped to the end;
    /// an offset inside a multi-byte character counts as that character's start.
    #[must_use]
    pub fn position(&self, text: &str, offset: usize, unit: ColumnUnit) -> Position {
        let mut offset = offset.min(self.len);
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = skip_bom(text, self.line_starts[line]);
        let column = self.count(text, start.min(offset), offset, unit);
        Position { line: line + 1, column: column + 1 }
    }

    /// The byte offset of a 1-based line and column, or `None` when the line does not exist or
    /// the column is past the line's end or falls inside a character.
    #[must_use]
    pub fn offset(&self, text: &str, position: Position, unit: ColumnUnit) -> Option<usize> {
        let line = position.line.checked_sub(1)?;
        let start = skip_bom(text, *self.line_starts.get(line)?);
        let end = self.line_starts.get(line + 1).copied().unwrap_or(self.len);
        let target = position.column.checked_sub(1)?;
        if unit == ColumnUnit::Grapheme && end - start <= 2 * ANCHOR {
            let line = &text[start..end];
            let mut clusters = unicode_segmentation::UnicodeSegmentation::grapheme_indices(line, true);
            return match clusters.nth(target) {
                Some((i, _)) => Some(start + i),
                None => {
                    (unicode_segmentation::UnicodeSegmentation::graphemes(line, true).count() == target).then_some(end)
                }
            };
        }
        let mut counted = 0;
        for (i, c) in text[start..end].char_indices() {
            if counted == target {
                return Some(start + i);
            }
            counted += match unit {
                ColumnUnit::Char | ColumnUnit::Grapheme => 1,
                ColumnUnit::Utf16 => c.len_utf16(),
                ColumnUnit::Byte => c.len_utf8(),
            };
            if counted > target {
                return None;
            }
        }
        (counted == target).then_some(end)
    }
}

/// A line start moved past a byte-order mark at the very start of the text.
fn skip_bom(text: &str, start: usize) -> usize {
    if start == 0 && text.starts_with('\u{FEFF}') { '\u{FEFF}'.len_utf8() } else { start }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn columns_in_each_unit_on_a_cyrillic_line_with_emoji() {
        let text = "Заголовок\r\nЛион 🙂 Lion\rend";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        let lion = text.find("Lion").unwrap();
        assert_eq!(index.position(text, lion, ColumnUnit::Char), Position { line: 2, column: 8 });
        assert_eq!(index.position(text, lion, ColumnUnit::Utf16), Position { line: 2, column: 9 });
        assert_eq!(index.position(text, lion, ColumnUnit::Byte), Position { line: 2, column: 15 });
        let end = text.find("end").unwrap();
        assert_eq!(index.position(text, end, ColumnUnit::Char), Position { line: 3, column: 1 });
    }

    #[test]
    fn columns_on_a_long_line_agree_with_a_naive_count() {
        let text = format!("x\n{}", "Лион 😀 Lyon — «цитата». ".repeat(3000));
        let index = LineIndex::new(&text);
        for (offset, _) in text.char_indices().step_by(331) {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let prefix = &text[line_start..offset];
            let line = if offset >= 2 { 2 } else { 1 };
            assert_eq!(
                index.position(&text, offset, ColumnUnit::Char),
                Position { line, column: prefix.chars().count() + 1 }
            );
            assert_eq!(
                index.position(&text, offset, ColumnUnit::Utf16),
                Position { line, column: prefix.encode_utf16().count() + 1 }
            );
        }
    }

    #[test]
    fn line_ranges_leave_out_every_kind_of_line_break() {
        let text = "один\r\nдва\rтри\n\nчетыре";
        let index = LineIndex::new(text);
        let lines: Vec<&str> = [0, 10, 17, 24, 25].iter().map(|&o| &text[index.line_range(text, o)]).collect();
        assert_eq!(lines, ["один", "два", "три", "", "четыре"]);
    }

    #[test]
    fn offset_inside_a_character_counts_as_its_start() {
        let text = "Лион";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 1, ColumnUnit::Char).column, 1);
        assert_eq!(index.position(text, 3, ColumnUnit::Char).column, 2);
        assert_eq!(index.position(text, 99, ColumnUnit::Char).column, 5);
    }

    #[test]
    fn a_byte_order_mark_takes_no_column() {
        let text = "\u{FEFF}Делегация прибыла в Лион.\nLion.";
        let index = LineIndex::new(text);
        let at = text.find("Лион").unwrap();
        for unit in [ColumnUnit::Char, ColumnUnit::Utf16, ColumnUnit::Byte] {
            let position = index.position(text, at, unit);
            assert_eq!(position.line, 1);
            assert_eq!(index.offset(text, position, unit), Some(at));
        }
        assert_eq!(index.position(text, at, ColumnUnit::Char).column, 21);
        assert_eq!(index.position(text, 0, ColumnUnit::Char).column, 1);
    }

    #[test]
    fn column_inside_a_surrogate_pair_has_no_offset() {
        let text = "🙂x";
        let index = LineIndex::new(text);
        let at = |column| index.offset(text, Position { line: 1, column }, ColumnUnit::Utf16);
        assert_eq!(at(1), Some(0));
        assert_eq!(at(2), None);
        assert_eq!(at(3), Some(4));
        assert_eq!(at(4), Some(5));
        assert_eq!(at(5), None);
    }

    fn mixed_text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "a", "Z", "ж", "Ё", "ё", " ", "\n", "\r\n", "\r", "🙂", "👍🏽", "\u{301}", "—", ".", "\u{A0}", "中",
            ]),
            0..60,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn position_and_offset_invert_each_other(text in mixed_text()) {
            let index = LineIndex::new(&text);
            for (offset, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
                for unit in [ColumnUnit::Char, ColumnUnit::Utf16, ColumnUnit::Byte] {
                    let position = index.position(&text, offset, unit);
                    prop_assert_eq!(index.offset(&text, position, unit), Some(offset));
                }
            }
        }

        #[test]
        fn lines_agree_with_a_naive_count(text in mixed_text()) {
            let index = LineIndex::new(&text);
            for (offset, _) in text.char_indices() {
                let before = &text[..offset];
                if before.ends_with('\r') && text[offset..].starts_with('\n') {
                    continue; // the `\n` of a CRLF belongs to the line it ends
                }
                let normalized = before.replace("\r\n", "\n").replace('\r', "\n");
                let expected_line = normalized.matches('\n').count() + 1;
                let expected_column = normalized.rsplit('\n').next().unwrap().chars().count() + 1;
                let position = index.position(&text, offset, ColumnUnit::Char);
                prop_assert_eq!(position, Position { line: expected_line, column: expected_column });
            }
        }
    }
}
