//! Web addresses, e-mail addresses, domain names and telephone numbers in running text, in
//! Latin or Cyrillic (`https://мвд.рф/news/1`, `press@mvd.ru`, `мвд.рф`, `8 (800) 222-74-47`),
//! with a key that compares them as a reader would: without the scheme, a leading `www.` or a
//! trailing slash, in lower case; a telephone number by its digits. Bare domains are
//! recognised by their top-level domain, so `Газета.Ру`, `e.g.` and `U.S.` are not domains;
//! a run of digit groups is a telephone number when it has seven digits or more and is not
//! written like a large number (`8 800 222 74 47`, `0800 555 111`, `+7 495 123-45-67`, but
//! not `1 500 000`).

use super::Span;

/// What an identifier is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentifierKind {
    Url,
    Email,
    Domain,
    Phone,
}

/// One address found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identifier {
    pub span: Span,
    pub kind: IdentifierKind,
    /// The form compared between two texts.
    pub key: String,
}

/// Top-level domains that end a bare domain name.
const TOP_LEVEL: [&str; 40] = [
    "com",
    "org",
    "net",
    "int",
    "gov",
    "edu",
    "mil",
    "info",
    "biz",
    "io",
    "eu",
    "ru",
    "su",
    "рф",
    "рус",
    "москва",
    "by",
    "kz",
    "ua",
    "uz",
    "kg",
    "am",
    "az",
    "ge",
    "md",
    "uk",
    "de",
    "fr",
    "it",
    "es",
    "ch",
    "at",
    "nl",
    "be",
    "pl",
    "cn",
    "jp",
    "us",
    "ca",
    "online",
];

/// Every address in `text`, in order.
#[must_use]
pub fn identifiers(text: &str) -> Vec<Identifier> {
    let mut out = phones(text);
    let separator = |c: char| c.is_whitespace() || "«»\"“”„()<>[]{}".contains(c);
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (separator(c), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                if let Some(found) = classify(text, s, i) {
                    out.push(found);
                }
                start = None;
            }
            _ => {}
        }
    }
    out.sort_by_key(|id| id.span.start);
    out
}

/// Telephone numbers: digit groups joined by spaces, hyphens and brackets, perhaps after `+`.
fn phones(text: &str) -> Vec<Identifier> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts = (bytes[i].is_ascii_digit()
            || (bytes[i] == b'+' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] >= 0x80 || bytes[i - 1] == b'.'));
        if !starts {
            i += 1;
            continue;
        }
        // Groups of digits; a separator joins only when a digit or `(` follows.
        let mut end = i + 1;
        let mut groups: Vec<usize> = Vec::new();
        let mut current = usize::from(bytes[i].is_ascii_digit());
        let mut bracket = false;
        while end < bytes.len() {
            let b = bytes[end];
            if b.is_ascii_digit() {
                current += 1;
            } else if matches!(b, b' ' | b'-' | b'(' | b')')
                && bytes.get(end + 1).is_some_and(|n| n.is_ascii_digit() || *n == b'(' || (b == b')' && *n == b' '))
            {
                bracket |= matches!(b, b'(' | b')');
                if current > 0 {
                    groups.push(current);
                }
                current = 0;
            } else {
                break;
            }
            end += 1;
        }
        if current > 0 {
            groups.push(current);
        }
        let digits: usize = groups.iter().sum();
        let number_like =
            groups.len() > 1 && groups[0] <= 3 && !text[i..].starts_with('0') && groups[1..].iter().all(|&g| g == 3);
        // `2019-2021`, `2026-11-27`: years and ISO dates.
        let years = groups[0] == 4 && groups[1..].iter().all(|&g| g == 4 || g == 2);
        let phone = digits >= 7
            && groups.len() >= 2
            && !years
            && (bytes[i] == b'+' || bracket || !number_like)
            // A decimal or a date goes on with a dot and a digit.
            && !(bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit))
            && !(bytes.get(end) == Some(&b',') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit));
        if phone {
            let key: String = text[i..end].chars().filter(char::is_ascii_digit).collect();
            out.push(Identifier { span: Span::new(i, end), kind: IdentifierKind::Phone, key });
            i = end;
        } else {
            i = end.max(i + 1);
        }
    }
    out
}

