//! Tab- and comma-separated glossaries.
//!
//! Two layouts. The house layout has a header row naming its columns (any order, any subset
//! with `ru` and `en`): `id`, `subject`, `ru`, `inflect`, `ru_forms`, `ru_exceptions`, `en`,
//! `admitted`, `superseded`, `forbidden`, `status`, `case`, `en_exceptions`, `pos`, `note`,
//! `examples`. Cells holding several values separate them with `|`. `status`, when present,
//! applies to the row's `en` terms, and rows with the same `id` (else the same first Russian
//! term) are one concept. Without a header, OmegaT's layout: `source<TAB>target<TAB>comment`,
//! Russian to English, rows with the same source being synonyms.

use std::collections::HashMap;

use super::{
    CasePolicy, Concept, Example, Glossary, GlossaryError, Hints, Loaded, Origin, ReadOptions, Status, Term, TermType,
};
use tm_text::Lang;

const COLUMNS: [&str; 18] = [
    "id",
    "subject",
    "ru",
    "inflect",
    "ru_forms",
    "ru_exceptions",
    "en",
    "admitted",
    "short",
    "derived",
    "superseded",
    "forbidden",
    "status",
    "case",
    "en_exceptions",
    "pos",
    "note",
    "examples",
];

/// A record's cells and the line it starts on.
type Record<'a> = (usize, Vec<std::borrow::Cow<'a, str>>);

/// Tab-separated records: no quoting (OmegaT and the house layout never quote), so a plain
/// split, which is several times faster than a CSV parser on a large glossary. `first_line`
/// is the number of the text's first line in its file.
fn tsv_records(text: &str, first_line: usize) -> impl Iterator<Item = Result<Record<'_>, GlossaryError>> {
    text.lines().enumerate().filter(|(_, line)| !line.starts_with('#')).map(move |(index, line)| {
        Ok((index + first_line, line.trim_end_matches('\r').split('\t').map(std::borrow::Cow::Borrowed).collect()))
    })
}

/// Comma-separated records with RFC 4180 quoting.
fn csv_records<'a>(text: &'a str, file: &'a str) -> impl Iterator<Item = Result<Record<'a>, GlossaryError>> + 'a {
    let reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).comment(Some(b'#')).from_reader(text.as_bytes());
    reader.into_records().map(move |record| {
        let record = record.map_err(|error| GlossaryError::Syntax {
            file: file.to_owned(),
            line: error.position().map_or(0, |p| usize::try_from(p.line()).unwrap_or(0)),
            message: error.to_string(),
        })?;
        let line = record.position().map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
        Ok((line, record.iter().map(|c| std::borrow::Cow::Owned(c.to_owned())).collect()))
    })
}

/// Rows read, keyed (by id or first term) but not yet merged; with the warnings of skipped rows.
struct Rows {
    header: Option<Columns>,
    concepts: Vec<(String, Concept)>,
    warnings: Vec<String>,
}

/// Reads records into concepts; the first record may be a header naming the columns.
fn rows<'a>(
    records: impl Iterator<Item = Result<Record<'a>, GlossaryError>>,
    file: &str,
    options: ReadOptions,
) -> Result<Rows, GlossaryError> {
    let mut out = Rows { header: None, concepts: Vec::new(), warnings: Vec::new() };
    let mut first = true;
    // The header's number of columns (0 without a header).
    let mut width = 0;
    for record in records {
        let (line, cells) = record?;
        let cells: Vec<&str> = cells.iter().map(|c| c.trim()).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if first {
            first = false;
            let names: Vec<String> = cells.iter().map(|c| c.to_ascii_lowercase().replace('-', "_")).collect();
            if names.iter().any(|n| n == "ru") && names.iter().any(|n| n == "en") {
                if let Some(unknown) = names.iter().find(|n| !COLUMNS.contains(&n.as_str())) {
                    return Err(GlossaryError::Syntax {
                        file: file.to_owned(),
                        line,
                        message: format!("unknown column `{unknown}` (known: {})", COLUMNS.join(", ")),
                    });
                }
                out.header = Some(Columns::new(&names));
                width = names.len();
                continue;
            }
        }
        // A row longer than the header has cells no column names: a tab or comma too many
        // shifts every cell after it into the wrong column.
        if width > 0 && cells.len() > width && cells[width..].iter().any(|c| !c.is_empty()) {
            return Err(GlossaryError::Syntax {
                file: file.to_owned(),
                line,
                message: format!("this row has {} cells, but the header names {width} columns", cells.len()),
            });
        }
        let origin = Origin { file: file.to_owned(), line };
        let row = match &out.header {
            Some(columns) => house_row(columns, &cells, origin),
            None => omegat_row(&cells, origin),
        };
        match row {
            Ok(keyed) => out.concepts.push(keyed),
            Err(message) if options.lenient => out.warnings.push(format!("{file}:{line}: {message} (skipped)")),
            Err(message) => return Err(GlossaryError::Syntax { file: file.to_owned(), line, message }),
        }
    }
    Ok(out)
}

