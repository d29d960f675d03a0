//! The JSON API the review page uses (scripts can too). Offsets in answers are given twice:
//! as byte ranges (like `tm check --format json`) and as UTF-16 code-unit ranges, which is what a
//! browser's strings count.

use std::path::PathBuf;
use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};
use tm_check::report::{Sources, json as findings_json};
use tm_memory::diff::changes;
use tm_memory::matching::band;
use tm_memory::{ConcordanceField, Importer, NewUnit, OnConflict, SearchOptions, Unit};
use tm_project::Access;
use tm_text::Lang;

use crate::workers::Job;
use crate::{ApiError, AppState, MAX_TEXT, ask, language_pair, query_limit};

/// UTF-16 code units before byte `offset` of `text`.
fn utf16(text: &str, offset: usize) -> usize {
    text.get(..offset).map_or(0, |before| before.encode_utf16().count())
}

fn text_limit(name: &str, text: &str) -> Result<(), ApiError> {
    if text.len() > MAX_TEXT {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the {name} is {} bytes; a check takes at most {MAX_TEXT}", text.len()),
        ));
    }
    Ok(())
}

#[derive(Debug, Deserialize)]
pub(crate) struct CheckRequest {
    /// The Russian source (may be empty: then only the draft's own checks run).
    #[serde(default)]
    source: String,
    draft: String,
}

/// `POST /api/check`: the findings (the `--format json` schema, each with `side` and UTF-16
/// offsets, and its fix), both texts' sentences and the alignment.
pub(crate) async fn check(
    State(state): State<Arc<AppState>>,
    payload: Result<Json<CheckRequest>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    let Json(CheckRequest { source, draft }) = payload?;
    text_limit("source", &source)?;
    text_limit("draft", &draft)?;
    if draft.trim().is_empty() {
        return Err(ApiError::bad("the draft is empty"));
    }
    let (source_text, draft_text) = (source.clone(), draft.clone());
    let checked = ask(&state, |reply| Job::Check { source, draft, reply }).await?;
    let mut sources = Sources::default();
    sources.add("draft", &draft_text);
    sources.add("source", &source_text);
    let mut findings: Value = serde_json::from_str(&findings_json(&checked.findings, &sources))
        .map_err(|e| ApiError::internal(format!("findings: {e}")))?;
    if let Some(items) = findings.as_array_mut() {
        for (item, finding) in items.iter_mut().zip(&checked.findings) {
            let text = if finding.path == "source" { &source_text } else { &draft_text };
            item["side"] = json!(if finding.path == "source" { "source" } else { "draft" });
            // The column people read on the page: grapheme clusters (`column` stays the JSON
            // format's characters).
            item["display_column"] = json!(sources.range(finding, tm_text::ColumnUnit::Grapheme).0.column);
            item["start"] = json!(utf16(text, finding.span.start));
            item["end"] = json!(utf16(text, finding.span.end));
            item["fix"] = match &finding.fix {
                Some(fix) => json!({
                    "start": utf16(text, fix.span.start),
                    "end": utf16(text, fix.span.end),
                    "replacement": fix.replacement,
                }),
                None => Value::Null,
            };
        }
    }
    let sentences = |text: &str, segments: &[tm_align::Segment]| -> Vec<Value> {
        segments
            .iter()
            .map(|s| json!({ "start": utf16(text, s.start), "end": utf16(text, s.end), "text": s.text }))
            .collect()
    };
    let alignment: Vec<Value> = checked
        .beads
        .iter()
        .map(|bead| {
            json!({
                "source": bead.ru.clone().collect::<Vec<_>>(),
                "draft": bead.en.clone().collect::<Vec<_>>(),
                "confidence": (bead.confidence * 100.0).round() / 100.0,
            })
        })
        .collect();
    let glossary = &state.shared.reviewer.glossary;
    let source_terms = checked.source_terms.iter().map(|hit| (true, hit));
    let terms: Vec<Value> = source_terms
        .chain(checked.draft_terms.iter().map(|hit| (false, hit)))
        .filter_map(|(in_source, hit)| {
            let concept = glossary.concepts.get(hit.concept)?;
            let text = if in_source { &source_text } else { &draft_text };
            Some(json!({
                "side": if in_source { "source" } else { "draft" },
                "start": utf16(text, hit.span.start),
                "end": utf16(text, hit.span.end),
                "concept": concept.id,
                "term": concept.terms.get(hit.term).map(|t| t.text.as_str()),
            }))
        })
        .collect();
    Ok(Json(json!({
        "findings": findings,
        "terms": terms,
        "source_sentences": sentences(&source_text, &checked.source_sentences),
        "draft_sentences": sentences(&draft_text, &checked.draft_sentences),
        "alignment": alignment,
    })))
}

