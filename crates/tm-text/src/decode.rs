use thiserror::Error;

/// How the input bytes were encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 with a byte-order mark, as Windows tools write it. The mark stays in the text so
    /// that byte offsets are file offsets; it counts as invisible everywhere.
    Utf8Bom,
    /// UTF-16 with a byte-order mark. Offsets then refer to the UTF-8 transcoding, which is the
    /// only text `tm` works on; the mark itself is dropped.
    Utf16Le,
    Utf16Be,
    /// UTF-16 without a byte-order mark (found from the pattern of its bytes, or declared).
    Utf16LeBare,
    Utf16BeBare,
    /// A legacy encoding, declared (`--encoding`, an XML declaration): windows-1251 and KOI8-R
    /// from old Russian CAT tools and mail systems.
    Legacy(&'static encoding_rs::Encoding),
}

impl Encoding {
    /// The encoding's name, for messages.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf8Bom => "UTF-8 with a byte-order mark",
            Self::Utf16Le => "UTF-16LE",
            Self::Utf16Be => "UTF-16BE",
            Self::Utf16LeBare => "UTF-16LE without a byte-order mark",
            Self::Utf16BeBare => "UTF-16BE without a byte-order mark",
            Self::Legacy(encoding) => encoding.name(),
        }
    }
}

/// The encoding a label names (`windows-1251`, `cp1251`, `koi8-r`, `utf-16le`…, as the WHATWG
/// Encoding Standard lists them).
#[must_use]
pub fn encoding_for_label(label: &str) -> Option<Encoding> {
    let found = encoding_rs::Encoding::for_label(label.trim().as_bytes())?;
    Some(if found == encoding_rs::UTF_8 {
        Encoding::Utf8
    } else if found == encoding_rs::UTF_16LE {
        Encoding::Utf16LeBare
    } else if found == encoding_rs::UTF_16BE {
        Encoding::Utf16BeBare
    } else {
        Encoding::Legacy(found)
    })
}

/// How the bytes of a file without a byte-order mark are encoded, if they say: UTF-16 from the
/// pattern of its bytes (ASCII and Cyrillic put 0x00 or 0x04 in every other byte), else the
/// `encoding` of an XML declaration. `None`: take UTF-8.
#[must_use]
pub fn sniff(head: &[u8]) -> Option<Encoding> {
    let head = &head[..head.len().min(4096) & !1];
    if head.len() >= 8 {
        let pairs = head.len() / 2;
        let high = |first: bool| head.chunks_exact(2).filter(|p| matches!(p[usize::from(!first)], 0x00 | 0x04)).count();
        let zeros = |first: bool| head.chunks_exact(2).filter(|p| p[usize::from(!first)] == 0).count();
        // Little-endian: the high byte second.
        if high(false) * 10 >= pairs * 8 && zeros(true) * 10 <= pairs {
            return Some(Encoding::Utf16LeBare);
        }
        if high(true) * 10 >= pairs * 8 && zeros(false) * 10 <= pairs {
            return Some(Encoding::Utf16BeBare);
        }
    }
    let declaration = head.strip_prefix(b"<?xml")?;
    let end = declaration.windows(2).position(|w| w == b"?>")?;
    let declaration = std::str::from_utf8(&declaration[..end]).ok()?;
    let at = declaration.find("encoding")?;
    let rest = declaration[at + "encoding".len()..].trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let label = rest[1..].split(quote).next()?;
    match encoding_for_label(label)? {
        // A declaration of UTF-16 on bytes that are not: the declaration is wrong.
        Encoding::Utf8 | Encoding::Utf16LeBare | Encoding::Utf16BeBare => None,
        other => Some(other),
    }
}

/// Decoded input text.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
}

/// Why input could not be decoded. Offsets are into the raw input bytes.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error(
        "invalid UTF-8 at byte {offset} (line {line}); save the file as UTF-8, or name its encoding with --encoding (windows-1251 and koi8-r are the usual Russian ones)"
    )]
    InvalidUtf8 { offset: usize, line: usize },
    #[error("not valid {encoding} at byte {offset}")]
    Invalid { encoding: &'static str, offset: usize },
    #[error("invalid UTF-16 at byte {offset}: unpaired surrogate")]
    InvalidUtf16 { offset: usize },
    #[error("truncated UTF-16: odd number of bytes ({len})")]
    OddUtf16Length { len: usize },
}

/// Decodes UTF-8 (with or without a byte-order mark) or UTF-16 LE/BE with a byte-order mark.
///
/// Invalid input is an error with the byte offset, never silently replaced: a replacement
/// character in a translation memory is a corrupted unit that nobody notices.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    decode_as(bytes, None)
}

