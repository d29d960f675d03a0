//! TMX 1.1–1.4b, read with a pull parser (never a DOM) and written as TMX 1.4b.

use std::io::{self, Write};

use super::input::Input;
use super::markup::{Ev, Inline, Xml, attr, escape, escape_attr, forbidden_in_xml, read_content, read_text};
use super::{FormatError, Item, Location, Meta, RawUnit, Sink, Unit, Variant, iso_date, tmx_date};

/// What the header declared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub version: Option<String>,
    /// `srclang`, unless it is `*all*` or missing.
    pub srclang: Option<String>,
}

const REQUIRED_HEADER: [&str; 7] =
    ["creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"];

/// Origin of a unit, written by `tm export` and read back.
const ORIGIN_PROP: &str = "x-tm-origin";

fn inline_kind(name: &str) -> Inline {
    match name {
        "hi" => Inline::Paired,
        // bpt, ept, it, ph, ut and anything unknown: native code.
        _ => Inline::Code,
    }
}

fn meta_from(attrs: &[(String, String)], meta: &mut Meta) {
    for (key, value) in attrs {
        match key.as_str() {
            "creationdate" => meta.created_at = Some(iso_date(value)),
            "changedate" => meta.changed_at = Some(iso_date(value)),
            "creationid" => meta.created_by = Some(value.clone()),
            "changeid" => meta.changed_by = Some(value.clone()),
            "usagecount" => meta.usage_count = value.trim().parse().ok(),
            "lastusagedate" | "tuid" => meta.props.push((key.clone(), value.clone())),
            _ => {}
        }
    }
}

#[derive(Default)]
struct Tu {
    unit: RawUnit,
    invalid: Option<String>,
    origin: Option<String>,
}

/// Reads a TMX stream, handing each `<tu>` to `sink`.
pub fn read(input: Input, sink: &mut Sink<'_>) -> Result<Header, FormatError> {
    let mut xml = Xml::new(input);
    let mut header = Header::default();
    let mut seen_root = false;
    let mut tu: Option<Tu> = None;
    let mut tuv: Option<Variant> = None;
    let emit = |sink: &mut Sink<'_>, item: Item| sink(item).map_err(FormatError::Stopped);
    loop {
        let event = xml.next_event()?;
        let location = xml.location();
        match event {
            Ev::Eof => break,
            Ev::Start { name, attrs, empty, .. } => match name.as_str() {
                "tmx" => {
                    seen_root = true;
                    header.version = attr(&attrs, "version").map(str::to_owned);
                }
                "header" => {
                    let missing: Vec<&str> =
                        REQUIRED_HEADER.iter().copied().filter(|key| attr(&attrs, key).is_none()).collect();
                    if !missing.is_empty() {
                        emit(
                            sink,
                            Item::Warning {
                                location,
                                message: format!("<header> lacks required attributes: {}", missing.join(", ")),
                            },
                        )?;
                    }
                    header.srclang =
                        attr(&attrs, "srclang").filter(|s| !s.eq_ignore_ascii_case("*all*")).map(str::to_owned);
                }
                "tu" => {
                    let mut new = Tu::default();
                    new.unit.location = location;
                    new.unit.declared_source = attr(&attrs, "srclang")
                        .filter(|s| !s.eq_ignore_ascii_case("*all*"))
                        .map(str::to_owned)
                        .or_else(|| header.srclang.clone());
                    meta_from(&attrs, &mut new.unit.meta);
                    if empty {
                        emit(sink, Item::Invalid { location, reason: "empty <tu/>".into() })?;
                    } else {
                        tu = Some(new);
                    }
                }
                "tuv" => {
                    let mut variant = Variant::default();
                    match attr(&attrs, "xml:lang").or_else(|| attr(&attrs, "lang")) {
                        Some(lang) => variant.lang = lang.trim().to_owned(),
                        None => {
                            if let Some(tu) = tu.as_mut() {
                                tu.invalid.get_or_insert_with(|| format!("<tuv> at {location} has no xml:lang"));
                            }
                        }
                    }
                    meta_from(&attrs, &mut variant.meta);
                    if !empty {
                        tuv = Some(variant);
                    }
                }
                "seg" => {
                    let (text, markup, problem) =
                        if empty { (String::new(), None, None) } else { read_content(&mut xml, "seg", inline_kind)? };
                    if let (Some(problem), Some(tu)) = (problem, tu.as_mut()) {
                        tu.invalid.get_or_insert(problem);
                    }
                    if let Some(variant) = tuv.as_mut() {
                        variant.text = text;
                        variant.markup = markup;
                    }
                }
                "prop" | "note" => {
                    let kind = attr(&attrs, "type").unwrap_or_default().to_owned();
                    let text = if empty { String::new() } else { read_text(&mut xml, &name)? };
                    let meta = match (tuv.as_mut(), tu.as_mut()) {
                        (Some(variant), _) => Some(&mut variant.meta),
                        (None, Some(tu)) => {
                            if name == "prop" && kind == ORIGIN_PROP {
                                tu.origin = Some(text.clone());
                                continue;
                            }
                            Some(&mut tu.unit.meta)
                        }
                        (None, None) => None,
                    };
                    if let Some(meta) = meta {
                        if name == "note" {
                            meta.notes.push(text);
                        } else if kind.eq_ignore_ascii_case("x-context") {
                            meta.context = Some(text);
                        } else {
                            meta.props.push((kind, text));
                        }
                    }
                }
                _ => {}
            },
            Ev::End { name } => match name.as_str() {
                "tuv" => {
                    if let (Some(variant), Some(tu)) = (tuv.take(), tu.as_mut()) {
                        tu.unit.variants.push(variant);
                    }
                }
                "tu" => {
                    if let Some(tu) = tu.take() {
                        emit(sink, finish_tu(tu))?;
                    }
                }
                _ => {}
            },
            Ev::Text(_) | Ev::UnknownEntity(_) => {}
        }
    }
    if !seen_root {
        return Err(FormatError::Syntax {
            location: Location { line: 1, column: 1 },
            message: "not a TMX file: no <tmx> element".into(),
        });
    }
    Ok(header)
}

