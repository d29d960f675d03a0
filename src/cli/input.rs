use std::io::Read;
use std::path::Path;

use anyhow::{Context, bail};
use tm::text::{Decoded, Encoding, decode_as};

/// Reads and decodes a file, or standard input for `None` and `-`. Returns the name to show
/// in messages with the text.
pub(crate) fn read_text(path: Option<&Path>, encoding: Option<Encoding>) -> anyhow::Result<(String, Decoded)> {
    let (name, bytes) = match path.filter(|path| path.as_os_str() != "-") {
        None => {
            let mut bytes = Vec::new();
            std::io::stdin().lock().read_to_end(&mut bytes).context("cannot read standard input")?;
            ("<stdin>".to_owned(), bytes)
        }
        Some(path) => {
            let name = path.display().to_string();
            if path.is_dir() {
                bail!("{name}: is a directory, not a text file");
            }
            let bytes = std::fs::read(path).with_context(|| format!("cannot read {name}"))?;
            (name, bytes)
        }
    };
    let decoded = decode_as(bytes, encoding).with_context(|| name.clone())?;
    Ok((name, decoded))
}
