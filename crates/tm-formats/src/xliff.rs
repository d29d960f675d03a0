//! XLIFF 1.2 (`<trans-unit>`) and 2.0/2.1 (`<unit>/<segment>`), read with a pull parser.

use super::input::Input;
use super::markup::{Ev, Inline, Xml, attr, read_content, read_text, skip_element};
use super::{FormatError, Item, Location, Meta, RawUnit, Sink, Variant};

/// Which units to take.
#[derive(Debug, Clone, Copy, Default)]
pub struct XliffOptions {
    /// Also take targets whose state is not translated, reviewed or final.
    pub include_drafts: bool,
}

fn inline_kind(name: &str) -> Inline {
    match name {
        "g" | "pc" | "mrk" => Inline::Paired,
        // 1.2 bpt/ept/it/ph/sub hold native code; x, bx, ex, sc, ec, sm, em are empty.
        _ => Inline::Code,
    }
}

/// Target states that count as translated.
fn is_final(state: &str) -> bool {
    matches!(state, "translated" | "reviewed" | "final" | "signed-off")
}

#[derive(Default)]
struct Unit {
    location: Location,
    id: Option<String>,
    source: Option<Variant>,
    target: Option<Variant>,
    state: Option<String>,
    approved: bool,
    notes: Vec<String>,
    problem: Option<String>,
}

/// Reads an XLIFF stream, handing each translated segment to `sink`.
pub fn read(input: Input, options: XliffOptions, sink: &mut Sink<'_>) -> Result<(), FormatError> {
    let mut xml = Xml::new(input);
    let mut src_lang = String::new();
    let mut tgt_lang = String::new();
    let mut original: Option<String> = None;
    let mut unit: Option<Unit> = None;
    let mut seen_root = false;
    loop {
        let event = xml.next_event()?;
        let location = xml.location();
        match event {
            Ev::Eof => break,
            Ev::Start { name, attrs, empty, .. } => match name.as_str() {
                "xliff" => {
                    seen_root = true;
                    if let Some(lang) = attr(&attrs, "srcLang") {
                        lang.clone_into(&mut src_lang);
                    }
                    if let Some(lang) = attr(&attrs, "trgLang") {
                        lang.clone_into(&mut tgt_lang);
                    }
                }
                "file" => {
                    if let Some(lang) = attr(&attrs, "source-language") {
                        lang.clone_into(&mut src_lang);
                    }
                    if let Some(lang) = attr(&attrs, "target-language") {
                        lang.clone_into(&mut tgt_lang);
                    }
                    original = attr(&attrs, "original").map(str::to_owned);
                }
                "trans-unit" | "unit" if !empty => {
                    unit = Some(Unit {
                        location,
                        id: attr(&attrs, "id").map(str::to_owned),
                        approved: attr(&attrs, "approved") == Some("yes"),
                        ..Unit::default()
                    });
                }
                "segment" if !empty => {
                    if let Some(unit) = unit.as_mut() {
                        unit.location = location;
                        unit.state = attr(&attrs, "state").map(str::to_owned);
                        unit.source = None;
                        unit.target = None;
                    }
                }
                "alt-trans" | "seg-source" | "originalData" | "ignorable" if !empty => skip_element(&mut xml, &name)?,
                "source" | "target" if unit.is_some() => {
                    let (text, markup, problem) =
                        if empty { (String::new(), None, None) } else { read_content(&mut xml, &name, inline_kind)? };
                    let Some(unit) = unit.as_mut() else { continue };
                    if let Some(problem) = problem {
                        unit.problem.get_or_insert(problem);
                    }
                    let lang = attr(&attrs, "xml:lang")
                        .map(str::to_owned)
                        .unwrap_or_else(|| if name == "source" { src_lang.clone() } else { tgt_lang.clone() });
                    let variant = Variant { lang, text, markup, meta: Meta::default() };
                    if name == "source" {
                        unit.source = Some(variant);
                    } else {
                        if let Some(state) = attr(&attrs, "state") {
                            unit.state = Some(state.to_owned());
                        }
                        unit.target = Some(variant);
                    }
                }
                "note" if !empty => {
                    let text = read_text(&mut xml, "note")?;
                    if let Some(unit) = unit.as_mut() {
                        unit.notes.push(text);
                    }
                }
                _ => {}
            },
            Ev::End { name } => match name.as_str() {
                "segment" => {
                    if let Some(unit) = unit.as_mut() {
                        emit(unit, original.as_deref(), options, sink)?;
                    }
                }
                "trans-unit" => {
                    if let Some(mut unit) = unit.take() {
                        emit(&mut unit, original.as_deref(), options, sink)?;
                    }
                }
                "unit" => {
                    unit = None;
                }
                _ => {}
            },
            Ev::Text(_) | Ev::UnknownEntity(_) => {}
        }
    }
    if !seen_root {
        return Err(FormatError::Syntax {
            location: Location { line: 1, column: 1 },
            message: "not an XLIFF file: no <xliff> element".into(),
        });
    }
    Ok(())
}

