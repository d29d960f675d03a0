//! Two line-aligned plain-text files: line N of one translates line N of the other.

use std::io::BufRead;

use super::input::Input;
use super::{FormatError, Item, Location, RawUnit, Sink, Variant};

/// Pairs the lines of `source` and `target`. Different line counts are an error: the files
/// are not aligned, and guessing would store wrong pairs.
pub fn read(source: Input, target: Input, src: &str, tgt: &str, sink: &mut Sink<'_>) -> Result<(), FormatError> {
    let read_lines = |input: Input| -> Result<Vec<String>, FormatError> {
        input.reader.lines().enumerate().map(|(i, line)| line.map_err(|error| invalid(i as u64 + 1, &error))).collect()
    };
    let sources = read_lines(source)?;
    let targets = read_lines(target)?;
    if sources.len() != targets.len() {
        return Err(FormatError::Syntax {
            location: Location { line: sources.len().min(targets.len()) as u64 + 1, column: 1 },
            message: format!(
                "the files are not line-aligned: {} lines against {} (align them with `tm import --pair`)",
                sources.len(),
                targets.len()
            ),
        });
    }
    for (index, (source, target)) in sources.into_iter().zip(targets).enumerate() {
        let location = Location { line: index as u64 + 1, column: 1 };
        if source.trim().is_empty() && target.trim().is_empty() {
            continue;
        }
        let item = if source.trim().is_empty() || target.trim().is_empty() {
            Item::Skipped { location, reason: "one side of the line is empty".into() }
        } else {
            Item::Unit(RawUnit {
                location,
                declared_source: Some(src.to_owned()),
                variants: vec![
                    Variant { lang: src.to_owned(), text: source.trim().to_owned(), ..Variant::default() },
                    Variant { lang: tgt.to_owned(), text: target.trim().to_owned(), ..Variant::default() },
                ],
                ..RawUnit::default()
            })
        };
        sink(item).map_err(FormatError::Stopped)?;
    }
    Ok(())
}

fn invalid(line: u64, error: &std::io::Error) -> FormatError {
    FormatError::Syntax {
        location: Location { line, column: 1 },
        message: if error.kind() == std::io::ErrorKind::InvalidData {
            "the file is not valid UTF-8".into()
        } else {
            error.to_string()
        },
    }
}
