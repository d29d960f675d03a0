//! `tm lsp` spoken to as an editor does: JSON-RPC with `Content-Length` framing over the
//! process's standard input and output. Opens the shipped English example (under a Cyrillic
//! file name) in a project with the house glossary, receives diagnostics with Lion and the
//! changed figure at the right UTF-16 (or UTF-8) positions, edits the draft, sees the
//! diagnostic go, and shuts down cleanly.

#![allow(clippy::unwrap_used)]

mod common;

#[path = "support/lsp_client.rs"]
mod lsp_client;

use std::time::{Duration, Instant};

use common::Scratch;
use lsp_client::Client;
use serde_json::{Value, json};

/// A project with the house glossary and the example pair as `конференция.{en,ru}.txt`.
fn project(name: &str) -> (Scratch, String, String) {
    let s = Scratch::with_house_glossary(name);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    // The memory holds the example's sentences, as a press office's would.
    let imported = s.output(&["import", root.join("press-memory.tmx").to_str().unwrap()]);
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    // Next year's figure as one more paragraph: the memory holds last year's sentence.
    let mut source = std::fs::read_to_string(root.join("ncb-conference.ru.txt")).unwrap();
    source.push_str("\nВ 2026 году по каналам Интерпола установлено местонахождение 298 разыскиваемых лиц.\n");
    s.write("конференция.ru.txt", source.as_bytes());
    let mut draft = std::fs::read_to_string(root.join("ncb-conference.en.txt")).unwrap();
    draft.push_str("\nIn 2026, the whereabouts of 298 wanted persons were established through Interpol channels.\n");
    s.write("конференция.en.txt", draft.as_bytes());
    let path = s.dir.join("конференция.en.txt").display().to_string();
    let uri = format!(
        "file://{}",
        path.replace("конференция", "%D0%BA%D0%BE%D0%BD%D1%84%D0%B5%D1%80%D0%B5%D0%BD%D1%86%D0%B8%D1%8F")
    );
    (s, uri, draft)
}

fn find<'a>(diagnostics: &'a [Value], code: &str) -> Option<&'a Value> {
    diagnostics.iter().find(|d| d["code"].as_str().is_some_and(|c| c.starts_with(code)))
}

/// The UTF-16 column of byte `offset` in its line.
fn utf16_column(text: &str, offset: usize) -> u64 {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..offset].encode_utf16().count() as u64
}