fn classify(text: &str, start: usize, end: usize) -> Option<Identifier> {
    let token = &text[start..end];
    // Sentence punctuation around an address is not part of it.
    let trimmed = token.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '’']);
    let lead = trimmed.len() - trimmed.trim_start_matches(['\'', '‘', '’']).len();
    let trimmed = &trimmed[lead..];
    let span = Span::new(start + lead, start + lead + trimmed.len());
    let lower = trimmed.to_lowercase();
    let without_scheme = ["https://", "http://", "ftp://"].iter().find_map(|scheme| lower.strip_prefix(scheme));
    if let Some(rest) = without_scheme.or_else(|| lower.starts_with("www.").then_some(lower.as_str())) {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if !host.contains('.') {
            return None;
        }
        return Some(Identifier { span, kind: IdentifierKind::Url, key: key(rest) });
    }
    if let Some((local, domain)) = lower.split_once('@') {
        let local_ok = !local.is_empty() && local.chars().all(|c| c.is_alphanumeric() || "._%+-".contains(c));
        return (local_ok && is_domain(domain)).then_some(Identifier { span, kind: IdentifierKind::Email, key: lower });
    }
    let host = lower.split('/').next().unwrap_or_default();
    is_domain(host).then(|| Identifier { span, kind: IdentifierKind::Domain, key: key(&lower) })
}

/// `name.tld` with a known top-level domain and labels of letters, digits and hyphens.
fn is_domain(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && labels[0].chars().any(char::is_alphabetic)
        && labels.last().is_some_and(|tld| TOP_LEVEL.contains(tld))
}

/// Without a leading `www.` and a trailing slash.
fn key(address: &str) -> String {
    let address = address.strip_prefix("www.").unwrap_or(address);
    address.trim_end_matches('/').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, IdentifierKind, String)> {
        identifiers(text).into_iter().map(|i| (&text[i.span.start..i.span.end], i.kind, i.key)).collect()
    }

    #[test]
    fn addresses_in_both_scripts() {
        let text = "Подробности на сайте мвд.рф, по адресу press@mvd.ru и на https://www.мвд.рф/news/1/.";
        assert_eq!(
            found(text),
            [
                ("мвд.рф", IdentifierKind::Domain, "мвд.рф".to_owned()),
                ("press@mvd.ru", IdentifierKind::Email, "press@mvd.ru".to_owned()),
                ("https://www.мвд.рф/news/1/", IdentifierKind::Url, "мвд.рф/news/1".to_owned()),
            ]
        );
        assert_eq!(
            found("Visit www.Interpol.int or (weather.com)."),
            [
                ("www.Interpol.int", IdentifierKind::Url, "interpol.int".to_owned()),
                ("weather.com", IdentifierKind::Domain, "weather.com".to_owned()),
            ]
        );
    }

    #[test]
    fn telephone_numbers_by_their_digits() {
        let keys = |text: &str| identifiers(text).into_iter().map(|i| (i.kind, i.key)).collect::<Vec<_>>();
        assert_eq!(
            keys("звоните 8 800 222 74 47 или +7 (495) 123-45-67."),
            [(IdentifierKind::Phone, "88002227447".to_owned()), (IdentifierKind::Phone, "74951234567".to_owned()),]
        );
        assert_eq!(keys("call 0800 555 111 quoting log 247"), [(IdentifierKind::Phone, "0800555111".to_owned())]);
        // Large numbers, decimals, dates and short numbers are figures.
        assert!(keys("1 500 000 рублей, 3,500,000, 27.11.2026, 116 123, 2 300 граждан, 1 250 водителей").is_empty());
        assert!(keys("in 2019-2021 and on 2026-11-27").is_empty());
    }

    #[test]
    fn names_and_abbreviations_are_not_addresses() {
        assert!(found("«Газета.Ру» писала, e.g. the U.S. and St.Petersburg; DM @MerPolCC; No.1; 3.5").is_empty());
    }
}
