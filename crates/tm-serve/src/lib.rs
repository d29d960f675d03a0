//! `tm serve`: the review page, its JSON API, and the translation-memory endpoints that
//! Weblate's "tmserver" and "amaGama" services, Virtaal and Pootle speak.
//!
//! One process over one project (its `tm.toml`, glossaries and memory). Loopback and read-only
//! by default. The HTTP side (axum on tokio) only parses, limits and answers; checks and memory
//! lookups run on worker threads that keep the memory open ([`workers`]). Nothing from a request
//! reaches the file system except a draft the project's pairing plan lists. Every request is
//! logged in one line through the caller's logger (the library never prints).

mod api;
mod tmserver;
mod workers;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tm_project::{Access, Project};

/// Largest request body (a release pair is a few KB; a 10 MB paste is refused).
pub const MAX_BODY: usize = 1 << 20;
/// Longest text of a check, per side, in bytes.
pub const MAX_TEXT: usize = 256 * 1024;
/// Longest lookup text, in characters (Weblate sends at most 500).
pub const MAX_QUERY: usize = 2000;
/// Time a request may take before it is answered with 503.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// How to serve.
#[derive(Debug, Clone)]
pub struct Options {
    pub listen: SocketAddr,
    /// Threads doing checks and lookups.
    pub workers: usize,
    /// Accept imports of aligned pairs into the memory.
    pub allow_import: bool,
    /// The token an import must carry (`Authorization: Bearer …`); required with
    /// `allow_import` when listening beyond loopback.
    pub token: Option<String>,
}

/// Why the server cannot start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {address}: {source}")]
    Bind { address: SocketAddr, source: std::io::Error },
    #[error(
        "--allow-import on {0}, beyond loopback, needs a token (--token or TM_TOKEN): anyone who can reach the port could write to the memory"
    )]
    ImportWithoutToken(SocketAddr),
    #[error("the token must be printable ASCII without spaces (it travels in an HTTP header)")]
    BadToken,
    #[error(transparent)]
    Project(#[from] tm_project::ProjectError),
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
}

/// One line per request, for the caller to write where it wants.
pub type Logger = Arc<dyn Fn(&str) + Send + Sync>;

/// What the handlers share.
pub(crate) struct AppState {
    pub project: Project,
    pub pool: workers::Pool,
    pub shared: Arc<workers::Shared>,
    pub options: Options,
}

/// A server bound to its address, not yet serving.
pub struct Server {
    listener: std::net::TcpListener,
    app: Router,
    runtime: tokio::runtime::Runtime,
    /// Warnings about the glossaries, for the caller to show.
    pub warnings: Vec<String>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server").field("listener", &self.listener).finish_non_exhaustive()
    }
}

impl Server {
    /// Loads the project's glossaries, starts the workers and binds the address.
    pub fn bind(project: Project, options: Options, log: Logger) -> Result<Self, ServeError> {
        if options.allow_import && options.token.is_none() && !options.listen.ip().is_loopback() {
            return Err(ServeError::ImportWithoutToken(options.listen));
        }
        if options.token.as_deref().is_some_and(|t| !t.bytes().all(|b| b.is_ascii_graphic())) {
            return Err(ServeError::BadToken);
        }
        let reviewer = tm_project::Reviewer::load(&project)?;
        let location = project.memory.clone();
        let warnings = reviewer.warnings.clone();
        let shared = Arc::new(workers::Shared {
            reviewer,
            open: Box::new(move || {
                // No memory yet is no memory, not an error: an import may create it.
                if location.as_path().is_some_and(|path| !path.exists()) {
                    return None;
                }
                Some(tm_project::open_memory(&location, Access::Read))
            }),
        });
        let pool = workers::Pool::start(Arc::clone(&shared), options.workers);
        let listener = std::net::TcpListener::bind(options.listen)
            .map_err(|source| ServeError::Bind { address: options.listen, source })?;
        listener.set_nonblocking(true)?;
        let state = Arc::new(AppState { project, pool, shared, options });
        let app = router(state, log);
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
        Ok(Self { listener, app, runtime, warnings })
    }

    /// The address it listens on (with the port the system chose for port 0).
    pub fn address(&self) -> Result<SocketAddr, ServeError> {
        Ok(self.listener.local_addr()?)
    }

    /// Serves until the process is interrupted (Ctrl-C).
    pub fn run(self) -> Result<(), ServeError> {
        let Self { listener, app, runtime, .. } = self;
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener)?;
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await
        })?;
        Ok(())
    }
}

