//! Shared XML plumbing for TMX and XLIFF: owned events with positions, entity handling that
//! never reads a DTD or an external file, and inline content split into text with
//! placeholders and the original markup.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::input::{Input, LineTracker};
use super::{FormatError, Location};
use tm_text::placeholder::placeholder;

/// A parsed XML event, owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ev {
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        raw: String,
        empty: bool,
    },
    End {
        name: String,
    },
    Text(String),
    /// A reference to an entity XML does not define (`&nbsp;`, or one declared in a DTD, which
    /// `tm` never expands).
    UnknownEntity(String),
    Eof,
}

pub struct Xml {
    reader: Reader<Box<dyn std::io::BufRead>>,
    lines: LineTracker,
    buf: Vec<u8>,
    event_start: u64,
    /// Open elements, the root element's name, and whether it has been closed: a file cut off
    /// before its root's end tag, or a second root after it, is an error, never half a file.
    depth: usize,
    /// The names of the open elements (the first 64 levels).
    open: Vec<String>,
    root: Option<String>,
    root_closed: bool,
}

impl Xml {
    pub fn new(input: Input) -> Self {
        let bounded: Box<dyn std::io::BufRead> =
            Box::new(std::io::BufReader::with_capacity(1 << 16, RunLimit { inner: input.reader, run: 0 }));
        let mut reader = Reader::from_reader(bounded);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.trim_text(false);
        config.expand_empty_elements = false;
        Self {
            reader,
            lines: input.lines,
            buf: Vec::with_capacity(4096),
            event_start: 0,
            depth: 0,
            open: Vec::new(),
            root: None,
            root_closed: false,
        }
    }

    /// Where the last event started.
    pub fn location(&self) -> Location {
        self.lines.locate(self.event_start)
    }

    pub fn syntax(&self, message: impl Into<String>) -> FormatError {
        FormatError::Syntax { location: self.location(), message: message.into() }
    }

    pub fn next_event(&mut self) -> Result<Ev, FormatError> {
        loop {
            self.buf.clear();
            self.event_start = self.reader.buffer_position();
            let event = match self.reader.read_event_into(&mut self.buf) {
                Ok(event) => event,
                Err(error) => {
                    let mut location = self.lines.locate(self.reader.error_position());
                    let message = match error {
                        quick_xml::Error::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => {
                            // A reader's limit: where the event that crossed it began.
                            location = self.lines.locate(self.event_start);
                            io.to_string()
                        }
                        quick_xml::Error::Io(io) => {
                            return Err(FormatError::Io(std::io::Error::new(io.kind(), io.to_string())));
                        }
                        quick_xml::Error::Encoding(_) => super::NOT_UTF8.to_owned(),
                        other => other.to_string(),
                    };
                    return Err(FormatError::Syntax { location, message });
                }
            };
            let (lines, at) = (&self.lines, self.event_start);
            let syntax = |message: String| FormatError::Syntax { location: lines.locate(at), message };
            if let Event::Start(e) | Event::Empty(e) = &event
                && self.depth == 0
            {
                let name = local(e.name().as_ref()).to_owned();
                if let Some(root) = self.root.as_ref().filter(|_| self.root_closed) {
                    return Err(syntax(format!("a second root element <{name}> after </{root}>")));
                }
                self.root = Some(name);
                self.root_closed = matches!(event, Event::Empty(_));
            }
            return Ok(match event {
                Event::Start(e) => {
                    self.depth += 1;
                    if self.open.len() < 64 {
                        self.open.push(local(e.name().as_ref()).to_owned());
                    }
                    start(&e, false).map_err(syntax)?
                }
                Event::Empty(e) => start(&e, true).map_err(syntax)?,
                Event::End(e) => {
                    if self.open.len() == self.depth {
                        self.open.pop();
                    }
                    self.depth = self.depth.saturating_sub(1);
                    self.root_closed |= self.depth == 0;
                    Ev::End { name: local(e.name().as_ref()).to_owned() }
                }
                Event::Text(e) => Ev::Text(e.xml10_content().into_owned()),
                Event::CData(e) => Ev::Text(e.xml10_content().into_owned()),
                Event::GeneralRef(e) => match e.resolve_char_ref() {
                    Ok(Some(c)) => Ev::Text(c.to_string()),
                    Ok(None) => match &*e {
                        "amp" => Ev::Text("&".into()),
                        "lt" => Ev::Text("<".into()),
                        "gt" => Ev::Text(">".into()),
                        "apos" => Ev::Text("'".into()),
                        "quot" => Ev::Text("\"".into()),
                        other => Ev::UnknownEntity(other.to_owned()),
                    },
                    Err(error) => return Err(syntax(format!("bad character reference &{};: {error}", &*e))),
                },
                Event::Eof if self.depth > 0 => {
                    let root = self.root.as_deref().unwrap_or_default();
                    let inside = match self.open.last() {
                        Some(innermost) if self.depth > 1 => format!(" inside a <{innermost}>"),
                        _ => String::new(),
                    };
                    return Err(syntax(format!("the file ends{inside} before </{root}>: it was cut off")));
                }
                Event::Eof => Ev::Eof,
                // Declarations, DTDs (never read), comments and processing instructions.
                Event::Decl(_) | Event::DocType(_) | Event::Comment(_) | Event::PI(_) => continue,
            });
        }
    }
}

