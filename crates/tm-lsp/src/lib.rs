//! `tm lsp`: the checks of `tm check` in the editor, over the Language Server Protocol (stdio).
//!
//! What it does today: an English draft opened or edited in the editor is checked against its
//! Russian source (found by the project's pairing, read from the open buffer or the disk),
//! the project's glossaries and its memory, with the project's rule settings; the findings
//! come back as diagnostics, positioned in the encoding the client and the server agreed on
//! (UTF-8 when the client offers it, else UTF-16, the protocol's default). An edit after a
//! quiet spell is checked at once; a burst of edits once the client has been quiet for a
//! moment (debounced). Code actions apply a finding's
//! fix, every fix in the file, or add a suppression comment with a reason to fill in; hover
//! shows a term's glossary entry, or a sentence's Russian counterpart and the memory's best
//! matches for it; completion offers the glossary's renderings, preferred first
//! (`features.rs`).
//!
//! The message loop is `lsp-server`'s (rust-analyzer's): synchronous, one thread, which is
//! all a check of one release needs.

mod features;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lsp_server::{Connection, Message, Notification, ProtocolError, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::{
    Diagnostic, DiagnosticSeverity, InitializeParams, NumberOrString, Position, PositionEncodingKind,
    PublishDiagnosticsParams, Range, ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    Uri,
};
use tm_check::baseline::Baseline;
use tm_check::report::Sources;
use tm_check::{Document, Finding, Review, Severity};
use tm_memory::{Lookup, Searcher};
use tm_project::config::ConfigError;
use tm_project::{Access, Project, ProjectError};
use tm_text::{ColumnUnit, LineIndex};

/// The largest draft checked as it is edited: a release is a few kilobytes; a buffer of
/// megabytes is something else, and checking it on every pause would stall the editor.
const MAX_DRAFT_BYTES: usize = 1 << 20;

/// Edits closer together than this are a burst of typing: the draft is checked once the
/// client has been quiet this long. An edit after a quiet spell is checked at once.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// Why the server stopped.
#[derive(Debug, thiserror::Error)]
pub enum LspError {
    #[error("language server protocol: {0}")]
    Protocol(#[from] ProtocolError),
    #[error("the client went away")]
    Disconnected,
    #[error(transparent)]
    Project(#[from] tm_project::ProjectError),
    #[error("initialize: {0}")]
    Initialize(#[from] serde_json::Error),
}

/// An open document, keyed by its URI's text (`Uri` itself is no hash key: it caches).
struct Open {
    uri: Uri,
    text: String,
    /// The last check of a draft (what code actions and hover work from).
    checked: Option<Checked>,
}

/// A draft's last review (its findings and its source's, sentences, alignment, term hits) and
/// the two files' names as its findings carry them.
struct Checked {
    review: Review,
    draft: String,
    source: PathBuf,
}

impl Checked {
    /// The findings on the draft itself.
    fn draft_findings(&self) -> impl Iterator<Item = &Finding> {
        self.review.findings.iter().filter(|finding| finding.path == self.draft)
    }
}

type Documents = HashMap<String, Open>;

/// What a check needs, loaded once per session (and again when the project changes).
struct Context {
    project: Project,
    reviewer: tm_project::Reviewer,
    unit: ColumnUnit,
    /// The project's baseline (`[check] baseline`): the findings it accepts are not shown.
    baseline: Option<Baseline>,
    /// The baseline's file name (what its watcher and a save of it are known by).
    baseline_name: Option<String>,
}

/// Loads the project: the project, and why its `tm.toml` could not be read (then the project
/// is the defaults; the reason is shown on that file). Called at the start and whenever
/// `tm.toml` or a glossary changes.
pub type Load<'a> = &'a dyn Fn() -> (Project, Option<ProjectError>);

/// Serves one client on `connection` until it shuts down.
pub fn run(load: Load<'_>, connection: &Connection) -> Result<(), LspError> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params)?;
    let watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|workspace| workspace.did_change_watched_files)
        .and_then(|watched| watched.dynamic_registration)
        .unwrap_or(false);
    let offered = params.capabilities.general.and_then(|general| general.position_encodings).unwrap_or_default();
    let (unit, encoding) = if offered.contains(&PositionEncodingKind::UTF8) {
        (ColumnUnit::Byte, PositionEncodingKind::UTF8)
    } else {
        (ColumnUnit::Utf16, PositionEncodingKind::UTF16)
    };
    let capabilities = ServerCapabilities {
        position_encoding: Some(encoding),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        code_action_provider: Some(lsp_types::CodeActionProviderCapability::Simple(true)),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        completion_provider: Some(lsp_types::CompletionOptions::default()),
        execute_command_provider: Some(lsp_types::ExecuteCommandOptions {
            commands: vec![features::RULE_COMMAND.to_owned()],
            ..lsp_types::ExecuteCommandOptions::default()
        }),
        ..ServerCapabilities::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": ServerInfo { name: "tm".to_owned(), version: Some(env!("CARGO_PKG_VERSION").to_owned()) },
    });
    connection.initialize_finish(id, result)?;

    let (project, broken) = load();
    let config_uri = config_uri(&project);
    report_config(connection, config_uri.as_ref(), broken.as_ref())?;
    let mut context = Context::load(connection, project, unit)?;
    if watch {
        register_watchers(connection, context.baseline_name.as_deref())?;
    }
    let mut documents = Documents::new();
    let mut stale: Vec<String> = Vec::new();
    loop {
        // The memory, opened once per project load, and one searcher of it for the session:
        // the pair's sketches load on the first lookup, not on every check.
        let memory = context.memory();
        let searcher = memory.as_deref().and_then(|store| Searcher::new(store, "ru", "en").ok()).map(RefCell::new);
        let lookup = searcher.as_ref().map(|searcher| searcher as &dyn Lookup);
        let mut session = Session { connection, context: &context, memory: lookup, documents: &mut documents };
        match session.serve(&mut stale)? {
            Next::Exit => return Ok(()),
            Next::Reload => reload(connection, load, &mut context),
            Next::Reopen => {}
        }
    }
}

/// Why [`Session::serve`] returned.
enum Next {
    /// The client shut down.
    Exit,
    /// `tm.toml` or a glossary changed: load the project again.
    Reload,
    /// The memory appeared (an import created it): open it.
    Reopen,
}

/// What one project load serves with: the loaded project, its memory's lookups, the open
/// documents.
struct Session<'s> {
    connection: &'s Connection,
    context: &'s Context,
    memory: Option<&'s dyn Lookup>,
    documents: &'s mut Documents,
}

impl Session<'_> {
    /// Answers the client until it shuts down, or the project or memory must be loaded again.
    /// `stale` (the documents waiting to be checked) outlives a reload.
    fn serve(&mut self, stale: &mut Vec<String>) -> Result<Next, LspError> {
        let connection = self.connection;
        // When the last edit came: an edit after a quiet spell is checked at once (the editor
        // shows its diagnostics as soon as the check is done); one in a burst waits for the
        // burst to end.
        let mut last_edit: Option<Instant> = None;
        loop {
            // Wait for the next message; while edits are waiting to be checked, only as long as
            // the client stays quiet.
            let message = if stale.is_empty() {
                connection.receiver.recv().map_err(|_| LspError::Disconnected)?
            } else {
                match connection.receiver.recv_timeout(DEBOUNCE) {
                    Ok(message) => message,
                    Err(crossbeam_timeout) if crossbeam_timeout.is_timeout() => {
                        if self.memory_appeared() {
                            return Ok(Next::Reopen);
                        }
                        self.flush(stale)?;
                        continue;
                    }
                    Err(_) => return Err(LspError::Disconnected),
                }
            };
            match message {
                Message::Request(request) => {
                    if connection.handle_shutdown(&request)? {
                        return Ok(Next::Exit);
                    }
                    // Answers come from the last check: bring pending ones up to date first.
                    self.flush(stale)?;
                    if let Some(documentation) = features::rule_documentation(&request) {
                        show_message(connection, lsp_types::MessageType::INFO, documentation);
                    }
                    let response = match features::answer(self.context, self.memory, self.documents, &request) {
                        Some(result) => Response::new_ok(request.id.clone(), result),
                        None => unsupported(&request),
                    };
                    connection.sender.send(Message::Response(response)).map_err(|_| LspError::Disconnected)?;
                }
                Message::Notification(notification) => {
                    let reload = changes_the_project(&notification, self.context.baseline_name.as_deref());
                    let changed = on_notification(self.documents, notification);
                    let edited = !changed.is_empty();
                    let reloaded = if reload { self.documents.keys().cloned().collect() } else { Vec::new() };
                    for uri in changed.into_iter().chain(reloaded) {
                        if !stale.contains(&uri) {
                            stale.push(uri);
                        }
                    }
                    if reload {
                        return Ok(Next::Reload);
                    }
                    if edited {
                        let quiet = last_edit.is_none_or(|at| at.elapsed() >= DEBOUNCE);
                        last_edit = Some(Instant::now());
                        if quiet && connection.receiver.is_empty() && !self.memory_appeared() {
                            self.flush(stale)?;
                        }
                    }
                }
                Message::Response(_) => {}
            }
        }
    }