fn router(state: Arc<AppState>, log: Logger) -> Router {
    Router::new()
        .route("/", get(page::index))
        .route("/app.js", get(page::script))
        .route("/app.css", get(page::style))
        .route("/api/check", post(api::check))
        .route("/api/search", get(api::search))
        .route("/api/concordance", get(api::concordance))
        .route("/api/glossary", get(api::glossary))
        .route("/api/stats", get(api::stats))
        .route("/api/pairs", get(api::pairs))
        .route("/api/pair", get(api::pair))
        .route("/api/import", post(api::import))
        .route("/api/rule/{code}", get(api::rule))
        .route("/tmserver/languages/", get(tmserver::languages))
        .route("/tmserver/languages", get(tmserver::languages))
        .route("/tmserver/{source}/{target}/unit/", get(tmserver::unit_by_query))
        .route("/tmserver/{source}/{target}/unit/{*text}", get(tmserver::unit))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "no such endpoint") })
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn_with_state(log, logged))
        .with_state(state)
}

/// Logs one line per request: method, path without the text looked up, status, time. Also
/// sets the headers every answer carries.
async fn logged(State(log): State<Logger>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = shown_path(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    log(&format!("{method} {path} {} {:.1} ms", response.status().as_u16(), started.elapsed().as_secs_f64() * 1000.0));
    response
}

/// The path as logged: the text of a lookup left out (it is the client's content), and never
/// anything a terminal would interpret.
fn shown_path(path: &str) -> String {
    let kept = match path.find("/unit/") {
        Some(at) if path.starts_with("/tmserver/") => format!("{}/unit/…", &path[..at]),
        _ => path.to_owned(),
    };
    tm_text::escape_controls(&kept).into_owned()
}

/// An error as JSON with its status; never a stack trace.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self { status, message: message.into() }
    }

    pub(crate) fn bad(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub(crate) fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(serde_json::json!({ "error": self.message, "status": self.status.as_u16() })))
            .into_response()
    }
}

impl From<axum::extract::rejection::JsonRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::JsonRejection) -> Self {
        Self::new(rejection.status(), rejection.body_text())
    }
}

impl From<axum::extract::rejection::QueryRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::QueryRejection) -> Self {
        Self::new(rejection.status(), rejection.body_text())
    }
}

impl From<axum::extract::rejection::PathRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::PathRejection) -> Self {
        Self::new(rejection.status(), rejection.body_text())
    }
}

/// The primary languages of a pair of codes as clients send them (`ru`, `en_gb`, `en-GB`), or
/// a 400 naming the one that is not a language code.
pub(crate) fn language_pair(source: &str, target: &str) -> Result<(String, String), ApiError> {
    for code in [source, target] {
        if !tm_text::lang::is_plausible(code) {
            return Err(ApiError::bad(format!(
                "`{}` is not a language code (two or three letters, then `_` or `-` and a region)",
                tm_text::escape_controls(code)
            )));
        }
    }
    Ok((tm_text::lang::primary(source), tm_text::lang::primary(target)))
}

/// A 400 for a lookup text longer than [`MAX_QUERY`] characters.
pub(crate) fn query_limit(text: &str) -> Result<(), ApiError> {
    if text.chars().count() > MAX_QUERY {
        return Err(ApiError::bad(format!("the text is longer than {MAX_QUERY} characters")));
    }
    Ok(())
}

/// Sends a job to the workers and waits for its answer, at most [`TIMEOUT`].
pub(crate) async fn ask<T>(
    state: &AppState,
    job: impl FnOnce(tokio::sync::oneshot::Sender<Result<T, String>>) -> workers::Job,
) -> Result<T, ApiError> {
    let (reply, answer) = tokio::sync::oneshot::channel();
    if !state.pool.send(job(reply)) {
        return Err(ApiError::internal("the workers have stopped"));
    }
    match tokio::time::timeout(TIMEOUT, answer).await {
        Err(_) => Err(ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "the request took too long")),
        Ok(Err(_)) => Err(ApiError::internal("the worker stopped")),
        Ok(Ok(Err(message))) => Err(ApiError::internal(message)),
        Ok(Ok(Ok(value))) => Ok(value),
    }
}

mod page {
    //! The review page and its assets, embedded in the binary (it works offline).

    use axum::http::header;
    use axum::response::IntoResponse;

    const INDEX: &str = include_str!("page/index.html");
    const SCRIPT: &str = include_str!("page/app.js");
    const STYLE: &str = include_str!("page/app.css");

    /// Scripts and styles only from this server; nothing inline, nothing from elsewhere.
    const POLICY: &str = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'";

    pub(crate) async fn index() -> impl IntoResponse {
        ([(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CONTENT_SECURITY_POLICY, POLICY)], INDEX)
    }

    pub(crate) async fn script() -> impl IntoResponse {
        ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], SCRIPT)
    }

    pub(crate) async fn style() -> impl IntoResponse {
        ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE)
    }
}

#[cfg(test)]
mod tests {
    use super::shown_path;

    #[test]
    fn the_text_of_a_lookup_is_not_logged() {
        assert_eq!(shown_path("/tmserver/ru/en/unit/%D0%9B%D0%B8%D0%BE%D0%BD"), "/tmserver/ru/en/unit/…");
        assert_eq!(shown_path("/api/search"), "/api/search");
        assert_eq!(shown_path("/x\u{1b}[31m"), "/x\\u{1b}[31m");
    }
}
