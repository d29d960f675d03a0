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
    #[error("invalid UTF-8 at byte {offset} (line {line}); save the file as UTF-8 or UTF-16 with a byte-order mark")]
    InvalidUtf8 { offset: usize, line: usize },
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
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes).map(|text| Decoded { text, encoding: Encoding::Utf16Le });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes).map(|text| Decoded { text, encoding: Encoding::Utf16Be });
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

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, DecodeError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(DecodeError::OddUtf16Length { len: bytes.len() + 2 });
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len());
    for (index, decoded) in char::decode_utf16(units).enumerate() {
        match decoded {
            Ok(c) => text.push(c),
            Err(_) => return Err(DecodeError::InvalidUtf16 { offset: 2 + index * 2 }),
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
    fn broken_utf16_is_an_error() {
        assert_eq!(decode(vec![0xFF, 0xFE, 0x41]).unwrap_err(), DecodeError::OddUtf16Length { len: 3 });
        assert_eq!(
            decode(vec![0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8, 0x41, 0x00]).unwrap_err(),
            DecodeError::InvalidUtf16 { offset: 4 }
        );
    }
}
