//! Opening an input file as a stream of UTF-8: gzip, byte-order marks and UTF-16 are handled
//! here so that every reader sees UTF-8 and every position refers to the decoded stream.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use sha2::{Digest, Sha256};

use super::Location;

/// An opened input: a buffered UTF-8 stream and the tracker of line positions in it.
pub struct Input {
    pub reader: Box<dyn BufRead>,
    pub lines: LineTracker,
    /// What the bytes were, for messages: `UTF-8`, `UTF-16LE`, `gzip+UTF-8`…
    pub encoding: String,
    /// Bytes of the underlying file read so far, for progress bars.
    pub raw_read: Rc<Cell<u64>>,
    /// SHA-256 of the bytes read so far: the file's checksum without a second pass.
    pub digest: Rc<RefCell<Sha256>>,
}

/// Hex SHA-256 of everything read through `digest`.
#[must_use]
pub fn hex_digest(digest: &Rc<RefCell<Sha256>>) -> String {
    digest.borrow().clone().finalize().iter().map(|b| format!("{b:02x}")).collect()
}

impl std::fmt::Debug for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Input").field("encoding", &self.encoding).finish_non_exhaustive()
    }
}

/// Opens `path` (or any reader) for reading as UTF-8.
pub fn open(path: &Path) -> io::Result<Input> {
    open_as(path, None)
}

/// [`open`], reading bytes without a byte-order mark in the encoding `declared` (else the one
/// the bytes show: UTF-16 by their pattern, or an XML declaration's; else UTF-8).
pub fn open_as(path: &Path, declared: Option<tm_text::Encoding>) -> io::Result<Input> {
    let file = File::open(path)?;
    from_reader_as(Box::new(file), declared)
}

/// Wraps raw bytes: sniffs gzip and byte-order marks.
pub fn from_reader(raw: Box<dyn Read>) -> io::Result<Input> {
    from_reader_as(raw, None)
}

/// [`from_reader`] with an encoding for bytes without a byte-order mark (see [`open_as`]).
pub fn from_reader_as(raw: Box<dyn Read>, declared: Option<tm_text::Encoding>) -> io::Result<Input> {
    use tm_text::Encoding;
    let raw_read = Rc::new(Cell::new(0));
    let digest = Rc::new(RefCell::new(Sha256::new()));
    let raw = Counting { inner: raw, count: raw_read.clone(), digest: digest.clone() };
    let mut raw = BufReader::with_capacity(1 << 16, raw);
    let mut encoding = String::new();
    let head = raw.fill_buf()?;
    let mut inner: Box<dyn BufRead> = if head.starts_with(&[0x1F, 0x8B]) {
        encoding.push_str("gzip+");
        let inflate =
            Inflate { inner: flate2::bufread::MultiGzDecoder::new(raw), compressed: raw_read.clone(), out: 0 };
        Box::new(BufReader::with_capacity(1 << 16, inflate))
    } else {
        Box::new(raw)
    };
    let head = inner.fill_buf()?;
    let decoded: Box<dyn Read> = if head.starts_with(&[0xFF, 0xFE]) {
        inner.consume(2);
        encoding.push_str("UTF-16LE");
        Box::new(Utf16Reader::new(inner, true))
    } else if head.starts_with(&[0xFE, 0xFF]) {
        inner.consume(2);
        encoding.push_str("UTF-16BE");
        Box::new(Utf16Reader::new(inner, false))
    } else if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        inner.consume(3);
        encoding.push_str("UTF-8");
        Box::new(inner)
    } else {
        let legacy = match declared.or_else(|| tm_text::sniff(head)) {
            Some(Encoding::Utf16LeBare) => Some(encoding_rs::UTF_16LE),
            Some(Encoding::Utf16BeBare) => Some(encoding_rs::UTF_16BE),
            Some(Encoding::Legacy(legacy)) => Some(legacy),
            _ => None,
        };
        match legacy {
            Some(legacy) => {
                encoding.push_str(legacy.name());
                Box::new(
                    encoding_rs_io::DecodeReaderBytesBuilder::new()
                        .encoding(Some(legacy))
                        .bom_override(false)
                        .bom_sniffing(false)
                        .build(inner),
                )
            }
            None => {
                encoding.push_str("UTF-8");
                Box::new(inner)
            }
        }
    };
    let lines = LineTracker::default();
    let reader = Box::new(BufReader::with_capacity(1 << 16, Tracking { inner: decoded, lines: lines.clone() }));
    Ok(Input { reader, lines, encoding, raw_read, digest })
}

