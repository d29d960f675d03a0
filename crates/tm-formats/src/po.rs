//! Gettext PO: `msgctxt` becomes the unit's context; `#, fuzzy` entries are skipped unless
//! asked for; obsolete (`#~`) entries and the header are never units.

use std::io::BufRead;

use super::input::Input;
use super::{FormatError, Item, Location, Meta, RawUnit, Sink, Variant};

#[derive(Default)]
struct Entry {
    location: Location,
    context: Option<String>,
    msgid: Option<String>,
    plural: Option<String>,
    msgstr: Vec<(usize, String)>,
    fuzzy: bool,
    notes: Vec<String>,
    references: Vec<String>,
}

#[derive(Clone, Copy)]
enum Field {
    Context,
    Id,
    Plural,
    Str(usize),
}

/// Reads a PO stream. `src` and `tgt` are the languages of `msgid` and `msgstr` unless the
/// header's `Language:` names the target.
pub fn read(input: Input, src: &str, tgt: &str, include_fuzzy: bool, sink: &mut Sink<'_>) -> Result<(), FormatError> {
    let mut entry = Entry::default();
    let mut field: Option<Field> = None;
    let mut tgt = tgt.to_owned();
    let mut lines = Lines { reader: input.reader, pending: std::collections::VecDeque::new(), number: 0 };
    while let Some((line_number, line)) = lines.next_line()? {
        let line = line.trim();
        let location = Location { line: line_number, column: 1 };
        if line.is_empty() {
            finish(&mut entry, src, &mut tgt, include_fuzzy, sink)?;
            field = None;
            continue;
        }
        if line.starts_with("#~") {
            continue;
        }
        if let Some(flags) = line.strip_prefix("#,") {
            entry.fuzzy |= flags.split(',').any(|f| f.trim() == "fuzzy");
            continue;
        }
        if let Some(note) = line.strip_prefix("#.").or_else(|| line.strip_prefix("# ")) {
            entry.notes.push(note.trim().to_owned());
            continue;
        }
        if let Some(reference) = line.strip_prefix("#:") {
            entry.references.push(reference.trim().to_owned());
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let (keyword, rest) = match line.find('"') {
            Some(quote) => (line[..quote].trim(), &line[quote..]),
            None => return Err(FormatError::Syntax { location, message: format!("expected a quoted string: {line}") }),
        };
        let value =
            unquote(rest).ok_or_else(|| FormatError::Syntax { location, message: format!("bad string: {rest}") })?;
        let next = match keyword {
            "" => field,
            "msgctxt" => {
                if entry.msgid.is_some() {
                    finish(&mut entry, src, &mut tgt, include_fuzzy, sink)?;
                }
                Some(Field::Context)
            }
            "msgid" => {
                if entry.msgid.is_some() {
                    finish(&mut entry, src, &mut tgt, include_fuzzy, sink)?;
                }
                Some(Field::Id)
            }
            "msgid_plural" => Some(Field::Plural),
            "msgstr" => Some(Field::Str(0)),
            other => match other.strip_prefix("msgstr[").and_then(|r| r.strip_suffix(']')).and_then(|n| n.parse().ok())
            {
                Some(n) => Some(Field::Str(n)),
                None => return Err(FormatError::Syntax { location, message: format!("unknown keyword `{other}`") }),
            },
        };
        let Some(next) = next else {
            return Err(FormatError::Syntax {
                location,
                message: "a string continuation with nothing to continue".into(),
            });
        };
        if entry.msgid.is_none() && entry.context.is_none() {
            entry.location = location;
        }
        let slot: &mut String = match next {
            Field::Context => entry.context.get_or_insert_with(String::new),
            Field::Id => entry.msgid.get_or_insert_with(String::new),
            Field::Plural => entry.plural.get_or_insert_with(String::new),
            Field::Str(n) => {
                if keyword.is_empty() {
                    match entry.msgstr.iter_mut().find(|(i, _)| *i == n) {
                        Some((_, s)) => s,
                        None => return Err(FormatError::Syntax { location, message: "stray string".into() }),
                    }
                } else {
                    entry.msgstr.push((n, String::new()));
                    let last = entry.msgstr.len() - 1;
                    &mut entry.msgstr[last].1
                }
            }
        };
        slot.push_str(&value);
        field = Some(next);
    }
    finish(&mut entry, src, &mut tgt, include_fuzzy, sink)
}

/// The longest line read: a PO line holds one quoted string, and a segment is at most 1 MiB.
const MAX_LINE: u64 = 4 << 20;

/// Lines ended by a line feed, CR LF, or a carriage return alone (old Mac files), each at most
/// [`MAX_LINE`] bytes, numbered from 1.
struct Lines {
    reader: Box<dyn BufRead>,
    /// Lines split off a chunk at carriage returns, not yet handed out.
    pending: std::collections::VecDeque<String>,
    number: u64,
}

impl Lines {
    fn next_line(&mut self) -> Result<Option<(u64, String)>, FormatError> {
        if let Some(line) = self.pending.pop_front() {
            self.number += 1;
            return Ok(Some((self.number, line)));
        }
        let mut bytes = Vec::new();
        let read = std::io::Read::take(&mut self.reader, MAX_LINE + 1).read_until(b'\n', &mut bytes);
        let location = Location { line: self.number + 1, column: 1 };
        read.map_err(|error| FormatError::Syntax { location, message: error.to_string() })?;
        if bytes.is_empty() {
            return Ok(None);
        }
        if bytes.len() as u64 > MAX_LINE {
            return Err(FormatError::Syntax {
                location,
                message: format!("a line longer than {} MiB: not a PO file", MAX_LINE >> 20),
            });
        }
        let text =
            String::from_utf8(bytes).map_err(|_| FormatError::Syntax { location, message: super::NOT_UTF8.into() })?;
        let text = text.strip_suffix('\n').unwrap_or(&text);
        let text = text.strip_suffix('\r').unwrap_or(text);
        self.pending.extend(text.split('\r').map(str::to_owned));
        self.next_line()
    }
}

fn finish(
    entry: &mut Entry,
    src: &str,
    tgt: &mut String,
    include_fuzzy: bool,
    sink: &mut Sink<'_>,
) -> Result<(), FormatError> {
    let entry = std::mem::take(entry);
    let Some(msgid) = entry.msgid else { return Ok(()) };
    let location = entry.location;
    if msgid.is_empty() {
        // The header: take the target language from it.
        if let Some((_, header)) = entry.msgstr.first() {
            for line in header.lines() {
                if let Some(language) = line.strip_prefix("Language:") {
                    let language = language.trim();
                    if !language.is_empty() {
                        *tgt = language.replace('_', "-");
                    }
                }
            }
        }
        return Ok(());
    }
    let item = if entry.fuzzy && !include_fuzzy {
        Item::Skipped { location, reason: "fuzzy entry (use --include-fuzzy)".into() }
    } else {
        let meta = Meta {
            context: entry.context,
            notes: entry.notes,
            props: entry.references.into_iter().map(|r| ("reference".to_owned(), r)).collect(),
            ..Meta::default()
        };
        let sources = [Some(msgid), entry.plural];
        let mut items = Vec::new();
        for (index, source) in sources.into_iter().enumerate() {
            let Some(source) = source else { continue };
            let target = entry.msgstr.iter().find(|(i, _)| *i == index).map(|(_, s)| s.clone()).unwrap_or_default();
            if target.is_empty() {
                items.push(Item::Skipped { location, reason: "untranslated".into() });
                continue;
            }
            items.push(Item::Unit(RawUnit {
                location,
                declared_source: Some(src.to_owned()),
                variants: vec![
                    Variant { lang: src.to_owned(), text: source, ..Variant::default() },
                    Variant { lang: tgt.clone(), text: target, ..Variant::default() },
                ],
                meta: meta.clone(),
            }));
        }
        for item in items {
            sink(item).map_err(FormatError::Stopped)?;
        }
        return Ok(());
    };
    sink(item).map_err(FormatError::Stopped)
}

/// Decodes a C-style quoted string.
fn unquote(text: &str) -> Option<String> {
    let inner = text.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            other => out.push(other),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::from_reader;

    fn read_str(text: &str, include_fuzzy: bool) -> Vec<Item> {
        let input = from_reader(Box::new(std::io::Cursor::new(text.as_bytes().to_vec()))).unwrap();
        let mut items = Vec::new();
        read(input, "ru", "en", include_fuzzy, &mut |item| {
            items.push(item);
            Ok(())
        })
        .unwrap();
        items
    }

    const PO: &str = r#"msgid ""
msgstr ""
"Language: en_GB\n"

#. a note
#: release.txt:3
msgctxt "headline"
msgid "Встреча в "
"Лионе"
msgstr "Meeting in Lyon"

#, fuzzy
msgid "Черновик"
msgstr "Draft"

#~ msgid "Старое"
#~ msgstr "Old"
"#;

    #[test]
    fn context_continuations_header_and_fuzzy() {
        let items = read_str(PO, false);
        assert_eq!(items.len(), 2);
        let Item::Unit(unit) = &items[0] else { panic!("{items:?}") };
        assert_eq!(unit.variants[0].text, "Встреча в Лионе");
        assert_eq!(unit.variants[1].lang, "en-GB");
        assert_eq!(unit.meta.context.as_deref(), Some("headline"));
        assert_eq!(unit.meta.notes, vec!["a note"]);
        assert_eq!(unit.location.line, 7);
        assert!(matches!(&items[1], Item::Skipped { reason, .. } if reason.contains("fuzzy")));
        assert!(matches!(&read_str(PO, true)[1], Item::Unit(_)));
    }

    #[test]
    fn carriage_returns_alone_end_lines_as_line_feeds_do() {
        let lf = read_str(PO, false);
        let cr = read_str(&PO.replace('\n', "\r"), false);
        let crlf = read_str(&PO.replace('\n', "\r\n"), false);
        assert_eq!(lf.len(), 2);
        assert_eq!(format!("{lf:?}"), format!("{cr:?}"));
        assert_eq!(format!("{lf:?}"), format!("{crlf:?}"));
    }

    #[test]
    fn escapes() {
        assert_eq!(unquote(r#""a\"b\nc""#).as_deref(), Some("a\"b\nc"));
        assert_eq!(unquote("no quotes"), None);
    }
}