fn emit(
    unit: &mut Unit,
    original: Option<&str>,
    options: XliffOptions,
    sink: &mut Sink<'_>,
) -> Result<(), FormatError> {
    let location = unit.location;
    let item = if let Some(problem) = unit.problem.take() {
        Item::Invalid { location, reason: problem }
    } else {
        match (unit.source.take(), unit.target.take()) {
            (Some(_), None) => Item::Skipped { location, reason: "no target".into() },
            (None, _) => Item::Invalid { location, reason: "no <source>".into() },
            (Some(source), Some(target)) => {
                let state = unit.state.as_deref().unwrap_or("");
                let accepted = unit.approved || state.is_empty() || is_final(state) || options.include_drafts;
                if accepted {
                    let mut meta = Meta { notes: unit.notes.clone(), ..Meta::default() };
                    if let Some(id) = &unit.id {
                        meta.context = Some(id.clone());
                    }
                    if let Some(original) = original {
                        meta.props.push(("x-tm-origin".into(), original.to_owned()));
                    }
                    if !state.is_empty() {
                        meta.props.push(("state".into(), state.to_owned()));
                    }
                    Item::Unit(RawUnit {
                        location,
                        declared_source: Some(source.lang.clone()),
                        variants: vec![source, target],
                        meta,
                    })
                } else {
                    Item::Skipped { location, reason: format!("target state `{state}` (use --include-drafts)") }
                }
            }
        }
    };
    sink(item).map_err(FormatError::Stopped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::from_reader;

    fn read_str(text: &str, include_drafts: bool) -> Vec<Item> {
        let input = from_reader(Box::new(std::io::Cursor::new(text.as_bytes().to_vec()))).unwrap();
        let mut items = Vec::new();
        read(input, XliffOptions { include_drafts }, &mut |item| {
            items.push(item);
            Ok(())
        })
        .unwrap();
        items
    }

    #[test]
    fn xliff_12_states_and_inline_codes() {
        let doc = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="ru-RU" target-language="en-US" datatype="plaintext" original="release-12.docx">
  <body>
   <trans-unit id="1" approved="yes"><source>Встреча в <g id="1">Лионе</g><x id="2"/></source>
     <target state="needs-review-translation">Meeting in <g id="1">Lyon</g><x id="2"/></target>
     <alt-trans match-quality="80"><source>Другое</source><target>Other</target></alt-trans></trans-unit>
   <trans-unit id="2"><source>Черновик</source><target state="new">Draft</target></trans-unit>
   <trans-unit id="3"><source>Без перевода</source></trans-unit>
  </body>
 </file>
</xliff>"#;
        let items = read_str(doc, false);
        let Item::Unit(unit) = &items[0] else { panic!("{items:?}") };
        assert_eq!(unit.variants[0].text, "Встреча в \u{E000}Лионе\u{E001}\u{E002}");
        assert_eq!(unit.variants[1].lang, "en-US");
        assert_eq!(unit.meta.context.as_deref(), Some("1"));
        assert!(matches!(&items[1], Item::Skipped { reason, .. } if reason.contains("new")));
        assert!(matches!(&items[2], Item::Skipped { reason, .. } if reason == "no target"));
        assert!(matches!(read_str(doc, true)[1], Item::Unit(_)));
    }

    #[test]
    fn xliff_2_segments() {
        let doc = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru" trgLang="en">
 <file id="f1"><unit id="u1">
   <originalData><data id="d1">&lt;br/&gt;</data></originalData>
   <segment state="final"><source>Первое.<ph id="1" dataRef="d1"/></source><target>First.<ph id="1" dataRef="d1"/></target></segment>
   <ignorable><source> </source></ignorable>
   <segment state="initial"><source>Второе.</source><target>Second.</target></segment>
 </unit></file></xliff>"#;
        let items = read_str(doc, false);
        assert_eq!(items.len(), 2);
        let Item::Unit(unit) = &items[0] else { panic!("{items:?}") };
        assert_eq!(unit.variants[0].text, "Первое.\u{E000}");
        assert_eq!(unit.variants[0].lang, "ru");
        assert!(matches!(&items[1], Item::Skipped { .. }));
    }
}
