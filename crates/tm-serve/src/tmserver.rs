//! The translation-memory endpoints of translate-toolkit's tmserver, which Weblate ("tmserver"
//! and "amaGama" machinery), Virtaal and Pootle query for suggestions:
//!
//! * `GET /tmserver/languages/` → `{"sourceLanguages": [...], "targetLanguages": [...]}`;
//! * `GET /tmserver/{source}/{target}/unit/{text}`, or `…/unit/?source={text}` as amaGama also
//!   takes it → `[{"source", "target", "quality", "rank"}]`, best first; `quality` is the match
//!   percentage, `rank` a relevance where higher is better (amaGama's is its full-text rank;
//!   here it is the quality). Optional `min_similarity` (default 75) and `max_candidates`
//!   (default 5, at most 50); values that are not numbers are ignored, as amaGama ignores them.
//!
//! Not offered: amaGama's `jsoncallback` (JSONP would let any web page read the memory) and its
//! write endpoints (imports go through `POST /api/import`, behind `--allow-import`).
//!
//! Language codes come as those clients send them: lower case, `_` for `-` (`ru`, `en_gb`); the
//! memory is searched by primary language. The text is one path segment, percent-encoded
//! (Weblate encodes `/` too, as `%2F`).

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use serde::{Deserialize, Serialize};
use tm_memory::SearchOptions;

use crate::workers::Job;
use crate::{ApiError, AppState, ask, language_pair, query_limit};

#[derive(Debug, Serialize)]
pub(crate) struct Languages {
    #[serde(rename = "sourceLanguages")]
    source_languages: Vec<String>,
    #[serde(rename = "targetLanguages")]
    target_languages: Vec<String>,
}

pub(crate) async fn languages(State(state): State<Arc<AppState>>) -> Result<Json<Languages>, ApiError> {
    let pairs = ask(&state, |reply| Job::Pairs { reply }).await?;
    let mut source_languages: Vec<String> = pairs.iter().map(|(s, _)| s.clone()).collect();
    let mut target_languages: Vec<String> = pairs.iter().map(|(_, t)| t.clone()).collect();
    for list in [&mut source_languages, &mut target_languages] {
        list.sort();
        list.dedup();
    }
    Ok(Json(Languages { source_languages, target_languages }))
}

#[derive(Debug, Deserialize)]
pub(crate) struct UnitQuery {
    min_similarity: Option<String>,
    max_candidates: Option<String>,
    /// The text, when it is not in the path.
    source: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Suggestion {
    source: String,
    target: String,
    quality: u8,
    rank: u8,
}

pub(crate) async fn unit(
    State(state): State<Arc<AppState>>,
    path: Result<Path<(String, String, String)>, PathRejection>,
    query: Result<Query<UnitQuery>, QueryRejection>,
) -> Result<Json<Vec<Suggestion>>, ApiError> {
    let Path((source, target, text)) = path?;
    let Query(query) = query?;
    lookup(&state, &source, &target, text, &query).await
}

/// `GET /tmserver/{source}/{target}/unit/?source={text}`.
pub(crate) async fn unit_by_query(
    State(state): State<Arc<AppState>>,
    path: Result<Path<(String, String)>, PathRejection>,
    query: Result<Query<UnitQuery>, QueryRejection>,
) -> Result<Json<Vec<Suggestion>>, ApiError> {
    let Path((source, target)) = path?;
    let Query(query) = query?;
    let Some(text) = query.source.clone().filter(|t| !t.is_empty()) else {
        return Err(ApiError::new(axum::http::StatusCode::NOT_FOUND, "no text: give it in the path or as ?source="));
    };
    lookup(&state, &source, &target, text, &query).await
}

async fn lookup(
    state: &AppState,
    source: &str,
    target: &str,
    text: String,
    query: &UnitQuery,
) -> Result<Json<Vec<Suggestion>>, ApiError> {
    let (src, tgt) = language_pair(source, target)?;
    query_limit(&text)?;
    let number = |value: &Option<String>| value.as_deref().and_then(|v| v.trim().parse::<usize>().ok());
    let options = SearchOptions {
        min: u8::try_from(number(&query.min_similarity).unwrap_or(75).min(100)).unwrap_or(100),
        limit: number(&query.max_candidates).unwrap_or(5).clamp(1, 50),
    };
    let matches = ask(state, |reply| Job::Search { text, src, tgt, options, reply }).await?;
    Ok(Json(
        matches
            .into_iter()
            .map(|m| Suggestion { source: m.source, target: m.target, quality: m.score, rank: m.score })
            .collect(),
    ))
}
