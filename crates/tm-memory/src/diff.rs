//! What differs between a query and a fuzzy match: numbers, words, punctuation, inline codes.

use serde::Serialize;

use super::matching::is_placeholder;

/// One kind of token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TokenKind {
    Number,
    Word,
    Punctuation,
    Code,
}

/// A change between the stored source and the query: `from` is in the stored source, `to` in
/// the query; either may be empty (an insertion or a deletion).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub kind: TokenKind,
    pub from: String,
    pub to: String,
}

fn tokens(text: &str) -> Vec<(TokenKind, String)> {
    let mut out: Vec<(TokenKind, String)> = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_ascii_digit() {
            let mut number = String::from(c);
            // Digits with inner separators: 3 000, 3,000, 1.5, 27.11.2026.
            while let Some(&next) = chars.peek() {
                if next.is_ascii_digit() {
                    number.push(next);
                    chars.next();
                } else if matches!(next, '.' | ',' | '\u{A0}' | '\u{202F}' | ' ') {
                    let mut lookahead = chars.clone();
                    lookahead.next();
                    if lookahead.peek().is_some_and(char::is_ascii_digit) {
                        number.push(next);
                        chars.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            out.push((TokenKind::Number, number));
        } else if c.is_alphabetic() {
            let mut word = String::from(c);
            while let Some(&next) = chars.peek() {
                if next.is_alphanumeric() || (next == '-' && word.chars().last().is_some_and(char::is_alphabetic)) {
                    word.push(next);
                    chars.next();
                } else {
                    break;
                }
            }
            out.push((TokenKind::Word, word));
        } else if is_placeholder(c) {
            out.push((TokenKind::Code, c.to_string()));
        } else {
            out.push((TokenKind::Punctuation, c.to_string()));
        }
    }
    out
}

/// The token-level changes that turn `stored` into `query` (case-insensitive alignment by
/// longest common subsequence; adjacent deletions and insertions of one kind are paired).
#[must_use]
pub fn changes(stored: &str, query: &str) -> Vec<Change> {
    let a = tokens(stored);
    let b = tokens(query);
    // Long inputs would make the table quadratic; such texts are not sentences.
    if a.len() * b.len() > 4_000_000 {
        return Vec::new();
    }
    let same =
        |x: &(TokenKind, String), y: &(TokenKind, String)| x.0 == y.0 && x.1.to_lowercase() == y.1.to_lowercase();
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * (m + 1) + j] = if same(&a[i], &b[j]) {
                lcs[(i + 1) * (m + 1) + j + 1] + 1
            } else {
                lcs[(i + 1) * (m + 1) + j].max(lcs[i * (m + 1) + j + 1])
            };
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    let mut removed: Vec<&(TokenKind, String)> = Vec::new();
    let mut added: Vec<&(TokenKind, String)> = Vec::new();
    let mut flush = |removed: &mut Vec<&(TokenKind, String)>, added: &mut Vec<&(TokenKind, String)>| {
        let mut added_iter = std::mem::take(added).into_iter().peekable();
        for r in removed.drain(..) {
            if added_iter.peek().is_some_and(|a| a.0 == r.0) {
                let a = added_iter.next().map(|a| a.1.clone()).unwrap_or_default();
                out.push(Change { kind: r.0, from: r.1.clone(), to: a });
            } else {
                out.push(Change { kind: r.0, from: r.1.clone(), to: String::new() });
            }
        }
        for a in added_iter {
            out.push(Change { kind: a.0, from: String::new(), to: a.1.clone() });
        }
    };
    while i < n || j < m {
        if i < n && j < m && same(&a[i], &b[j]) {
            flush(&mut removed, &mut added);
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i * (m + 1) + j + 1] >= lcs[(i + 1) * (m + 1) + j]) {
            added.push(&b[j]);
            j += 1;
        } else {
            removed.push(&a[i]);
            i += 1;
        }
    }
    flush(&mut removed, &mut added);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_changed_numbers_and_words() {
        let changes = changes("В 2025 году задержаны 3 000 человек.", "В 2026 году задержаны 3 500 человек!");
        let numbers: Vec<_> = changes.iter().filter(|c| c.kind == TokenKind::Number).collect();
        assert_eq!(numbers.len(), 2);
        assert_eq!((numbers[0].from.as_str(), numbers[0].to.as_str()), ("2025", "2026"));
        assert_eq!((numbers[1].from.as_str(), numbers[1].to.as_str()), ("3 000", "3 500"));
        assert!(changes.iter().any(|c| c.kind == TokenKind::Punctuation && c.from == "." && c.to == "!"));
    }

    #[test]
    fn insertion_and_deletion() {
        let changes = changes("Полиция задержала мужчину", "Полиция Лиона задержала мужчину");
        assert_eq!(changes, vec![Change { kind: TokenKind::Word, from: String::new(), to: "Лиона".into() }]);
        assert!(super::changes("same text", "Same text").is_empty());
    }
}