    /// Checks the documents waiting to be checked.
    fn flush(&mut self, stale: &mut Vec<String>) -> Result<(), LspError> {
        for key in std::mem::take(stale) {
            self.publish(&key)?;
        }
        Ok(())
    }

    /// Whether the project's memory file exists now though none was open (a first import).
    fn memory_appeared(&self) -> bool {
        self.memory.is_none() && self.context.project.memory.as_path().is_some_and(Path::exists)
    }
}

/// Whether a notification says `tm.toml`, a glossary or the baseline (its file name
/// `baseline`) changed: a watched file changed, or the editor saved one of them.
fn changes_the_project(notification: &Notification, baseline: Option<&str>) -> bool {
    match notification.method.as_str() {
        "workspace/didChangeWatchedFiles" => true,
        DidSaveTextDocument::METHOD => notification.params["textDocument"]["uri"].as_str().is_some_and(|uri| {
            [".toml", ".tsv", ".csv", ".tbx"].iter().any(|end| uri.ends_with(end))
                || baseline.is_some_and(|name| {
                    percent_encoding::percent_decode_str(uri)
                        .decode_utf8()
                        .is_ok_and(|path| path.ends_with(&format!("/{name}")))
                })
        }),
        _ => false,
    }
}

/// Loads the project again; a glossary that no longer reads keeps the old context and says
/// why in the editor.
fn reload(connection: &Connection, load: Load<'_>, context: &mut Context) {
    let (project, broken) = load();
    let config_uri = config_uri(&project).or_else(|| config_uri(&context.project));
    let _ = report_config(connection, config_uri.as_ref(), broken.as_ref());
    match Context::load(connection, project, context.unit) {
        Ok(loaded) => *context = loaded,
        Err(error) => show_message(
            connection,
            lsp_types::MessageType::ERROR,
            format!("tm: {error}; checking with the glossaries loaded before"),
        ),
    }
}