#[derive(Debug, Deserialize)]
pub(crate) struct SearchQuery {
    q: String,
    src: Option<String>,
    tgt: Option<String>,
    min: Option<u8>,
    limit: Option<usize>,
}

/// `GET /api/search?q=…&src=ru&tgt=en&min=75&limit=5`: fuzzy matches, best first, with their
/// band and what differs from the query (numbers first).
pub(crate) async fn search(
    State(state): State<Arc<AppState>>,
    query: Result<Query<SearchQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(query) = query?;
    query_limit(&query.q)?;
    let (src, tgt) = language_pair(query.src.as_deref().unwrap_or("ru"), query.tgt.as_deref().unwrap_or("en"))?;
    let options = SearchOptions { min: query.min.unwrap_or(75).min(100), limit: query.limit.unwrap_or(5).clamp(1, 50) };
    let text = query.q.clone();
    let matches = ask(&state, |reply| Job::Search { text, src, tgt, options, reply }).await?;
    let out: Vec<Value> = matches
        .iter()
        .map(|m| {
            json!({
                "id": m.id,
                "score": m.score,
                "band": band(m.score),
                "source": m.source,
                "target": m.target,
                "origin": m.origin,
                "changed_at": m.changed_at,
                "changes": if m.score == 100 { Vec::new() } else { changes(&m.source, &query.q) },
            })
        })
        .collect();
    Ok(Json(Value::Array(out)))
}

#[derive(Debug, Deserialize)]
pub(crate) struct ConcordanceQuery {
    q: String,
    #[serde(rename = "in")]
    within: Option<String>,
    src: Option<String>,
    tgt: Option<String>,
    limit: Option<usize>,
}

/// `GET /api/concordance?q=…&in=source|target|both&limit=20`: units containing the phrase,
/// with the hits.
pub(crate) async fn concordance(
    State(state): State<Arc<AppState>>,
    query: Result<Query<ConcordanceQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(query) = query?;
    query_limit(&query.q)?;
    let (src, tgt) = language_pair(query.src.as_deref().unwrap_or("ru"), query.tgt.as_deref().unwrap_or("en"))?;
    let field = match query.within.as_deref().unwrap_or("source") {
        "source" => ConcordanceField::Source,
        "target" => ConcordanceField::Target,
        "both" => ConcordanceField::Both,
        other => {
            return Err(ApiError::bad(format!(
                "`in` is source, target or both, not `{}`",
                tm_text::escape_controls(other)
            )));
        }
    };
    let limit = query.limit.unwrap_or(20).clamp(1, 200);
    let text = query.q;
    let hits = ask(&state, |reply| Job::Concordance { text, src, tgt, field, limit, reply }).await?;
    let spans = |text: &str, hits: &[tm_text::Span]| -> Vec<Value> {
        hits.iter().map(|h| json!({ "start": utf16(text, h.start), "end": utf16(text, h.end) })).collect()
    };
    let out: Vec<Value> = hits
        .iter()
        .map(|c| {
            json!({
                "id": c.id,
                "source": c.source,
                "target": c.target,
                "source_hits": spans(&c.source, &c.source_hits),
                "target_hits": spans(&c.target, &c.target_hits),
            })
        })
        .collect();
    Ok(Json(Value::Array(out)))
}

