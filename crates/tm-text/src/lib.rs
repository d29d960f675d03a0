//! The text model: byte spans into the original input, line/column conversion at the edges,
//! input decoding, and the normaliser used for matching.
//!
//! Everything downstream of this module addresses text by byte ranges into the decoded input,
//! never by positions in a modified copy. Columns in characters or UTF-16 code units are
//! computed only when a renderer needs them.

mod decode;
pub mod escape;
pub mod identifiers;
pub mod lang;
mod line_index;
mod normalize;
pub mod numbers;
pub mod placeholder;
pub mod segment;
mod span;
pub mod words;

pub use decode::{DecodeError, Decoded, Encoding, decode, decode_as, encoding_for_label, sniff};
pub use escape::escape_controls;
pub use lang::Lang;
pub use line_index::{ColumnUnit, LineIndex, Position};
pub use normalize::{NormalizeOptions, Normalized, fold, normalize};
pub use span::Span;

/// Characters that take no room on the page and carry no text: zero-width spaces and joiners,
/// the word joiner, the byte-order mark and the soft hyphen. Web copy is full of them; the
/// segmenter treats them like whitespace at sentence edges so that they never start a sentence.
#[must_use]
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Whitespace in the broad sense used for trimming sentences: Unicode `White_Space` plus the
/// invisible characters of [`is_invisible`].
#[must_use]
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}