/// A message the editor shows (`window/showMessage`).
fn show_message(connection: &Connection, typ: lsp_types::MessageType, message: String) {
    let params = lsp_types::ShowMessageParams { typ, message };
    let _ = connection.sender.send(Message::Notification(Notification::new(
        <lsp_types::notification::ShowMessage as lsp_types::notification::Notification>::METHOD.to_owned(),
        params,
    )));
}

/// Asks the client to tell the server when `tm.toml`, a glossary or the baseline (named
/// `baseline`) changes on disk.
fn register_watchers(connection: &Connection, baseline: Option<&str>) -> Result<(), LspError> {
    let mut globs: Vec<String> = ["**/tm.toml", "**/*.tsv", "**/*.csv", "**/*.tbx"].map(str::to_owned).to_vec();
    // A glob's special characters in the name would watch other files: only a plain name.
    if let Some(name) = baseline.filter(|name| !name.contains(['*', '?', '[', ']', '{', '}'])) {
        globs.push(format!("**/{name}"));
    }
    let watchers = globs
        .into_iter()
        .map(|glob| lsp_types::FileSystemWatcher { glob_pattern: lsp_types::GlobPattern::String(glob), kind: None })
        .collect();
    let options = lsp_types::DidChangeWatchedFilesRegistrationOptions { watchers };
    let params = lsp_types::RegistrationParams {
        registrations: vec![lsp_types::Registration {
            id: "tm-watched-files".to_owned(),
            method: "workspace/didChangeWatchedFiles".to_owned(),
            register_options: serde_json::to_value(options).ok(),
        }],
    };
    let request = Request::new(
        lsp_server::RequestId::from("tm-watch".to_owned()),
        "client/registerCapability".to_owned(),
        params,
    );
    connection.sender.send(Message::Request(request)).map_err(|_| LspError::Disconnected)
}