#[derive(Debug, Deserialize)]
pub(crate) struct GlossaryQuery {
    /// Text a term contains.
    #[serde(default)]
    q: String,
    /// A concept by its id (as `/api/check` names it in `terms`).
    id: Option<String>,
}

/// `GET /api/glossary?q=Лион` (or `?id=CONCEPT`): the concepts with a term containing the text
/// (either language, ignoring case), or the one concept, with every rendering, its status and
/// note, and the examples.
pub(crate) async fn glossary(
    State(state): State<Arc<AppState>>,
    query: Result<Query<GlossaryQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(query) = query?;
    query_limit(&query.q)?;
    let needle = query.q.trim().to_lowercase();
    if needle.is_empty() && query.id.is_none() {
        return Ok(Json(Value::Array(Vec::new())));
    }
    let concepts: Vec<Value> = state
        .shared
        .reviewer
        .glossary
        .concepts
        .iter()
        .filter(|c| match &query.id {
            Some(id) => c.id == *id,
            None => c.terms.iter().any(|t| t.text.to_lowercase().contains(&needle)),
        })
        .take(50)
        .map(|c| {
            json!({
                "id": c.id,
                "subject": c.subject,
                "note": c.note,
                "terms": c.terms.iter().map(|t| json!({
                    "lang": t.lang.code(),
                    "text": t.text,
                    "status": t.status.as_str(),
                    "note": t.note,
                })).collect::<Vec<_>>(),
                "examples": c.examples.iter().map(|e| json!({ "text": e.text, "fires": e.fires })).collect::<Vec<_>>(),
                "file": c.origin.file,
                "line": c.origin.line,
            })
        })
        .collect();
    Ok(Json(Value::Array(concepts)))
}

/// `GET /api/stats`: units per language pair; zero units when there is no memory yet.
pub(crate) async fn stats(State(state): State<Arc<AppState>>) -> Result<Json<Value>, ApiError> {
    let stats = ask(&state, |reply| Job::Stats { reply }).await?;
    Ok(Json(match stats {
        Some(stats) => serde_json::to_value(stats).map_err(|e| ApiError::internal(e.to_string()))?,
        None => json!({ "units": 0, "batches": 0, "pairs": [] }),
    }))
}

/// `GET /api/pairs`: the drafts of the project's tree and their sources, by its pairing.
pub(crate) async fn pairs(State(state): State<Arc<AppState>>) -> Result<Json<Value>, ApiError> {
    let plan = plan(&state).await?;
    let out: Vec<Value> = plan
        .into_iter()
        .map(|(draft, source)| json!({ "draft": draft.display().to_string(), "source": source.map(|s| s.display().to_string()) }))
        .collect();
    Ok(Json(Value::Array(out)))
}

/// The project's drafts and sources; the only files a request can make the server read.
async fn plan(state: &Arc<AppState>) -> Result<Vec<(PathBuf, Option<PathBuf>)>, ApiError> {
    let state = Arc::clone(state);
    tokio::task::spawn_blocking(move || {
        let root =
            if state.project.root.as_os_str().is_empty() { PathBuf::from(".") } else { state.project.root.clone() };
        state.project.plan(&[root]).map(|plan| plan.jobs.into_iter().map(|job| (job.draft, job.source)).collect())
    })
    .await
    .map_err(|e| ApiError::internal(e.to_string()))?
    .map_err(|e| ApiError::internal(e.to_string()))
}

#[derive(Debug, Deserialize)]
pub(crate) struct PairQuery {
    draft: String,
}