/// Rows with the same key are one concept.
fn assemble(parts: Vec<Rows>) -> Loaded {
    let mut loaded = Loaded::default();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for part in parts {
        loaded.warnings.extend(part.warnings);
        for (key, concept) in part.concepts {
            match by_key.get(&key) {
                Some(&index) => merge(&mut loaded.glossary.concepts[index], concept),
                None => {
                    by_key.insert(key, loaded.glossary.concepts.len());
                    loaded.glossary.concepts.push(concept);
                }
            }
        }
    }
    loaded
}

pub(super) fn read(text: &str, file: &str, delimiter: u8, options: ReadOptions) -> Result<Loaded, GlossaryError> {
    let rows = if delimiter == b'\t' {
        rows(tsv_records(text, 1), file, options)?
    } else {
        rows(csv_records(text, file), file, options)?
    };
    Ok(assemble(vec![rows]))
}

fn merge(into: &mut Concept, from: Concept) {
    for term in from.terms {
        if !into.terms.iter().any(|t| t.lang == term.lang && t.text == term.text) {
            into.terms.push(term);
        }
    }
    into.examples.extend(from.examples);
    if into.note.is_none() {
        into.note = from.note;
    }
}

fn list(cell: &str) -> Vec<&str> {
    if cell.is_empty() {
        return Vec::new();
    }
    cell.split('|').map(str::trim).filter(|v| !v.is_empty()).collect()
}

fn owned(cell: &str) -> Vec<String> {
    list(cell).into_iter().map(str::to_owned).collect()
}

fn omegat_row(cells: &[&str], origin: Origin) -> Result<(String, Concept), String> {
    let (Some(source), Some(target)) =
        (cells.first().filter(|c| !c.is_empty()), cells.get(1).filter(|c| !c.is_empty()))
    else {
        return Err(format!(
            "expected `russian<TAB>english[<TAB>comment]` (or a header row naming the columns), found {:?}",
            cells.join("\t")
        ));
    };
    let note = cells.get(2).filter(|c| !c.is_empty()).map(|c| (*c).to_owned());
    let mut english = Term::new(Lang::En, target, Status::Preferred);
    english.note = note;
    let concept = Concept {
        id: (*source).to_owned(),
        subject: None,
        note: None,
        terms: vec![Term::new(Lang::Ru, source, Status::Preferred), english],
        examples: Vec::new(),
        origin,
    };
    Ok(((*source).to_owned(), concept))
}

/// Where each known column is in the header.
struct Columns {
    positions: [Option<usize>; COLUMNS.len()],
}

impl Columns {
    fn new(names: &[String]) -> Self {
        Self { positions: COLUMNS.map(|column| names.iter().position(|n| n == column)) }
    }

    fn get<'a>(&self, cells: &[&'a str], name: &str) -> &'a str {
        COLUMNS
            .iter()
            .position(|c| *c == name)
            .and_then(|i| self.positions[i])
            .and_then(|i| cells.get(i))
            .copied()
            .unwrap_or("")
    }
}