/// SHA-256 of a file's bytes, hex.
pub fn sha256(path: &Path) -> io::Result<String> {
    let mut file = BufReader::with_capacity(1 << 16, File::open(path)?);
    let mut hasher = Sha256::new();
    loop {
        let buffer = file.fill_buf()?;
        if buffer.is_empty() {
            break;
        }
        hasher.update(buffer);
        let n = buffer.len();
        file.consume(n);
    }
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Transcodes UTF-16 to UTF-8 on the fly. Unpaired surrogates become U+FFFD.
struct Utf16Reader<R> {
    inner: R,
    little_endian: bool,
    /// Bytes read but not yet decoded (an odd byte, a high surrogate awaiting its pair).
    raw: Vec<u8>,
    /// Decoded UTF-8 not yet handed out, and how much of it was.
    pending: Vec<u8>,
    position: usize,
    done: bool,
}

impl<R: BufRead> Utf16Reader<R> {
    fn new(inner: R, little_endian: bool) -> Self {
        Self { inner, little_endian, raw: Vec::new(), pending: Vec::new(), position: 0, done: false }
    }

    fn refill(&mut self) -> io::Result<()> {
        self.pending.clear();
        self.position = 0;
        while self.pending.is_empty() && !self.done {
            let buffer = self.inner.fill_buf()?;
            if buffer.is_empty() {
                self.done = true;
            }
            self.raw.extend_from_slice(buffer);
            let n = buffer.len();
            self.inner.consume(n);
            let mut units: Vec<u16> = self
                .raw
                .chunks_exact(2)
                .map(|p| {
                    if self.little_endian { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) }
                })
                .collect();
            let mut consumed = units.len() * 2;
            if !self.done && units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
                units.pop();
                consumed -= 2;
            }
            self.raw.drain(..consumed);
            if self.done && !self.raw.is_empty() {
                // A lone trailing byte cannot be a character.
                self.raw.clear();
                units.push(0xFFFD);
            }
            for c in char::decode_utf16(units) {
                let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
                let mut buf = [0u8; 4];
                self.pending.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
        Ok(())
    }
}

impl<R: BufRead> Read for Utf16Reader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.position >= self.pending.len() {
            self.refill()?;
        }
        let available = &self.pending[self.position..];
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.position += n;
        Ok(n)
    }
}

/// Remembers where lines start in the stream read so far, so that a byte offset reported by
/// a parser becomes a line and a character column. Only the recent past is kept: parsers
/// ask about positions close to where they are.
#[derive(Clone, Default)]
pub struct LineTracker {
    state: Rc<RefCell<LineState>>,
}

#[derive(Default)]
struct LineState {
    /// Offsets of line starts not yet known to be behind every future question.
    starts: VecDeque<u64>,
    /// Line number of `starts[0]` minus one (lines before it are forgotten).
    forgotten_lines: u64,
    /// Start of the line containing the oldest remembered offset.
    base_start: u64,
    /// The most recent bytes, for character columns.
    recent: VecDeque<u8>,
    recent_start: u64,
    total: u64,
    /// The last position located: `(offset, line start, column)`. Parsers ask about offsets in
    /// increasing order, often many on one long line (a minified TMX is one line): the next
    /// column on the same line is counted from here, not from the line's start.
    last: Option<(u64, u64, u64)>,
}

const RECENT: usize = 1 << 20;

impl LineTracker {
    fn record(&self, bytes: &[u8]) {
        let mut state = self.state.borrow_mut();
        let base = state.total;
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' {
                state.starts.push_back(base + i as u64 + 1);
            }
        }
        state.total += bytes.len() as u64;
        state.recent.extend(bytes);
        let excess = state.recent.len().saturating_sub(RECENT);
        if excess > 0 {
            state.recent.drain(..excess);
            state.recent_start += excess as u64;
            // Line starts before the recent window are only counted: memory stays the same
            // whatever the number of lines (a reader that never asks, such as the PO reader,
            // would otherwise keep 8 bytes per line).
            let horizon = state.recent_start;
            Self::forget_before(&mut state, horizon);
        }
    }

    /// Forgets the line starts behind `offset`, keeping one line of slack.
    fn forget_before(state: &mut LineState, offset: u64) {
        while state.starts.len() > 1 && state.starts[1] <= offset {
            let start = state.starts.pop_front().unwrap_or_default();
            state.base_start = start;
            state.forgotten_lines += 1;
        }
    }

    /// The line and character column of byte `offset` of the decoded stream.
    #[must_use]
    pub fn locate(&self, offset: u64) -> Location {
        let mut state = self.state.borrow_mut();
        Self::forget_before(&mut state, offset);
        let (line, start) = match state.starts.front() {
            Some(&first) if first <= offset => (state.forgotten_lines + 2, first),
            _ => (state.forgotten_lines + 1, state.base_start),
        };
        // Count characters from the last position located on this line when there is one.
        let (from_offset, from_column) = match state.last {
            Some((last, last_start, column)) if last_start == start && last <= offset && last >= state.recent_start => {
                (last, column)
            }
            _ => (start, 1),
        };
        let column = if from_offset >= state.recent_start && offset <= state.total {
            let from = usize::try_from(from_offset - state.recent_start).unwrap_or(0);
            let to = usize::try_from(offset - state.recent_start).unwrap_or(0).min(state.recent.len());
            // Characters are counted by their first bytes (not UTF-8 continuation bytes).
            let chars = state.recent.range(from..to.max(from)).filter(|&&b| b & 0xC0 != 0x80).count() as u64;
            from_column + chars
        } else {
            offset.saturating_sub(start) + 1
        };
        state.last = Some((offset, start, column));
        Location { line, column }
    }
}