/// Fails a read once more than [`MAX_RUN`] bytes pass without a `<` or `>`.
struct RunLimit {
    inner: Box<dyn std::io::BufRead>,
    run: u64,
}

impl std::io::Read for RunLimit {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(out)?;
        for &byte in &out[..n] {
            if byte == b'<' || byte == b'>' {
                self.run = 0;
            } else {
                self.run += 1;
            }
        }
        if self.run > MAX_RUN {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("more than {} MiB without markup: not a file tm reads (tm stops here)", MAX_RUN >> 20),
            ));
        }
        Ok(n)
    }
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

fn start(e: &quick_xml::events::BytesStart<'_>, empty: bool) -> Result<Ev, String> {
    let name = local(e.name().as_ref()).to_owned();
    let mut attrs = Vec::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|error| format!("bad attribute in <{name}>: {error}"))?;
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|error| format!("bad attribute value in <{name}>: {error}"))?;
        attrs.push((attr.key.as_ref().to_owned(), value.into_owned()));
    }
    Ok(Ev::Start { name, attrs, raw: e.to_string(), empty })
}

/// The value of attribute `key` (exact name, or its local part).
pub fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .or_else(|| attrs.iter().find(|(k, _)| local(k) == key))
        .map(|(_, v)| v.as_str())
}

/// How an inline element's content is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inline {
    /// Its content is native code (TMX `bpt`, `ept`, `it`, `ph`, `ut`; XLIFF 1.2 `bpt`…):
    /// one placeholder, the content kept only in the markup.
    Code,
    /// It wraps translatable text (`hi`, `g`, `pc`, `mrk`): a placeholder at each end.
    Paired,
}

/// Inline content being collected: text with placeholders and the markup it came from.
#[derive(Debug, Default)]
pub struct Content {
    text: String,
    markup: String,
    codes: usize,
    /// Depth inside a code element, whose content is not text.
    in_code: usize,
    /// Element names opened inside the content, to know which kind each end closes.
    stack: Vec<Inline>,
}

impl Content {
    pub fn start(&mut self, raw: &str, empty: bool, kind: Inline) {
        self.markup.push('<');
        self.markup.push_str(raw);
        self.markup.push_str(if empty { "/>" } else { ">" });
        if self.in_code > 0 {
            if !empty {
                self.in_code += 1;
                self.stack.push(Inline::Code);
            }
            return;
        }
        self.push_placeholder();
        if !empty {
            match kind {
                Inline::Code => self.in_code = 1,
                Inline::Paired => {}
            }
            self.stack.push(kind);
        }
    }

    pub fn end(&mut self, name: &str) {
        self.markup.push_str("</");
        self.markup.push_str(name);
        self.markup.push('>');
        match self.stack.pop() {
            Some(Inline::Code) => self.in_code = self.in_code.saturating_sub(1),
            Some(Inline::Paired) if self.in_code == 0 => self.push_placeholder(),
            _ => {}
        }
    }

    pub fn text(&mut self, text: &str) {
        escape_into(&mut self.markup, text);
        if self.in_code == 0 {
            self.text.push_str(text);
        }
    }

    /// Drops the text and markup collected so far, keeping track of the open elements.
    pub fn discard(&mut self) {
        self.text = String::new();
        self.markup = String::new();
    }

    /// Whether an element end belongs to the content (rather than closing the segment).
    pub fn is_open(&self) -> bool {
        !self.stack.is_empty()
    }

    fn push_placeholder(&mut self) {
        self.text.push(placeholder(self.codes));
        self.codes += 1;
    }

    /// The text, and the markup when there were inline codes.
    pub fn finish(self) -> (String, Option<String>) {
        let markup = (self.codes > 0).then_some(self.markup);
        (self.text, markup)
    }
}