fn house_row(columns: &Columns, cells: &[&str], origin: Origin) -> Result<(String, Concept), String> {
    let get = |name: &str| columns.get(cells, name);
    let russian = list(get("ru"));
    let english = list(get("en"));
    if russian.is_empty() && english.is_empty() {
        return Err("a row needs a Russian or an English term".to_owned());
    }
    let inflect = Hints::parse(get("inflect")).map_err(|e| e.to_string())?;
    let case = CasePolicy::parse(get("case"))
        .ok_or_else(|| format!("unknown case policy `{}` (expected permissive, exact or insensitive)", get("case")))?;
    let raw_status = get("status");
    let status = Status::parse(raw_status).ok_or_else(|| {
        format!("unknown status `{raw_status}` (expected preferred, admitted, superseded or forbidden, or a TBX value)")
    })?;
    let count = russian.len()
        + english.len()
        + ["admitted", "short", "derived", "superseded", "forbidden"].iter().map(|c| list(get(c)).len()).sum::<usize>();
    let mut terms = Vec::with_capacity(count);
    for text in &russian {
        let mut term = Term::new(Lang::Ru, text, Status::Preferred);
        term.inflect = inflect.clone();
        term.forms = owned(get("ru_forms"));
        term.exceptions = owned(get("ru_exceptions"));
        terms.push(term);
    }
    let pos = Some(get("pos")).filter(|p| !p.is_empty()).map(str::to_owned);
    for (column, status, term_type) in [
        ("en", status, TermType::FullForm),
        ("admitted", Status::Admitted, TermType::FullForm),
        ("short", Status::Admitted, TermType::ShortForm),
        ("derived", Status::Admitted, TermType::Derived),
        ("superseded", Status::Superseded, TermType::FullForm),
        ("forbidden", Status::Forbidden, TermType::FullForm),
    ] {
        let values = if column == "en" { english.clone() } else { list(get(column)) };
        if values.is_empty() {
            continue;
        }
        for text in values {
            let mut term = Term::new(Lang::En, text, status);
            term.raw_status = (column == "en" && !raw_status.is_empty()).then(|| raw_status.to_owned());
            term.case = case;
            term.exceptions = owned(get("en_exceptions"));
            term.part_of_speech.clone_from(&pos);
            term.term_type = match (term_type, TermType::infer(&term.text)) {
                (TermType::Derived, _) => TermType::Derived,
                (_, TermType::Abbreviation) => TermType::Abbreviation,
                (given, _) => given,
            };
            terms.push(term);
        }
    }
    let examples = list(get("examples"))
        .into_iter()
        .map(Example::parse)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    let id = Some(get("id")).filter(|i| !i.is_empty()).map(str::to_owned);
    let key = id
        .clone()
        .or_else(|| russian.first().map(|s| (*s).to_owned()))
        .or_else(|| english.first().map(|s| (*s).to_owned()))
        .unwrap_or_default();
    let concept = Concept {
        id: id.unwrap_or_else(|| key.clone()),
        subject: Some(get("subject")).filter(|s| !s.is_empty()).map(str::to_owned),
        note: Some(get("note")).filter(|s| !s.is_empty()).map(str::to_owned),
        terms,
        examples,
        origin,
    };
    Ok((key, concept))
}