#[test]
fn diagnostics_for_the_example_then_an_edit_clears_lion_then_shutdown() {
    let (s, uri, draft) = project("lsp-utf16");
    let mut client = Client::start(&s.dir);
    let initialized = client.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": { "general": { "positionEncodings": ["utf-16"] } } }),
    );
    assert_eq!(initialized["result"]["capabilities"]["positionEncoding"], "utf-16", "{initialized}");
    assert_eq!(initialized["result"]["serverInfo"]["name"], "tm");
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": draft } }),
    );
    let diagnostics = client.diagnostics(&uri);
    let lion = find(&diagnostics, "TM101").unwrap_or_else(|| panic!("no Lion in {diagnostics:#?}"));
    assert!(lion["message"].as_str().unwrap().contains("Lion"), "{lion}");
    assert_eq!(lion["severity"], 1);
    assert_eq!(lion["source"], "tm");
    // Line 13 of the draft (0-based 12), at the word itself.
    let at = draft.find(" Lion.").unwrap() + 1;
    assert_eq!(lion["range"]["start"]["line"], 12);
    assert_eq!(lion["range"]["start"]["character"], utf16_column(&draft, at));
    assert_eq!(lion["range"]["end"]["character"], utf16_column(&draft, at) + 4);
    let figure = find(&diagnostics, "TM201").unwrap_or_else(|| panic!("no changed figure in {diagnostics:#?}"));
    assert!(figure["message"].as_str().unwrap().contains("152"), "{figure}");

    // The code actions at Lion: its fix, a suppression, and every fix in the file.
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": lion["range"], "context": { "diagnostics": [lion] } }),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    let titles: Vec<&str> = actions.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"TM101: replace `Lion` with `Lyon`"), "{titles:?}");
    assert!(titles.contains(&"TM101: suppress here (write the reason)"), "{titles:?}");
    assert!(titles.iter().any(|t| t.starts_with("tm: apply all ")), "{titles:?}");
    let fix = actions.iter().find(|a| a["title"] == "TM101: replace `Lion` with `Lyon`").unwrap();
    let edits = fix["edit"]["changes"][&uri].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["range"], lion["range"]);
    assert_eq!(edits[0]["newText"], "Lyon");
    // The rule's documentation, through the command its action carries.
    let explain = actions.iter().find(|a| a["title"] == "TM101: what this rule checks (tm rule TM101)").unwrap();
    assert_eq!(explain["command"]["command"], "tm.rule");
    let executed = client.request("workspace/executeCommand", explain["command"].clone());
    assert!(executed["error"].is_null(), "{executed}");
    let shown = client.wait("the rule's documentation", |m| m["method"] == "window/showMessage");
    assert!(shown["params"]["message"].as_str().unwrap().starts_with("TM101 term-forbidden (error): "), "{shown}");
    let suppress = actions.iter().find(|a| a["title"] == "TM101: suppress here (write the reason)").unwrap();
    let comment = &suppress["edit"]["changes"][&uri][0];
    assert_eq!(comment["newText"], " <!-- tm: ignore[TM101] REASON -->");
    assert_eq!(comment["range"]["start"]["line"], 12);

    // The fix applied as the editor would: Lion goes, the figure stays.
    let fixed = draft.replace(" Lion.", " Lyon.");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": fixed }] }),
    );
    let diagnostics = client.diagnostics(&uri);
    assert!(find(&diagnostics, "TM101").is_none(), "{diagnostics:#?}");
    assert!(find(&diagnostics, "TM201").is_some(), "{diagnostics:#?}");

    // Hover on a term: its glossary entry; on a sentence: the Russian and the memory's matches.
    let at = fixed.find("Lyon.").unwrap();
    let line = fixed[..at].matches('\n').count();
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": utf16_column(&fixed, at) + 1 } }),
    );
    let shown = hover["result"]["contents"]["value"].as_str().unwrap_or_else(|| panic!("{hover}"));
    assert!(shown.contains("**Lyon** (en, preferred)") && shown.contains("**Лион** (ru"), "{shown}");
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": 2 } }),
    );
    let shown = hover["result"]["contents"]["value"].as_str().unwrap_or_else(|| panic!("{hover}"));
    assert!(shown.starts_with("**Russian:** В ходе конференции") && shown.contains("Лионе"), "{shown}");
    let last = fixed.trim_end().matches('\n').count();
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": last, "character": 3 } }),
    );
    let shown = hover["result"]["contents"]["value"].as_str().unwrap_or_else(|| panic!("{hover}"));
    assert!(
        shown.contains("**95%** В 2025 году по каналам Интерпола"),
        "last year's sentence from the memory: {shown}"
    );
    assert!(shown.contains("(numbers changed: 2025 → 2026, 312 → 298)"), "{shown}");

    // Completion after three letters: the glossary's renderings, preferred first.
    let typed = format!("{}\nInterpol General Sec", fixed.trim_end());
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [{ "text": typed }] }),
    );
    let last = typed.matches('\n').count();
    let items = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": { "line": last, "character": 20 } }),
    );
    let items = items["result"].as_array().unwrap_or_else(|| panic!("{items}")).clone();
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    // The two words typed are taken together: the preferred rendering first.
    assert_eq!(labels.first(), Some(&"Interpol General Secretariat"), "{labels:?}");
    assert!(labels.iter().all(|l| l.to_lowercase().starts_with("interpol general sec")), "{labels:?}");
    assert_eq!(labels.len(), 2, "the preferred and the admitted (capitals) rendering: {labels:?}");
    assert!(items.iter().all(|i| i["textEdit"]["range"]["start"]["character"] == 0), "{items:#?}");
    assert_eq!(items[0]["detail"], "Генеральный секретариат Интерпола (preferred)");
    // One word typed: renderings beginning with it.
    let typed = format!("{}\nthe Gen", fixed.trim_end());
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 4 }, "contentChanges": [{ "text": typed }] }),
    );
    let items = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": { "line": last, "character": 7 } }),
    );
    let items = items["result"].as_array().unwrap_or_else(|| panic!("{items}")).clone();
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert!(labels.contains(&"General Secretariat of Interpol"), "{labels:?}");
    assert!(labels.iter().all(|l| l.starts_with("Gen")), "{labels:?}");
    assert!(items.iter().all(|i| i["textEdit"]["range"]["start"]["character"] == 4), "{items:#?}");

    // A request it does not answer is an error, not a crash.
    let unknown = client.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");

    let shutdown = client.request("shutdown", Value::Null);
    assert!(shutdown["error"].is_null(), "{shutdown}");
    client.notify("exit", Value::Null);
    let status = client.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
}

