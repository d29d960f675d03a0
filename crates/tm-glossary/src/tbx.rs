//! TBX: v2 (`martif`, `termEntry`/`langSet`/`tig`) and v3 (`tbx`, `conceptEntry`/`langSec`/
//! `termSec`), DCA or DCT style, read with the same pull parser as TMX (no DTD is ever read);
//! written as TBX-Basic v3. `tm`'s own fields travel as `x-tm-*` term notes and descrips so
//! that a round trip keeps them.

use std::io::Cursor;

use super::{
    CasePolicy, Concept, Example, Glossary, GlossaryError, Hints, Loaded, Origin, ReadOptions, Status, Term, TermType,
};
use tm_formats::FormatError;
use tm_formats::input::from_reader;
use tm_formats::markup::{Ev, Xml, attr, escape, read_text, skip_element};
use tm_text::Lang;

fn language(tag: &str) -> Option<Lang> {
    match tag.split(['-', '_']).next().map(str::to_ascii_lowercase).as_deref() {
        Some("ru") => Some(Lang::Ru),
        Some("en") => Some(Lang::En),
        _ => None,
    }
}

pub(super) fn read(text: &str, file: &str, options: ReadOptions) -> Result<Loaded, GlossaryError> {
    let syntax = |line: usize, message: String| GlossaryError::Syntax { file: file.to_owned(), line, message };
    let input =
        from_reader(Box::new(Cursor::new(text.as_bytes().to_vec()))).map_err(|error| syntax(1, error.to_string()))?;
    let mut xml = Xml::new(input);
    let mut loaded = Loaded::default();
    let mut seen_root = false;
    let mut concept: Option<Concept> = None;
    let mut lang: Option<Option<Lang>> = None;
    let mut term: Option<Term> = None;
    // Whether the term being read had a `termType` (else it is inferred from its text).
    let mut typed = false;
    let format_error = |error: FormatError| match error {
        FormatError::Syntax { location, message } => syntax(location.line as usize, message),
        other => syntax(0, other.to_string()),
    };
    loop {
        let event = xml.next_event().map_err(format_error)?;
        let line = xml.location().line as usize;
        match event {
            Ev::Eof => break,
            Ev::Start { name, attrs, empty, .. } => match name.as_str() {
                "martif" | "tbx" => seen_root = true,
                _ if !seen_root => {
                    return Err(syntax(
                        line,
                        format!("not a TBX file: the root element is <{name}>, not <tbx> or <martif>"),
                    ));
                }
                "termEntry" | "conceptEntry" => {
                    let id = attr(&attrs, "id").map_or_else(|| format!("line-{line}"), str::to_owned);
                    concept = Some(Concept {
                        id,
                        subject: None,
                        note: None,
                        terms: Vec::new(),
                        examples: Vec::new(),
                        origin: Origin { file: file.to_owned(), line },
                    });
                }
                "langSet" | "langSec" => {
                    let Some(code) = attr(&attrs, "xml:lang").or_else(|| attr(&attrs, "lang")) else {
                        return Err(syntax(line, format!("<{name}> without xml:lang: whose language are its terms?")));
                    };
                    lang = Some(language(code));
                }
                "tig" | "ntig" | "termSec" => {
                    if let Some(Some(lang)) = lang {
                        term = Some(Term::new(lang, "", Status::Preferred));
                        typed = false;
                    }
                }
                "term" if !empty => {
                    let text = read_text(&mut xml, "term").map_err(format_error)?;
                    if let Some(term) = term.as_mut() {
                        term.text = text.trim().to_owned();
                    }
                }
                "termNote" | "descrip" | "note" | "administrativeStatus" | "partOfSpeech" | "subjectField"
                    if !empty =>
                {
                    let kind = if matches!(name.as_str(), "termNote" | "descrip") {
                        attr(&attrs, "type").unwrap_or_default().to_owned()
                    } else {
                        name.clone()
                    };
                    let value = read_text(&mut xml, &name).map_err(format_error)?;
                    let value = value.trim();
                    typed |= kind == "termType";
                    let problem = apply(&kind, value, term.as_mut(), concept.as_mut());
                    if let Some(message) = problem {
                        if options.lenient {
                            loaded.warnings.push(format!("{file}:{line}: {message} (ignored)"));
                        } else {
                            return Err(syntax(line, message));
                        }
                    }
                }
                "tbxHeader" | "martifHeader" | "back" if !empty => {
                    skip_element(&mut xml, &name).map_err(format_error)?;
                }
                _ => {}
            },
            Ev::End { name } => match name.as_str() {
                "tig" | "ntig" | "termSec" => {
                    if let (Some(mut t), Some(c)) = (term.take(), concept.as_mut()) {
                        if !typed {
                            t.term_type = TermType::infer(&t.text);
                        }
                        if t.text.is_empty() {
                            let message = format!("a term in entry `{}` has no text", c.id);
                            if !options.lenient {
                                return Err(syntax(line, message));
                            }
                            loaded.warnings.push(format!("{file}:{line}: {message} (skipped)"));
                        } else {
                            c.terms.push(t);
                        }
                    }
                }
                "langSet" | "langSec" => lang = None,
                "termEntry" | "conceptEntry" => {
                    if let Some(c) = concept.take() {
                        loaded.glossary.concepts.push(c);
                    }
                }
                _ => {}
            },
            Ev::Text(_) | Ev::UnknownEntity(_) => {}
        }
    }
    if !seen_root {
        return Err(syntax(1, "not a TBX file: no <tbx> or <martif> element".to_owned()));
    }
    Ok(loaded)
}