/// Writes the house layout, one row per concept.
pub(super) fn write(glossary: &Glossary, delimiter: u8) -> String {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .quote_style(if delimiter == b',' { csv::QuoteStyle::Necessary } else { csv::QuoteStyle::Never })
        .from_writer(Vec::new());
    // Every column but `status`: statuses have their own columns here.
    let _ = writer.write_record(COLUMNS.iter().filter(|c| **c != "status"));
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    for concept in &glossary.concepts {
        // Accepted English terms go to `admitted`, `short` or `derived` by their type; every
        // other cell takes its terms whatever their type.
        let join = |lang: Lang, status: Option<Status>, types: Option<&[TermType]>| {
            concept
                .terms_in(lang)
                .filter(|t| {
                    status.is_none_or(|s| t.status == s) && types.is_none_or(|types| types.contains(&t.term_type))
                })
                .map(|t| clean(&t.text))
                .collect::<Vec<_>>()
                .join(" | ")
        };
        let first_ru = concept.terms_in(Lang::Ru).next();
        let first_en = concept.terms_in(Lang::En).next();
        let examples = concept.examples.iter().map(|e| clean(&e.written())).collect::<Vec<_>>().join(" | ");
        let record = [
            clean(&concept.id),
            concept.subject.as_deref().map(clean).unwrap_or_default(),
            join(Lang::Ru, None, None),
            first_ru.map(|t| hints_text(&t.inflect)).unwrap_or_default(),
            first_ru.map(|t| t.forms.join(" | ")).unwrap_or_default(),
            first_ru.map(|t| t.exceptions.join(" | ")).unwrap_or_default(),
            join(Lang::En, Some(Status::Preferred), None),
            join(Lang::En, Some(Status::Admitted), Some(&[TermType::FullForm])),
            join(Lang::En, Some(Status::Admitted), Some(&[TermType::ShortForm, TermType::Abbreviation])),
            join(Lang::En, Some(Status::Admitted), Some(&[TermType::Derived])),
            join(Lang::En, Some(Status::Superseded), None),
            join(Lang::En, Some(Status::Forbidden), None),
            first_en
                .filter(|t| t.case != CasePolicy::Permissive)
                .map(|t| t.case.as_str().to_owned())
                .unwrap_or_default(),
            first_en.map(|t| t.exceptions.join(" | ")).unwrap_or_default(),
            first_en.and_then(|t| t.part_of_speech.clone()).unwrap_or_default(),
            concept.note.as_deref().map(clean).unwrap_or_default(),
            examples,
        ];
        let _ = writer.write_record(&record);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

pub(super) fn hints_text(hints: &Hints) -> String {
    let mut parts = Vec::new();
    if let Some(genitive) = &hints.genitive {
        parts.push(format!("gen={genitive}"));
    }
    if let Some(gender) = hints.gender {
        parts.push(
            match gender {
                super::Gender::Masculine => "gender=m",
                super::Gender::Feminine => "gender=f",
                super::Gender::Neuter => "gender=n",
            }
            .to_owned(),
        );
    }
    if hints.indeclinable {
        parts.push("indecl".to_owned());
    }
    match hints.plural {
        Some(true) => parts.push("plural".to_owned()),
        Some(false) => parts.push("singular".to_owned()),
        None => {}
    }
    if hints.fixed {
        parts.push("fixed".to_owned());
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn house_rows_and_omegat_rows() {
        let text = "id\tru\ten\tadmitted\tforbidden\texamples\nlyon\tЛион\tLyon\tLyons\tLion\t+В Лионе.\n";
        let loaded = read(text, "g.tsv", b'\t', ReadOptions::default()).unwrap();
        let concept = &loaded.glossary.concepts[0];
        assert_eq!(concept.id, "lyon");
        let statuses: Vec<(&str, Status)> = concept.terms.iter().map(|t| (t.text.as_str(), t.status)).collect();
        assert_eq!(
            statuses,
            [
                ("Лион", Status::Preferred),
                ("Lyon", Status::Preferred),
                ("Lyons", Status::Admitted),
                ("Lion", Status::Forbidden)
            ]
        );
        assert_eq!(concept.examples, [Example { text: "В Лионе.".to_owned(), fires: true }]);

        let omegat = read("Лион\tLyon\tcity\nЛион\tLyons\n", "o.txt", b'\t', ReadOptions::default()).unwrap();
        assert_eq!(omegat.glossary.concepts.len(), 1);
        assert_eq!(omegat.glossary.concepts[0].terms.len(), 3);
    }

    #[test]
    fn bad_cells_name_the_line() {
        let error = read("ru\ten\tstatus\nЛион\tLyon\tmaybe\n", "g.tsv", b'\t', ReadOptions::default()).unwrap_err();
        assert!(error.to_string().starts_with("g.tsv:2: unknown status `maybe`"), "{error}");
        let lenient =
            read("ru\ten\tstatus\nЛион\tLyon\tmaybe\nПариж\tParis\t\n", "g.tsv", b'\t', ReadOptions { lenient: true })
                .unwrap();
        assert_eq!(lenient.glossary.concepts.len(), 1);
        assert_eq!(lenient.warnings.len(), 1);
        let error = read("ru\ten\tstatuz\n", "g.tsv", b'\t', ReadOptions::default()).unwrap_err();
        assert!(error.to_string().contains("unknown column `statuz`"), "{error}");
    }

    #[test]
    fn round_trip() {
        let text = "id\tru\tinflect\ten\tadmitted\tforbidden\tcase\tnote\texamples\norel\tОрёл\tgen=Орла\tOrel\tOryol\tOrjol\texact\tcity\t+В Орле. | -Орёл парил.\n";
        let first = read(text, "g.tsv", b'\t', ReadOptions::default()).unwrap().glossary;
        let written = write(&first, b'\t');
        let second = read(&written, "w.tsv", b'\t', ReadOptions::default()).unwrap().glossary;
        assert_eq!(first.concepts[0].terms, second.concepts[0].terms);
        assert_eq!(first.concepts[0].examples, second.concepts[0].examples);
    }

    /// Every term keeps its status and type through a write, whatever its column: an
    /// initialism in a forbidden or preferred term, short and derived forms.
    #[test]
    fn round_trip_keeps_term_types() {
        let text = "id\tru\ten\tadmitted\tshort\tderived\tforbidden\nncb\tНЦБ Интерпола\tNCB of Interpol\tInterpol NCB\tthe Bureau\tNCB's\tNCB Interpol | Interpol NBC\n";
        let first = read(text, "g.tsv", b'\t', ReadOptions::default()).unwrap().glossary;
        let types: Vec<(Status, TermType)> =
            first.concepts[0].terms_in(Lang::En).map(|t| (t.status, t.term_type)).collect();
        assert_eq!(
            types,
            [
                (Status::Preferred, TermType::Abbreviation),
                (Status::Admitted, TermType::Abbreviation),
                (Status::Admitted, TermType::ShortForm),
                (Status::Admitted, TermType::Derived),
                (Status::Forbidden, TermType::Abbreviation),
                (Status::Forbidden, TermType::Abbreviation),
            ]
        );
        let second = read(&write(&first, b'\t'), "w.tsv", b'\t', ReadOptions::default()).unwrap().glossary;
        let mut a = first.concepts[0].terms.clone();
        let mut b = second.concepts[0].terms.clone();
        a.sort_by(|x, y| x.text.cmp(&y.text));
        b.sort_by(|x, y| x.text.cmp(&y.text));
        assert_eq!(a, b);
    }
}