#[test]
fn positions_are_utf8_bytes_when_the_client_offers_them() {
    let (s, uri, draft) = project("lsp-utf8");
    let mut client = Client::start(&s.dir);
    let initialized = client.request(
        "initialize",
        json!({ "processId": null, "capabilities": { "general": { "positionEncodings": ["utf-8", "utf-16"] } } }),
    );
    assert_eq!(initialized["result"]["capabilities"]["positionEncoding"], "utf-8", "{initialized}");
    client.notify("initialized", json!({}));
    // A line of Cyrillic and an astral character before Lion: UTF-8 and UTF-16 columns differ.
    let draft = draft.replace(" Lion.", " «Лион» 🙂 Lion.");
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": draft } }),
    );
    let diagnostics = client.diagnostics(&uri);
    let lion = find(&diagnostics, "TM101").unwrap_or_else(|| panic!("no Lion in {diagnostics:#?}"));
    let at = draft.find(" Lion.").unwrap() + 1;
    let line_start = draft[..at].rfind('\n').map_or(0, |i| i + 1);
    assert_eq!(lion["range"]["start"]["character"], (at - line_start) as u64);
    assert_ne!((at - line_start) as u64, utf16_column(&draft, at));
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert!(client.child.wait().unwrap().success());
}

/// A broken `tm.toml` is a diagnostic on `tm.toml` at the line the parser names, not a crash;
/// the drafts are still checked, with the defaults.
/// `tm lsp` in `dir` with a client that lets the server register file watchers: initialized,
/// the registration answered; the watchers it asked for.
fn start_watched(dir: &std::path::Path) -> (Client, Value) {
    let mut client = Client::start(dir);
    let watched = json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    client.request("initialize", json!({ "processId": null, "capabilities": watched }));
    client.notify("initialized", json!({}));
    let register = client.wait("registration", |m| m["method"] == "client/registerCapability");
    client.send(&json!({ "jsonrpc": "2.0", "id": register["id"], "result": null }));
    let watchers = register["params"]["registrations"][0]["registerOptions"]["watchers"].clone();
    (client, watchers)
}

#[test]
fn a_broken_tm_toml_is_a_diagnostic_on_it_and_checks_go_on() {
    let (s, uri, draft) = project("lsp-broken-toml");
    s.write("tm.toml", "[check]\nfail-on = \"warning\"\nнеизвестно = 3\n".as_bytes());
    // The server asks to hear of tm.toml and glossaries changing on disk.
    let (mut client, globs) = start_watched(&s.dir);
    assert_eq!(globs[0]["globPattern"], "**/tm.toml", "{globs}");
    let toml = format!("file://{}", s.dir.join("tm.toml").display());
    let diagnostics = client.diagnostics(&toml);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["range"]["start"]["line"], 2, "{diagnostics:#?}");
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(message.contains("неизвестно") && message.contains("defaults"), "{message}");
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": draft } }),
    );
    let diagnostics = client.diagnostics(&uri);
    assert!(find(&diagnostics, "TM101").is_some(), "{diagnostics:#?}");

    // tm.toml fixed on disk, turning TM101 off: the watched-file change reloads the project,
    // clears the diagnostic on tm.toml and re-checks the draft.
    s.write("tm.toml", "[check.rules]\nTM101 = \"off\"\n".as_bytes());
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": toml, "type": 2 }] }));
    assert_eq!(client.diagnostics(&toml), Vec::<Value>::new());
    let diagnostics = client.diagnostics(&uri);
    assert!(find(&diagnostics, "TM101").is_none(), "{diagnostics:#?}");
    assert!(find(&diagnostics, "TM201").is_some(), "{diagnostics:#?}");
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert!(client.child.wait().unwrap().success());
}

/// With the source open too, a Russian paragraph the draft leaves out is a diagnostic on the
/// source (TM302), and editing the source re-checks the draft.
#[test]
fn the_open_source_gets_its_own_findings() {
    let (s, uri, draft) = project("lsp-source");
    let source_path = s.dir.join("конференция.ru.txt");
    let mut source = std::fs::read_to_string(&source_path).unwrap();
    let source_uri = uri.replace(".en.txt", ".ru.txt");
    let mut client = Client::start(&s.dir);
    client.request("initialize", json!({ "processId": null, "capabilities": {} }));
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": draft } }),
    );
    assert!(find(&client.diagnostics(&uri), "TM101").is_some());
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": source_uri, "languageId": "plaintext", "version": 1, "text": source } }),
    );
    let on_source = client.diagnostics(&source_uri);
    assert!(find(&on_source, "TM302").is_none(), "{on_source:#?}");
    // A paragraph added to the source (in the buffer only): untranslated in the draft.
    source.push_str("\nПо итогам встречи участники приняли резолюцию о развитии обмена информацией между бюро.\n");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": source_uri, "version": 2 }, "contentChanges": [{ "text": source }] }),
    );
    let on_source = client.diagnostics(&source_uri);
    let untranslated = find(&on_source, "TM302").unwrap_or_else(|| panic!("{on_source:#?}"));
    let last = source.trim_end().matches('\n').count();
    assert_eq!(untranslated["range"]["start"]["line"], last, "{untranslated}");
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert!(client.child.wait().unwrap().success());
}