/// `GET /api/pair?draft=PATH`: the texts of a draft the pairing plan lists, and its source.
/// Any other path is "not in the project", whatever it names.
pub(crate) async fn pair(
    State(state): State<Arc<AppState>>,
    query: Result<Query<PairQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(query) = query?;
    let plan = plan(&state).await?;
    let Some((draft, source)) = plan.into_iter().find(|(draft, _)| draft.display().to_string() == query.draft) else {
        return Err(ApiError::new(StatusCode::NOT_FOUND, "no such draft in the project"));
    };
    let read = |path: &PathBuf| {
        tm_text::decode(std::fs::read(path).map_err(|e| ApiError::internal(format!("{}: {e}", path.display())))?)
            .map(|decoded| decoded.text)
            .map_err(|e| ApiError::internal(format!("{}: {e}", path.display())))
    };
    let draft_text = read(&draft)?;
    let source_text = match &source {
        Some(path) => Some(read(path)?),
        None => None,
    };
    Ok(Json(json!({
        "draft_path": draft.display().to_string(),
        "source_path": source.map(|s| s.display().to_string()),
        "draft": draft_text,
        "source": source_text,
    })))
}

#[derive(Debug, Deserialize)]
pub(crate) struct ImportRequest {
    pairs: Vec<ImportPair>,
    /// Where the pairs come from (a release's name), stored with each unit.
    origin: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ImportPair {
    source: String,
    target: String,
}

/// `POST /api/import`: stores aligned sentence pairs (Russian → English) as one batch. Only
/// when the server was started with `--allow-import`, and with its token when it has one.
pub(crate) async fn import(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    payload: Result<Json<ImportRequest>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    if !state.options.allow_import {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "this server is read-only (start it with --allow-import)"));
    }
    if let Some(token) = &state.options.token {
        let given = headers.get("authorization").and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
        if given != Some(token.as_str()) {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "an import needs the server's token (Authorization: Bearer …)",
            ));
        }
    }
    let Json(request) = payload?;
    if request.pairs.is_empty() {
        return Err(ApiError::bad("no pairs to import"));
    }
    for pair in &request.pairs {
        text_limit("source", &pair.source)?;
        text_limit("target", &pair.target)?;
    }
    let state = Arc::clone(&state);
    let counts = tokio::task::spawn_blocking(move || -> Result<tm_memory::ImportCounts, String> {
        let mut memory = state.project.open_memory(Access::Create).map_err(|e| e.to_string())?;
        let origin = request.origin.unwrap_or_else(|| "tm serve".to_owned());
        let mut importer = Importer::begin(&mut *memory, &origin, None, "api", "{}", OnConflict::AddVariant)
            .map_err(|e| e.to_string())?;
        for pair in request.pairs {
            let unit = Unit {
                src_tag: Lang::Ru.code().to_owned(),
                tgt_tag: Lang::En.code().to_owned(),
                source: pair.source,
                target: pair.target,
                origin: Some(origin.clone()),
                ..Unit::default()
            };
            importer.add(&NewUnit::from(unit)).map_err(|e| e.to_string())?;
        }
        let counts = importer.commit().map_err(|e| e.to_string())?;
        memory.finish_writes().map_err(|e| e.to_string())?;
        Ok(counts)
    })
    .await
    .map_err(|e| ApiError::internal(e.to_string()))?
    .map_err(ApiError::internal)?;
    Ok(Json(serde_json::to_value(counts).map_err(|e| ApiError::internal(e.to_string()))?))
}

/// `GET /api/rule/{code}`: a rule's documentation, as `tm rule CODE` prints it.
pub(crate) async fn rule(axum::extract::Path(code): axum::extract::Path<String>) -> Result<Json<Value>, ApiError> {
    let Some(rule) = tm_check::rules::find(&code) else {
        return Err(ApiError::new(StatusCode::NOT_FOUND, "no such rule"));
    };
    Ok(Json(json!({
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.as_str(),
        "doc": rule.documentation(),
    })))
}
