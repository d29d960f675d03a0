use unicode_normalization::{IsNormalized, UnicodeNormalization, char::canonical_combining_class, is_nfc_quick};

use super::{Span, is_invisible};

/// Options for [`normalize`].
#[derive(Debug, Clone, Copy, Default)]
pub struct NormalizeOptions {
    /// Fold case (full Unicode lower-casing), for case-insensitive matching.
    pub fold_case: bool,
}

/// A matching form of a text, with a map back to the original bytes.
///
/// The normalised text is only ever used to *find* things; every position reported to a user
/// is mapped back through [`Normalized::to_original`].
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// One entry per output character: where it starts in `text`, and the original span it
    /// came from. Several output characters may share one original span (a decomposed or
    /// case-folded character), and original characters may vanish (invisible characters).
    pieces: Vec<Piece>,
    original_len: usize,
}

#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    original: Span,
}

impl Normalized {
    /// Maps a byte span of the normalised text to the smallest span of the original text that
    /// produced it. An empty span maps to an empty span at the corresponding original position.
    #[must_use]
    pub fn to_original(&self, span: Span) -> Span {
        let piece_at = |offset: usize| self.pieces.partition_point(|piece| piece.start <= offset).checked_sub(1);
        let start = if span.start >= self.text.len() {
            self.original_len
        } else {
            piece_at(span.start).map_or(0, |i| self.pieces[i].original.start)
        };
        if span.is_empty() {
            return Span::new(start, start);
        }
        let end = piece_at(span.end - 1).map_or(start, |i| self.pieces[i].original.end);
        Span::new(start, end.max(start))
    }
}

/// Builds the matching form of `original`: NFC; `ё`→`е` and `Ё`→`Е`; every hyphen and dash
/// (U+2010–U+2015, U+2212 and the small/full-width forms) → `-`; no-break, narrow no-break,
/// thin and other fixed-width spaces → ` `; typographic double quotes and guillemets → `"`,
/// single quotes and apostrophes → `'`; invisible characters (zero-width spaces, soft hyphens,
/// the byte-order mark) dropped; optionally case folded.
#[must_use]
pub fn normalize(original: &str, options: NormalizeOptions) -> Normalized {
    let mut out =
        Normalized { text: String::with_capacity(original.len()), pieces: Vec::new(), original_len: original.len() };
    let emit = |c: char, from: Span, out: &mut Normalized| {
        if is_invisible(c) {
            return;
        }
        let folded = fold(c);
        if options.fold_case {
            for lower in folded.to_lowercase() {
                out.pieces.push(Piece { start: out.text.len(), original: from });
                out.text.push(lower);
            }
        } else {
            out.pieces.push(Piece { start: out.text.len(), original: from });
            out.text.push(folded);
        }
    };
    let mut chars = original.char_indices().peekable();
    while let Some((start, first)) = chars.next() {
        // A chunk is a character plus everything that may combine with it under NFC; chunks
        // normalise independently, so each output character maps back to one chunk.
        let mut end = start + first.len_utf8();
        while let Some(&(next_start, next)) = chars.peek() {
            if is_stable_starter(next) {
                break;
            }
            end = next_start + next.len_utf8();
            chars.next();
        }
        let chunk = &original[start..end];
        if end == start + first.len_utf8() && is_stable_starter(first) {
            emit(first, Span::new(start, end), &mut out);
        } else {
            for c in chunk.nfc() {
                emit(c, Span::new(start, end), &mut out);
            }
        }
    }
    out
}

fn is_stable_starter(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// The single-character folds of [`normalize`]: `ё`→`е`, dashes, fixed-width spaces, quotes.
#[must_use]
pub fn fold(c: char) -> char {
    match c {
        'ё' => 'е',
        'Ё' => 'Е',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => ' ',
        '«' | '»' | '„' | '“' | '”' | '‟' | '″' | '〝' | '〞' | '＂' => '"',
        '‘' | '’' | '‚' | '‛' | '′' | '＇' => '\'',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn norm(text: &str) -> String {
        normalize(text, NormalizeOptions::default()).text
    }

    #[test]
    fn folds_yo_dashes_spaces_and_quotes() {
        assert_eq!(norm("Орёл — «Лион»\u{A0}5\u{202F}000 генерал\u{2011}майор"), "Орел - \"Лион\" 5 000 генерал-майор");
        assert_eq!(norm("Interpol’s “NCB”"), "Interpol's \"NCB\"");
        assert_eq!(norm("ЁЛКА"), "ЕЛКА");
    }

    #[test]
    fn composes_to_nfc_and_maps_back() {
        // "й" written as и + combining breve, then a soft hyphen inside the word.
        let original = "Мои\u{306} Ли\u{AD}он";
        let normalized = normalize(original, NormalizeOptions::default());
        assert_eq!(normalized.text, "Мой Лион");
        let yi = normalized.text.find('й').unwrap();
        let span = normalized.to_original(Span::new(yi, yi + 'й'.len_utf8()));
        assert_eq!(span.slice(original), Some("и\u{306}"));
        let lyon = normalized.text.find("Лион").unwrap();
        let span = normalized.to_original(Span::new(lyon, normalized.text.len()));
        assert_eq!(span.slice(original), Some("Ли\u{AD}он"));
    }

    #[test]
    fn case_folding_keeps_the_map() {
        let original = "ИНТЕРПОЛ İstanbul";
        let normalized = normalize(original, NormalizeOptions { fold_case: true });
        assert_eq!(normalized.text, "интерпол i\u{307}stanbul");
        let at = normalized.text.find("stanbul").unwrap();
        let span = normalized.to_original(Span::new(at, normalized.text.len()));
        assert_eq!(span.slice(original), Some("stanbul"));
    }

    proptest! {
        #[test]
        fn every_normalised_span_maps_to_an_original_span_on_char_boundaries(
            parts in prop::collection::vec(prop::sample::select(vec![
                "a", "Ё", "ё", "и\u{306}", "\u{306}", "e\u{301}\u{323}", "—", "\u{A0}", "«", "’", "\u{AD}",
                "\u{200B}", "İ", "ß", "🙂", " ", "Лион", "\u{1100}\u{1161}",
            ]), 0..40),
            fold_case in any::<bool>(),
        ) {
            let original = parts.concat();
            let normalized = normalize(&original, NormalizeOptions { fold_case });
            let boundaries: Vec<usize> = normalized.text.char_indices().map(|(i, _)| i)
                .chain(std::iter::once(normalized.text.len())).collect();
            let mut last_start = 0;
            for (a, &start) in boundaries.iter().enumerate() {
                for &end in &boundaries[a..] {
                    let span = normalized.to_original(Span::new(start, end));
                    prop_assert!(span.start <= span.end && span.end <= original.len());
                    prop_assert!(original.is_char_boundary(span.start) && original.is_char_boundary(span.end));
                }
                let span = normalized.to_original(Span::new(start, start));
                prop_assert!(span.start >= last_start, "map is monotone");
                last_start = span.start;
            }
        }
    }
}