fn finish_tu(tu: Tu) -> Item {
    let Tu { mut unit, invalid, origin } = tu;
    if let Some(reason) = invalid {
        return Item::Invalid { location: unit.location, reason };
    }
    if unit.variants.len() < 2 {
        return Item::Invalid {
            location: unit.location,
            reason: format!("a <tu> needs at least two <tuv>, this one has {}", unit.variants.len()),
        };
    }
    if let Some(origin) = origin {
        unit.meta.props.push((ORIGIN_PROP.to_owned(), origin));
    }
    Item::Unit(unit)
}

/// Writes TMX 1.4b: a header, then units, then [`write_footer`].
pub fn write_header(out: &mut dyn Write, srclang: &str, tool_version: &str) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<tmx version="1.4">"#)?;
    writeln!(
        out,
        r#"  <header creationtool="tm" creationtoolversion="{}" segtype="sentence" o-tmf="tm" adminlang="en" srclang="{}" datatype="plaintext"/>"#,
        escape(tool_version),
        escape(srclang)
    )?;
    writeln!(out, "  <body>")
}

/// Why a unit cannot be written as XML 1.0: a character XML cannot carry (U+0001, ESC, U+000B,
/// U+FFFE…), in which field.
#[must_use]
pub fn unwritable(unit: &Unit) -> Option<String> {
    let fields = [
        ("source", Some(unit.source.as_str())),
        ("target", Some(unit.target.as_str())),
        ("source markup", unit.source_markup.as_deref()),
        ("target markup", unit.target_markup.as_deref()),
        ("origin", unit.origin.as_deref()),
        ("context", unit.meta.context.as_deref()),
        ("creation id", unit.meta.created_by.as_deref()),
        ("change id", unit.meta.changed_by.as_deref()),
        ("language", Some(unit.src_tag.as_str())),
        ("language", Some(unit.tgt_tag.as_str())),
    ];
    let notes = unit.meta.notes.iter().map(|n| ("note", Some(n.as_str())));
    let props =
        unit.meta.props.iter().flat_map(|(k, v)| [("property", Some(k.as_str())), ("property", Some(v.as_str()))]);
    fields.into_iter().chain(notes).chain(props).find_map(|(field, text)| {
        forbidden_in_xml(text?).map(|c| format!("its {field} holds U+{:04X}, which XML 1.0 cannot carry", c as u32))
    })
}