/// Escapes text for XML content and attributes. A carriage return is written as `&#13;`, which
/// a parser keeps (a literal one is read back as a line feed).
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            _ => out.push(c),
        }
    }
}

/// Escapes an attribute value: as [`escape`], and line feeds and tabs as references, which
/// attribute-value normalisation would otherwise turn into spaces.
pub fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            _ => escape_into(&mut out, c.encode_utf8(&mut [0; 4])),
        }
    }
    out
}

/// The first character XML 1.0 cannot carry at all, not even as a reference: C0 controls
/// other than tab, line feed and carriage return, and U+FFFE/U+FFFF.
#[must_use]
pub fn forbidden_in_xml(text: &str) -> Option<char> {
    text.chars()
        .find(|&c| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}'))
}

/// [`escape_into`] returning a new string.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Reads inline content up to the end tag of `element`: text with placeholders, the markup
/// when there were codes, and the first problem that makes the unit unusable.
pub fn read_content(
    xml: &mut Xml,
    element: &str,
    kind: fn(&str) -> Inline,
) -> Result<(String, Option<String>, Option<String>), FormatError> {
    let mut content = Content::default();
    let mut problem = None;
    let mut overflowed = false;
    loop {
        if content.markup.len() > MAX_SEGMENT_MARKUP {
            // Read on to the end of the element, keeping nothing: the unit is skipped.
            content.discard();
            if !overflowed {
                overflowed = true;
                problem = Some(format!(
                    "a <{element}> of more than {} MiB is longer than tm reads: not a sentence",
                    MAX_SEGMENT_MARKUP >> 20
                ));
            }
        }
        match xml.next_event()? {
            Ev::Start { name, raw, empty, .. } => content.start(&raw, empty, kind(&name)),
            Ev::End { name } if !content.is_open() => {
                if name != element {
                    return Err(xml.syntax(format!("</{name}> inside <{element}>")));
                }
                break;
            }
            Ev::End { name } => content.end(&name),
            Ev::Text(text) => content.text(&text),
            Ev::UnknownEntity(name) => {
                problem.get_or_insert_with(|| {
                    format!("entity &{name}; is not defined by XML, and tm never expands DTD entities")
                });
            }
            Ev::Eof => return Err(xml.syntax(format!("the file ends inside a <{element}>"))),
        }
    }
    let (text, markup) = content.finish();
    Ok((text, markup, problem))
}

/// The most a segment's content (text and markup) may hold while it is read; longer ones are
/// errors, whatever the input, before they fill memory (a stored segment is at most 1 MiB).
pub const MAX_SEGMENT_MARKUP: usize = 8 << 20;

/// The most a note, property or term (any simple element read by [`read_text`]) may hold.
pub const MAX_TEXT: usize = 64 << 10;

/// The longest run of characters without `<` or `>` the XML readers take in one piece: one text
/// event or one tag. The parser holds a whole event in memory before anything can look at it,
/// so this bounds its memory whatever the input (5 GB of zeros inflated from a small `.gz`).
pub const MAX_RUN: u64 = 32 << 20;

/// Reads the text of a simple element (`<prop>`, `<note>`) up to its end tag; more than
/// [`MAX_TEXT`] bytes is an error.
pub fn read_text(xml: &mut Xml, element: &str) -> Result<String, FormatError> {
    let mut text = String::new();
    let mut depth = 0usize;
    loop {
        if text.len() > MAX_TEXT {
            return Err(xml.syntax(format!(
                "a <{element}> of more than {} KiB: tm keeps notes, properties and terms up to that size",
                MAX_TEXT >> 10
            )));
        }
        match xml.next_event()? {
            Ev::Text(t) => text.push_str(&t),
            Ev::Start { empty: false, .. } => depth += 1,
            Ev::End { .. } if depth > 0 => depth -= 1,
            Ev::End { .. } => return Ok(text),
            Ev::Eof => return Err(xml.syntax(format!("the file ends inside a <{element}>"))),
            Ev::Start { .. } | Ev::UnknownEntity(_) => {}
        }
    }
}

/// Skips everything up to the end of the element just opened.
pub fn skip_element(xml: &mut Xml, element: &str) -> Result<(), FormatError> {
    let mut depth = 0usize;
    loop {
        match xml.next_event()? {
            Ev::Start { empty: false, .. } => depth += 1,
            Ev::End { .. } if depth > 0 => depth -= 1,
            Ev::End { .. } => return Ok(()),
            Ev::Eof => return Err(xml.syntax(format!("the file ends inside a <{element}>"))),
            _ => {}
        }
    }
}