/// Bad input: a 10 MB draft is answered at once with a note instead of a check that would
/// stall the editor; bytes that are not UTF-8 do not end the session; a file outside the
/// project gets nothing and breaks nothing.
#[test]
fn a_huge_buffer_and_a_file_outside_the_project() {
    let (s, uri, draft) = project("lsp-bad-input");
    let mut client = Client::start(&s.dir);
    client.request("initialize", json!({ "processId": null, "capabilities": {} }));
    client.notify("initialized", json!({}));
    let huge = draft.repeat(10_000_000 / draft.len() + 1);
    let started = Instant::now();
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": huge } }),
    );
    let diagnostics = client.diagnostics(&uri);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert!(diagnostics[0]["message"].as_str().unwrap().contains("run `tm check` on it"), "{diagnostics:#?}");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());

    // A buffer with bytes that are not UTF-8 (windows-1251 «Лион» pasted raw): the frame is
    // read with them replaced, and the rest of the draft is checked.
    let text = format!("{draft}\n@@\n");
    let mut raw = json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": text }] } })
    .to_string()
    .into_bytes();
    let at = raw.windows(2).position(|w| w == b"@@").unwrap();
    raw.splice(at..at + 2, b"\xcb\xe8\xee\xed".iter().copied());
    client.send_bytes(&raw);
    let diagnostics = client.diagnostics(&uri);
    assert!(find(&diagnostics, "TM101").is_some(), "{diagnostics:#?}");

    let outside = std::env::temp_dir().join(format!("tm-lsp-outside-{}.en.txt", std::process::id()));
    let outside_uri = format!("file://{}", outside.display());
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": outside_uri, "languageId": "plaintext", "version": 1, "text": "Lion." } }),
    );
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": outside_uri }, "position": { "line": 0, "character": 1 } }),
    );
    assert!(hover["error"].is_null() && hover["result"].is_null(), "{hover}");
    // Back to a release of normal size: checked as usual.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [{ "text": draft }] }),
    );
    assert!(find(&client.diagnostics(&uri), "TM101").is_some());
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert!(client.child.wait().unwrap().success());
}

/// The project's baseline (`[check] baseline` in tm.toml, written by `tm check
/// --update-baseline`) hides the findings it accepts in the editor as in CI; an edit of an
/// accepted finding's line brings it back, and a finding added since is shown.
#[test]
fn the_projects_baseline_hides_what_it_accepts() {
    let (s, uri, draft) = project("lsp-baseline");
    s.write("tm.toml", "[check]\nbaseline = \"приёмка.json\"\n".as_bytes());
    let written = s.output(&["check", ".", "--update-baseline"]);
    assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
    let accepted = std::fs::read_to_string(s.dir.join("приёмка.json")).unwrap();
    assert!(accepted.contains("\"конференция.en.txt\"") && accepted.contains("TM101"), "{accepted}");
    let (mut client, globs) = start_watched(&s.dir);
    assert!(globs.to_string().contains("**/приёмка.json"), "{globs}");
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": draft } }),
    );
    assert_eq!(client.diagnostics(&uri), Vec::<Value>::new(), "the baseline accepts every finding");

    // Lion's line edited (one word changed before it): Lion is new again, the figure is not.
    let edited = draft.replacen("in Lion.", "in beautiful Lion.", 1);
    assert_ne!(edited, draft);
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": edited }] }),
    );
    let diagnostics = client.diagnostics(&uri);
    assert!(find(&diagnostics, "TM101").is_some(), "{diagnostics:#?}");
    assert!(find(&diagnostics, "TM201").is_none(), "{diagnostics:#?}");

    // The baseline removed on disk: every finding is back once the watched change comes.
    std::fs::remove_file(s.dir.join("приёмка.json")).unwrap();
    s.write("tm.toml", b"");
    let toml = format!("file://{}", s.dir.join("tm.toml").display());
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": toml, "type": 2 }] }));
    let diagnostics = client.diagnostics(&uri);
    assert!(find(&diagnostics, "TM201").is_some(), "{diagnostics:#?}");
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert!(client.child.wait().unwrap().success());
}