/// Past this many inflated bytes, a gzip stream may inflate at most [`MAX_RATIO`] times its
/// compressed size: translation memories compress about ten to one, decompression bombs a
/// thousand to one.
const BOMB_FLOOR: u64 = 64 << 20;
const MAX_RATIO: u64 = 100;

/// Inflates gzip, stopping a decompression bomb with an error instead of reading on.
struct Inflate<R> {
    inner: flate2::bufread::MultiGzDecoder<R>,
    compressed: Rc<Cell<u64>>,
    out: u64,
}

impl<R: BufRead> Read for Inflate<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.out += n as u64;
        let compressed = self.compressed.get().max(1);
        if self.out > BOMB_FLOOR && self.out / compressed > MAX_RATIO {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "the gzip file inflates more than {MAX_RATIO} times ({} MiB from {} KiB so far): a decompression bomb, not a memory; tm stops here",
                    self.out >> 20,
                    compressed >> 10
                ),
            ));
        }
        Ok(n)
    }
}

struct Counting {
    inner: Box<dyn Read>,
    count: Rc<Cell<u64>>,
    digest: Rc<RefCell<Sha256>>,
}

impl Read for Counting {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(out)?;
        self.count.set(self.count.get() + n as u64);
        self.digest.borrow_mut().update(&out[..n]);
        Ok(n)
    }
}

struct Tracking {
    inner: Box<dyn Read>,
    lines: LineTracker,
}

impl Read for Tracking {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(out)?;
        self.lines.record(&out[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: Vec<u8>) -> (String, Input) {
        let mut input = from_reader(Box::new(io::Cursor::new(bytes))).unwrap();
        let mut text = String::new();
        input.reader.read_to_string(&mut text).unwrap();
        (text, input)
    }

    #[test]
    fn utf16_with_bom_becomes_utf8() {
        let text = "Лион 😀\nLyon";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(read_all(le).0, text);
        let (decoded, input) = read_all(be);
        assert_eq!(decoded, text);
        assert_eq!(input.encoding, "UTF-16BE");
    }

    #[test]
    fn utf8_bom_is_dropped_and_gzip_is_inflated() {
        assert_eq!(read_all(b"\xEF\xBB\xBFabc".to_vec()).0, "abc");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, "Лион".as_bytes()).unwrap();
        let (text, input) = read_all(gz.finish().unwrap());
        assert_eq!(text, "Лион");
        assert_eq!(input.encoding, "gzip+UTF-8");
    }

    #[test]
    fn a_gzip_bomb_is_stopped_early() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..256 {
            std::io::Write::write_all(&mut gz, &zeros).unwrap();
        }
        let bytes = gz.finish().unwrap();
        let mut input = from_reader(Box::new(io::Cursor::new(bytes))).unwrap();
        let mut sink = Vec::new();
        let error = io::copy(&mut input.reader, &mut sink).unwrap_err();
        assert!(error.to_string().contains("decompression bomb"), "{error}");
        assert!(sink.len() < (BOMB_FLOOR as usize) + (1 << 20), "{} bytes inflated", sink.len());
    }

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let (text, input) = read_all("ab\nЛион<x\n\nz".as_bytes().to_vec());
        let lt = text.find('<').unwrap() as u64;
        assert_eq!(input.lines.locate(0), Location { line: 1, column: 1 });
        assert_eq!(input.lines.locate(lt), Location { line: 2, column: 5 });
        assert_eq!(input.lines.locate(text.len() as u64 - 1), Location { line: 4, column: 1 });
    }

    #[test]
    fn columns_on_one_long_line_are_counted_incrementally_and_agree() {
        let text = "Лион <a> ".repeat(20_000);
        let (_, input) = read_all(text.as_bytes().to_vec());
        for (i, (offset, _)) in text.match_indices('<').enumerate().step_by(997) {
            let expected = text[..offset].chars().count() as u64 + 1;
            assert_eq!(input.lines.locate(offset as u64), Location { line: 1, column: expected }, "at the {i}th");
        }
    }

    #[test]
    fn line_starts_are_not_kept_for_the_whole_file() {
        let (_, input) = read_all(vec![b'\n'; 8 << 20]);
        let state = input.lines.state.borrow();
        assert!(state.starts.len() <= RECENT + 1, "{} line starts kept", state.starts.len());
        drop(state);
        assert_eq!(input.lines.locate((8 << 20) - 1), Location { line: 8 << 20, column: 1 });
    }
}