/// Files one `termNote`/`descrip`/`note` on the term or the concept; an error message when
/// its value cannot be used.
fn apply(kind: &str, value: &str, term: Option<&mut Term>, concept: Option<&mut Concept>) -> Option<String> {
    match (kind, term) {
        ("administrativeStatus", Some(term)) => match Status::parse(value) {
            Some(status) => {
                term.status = status;
                term.raw_status = Some(value.to_owned());
            }
            None => return Some(format!("unknown administrativeStatus `{value}`")),
        },
        ("partOfSpeech", Some(term)) => term.part_of_speech = Some(value.to_owned()),
        ("termType", Some(term)) => match TermType::parse(value) {
            Some(term_type) => term.term_type = term_type,
            None => return Some(format!("unknown termType `{value}`")),
        },
        ("x-tm-case", Some(term)) => match CasePolicy::parse(value) {
            Some(case) => term.case = case,
            None => return Some(format!("unknown case policy `{value}`")),
        },
        ("x-tm-inflect", Some(term)) => match Hints::parse(value) {
            Ok(hints) => term.inflect = hints,
            Err(error) => return Some(error.to_string()),
        },
        ("x-tm-form", Some(term)) => term.forms.push(value.to_owned()),
        ("x-tm-exception", Some(term)) => term.exceptions.push(value.to_owned()),
        ("note", Some(term)) => term.note = Some(value.to_owned()),
        (_, _) => {
            let concept = concept?;
            match kind {
                "subjectField" => concept.subject = Some(value.to_owned()),
                "note" | "definition" if concept.note.is_none() => concept.note = Some(value.to_owned()),
                "x-tm-example" => match Example::parse(value) {
                    Ok(example) => concept.examples.push(example),
                    Err(error) => return Some(error.to_string()),
                },
                _ => {}
            }
        }
    }
    None
}

fn status_value(status: Status) -> &'static str {
    match status {
        Status::Preferred => "preferredTerm-admn-sts",
        Status::Admitted => "admittedTerm-admn-sts",
        Status::Superseded => "supersededTerm-admn-sts",
        Status::Forbidden => "deprecatedTerm-admn-sts",
    }
}

