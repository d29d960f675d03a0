//! Tab- and comma-separated tables: a header row of language codes (or `--columns`), one
//! unit per row. Quoted fields may hold tabs, quotes and newlines, as Excel writes them.

use super::input::Input;
use super::{FormatError, Item, Location, Meta, RawUnit, Sink, Variant};
use tm_text::lang;

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    Lang(String),
    Note,
    Context,
    Origin,
    Prop(String),
}

impl Column {
    /// Reads a header cell or a `--columns` entry.
    #[must_use]
    pub fn parse(name: &str) -> Column {
        let name = name.trim().trim_start_matches('\u{FEFF}');
        match name.to_ascii_lowercase().as_str() {
            "note" | "notes" | "comment" | "comments" => Column::Note,
            "context" | "key" | "id" => Column::Context,
            "origin" | "file" | "document" => Column::Origin,
            _ if lang::is_plausible(name) => Column::Lang(name.to_owned()),
            _ => Column::Prop(name.to_owned()),
        }
    }
}

/// Reads a table with `delimiter`; `columns` replaces the header row when given.
pub fn read(input: Input, delimiter: u8, columns: Option<&[Column]>, sink: &mut Sink<'_>) -> Result<(), FormatError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .quoting(true)
        .double_quote(true)
        .from_reader(input.reader);
    let mut header: Option<Vec<Column>> = columns.map(<[Column]>::to_vec);
    let mut record = csv::StringRecord::new();
    loop {
        let more = reader.read_record(&mut record).map_err(|error| syntax(&error))?;
        if !more {
            break;
        }
        let location = Location { line: record.position().map_or(0, csv::Position::line), column: 1 };
        let Some(columns) = header.as_ref() else {
            let parsed: Vec<Column> = record.iter().map(Column::parse).collect();
            if parsed.iter().filter(|c| matches!(c, Column::Lang(_))).count() < 2 {
                return Err(FormatError::Syntax {
                    location,
                    message: format!(
                        "the header row should name two languages (like `ru<TAB>en`), found {:?}; or give --columns ru,en",
                        record.iter().collect::<Vec<_>>()
                    ),
                });
            }
            header = Some(parsed);
            continue;
        };
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        if record.len() != columns.len() {
            sink(Item::Invalid {
                location,
                reason: format!("row has {} fields, the header has {}", record.len(), columns.len()),
            })
            .map_err(FormatError::Stopped)?;
            continue;
        }
        let mut unit = RawUnit { location, ..RawUnit::default() };
        let mut meta = Meta::default();
        for (column, field) in columns.iter().zip(record.iter()) {
            match column {
                Column::Lang(tag) => {
                    unit.variants.push(Variant { lang: tag.clone(), text: field.to_owned(), ..Variant::default() });
                }
                Column::Note if !field.is_empty() => meta.notes.push(field.to_owned()),
                Column::Context if !field.is_empty() => meta.context = Some(field.to_owned()),
                Column::Origin if !field.is_empty() => meta.props.push(("x-tm-origin".into(), field.to_owned())),
                Column::Prop(name) if !field.is_empty() => meta.props.push((name.clone(), field.to_owned())),
                _ => {}
            }
        }
        unit.meta = meta;
        sink(Item::Unit(unit)).map_err(FormatError::Stopped)?;
    }
    Ok(())
}

fn syntax(error: &csv::Error) -> FormatError {
    let location = error.position().map_or(Location::default(), |p| Location { line: p.line(), column: 1 });
    let message = match error.kind() {
        csv::ErrorKind::Utf8 { .. } => super::NOT_UTF8.to_owned(),
        csv::ErrorKind::Io(io) => io.to_string(),
        _ => error.to_string(),
    };
    FormatError::Syntax { location, message }
}

/// Escapes one field for writing: quoted when it holds the delimiter, a quote or a newline.
#[must_use]
pub fn field(text: &str, delimiter: char) -> String {
    if text.contains([delimiter, '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::from_reader;

    fn read_bytes(bytes: Vec<u8>, delimiter: u8) -> Result<Vec<Item>, FormatError> {
        let input = from_reader(Box::new(std::io::Cursor::new(bytes))).unwrap();
        let mut items = Vec::new();
        read(input, delimiter, None, &mut |item| {
            items.push(item);
            Ok(())
        })?;
        Ok(items)
    }

    #[test]
    fn quoted_fields_with_tabs_quotes_and_newlines() {
        let text =
            "ru-RU\ten-GB\tnote\n\"Он сказал: \"\"Лион\"\"\tи\nПариж\"\t\"He said: \"\"Lyon\"\"\"\tчек\nОдин\tOne\t\n";
        let items = read_bytes(text.as_bytes().to_vec(), b'\t').unwrap();
        let Item::Unit(unit) = &items[0] else { panic!("{items:?}") };
        assert_eq!(unit.variants[0].text, "Он сказал: \"Лион\"\tи\nПариж");
        assert_eq!(unit.variants[1].text, "He said: \"Lyon\"");
        assert_eq!(unit.meta.notes, vec!["чек"]);
        let Item::Unit(second) = &items[1] else { panic!() };
        assert_eq!(second.location.line, 4);
    }

    #[test]
    fn excel_utf16_and_ragged_rows() {
        let text = "ru\ten\nОдин\tOne\nДва\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let items = read_bytes(bytes, b'\t').unwrap();
        assert!(matches!(&items[0], Item::Unit(u) if u.variants[0].text == "Один"));
        assert!(
            matches!(&items[1], Item::Invalid { location, reason } if location.line == 3 && reason.contains("1 fields"))
        );
    }

    #[test]
    fn header_without_languages_is_an_error() {
        let error = read_bytes(b"source,target\na,b\n".to_vec(), b',').unwrap_err();
        assert!(error.to_string().contains("--columns"), "{error}");
    }
}