/// Where the project's `tm.toml` is (or would be), as a URI.
fn config_uri(project: &Project) -> Option<Uri> {
    let here = std::env::current_dir().ok()?;
    let path = project.config_file.clone().unwrap_or_else(|| project.root.join(tm_project::config::FILE_NAME));
    uri_of(&here.join(path))
}

impl Context {
    /// The project's reviewer and baseline; a baseline that does not read is said in the
    /// editor and not applied.
    fn load(connection: &Connection, project: Project, unit: ColumnUnit) -> Result<Self, LspError> {
        let path = project.baseline_file(None);
        let baseline = path.as_deref().and_then(|path| match Baseline::read(path) {
            Ok(baseline) => Some(baseline),
            Err(error) => {
                show_message(connection, lsp_types::MessageType::WARNING, format!("tm: {error}; no baseline applied"));
                None
            }
        });
        let baseline_name = path.as_deref().and_then(Path::file_name).and_then(|name| name.to_str()).map(str::to_owned);
        Ok(Self { reviewer: tm_project::Reviewer::load(&project)?, project, unit, baseline, baseline_name })
    }

    /// Leaves out of `review` the findings the baseline accepts. The baseline names files as
    /// `tm check` run in the project folder does (relative to it) and keys findings by their
    /// lines as `tm check` does ([`Sources::fingerprints`]); `texts` are the files by the names
    /// the findings carry.
    fn apply_baseline(&self, review: &mut Review, texts: &[(&str, &str)]) {
        let Some(baseline) = &self.baseline else { return };
        let here = std::env::current_dir().unwrap_or_default();
        let relative = |path: &str| {
            Path::new(path).strip_prefix(&here).map_or_else(|_| path.to_owned(), |r| r.display().to_string())
        };
        let mut sources = Sources::default();
        for (path, text) in texts {
            sources.add(&relative(path), text);
        }
        let named: Vec<Finding> = review
            .findings
            .iter()
            .map(|finding| Finding { path: relative(&finding.path), ..finding.clone() })
            .collect();
        let (accepted, _) = baseline.accepted(&named, &sources.fingerprints(&named));
        let mut accepted = accepted.into_iter();
        review.findings.retain(|_| !accepted.next().unwrap_or(false));
    }

    /// The memory, when there is one (nothing imported yet is no memory, not an error).
    fn memory(&self) -> Option<Box<dyn tm_memory::Store>> {
        self.project
            .memory
            .as_path()
            .is_none_or(Path::exists)
            .then(|| self.project.open_memory(Access::Read).ok())
            .flatten()
    }

    /// The review of the draft at `path` with text `draft`; `None` for a file the pairing does
    /// not make a draft.
    fn check(&self, memory: Option<&dyn Lookup>, path: &Path, draft: &str, documents: &Documents) -> Option<Checked> {
        let source_path = self.project.source_for_draft(path).ok().flatten()?;
        let source = documents
            .values()
            .find(|open| path_of(&open.uri).as_deref() == Some(source_path.as_path()))
            .map(|open| open.text.clone())
            .or_else(|| std::fs::read_to_string(&source_path).ok());
        let shown = path.display().to_string();
        let source_shown = source_path.display().to_string();
        let source_document = source.as_ref().map(|text| Document::plain(&source_shown, text));
        let draft_document = Document::plain(&shown, draft);
        let mut review = self.reviewer.review(memory, &draft_document, source_document.as_ref()).ok()?;
        let mut texts = vec![(shown.as_str(), draft)];
        if let Some(source) = &source {
            texts.push((source_shown.as_str(), source.as_str()));
        }
        self.apply_baseline(&mut review, &texts);
        Some(Checked { review, draft: shown, source: source_path })
    }
}