/// TBX-Basic v3, DCA style.
pub(super) fn write(glossary: &Glossary) -> String {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n",
        " <tbxHeader><fileDesc><sourceDesc><p>written by tm</p></sourceDesc></fileDesc></tbxHeader>\n",
        " <text><body>\n"
    ));
    for concept in &glossary.concepts {
        out.push_str(&format!("  <conceptEntry id=\"{}\">\n", escape(&concept.id)));
        if let Some(subject) = &concept.subject {
            out.push_str(&format!("   <descrip type=\"subjectField\">{}</descrip>\n", escape(subject)));
        }
        if let Some(note) = &concept.note {
            out.push_str(&format!("   <note>{}</note>\n", escape(note)));
        }
        for example in &concept.examples {
            out.push_str(&format!("   <descrip type=\"x-tm-example\">{}</descrip>\n", escape(&example.written())));
        }
        for lang in [Lang::Ru, Lang::En] {
            if concept.terms_in(lang).next().is_none() {
                continue;
            }
            out.push_str(&format!("   <langSec xml:lang=\"{}\">\n", lang.code()));
            for term in concept.terms_in(lang) {
                out.push_str(&format!("    <termSec><term>{}</term>", escape(&term.text)));
                out.push_str(&format!(
                    "<termNote type=\"administrativeStatus\">{}</termNote>",
                    status_value(term.status)
                ));
                if let Some(pos) = &term.part_of_speech {
                    out.push_str(&format!("<termNote type=\"partOfSpeech\">{}</termNote>", escape(pos)));
                }
                if term.term_type != TermType::FullForm {
                    out.push_str(&format!("<termNote type=\"termType\">{}</termNote>", term.term_type.as_tbx()));
                }
                if term.case != CasePolicy::Permissive {
                    out.push_str(&format!("<termNote type=\"x-tm-case\">{}</termNote>", term.case.as_str()));
                }
                let hints = super::tsv::hints_text(&term.inflect);
                if !hints.is_empty() {
                    out.push_str(&format!("<termNote type=\"x-tm-inflect\">{}</termNote>", escape(&hints)));
                }
                for form in &term.forms {
                    out.push_str(&format!("<termNote type=\"x-tm-form\">{}</termNote>", escape(form)));
                }
                for exception in &term.exceptions {
                    out.push_str(&format!("<termNote type=\"x-tm-exception\">{}</termNote>", escape(exception)));
                }
                if let Some(note) = &term.note {
                    out.push_str(&format!("<note>{}</note>", escape(note)));
                }
                out.push_str("</termSec>\n");
            }
            out.push_str("   </langSec>\n");
        }
        out.push_str("  </conceptEntry>\n");
    }
    out.push_str(" </body></text>\n</tbx>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_v2_and_v3() {
        let v3 = r#"<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
 <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
 <text><body>
  <conceptEntry id="lyon">
   <descrip type="subjectField">place</descrip>
   <langSec xml:lang="ru"><termSec><term>Лион</term></termSec></langSec>
   <langSec xml:lang="en">
    <termSec><term>Lyon</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
    <termSec><term>Lion</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
   </langSec>
  </conceptEntry>
 </body></text></tbx>"#;
        let v2 = r#"<?xml version="1.0"?><!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en"><martifHeader/><text><body>
<termEntry id="c1"><langSet xml:lang="ru-RU"><tig><term>Лион</term></tig></langSet>
<langSet xml:lang="en-GB"><tig><term>Lyon</term></tig><ntig><termGrp><term>Lion</term><termNote type="administrativeStatus">forbidden</termNote></termGrp></ntig></langSet>
<langSet xml:lang="fr"><tig><term>Lyon</term></tig></langSet></termEntry></body></text></martif>"#;
        for (text, id) in [(v3, "lyon"), (v2, "c1")] {
            let glossary = read(text, "g.tbx", ReadOptions::default()).unwrap().glossary;
            let concept = &glossary.concepts[0];
            assert_eq!(concept.id, id);
            let terms: Vec<(Lang, &str, Status)> =
                concept.terms.iter().map(|t| (t.lang, t.text.as_str(), t.status)).collect();
            assert_eq!(
                terms,
                [
                    (Lang::Ru, "Лион", Status::Preferred),
                    (Lang::En, "Lyon", Status::Preferred),
                    (Lang::En, "Lion", Status::Forbidden)
                ]
            );
        }
    }

    #[test]
    fn errors_name_the_line_and_round_trip_keeps_fields() {
        let error = read("<tbx><text><body><conceptEntry id=\"a\">\n<langSec xml:lang=\"en\"><termSec><term>X</term>\n<termNote type=\"administrativeStatus\">bogus</termNote></termSec></langSec></conceptEntry></body></text></tbx>", "g.tbx", ReadOptions::default()).unwrap_err();
        assert_eq!(error.to_string(), "g.tbx:3: unknown administrativeStatus `bogus`");
        assert!(read("<html/>", "g.tbx", ReadOptions::default()).unwrap_err().to_string().contains("not a TBX file"));

        let tsv = "id\tru\tinflect\tru_forms\ten\tadmitted\tforbidden\tcase\tnote\texamples\norel\tОрёл\tgen=Орла\tОрлу\tOrel\tOryol\tOrjol\texact\tcity\t+В Орле. | -Орёл парил.\n";
        let first = super::super::tsv::read(tsv, "g.tsv", b'\t', ReadOptions::default()).unwrap().glossary;
        let mut second = read(&write(&first), "g.tbx", ReadOptions::default()).unwrap().glossary;
        second.concepts[0].terms.iter_mut().for_each(|t| t.raw_status = None);
        assert_eq!(first.concepts[0].terms, second.concepts[0].terms);
        assert_eq!(first.concepts[0].examples, second.concepts[0].examples);
        assert_eq!(first.concepts[0].note, second.concepts[0].note);
    }
}