/// [`decode`], with the encoding `declared` when the bytes have no byte-order mark (which
/// wins), else the encoding [`sniff`] finds.
pub fn decode_as(bytes: Vec<u8>, declared: Option<Encoding>) -> Result<Decoded, DecodeError> {
    let has_bom =
        bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    if !has_bom && let Some(encoding) = declared.or_else(|| sniff(&bytes)) {
        match encoding {
            Encoding::Utf16LeBare => {
                return decode_utf16(&bytes, u16::from_le_bytes, 0).map(|text| Decoded { text, encoding });
            }
            Encoding::Utf16BeBare => {
                return decode_utf16(&bytes, u16::from_be_bytes, 0).map(|text| Decoded { text, encoding });
            }
            Encoding::Legacy(legacy) => {
                return match legacy.decode_without_bom_handling_and_without_replacement(&bytes) {
                    Some(text) => Ok(Decoded { text: text.into_owned(), encoding }),
                    None => {
                        // Where: the first byte whose decoding fails.
                        let mut decoder = legacy.new_decoder_without_bom_handling();
                        let mut out = String::with_capacity(bytes.len() * 3);
                        let (_, read) = decoder.decode_to_string_without_replacement(&bytes, &mut out, true);
                        Err(DecodeError::Invalid { encoding: legacy.name(), offset: read.saturating_sub(1) })
                    }
                };
            }
            Encoding::Utf8 | Encoding::Utf8Bom | Encoding::Utf16Le | Encoding::Utf16Be => {}
        }
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes, 2).map(|text| Decoded { text, encoding: Encoding::Utf16Le });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes, 2).map(|text| Decoded { text, encoding: Encoding::Utf16Be });
    }
    let encoding = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) { Encoding::Utf8Bom } else { Encoding::Utf8 };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text, encoding }),
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let line = error.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(DecodeError::InvalidUtf8 { offset, line })
        }
    }
}

/// UTF-16 `bytes` (after a byte-order mark of `mark` bytes, counted in error offsets).
fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, mark: usize) -> Result<String, DecodeError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(DecodeError::OddUtf16Length { len: bytes.len() + mark });
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len());
    for (index, decoded) in char::decode_utf16(units).enumerate() {
        match decoded {
            Ok(c) => text.push(c),
            Err(_) => return Err(DecodeError::InvalidUtf16 { offset: mark + index * 2 }),
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for unit in text.encode_utf16() {
            bytes.extend(if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        bytes
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("Лион".as_bytes().to_vec()).unwrap();
        assert_eq!((plain.text.as_str(), plain.encoding), ("Лион", Encoding::Utf8));
        let with_bom = decode(b"\xEF\xBB\xBFLyon".to_vec()).unwrap();
        assert_eq!((with_bom.text.as_str(), with_bom.encoding), ("\u{FEFF}Lyon", Encoding::Utf8Bom));
    }

    #[test]
    fn utf16_both_byte_orders() {
        let text = "Генсек 🙂 Lyon\r\n";
        assert_eq!(decode(utf16(text, false)).unwrap().text, text);
        assert_eq!(decode(utf16(text, true)).unwrap().encoding, Encoding::Utf16Be);
        assert_eq!(decode(utf16(text, true)).unwrap().text, text);
    }

    #[test]
    fn invalid_utf8_names_byte_and_line() {
        let mut bytes = "Лион\nЛи".as_bytes().to_vec();
        bytes.push(0xD0); // a lone lead byte
        bytes.extend_from_slice(b" x");
        let error = decode(bytes).unwrap_err();
        assert_eq!(error, DecodeError::InvalidUtf8 { offset: 13, line: 2 });
        assert!(error.to_string().contains("byte 13 (line 2)"));
    }

    #[test]
    fn legacy_russian_encodings_declared_or_in_an_xml_declaration() {
        let (windows, _, _) = encoding_rs::WINDOWS_1251.encode("Делегация прибыла в Лион.");
        let (koi8, _, _) = encoding_rs::KOI8_R.encode("Делегация прибыла в Лион.");
        assert!(decode(windows.to_vec()).unwrap_err().to_string().contains("--encoding"));
        let cp1251 = encoding_for_label("cp1251").unwrap();
        let decoded = decode_as(windows.to_vec(), Some(cp1251)).unwrap();
        assert_eq!((decoded.text.as_str(), decoded.encoding.name()), ("Делегация прибыла в Лион.", "windows-1251"));
        let decoded = decode_as(koi8.to_vec(), encoding_for_label("koi8-r")).unwrap();
        assert_eq!(decoded.text, "Делегация прибыла в Лион.");
        let mut xml = b"<?xml version='1.0' encoding='windows-1251'?>\n<tbx>".to_vec();
        xml.extend_from_slice(&windows);
        assert!(decode(xml).unwrap().text.ends_with("<tbx>Делегация прибыла в Лион."));
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_recognised() {
        for text in ["<?xml version=\"1.0\"?><tmx/>", "Делегация прибыла в Лион 12 мая.", "ru\ten\nЛион\tLyon\n"]
        {
            let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
            let decoded = decode(le).unwrap();
            assert_eq!((decoded.text.as_str(), decoded.encoding), (text, Encoding::Utf16LeBare));
            let decoded = decode(be).unwrap();
            assert_eq!((decoded.text.as_str(), decoded.encoding), (text, Encoding::Utf16BeBare));
        }
        // UTF-8 Russian and English are never taken for UTF-16.
        for text in ["Делегация прибыла в Лион.", "The delegation arrived in Lyon."] {
            assert_eq!(decode(text.as_bytes().to_vec()).unwrap().encoding, Encoding::Utf8);
        }
    }

    #[test]
    fn broken_utf16_is_an_error() {
        assert_eq!(decode(vec![0xFF, 0xFE, 0x41]).unwrap_err(), DecodeError::OddUtf16Length { len: 3 });
        assert_eq!(
            decode(vec![0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8, 0x41, 0x00]).unwrap_err(),
            DecodeError::InvalidUtf16 { offset: 4 }
        );
    }
}