/// Keeps the open documents' text; the documents to check again.
fn on_notification(documents: &mut Documents, notification: Notification) -> Vec<String> {
    match notification.method.as_str() {
        DidOpenTextDocument::METHOD => {
            let Ok(params) = notification.extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
            else {
                return Vec::new();
            };
            let key = params.text_document.uri.as_str().to_owned();
            let open = Open { uri: params.text_document.uri, text: params.text_document.text, checked: None };
            documents.insert(key.clone(), open);
            // An opened source gets its findings from its drafts' checks.
            with_its_drafts(documents, key)
        }
        DidChangeTextDocument::METHOD => {
            let Ok(params) =
                notification.extract::<lsp_types::DidChangeTextDocumentParams>(DidChangeTextDocument::METHOD)
            else {
                return Vec::new();
            };
            // Full synchronisation: the last change is the whole text.
            let Some(change) = params.content_changes.into_iter().last() else { return Vec::new() };
            let key = params.text_document.uri.as_str().to_owned();
            documents.insert(key.clone(), Open { uri: params.text_document.uri, text: change.text, checked: None });
            // A changed source changes its drafts' findings too.
            with_its_drafts(documents, key)
        }
        // The text was already had from the last change; a saved tm.toml or glossary reloads (above).
        DidSaveTextDocument::METHOD => Vec::new(),
        DidCloseTextDocument::METHOD => {
            if let Ok(params) =
                notification.extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
            {
                documents.remove(params.text_document.uri.as_str());
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// `key` and the open drafts last checked against it as their source.
fn with_its_drafts(documents: &Documents, key: String) -> Vec<String> {
    let path = documents.get(&key).and_then(|open| path_of(&open.uri));
    let drafts = documents.iter().filter(|(_, open)| {
        open.checked.as_ref().is_some_and(|checked| path.as_deref() == Some(checked.source.as_path()))
    });
    let mut keys: Vec<String> = drafts.map(|(draft, _)| draft.clone()).collect();
    keys.push(key);
    keys
}

impl Session<'_> {
    /// Checks one open draft, keeps the review and sends its diagnostics, and its source's own
    /// (sentences left untranslated) when the source is open too. A document that is no draft
    /// gets its diagnostics from its draft's check.
    fn publish(&mut self, key: &str) -> Result<(), LspError> {
        let (connection, context) = (self.connection, self.context);
        let Some(open) = self.documents.get(key) else { return Ok(()) };
        let Some(path) = path_of(&open.uri) else { return Ok(()) };
        if open.text.len() > MAX_DRAFT_BYTES {
            let at = Position::new(0, 0);
            let diagnostic = Diagnostic {
                range: Range::new(at, at),
                severity: Some(DiagnosticSeverity::INFORMATION),
                source: Some("tm".to_owned()),
                message: format!(
                    "{:.1} MB is more than tm lsp checks as you type ({} MB); run `tm check` on it",
                    open.text.len() as f64 / 1_048_576.0,
                    MAX_DRAFT_BYTES >> 20
                ),
                ..Diagnostic::default()
            };
            return send_diagnostics(connection, open.uri.clone(), vec![diagnostic]);
        }
        let Some(checked) = context.check(self.memory, &path, &open.text, self.documents) else { return Ok(()) };
        send_findings(connection, context, &open.uri, &open.text, checked.draft_findings())?;
        let source =
            self.documents.values().find(|other| path_of(&other.uri).as_deref() == Some(checked.source.as_path()));
        if let Some(source) = source {
            let shown = checked.source.display().to_string();
            let findings = checked.review.findings.iter().filter(|finding| finding.path == shown);
            send_findings(connection, context, &source.uri, &source.text, findings)?;
        }
        if let Some(open) = self.documents.get_mut(key) {
            open.checked = Some(checked);
        }
        Ok(())
    }
}

/// `findings` in `text` as the diagnostics of `uri`.
fn send_findings<'f>(
    connection: &Connection,
    context: &Context,
    uri: &Uri,
    text: &str,
    findings: impl Iterator<Item = &'f Finding>,
) -> Result<(), LspError> {
    let index = LineIndex::new(text);
    let diagnostics = findings.map(|finding| diagnostic(finding, text, &index, context.unit)).collect();
    send_diagnostics(connection, uri.clone(), diagnostics)
}

/// Replaces the diagnostics the editor shows for `uri`.
fn send_diagnostics(connection: &Connection, uri: Uri, diagnostics: Vec<Diagnostic>) -> Result<(), LspError> {
    let params = PublishDiagnosticsParams { uri, diagnostics, version: None };
    connection
        .sender
        .send(Message::Notification(Notification::new(PublishDiagnostics::METHOD.to_owned(), params)))
        .map_err(|_| LspError::Disconnected)
}

/// The protocol's position of byte `offset`, in the agreed unit.
fn position(text: &str, index: &LineIndex, unit: ColumnUnit, offset: usize) -> Position {
    let at = index.position(text, offset.min(text.len()), unit);
    Position::new(
        u32::try_from(at.line.saturating_sub(1)).unwrap_or(u32::MAX),
        u32::try_from(at.column.saturating_sub(1)).unwrap_or(u32::MAX),
    )
}

/// The byte offset of a protocol position; `None` past the text.
fn offset(text: &str, index: &LineIndex, unit: ColumnUnit, at: Position) -> Option<usize> {
    let line = usize::try_from(at.line).ok()? + 1;
    let column = usize::try_from(at.character).ok()? + 1;
    index.offset(text, tm_text::Position { line, column }, unit)
}

fn range(text: &str, index: &LineIndex, unit: ColumnUnit, span: tm_text::Span) -> Range {
    Range::new(position(text, index, unit, span.start), position(text, index, unit, span.end))
}

fn diagnostic(finding: &Finding, text: &str, index: &LineIndex, unit: ColumnUnit) -> Diagnostic {
    Diagnostic {
        range: range(text, index, unit, finding.span),
        severity: Some(match finding.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(format!("{} {}", finding.code, finding.rule))),
        source: Some("tm".to_owned()),
        message: finding.message.clone(),
        ..Diagnostic::default()
    }
}

/// A broken `tm.toml` as a diagnostic on it, at the line the parser names; none when it reads.
fn report_config(connection: &Connection, uri: Option<&Uri>, error: Option<&ProjectError>) -> Result<(), LspError> {
    let (uri, diagnostics) = match error {
        Some(error) => {
            let (path, line, column) = match error {
                ProjectError::Config(ConfigError::Parse { path, source }) => {
                    (Some(path), source.line.saturating_sub(1), source.column.unwrap_or(1).saturating_sub(1))
                }
                ProjectError::Config(ConfigError::Read { path, .. }) => (Some(path), 0, 0),
                _ => (None, 0, 0),
            };
            let here = std::env::current_dir().unwrap_or_default();
            let uri = path.and_then(|path| uri_of(&here.join(path))).or_else(|| uri.cloned());
            let at = Position::new(u32::try_from(line).unwrap_or(0), u32::try_from(column).unwrap_or(0));
            let diagnostic = Diagnostic {
                range: Range::new(at, Position::new(at.line, at.character + 1)),
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some("tm".to_owned()),
                message: format!("{error}; tm checks with the defaults until this is fixed"),
                ..Diagnostic::default()
            };
            (uri, vec![diagnostic])
        }
        None => (uri.cloned(), Vec::new()),
    };
    let Some(uri) = uri else { return Ok(()) };
    send_diagnostics(connection, uri, diagnostics)
}

/// The `file:` URI of an absolute path.
fn uri_of(path: &Path) -> Option<Uri> {
    let text = path.to_str()?;
    let encoded = percent_encoding::utf8_percent_encode(text, PATH).to_string();
    format!("file://{encoded}").parse().ok()
}

/// What a path segment may hold unescaped in a URI (RFC 3986 `pchar` and `/`).
const PATH: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'/').remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Requests the server does not answer get the protocol's "method not found".
fn unsupported(request: &Request) -> Response {
    Response::new_err(
        request.id.clone(),
        lsp_server::ErrorCode::MethodNotFound as i32,
        format!("tm lsp does not answer {}", request.method),
    )
}

/// The local path a `file:` URI names.
fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let decoded = percent_encoding::percent_decode_str(rest).decode_utf8().ok()?;
    Some(PathBuf::from(decoded.as_ref()))
}