/// Writes one `<tu>`, or nothing when [`unwritable`] says why it cannot be written (returned).
/// Inline codes are written as TMX's own elements: codes read from a TMX as they were, codes of
/// another format (XLIFF's `<g>`, `<pc>`, `<x/>`…) as `<bpt>`/`<ept>` around paired ones and
/// `<ph>` for the rest, with the original markup as their native code.
pub fn write_unit(out: &mut dyn Write, unit: &Unit) -> io::Result<Option<String>> {
    if let Some(problem) = unwritable(unit) {
        return Ok(Some(problem));
    }
    let mut attrs = String::new();
    let mut push = |key: &str, value: Option<&str>| {
        if let Some(value) = value {
            attrs.push_str(&format!(r#" {key}="{}""#, escape_attr(&tmx_date_if(key, value))));
        }
    };
    let meta = &unit.meta;
    push("creationdate", meta.created_at.as_deref());
    push("creationid", meta.created_by.as_deref());
    push("changedate", meta.changed_at.as_deref());
    push("changeid", meta.changed_by.as_deref());
    let usage = meta.usage_count.map(|u| u.to_string());
    push("usagecount", usage.as_deref());
    writeln!(out, "    <tu{attrs}>")?;
    if let Some(origin) = &unit.origin {
        writeln!(out, r#"      <prop type="{ORIGIN_PROP}">{}</prop>"#, escape(origin))?;
    }
    if let Some(context) = &meta.context {
        writeln!(out, r#"      <prop type="x-context">{}</prop>"#, escape(context))?;
    }
    for (kind, value) in &meta.props {
        writeln!(out, r#"      <prop type="{}">{}</prop>"#, escape_attr(kind), escape(value))?;
    }
    for note in &meta.notes {
        writeln!(out, "      <note>{}</note>", escape(note))?;
    }
    for (tag, text, markup) in
        [(&unit.src_tag, &unit.source, &unit.source_markup), (&unit.tgt_tag, &unit.target, &unit.target_markup)]
    {
        let seg = markup.as_deref().and_then(tmx_seg).unwrap_or_else(|| escape(text));
        writeln!(out, r#"      <tuv xml:lang="{}"><seg>{seg}</seg></tuv>"#, escape_attr(tag))?;
    }
    writeln!(out, "    </tu>")?;
    Ok(None)
}

/// The attributes TMX 1.4b allows on its inline elements, and those it requires.
fn tmx_inline(name: &str) -> Option<(&'static [&'static str], &'static [&'static str])> {
    Some(match name {
        "bpt" => (&["i", "x", "type"], &["i"]),
        "ept" => (&["i"], &["i"]),
        "it" => (&["pos", "x", "type"], &["pos"]),
        "ph" => (&["x", "assoc", "type"], &[]),
        "hi" => (&["x", "type"], &[]),
        "ut" => (&["x"], &[]),
        _ => return None,
    })
}

/// Stored segment markup as TMX 1.4b `<seg>` content (see [`write_unit`]); `None` when the
/// markup cannot be read, and the plain text is written instead.
fn tmx_seg(markup: &str) -> Option<String> {
    use quick_xml::events::Event;
    enum Open {
        /// A TMX `<hi>`, written as it was.
        Native,
        /// A paired code of another format, written as `<bpt i>`…`<ept i>`.
        Foreign(usize),
    }
    let wrapped = format!("<seg>{markup}</seg>");
    let name_of = |e: &quick_xml::events::BytesStart<'_>| {
        let name = e.name();
        let name: &str = name.as_ref();
        name.rsplit(':').next().unwrap_or_default().to_owned()
    };
    let attributes = |e: &quick_xml::events::BytesStart<'_>| -> Option<Vec<(String, String)>> {
        e.attributes()
            .map(|a| {
                let a = a.ok()?;
                let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok()?.into_owned();
                let key: &str = a.key.as_ref();
                Some((key.to_owned(), value))
            })
            .collect()
    };
    // TMX's own element with only the attributes TMX allows (and those it requires).
    let native = |name: &str, attrs: &[(String, String)]| {
        tmx_inline(name).is_some_and(|(allowed, required)| {
            attrs.iter().all(|(k, _)| allowed.contains(&k.as_str()))
                && required.iter().all(|r| attrs.iter().any(|(k, _)| k == r))
                && (name != "it" || attrs.iter().any(|(k, v)| k == "pos" && (v == "begin" || v == "end")))
        })
    };
    // The first `i` free for the codes added here: after every `i` the segment already uses.
    let mut next_i = 1usize;
    {
        let mut reader = quick_xml::Reader::from_str(&wrapped);
        loop {
            match reader.read_event().ok()? {
                Event::Start(e) | Event::Empty(e) => {
                    for (k, v) in attributes(&e)? {
                        if k == "i"
                            && let Ok(i) = v.parse::<usize>()
                        {
                            next_i = next_i.max(i.saturating_add(1));
                        }
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
    }
    let mut reader = quick_xml::Reader::from_str(&wrapped);
    let mut out = String::with_capacity(markup.len() + 32);
    let mut open: Vec<Open> = Vec::new();
    let position = |reader: &quick_xml::Reader<&[u8]>| usize::try_from(reader.buffer_position()).ok();
    // The opening <seg>.
    if !matches!(reader.read_event().ok()?, Event::Start(_)) {
        return None;
    }
    loop {
        let before = position(&reader)?;
        let event = reader.read_event().ok()?;
        let raw = wrapped.get(before..position(&reader)?)?;
        match event {
            Event::Start(e) => {
                let (name, attrs) = (name_of(&e), attributes(&e)?);
                if name == "hi" && native(&name, &attrs) {
                    out.push_str(raw);
                    open.push(Open::Native);
                } else if native(&name, &attrs) || !matches!(name.as_str(), "g" | "pc" | "mrk" | "hi") {
                    // A code: the whole element, as TMX wrote it or inside a <ph>.
                    reader.read_to_end(e.name()).ok()?;
                    let whole = wrapped.get(before..position(&reader)?)?;
                    if native(&name, &attrs) {
                        out.push_str(&whole.replace('\r', "&#13;"));
                    } else {
                        out.push_str(&format!("<ph>{}</ph>", escape(whole)));
                    }
                } else {
                    out.push_str(&format!("<bpt i=\"{next_i}\">{}</bpt>", escape(raw)));
                    open.push(Open::Foreign(next_i));
                    next_i += 1;
                }
            }
            Event::Empty(e) => {
                if native(&name_of(&e), &attributes(&e)?) {
                    out.push_str(raw);
                } else {
                    out.push_str(&format!("<ph>{}</ph>", escape(raw)));
                }
            }
            Event::End(_) => match open.pop() {
                None => return Some(out),
                Some(Open::Native) => out.push_str(raw),
                Some(Open::Foreign(i)) => out.push_str(&format!("<ept i=\"{i}\">{}</ept>", escape(raw))),
            },
            Event::Text(_) | Event::GeneralRef(_) => out.push_str(&raw.replace('\r', "&#13;")),
            Event::CData(c) => out.push_str(&escape(&c.xml10_content())),
            Event::Eof => return None,
            _ => {}
        }
    }
}

fn tmx_date_if(key: &str, value: &str) -> String {
    if key.ends_with("date") { tmx_date(value) } else { value.to_owned() }
}

/// Closes the document.
pub fn write_footer(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "  </body>")?;
    writeln!(out, "</tmx>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::from_reader;

    fn read_str(text: &str) -> Result<(Header, Vec<Item>), FormatError> {
        let input = from_reader(Box::new(std::io::Cursor::new(text.as_bytes().to_vec()))).unwrap();
        let mut items = Vec::new();
        let header = read(input, &mut |item| {
            items.push(item);
            Ok(())
        })?;
        Ok((header, items))
    }

    #[test]
    fn reads_variants_meta_and_inline_codes() {
        let (header, items) = read_str(
            r#"<?xml version="1.0"?>
<!-- exported -->
<tmx version="1.4"><header srclang="*all*" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>
<body>
<tu tuid="7" creationdate="20260105T101500Z" changeid="anna"><note>checked</note>
  <tuv lang="EN-GB"><prop type="x-ConfirmationLevel">Translated</prop><seg>Meeting in <bpt i="1">&lt;b&gt;</bpt>Lyon<ept i="1">&lt;/b&gt;</ept> &amp; Paris</seg></tuv>
  <!-- a comment between variants -->
  <tuv xml:lang="ru-RU"><seg>Встреча в <bpt i="1">&lt;b&gt;</bpt>Лионе<ept i="1">&lt;/b&gt;</ept> и Париже&#x21;</seg></tuv>
</tu>
</body></tmx>"#,
        )
        .unwrap();
        assert_eq!(header.srclang, None);
        let [Item::Unit(unit)] = items.as_slice() else { panic!("{items:?}") };
        assert_eq!(unit.location.line, 5);
        assert_eq!(unit.meta.created_at.as_deref(), Some("2026-01-05T10:15:00Z"));
        assert_eq!(unit.meta.changed_by.as_deref(), Some("anna"));
        assert_eq!(unit.meta.notes, vec!["checked"]);
        assert_eq!(unit.meta.props, vec![("tuid".to_owned(), "7".to_owned())]);
        let ru = &unit.variants[1];
        assert_eq!(ru.lang, "ru-RU");
        assert_eq!(ru.text, "Встреча в \u{E000}Лионе\u{E001} и Париже!");
        assert_eq!(
            ru.markup.as_deref(),
            Some(r#"Встреча в <bpt i="1">&lt;b&gt;</bpt>Лионе<ept i="1">&lt;/b&gt;</ept> и Париже!"#)
        );
        assert_eq!(unit.variants[0].lang, "EN-GB");
        assert_eq!(unit.variants[0].meta.props[0].1, "Translated");
    }

    #[test]
    fn hi_keeps_its_text_and_sub_stays_code() {
        let (_, items) = read_str(
            r#"<tmx version="1.4"><header srclang="ru"/><body><tu>
<tuv xml:lang="ru"><seg>Это <hi type="bold">важно</hi><ph x="1">&lt;img alt="<sub>подпись</sub>"&gt;</ph></seg></tuv>
<tuv xml:lang="en"><seg>This is <hi type="bold">important</hi><ph x="1"/></seg></tuv></tu></body></tmx>"#,
        )
        .unwrap();
        let [_, Item::Unit(unit)] = items.as_slice() else { panic!("{items:?}") };
        assert_eq!(unit.declared_source.as_deref(), Some("ru"));
        assert_eq!(unit.variants[0].text, "Это \u{E000}важно\u{E001}\u{E002}");
        assert_eq!(unit.variants[1].text, "This is \u{E000}important\u{E001}\u{E002}");
    }

    #[test]
    fn one_tuv_and_undefined_entities_are_invalid_units() {
        let (_, items) = read_str(
            r#"<!DOCTYPE tmx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header srclang="ru"/><body>
<tu><tuv xml:lang="ru"><seg>Один</seg></tuv></tu>
<tu><tuv xml:lang="ru"><seg>&secret;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu>
</body></tmx>"#,
        )
        .unwrap();
        let reasons: Vec<_> = items
            .iter()
            .filter_map(|i| match i {
                Item::Invalid { location, reason } => Some((location.line, reason.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(reasons.len(), 2);
        assert_eq!(reasons[0], (3, "a <tu> needs at least two <tuv>, this one has 1"));
        assert!(reasons[1].1.contains("&secret;"), "{reasons:?}");
        assert!(!format!("{items:?}").contains("root:"));
    }

    #[test]
    fn broken_xml_names_line_and_column() {
        let error = read_str("<tmx version=\"1.4\"><body>\n<tu><tuv xml:lang=\"ru\"><seg>Лион</tuv></tu></body></tmx>")
            .unwrap_err();
        let FormatError::Syntax { location, message } = error else { panic!() };
        assert_eq!(location.line, 2, "{message}");
        assert!(message.contains("seg") || message.contains("tuv"), "{message}");
    }
}
