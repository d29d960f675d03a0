//! `tm serve` over HTTP: the JSON API, the tmserver endpoints exactly as Weblate calls them,
//! bad input, the limits and the read-only default — against the real binary on a free port.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test that cannot set up should panic

mod common;
#[path = "support/weblate.rs"]
mod weblate;

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use common::Scratch;
use serde_json::{Value, json};
use weblate::quote;

/// A running `tm serve`, stopped when dropped; its request log is collected.
struct Served {
    child: Child,
    base: String,
    log: Arc<Mutex<Vec<String>>>,
    agent: ureq::Agent,
}

impl Served {
    fn start(dir: &Path, extra: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tm"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(extra)
            .current_dir(dir)
            .env_remove("TM_MEMORY")
            .env_remove("TM_TOKEN")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let base = loop {
            let line = lines.next().expect("tm serve stopped before it listened").unwrap();
            if let Some(rest) = line.strip_prefix("tm: serving ") {
                break rest.split('/').take(3).collect::<Vec<_>>().join("/");
            }
        };
        let log = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        Self { child, base, log, agent }
    }

    fn get(&self, path: &str) -> (u16, Value) {
        let mut response = self.agent.get(&format!("{}{path}", self.base)).call().unwrap();
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().unwrap();
        (status, serde_json::from_str(&body).unwrap_or(Value::String(body)))
    }

    fn post(&self, path: &str, body: &[u8], token: Option<&str>) -> (u16, Value) {
        let mut request = self.agent.post(&format!("{}{path}", self.base)).header("Content-Type", "application/json");
        if let Some(token) = token {
            request = request.header("Authorization", &format!("Bearer {token}"));
        }
        let mut response = request.send(body).unwrap();
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().unwrap();
        (status, serde_json::from_str(&body).unwrap_or(Value::String(body)))
    }

    fn check(&self, source: &str, draft: &str) -> Value {
        let (status, answer) =
            self.post("/api/check", json!({ "source": source, "draft": draft }).to_string().as_bytes(), None);
        assert_eq!(status, 200, "{answer}");
        answer
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A POST written by hand: headers, then as much of the body as the server takes; the answer
/// as text.
fn raw_post(base: &str, path: &str, body: &[u8]) -> String {
    use std::io::Write;
    let address = base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    let _ = stream.write_all(body);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

/// The shipped example project: house glossary, the example pair, the example memory.
fn example_project(name: &str, with_memory: bool) -> Scratch {
    let scratch = Scratch::with_house_glossary(name);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(scratch.dir.join("examples")).unwrap();
    for file in ["ncb-conference.ru.txt", "ncb-conference.en.txt", "press-memory.tmx"] {
        std::fs::copy(root.join("examples").join(file), scratch.dir.join("examples").join(file)).unwrap();
    }
    if with_memory {
        let status = Command::new(env!("CARGO_BIN_EXE_tm"))
            .args(["import", "examples/press-memory.tmx"])
            .current_dir(&scratch.dir)
            .env_remove("TM_MEMORY")
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    }
    scratch
}

/// A lookup exactly as Weblate's tmserver machinery builds it: language codes mapped to lower
/// case with `_`, the text cut to 500 characters, `\r` replaced, each part quoted.
fn weblate_url(source: &str, target: &str, text: &str) -> String {
    let code = |c: &str| c.replace('-', "_").to_lowercase();
    let text: String = text.chars().take(500).collect::<String>().replace('\r', " ");
    format!("/tmserver/{}/{}/unit/{}", quote(&code(source)), quote(&code(target)), quote(&text))
}

#[test]
fn the_tmserver_endpoints_answer_weblate_as_it_asks() {
    let project = example_project("serve-tmserver", true);
    let served = Served::start(&project.dir, &[]);
    let (status, languages) = served.get("/tmserver/languages/");
    assert_eq!(status, 200);
    assert_eq!(languages, json!({ "sourceLanguages": ["ru"], "targetLanguages": ["en"] }));

    // Next year's sentence: the memory has last year's, with other numbers.
    let query = "В 2026 году по каналам Интерпола установлено местонахождение 298 разыскиваемых лиц.";
    let (status, found) = served.get(&weblate_url("ru", "en-GB", query));
    assert_eq!(status, 200, "{found}");
    let first = &found[0];
    assert_eq!(first["quality"], 95, "{found}");
    assert_eq!(first["rank"], 95, "higher is better, as amaGama's rank");
    assert!(first["source"].as_str().unwrap().contains("312 разыскиваемых"), "{found}");
    assert!(first["target"].as_str().unwrap().contains("312 wanted persons"), "{found}");
    assert_eq!(first.as_object().unwrap().len(), 4, "source, target, quality, rank: {first}");

    // A slash in the text is one segment for the client (%2F), and for the server.
    let (status, _) = served.get(&weblate_url("ru", "en", "Интерпол/Лион"));
    assert_eq!(status, 200);
    // Thresholds and counts as the query asks.
    let (_, none) = served.get(&format!("{}?min_similarity=100", weblate_url("ru", "en", query)));
    assert_eq!(none, json!([]));
    let (_, one) = served.get(&format!("{}?min_similarity=50&max_candidates=1", weblate_url("ru", "en", query)));
    assert_eq!(one.as_array().unwrap().len(), 1);
    // amaGama's other form, the text as `?source=`; a threshold that is not a number is ignored.
    let (status, by_query) = served.get(&format!("/tmserver/ru/en/unit/?source={}&min_similarity=abc", quote(query)));
    assert_eq!(status, 200, "{by_query}");
    assert_eq!(by_query, found);
    // A pair the memory does not have, and a text that is only numbers: nothing, not an error.
    assert_eq!(served.get(&weblate_url("de", "fr", query)), (200, json!([])));
    assert_eq!(served.get(&weblate_url("ru", "en", "2026 298")).0, 200);
    // Not a language code, and a path that is not UTF-8 once decoded: JSON errors.
    let (status, error) = served.get(&format!("/tmserver/{}/en/unit/x", quote("ru!")));
    assert_eq!(status, 400);
    assert!(error["error"].as_str().unwrap().contains("not a language code"), "{error}");
    let (status, error) = served.get("/tmserver/ru/en/unit/%FF%FE");
    assert_eq!(status, 400, "{error}");
    assert!(error["error"].is_string());

    // One log line per request, without the text looked up.
    std::thread::sleep(std::time::Duration::from_millis(100));
    let log = served.log.lock().unwrap().join("\n");
    assert!(log.contains("GET /tmserver/ru/en_gb/unit/… 200"), "{log}");
    assert!(!log.contains("%D0") && !log.contains("Интерпол"), "{log}");
}

#[test]
fn a_pair_is_checked_through_the_api_and_its_fix_applies() {
    let project = example_project("serve-check", true);
    let served = Served::start(&project.dir, &[]);
    let source = std::fs::read_to_string(project.dir.join("examples/ncb-conference.ru.txt")).unwrap();
    let draft = std::fs::read_to_string(project.dir.join("examples/ncb-conference.en.txt")).unwrap();
    let answer = served.check(&source, &draft);
    let findings = answer["findings"].as_array().unwrap();
    let lion = findings.iter().find(|f| f["code"] == "TM101").expect("the Lion finding");
    assert_eq!(lion["found"], "Lion");
    assert_eq!(lion["side"], "draft");
    assert_eq!(lion["path"], "draft");
    assert_eq!(lion["line"], 13, "{lion}");
    // UTF-16 offsets, as the page's strings count.
    let draft16: Vec<u16> = draft.encode_utf16().collect();
    let (start, end) = (lion["fix"]["start"].as_u64().unwrap() as usize, lion["fix"]["end"].as_u64().unwrap() as usize);
    assert_eq!(String::from_utf16(&draft16[start..end]).unwrap(), "Lion");
    assert_eq!(lion["fix"]["replacement"], "Lyon");
    assert!(findings.iter().any(|f| f["code"] == "TM201" && f["found"] == "125"), "{answer}");
    // The alignment: every sentence of both texts in order, the first pair one-to-one.
    assert_eq!(answer["alignment"][0], json!({ "source": [0], "draft": [0], "confidence": 1.0 }));
    let sentences = |side: &str| answer[side].as_array().unwrap().len();
    let aligned = |side: &str| {
        answer["alignment"].as_array().unwrap().iter().map(|b| b[side].as_array().unwrap().len()).sum::<usize>()
    };
    assert_eq!(aligned("source"), sentences("source_sentences"));
    assert_eq!(aligned("draft"), sentences("draft_sentences"));

    // Glossary terms on both sides, each naming its concept, which the glossary gives by id.
    let terms = answer["terms"].as_array().unwrap();
    let lyon = terms.iter().find(|t| t["side"] == "source" && t["term"] == "Лион").expect("Лион in the source");
    let source16: Vec<u16> = source.encode_utf16().collect();
    let (s, e) = (lyon["start"].as_u64().unwrap() as usize, lyon["end"].as_u64().unwrap() as usize);
    assert!(String::from_utf16(&source16[s..e]).unwrap().starts_with("Лион"), "{lyon}");
    let (_, by_id) = served.get(&format!("/api/glossary?id={}", quote(lyon["concept"].as_str().unwrap())));
    assert_eq!(by_id.as_array().unwrap().len(), 1, "{by_id}");
    assert!(
        by_id[0]["terms"].as_array().unwrap().iter().any(|t| t["text"] == "Lyon" && t["status"] == "preferred"),
        "{by_id}"
    );

    // The page applies the fix the way the API describes it; the finding goes.
    let fixed = format!(
        "{}Lyon{}",
        String::from_utf16(&draft16[..start]).unwrap(),
        String::from_utf16(&draft16[end..]).unwrap()
    );
    let again = served.check(&source, &fixed);
    assert!(!again["findings"].as_array().unwrap().iter().any(|f| f["code"] == "TM101"), "{again}");

    // The memory's matches for a sentence, with what changed.
    let (status, matches) = served.get(&format!(
        "/api/search?q={}",
        quote("В 2026 году по каналам Интерпола установлено местонахождение 298 разыскиваемых лиц.")
    ));
    assert_eq!(status, 200);
    assert_eq!(matches[0]["band"], "95-99");
    assert!(
        matches[0]["changes"].as_array().unwrap().iter().any(|c| c["kind"] == "number" && c["to"] == "298"),
        "{matches}"
    );
    // The glossary entry of the term and the rule's documentation.
    let (_, concepts) = served.get(&format!("/api/glossary?q={}", quote("Лион")));
    assert!(
        concepts.as_array().unwrap().iter().any(|c| c["terms"].as_array().unwrap().iter().any(|t| t["text"] == "Lyon")),
        "{concepts}"
    );
    let (_, rule) = served.get("/api/rule/TM101");
    assert_eq!(rule["name"], "term-forbidden");
    let (status, _) = served.get("/api/rule/TM999");
    assert_eq!(status, 404);
    let (_, hits) = served.get(&format!("/api/concordance?q={}", quote("Интерпола")));
    assert!(!hits.as_array().unwrap().is_empty());
}

#[test]
fn bad_input_gets_a_json_error_with_its_status() {
    let project = example_project("serve-bad", false);
    let served = Served::start(&project.dir, &[]);
    let (status, error) = served.post("/api/check", br#"{"source": "", "draft": "  "}"#, None);
    assert_eq!(status, 400);
    assert_eq!(error["error"], "the draft is empty");
    // 10 MB: refused from its Content-Length, before it is read (the server may close the
    // connection while the body is still being sent, so this speaks HTTP by hand).
    let big = format!(r#"{{"draft": "{}"}}"#, "Lyon ".repeat(2_000_000));
    let answer = raw_post(&served.base, "/api/check", big.as_bytes());
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains(r#""status":413"#), "{answer}");
    // Not UTF-8, not JSON, the wrong shape.
    let (status, error) = served.post("/api/check", b"{\"draft\": \"\xff\xfe\"}", None);
    assert_eq!(status, 400, "{error}");
    let (status, _) = served.post("/api/check", b"draft=Lion", None);
    assert_eq!(status, 400);
    let (status, _) = served.post("/api/check", br#"{"text": "Lion"}"#, None);
    assert_eq!(status, 422);
    // A draft that is only numbers is checked (and has nothing to say without a source).
    let answer = served.check("", "2026 298 14:00");
    assert!(answer["findings"].as_array().unwrap().is_empty(), "{answer}");
    // No memory yet: lookups are empty, not errors.
    assert_eq!(served.get(&format!("/api/search?q={}", quote("Лион"))), (200, json!([])));
    assert_eq!(served.get("/api/stats").1["units"], 0);
    let (status, error) = served.get(&format!("/api/search?q=x&src={}", quote("русский")));
    assert_eq!(status, 400, "{error}");
    let (status, error) = served.get("/api/nothing");
    assert_eq!((status, error["status"].clone()), (404, json!(404)));
}

#[test]
fn only_the_projects_pairs_are_read_and_the_page_is_served_with_its_policy() {
    let project = example_project("serve-files", false);
    let served = Served::start(&project.dir, &[]);
    let (_, pairs) = served.get("/api/pairs");
    assert!(
        pairs
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["draft"] == "examples/ncb-conference.en.txt" && p["source"] == "examples/ncb-conference.ru.txt"),
        "{pairs}"
    );
    let (status, pair) = served.get(&format!("/api/pair?draft={}", quote("examples/ncb-conference.en.txt")));
    assert_eq!(status, 200);
    assert!(pair["source"].as_str().unwrap().contains("Лион"));
    for outside in ["../../../../etc/passwd", "/etc/passwd", "glossaries/house.tsv", "examples/ncb-conference.ru.txt"] {
        let (status, error) = served.get(&format!("/api/pair?draft={}", quote(outside)));
        assert_eq!(status, 404, "{outside}: {error}");
    }
    let mut response = served.agent.get(&format!("{}/", served.base)).call().unwrap();
    let policy = response.headers().get("content-security-policy").unwrap().to_str().unwrap().to_owned();
    assert!(policy.contains("default-src 'self'"), "{policy}");
    let mut page = String::new();
    response.body_mut().as_reader().read_to_string(&mut page).unwrap();
    assert!(page.contains("<script src=\"/app.js\"") && page.contains("Russian source"));
    let mut script = served.agent.get(&format!("{}/app.js", served.base)).call().unwrap();
    assert!(script.body_mut().read_to_string().unwrap().contains("/api/check"));
}

#[test]
fn imports_need_allow_import_and_the_token() {
    let project = example_project("serve-import", false);
    let body = json!({ "pairs": [{ "source": "Генеральный секретариат Интерпола находится в Лионе.", "target": "The Interpol General Secretariat is in Lyon." }], "origin": "релиз-1" });
    {
        let served = Served::start(&project.dir, &[]);
        let (status, error) = served.post("/api/import", body.to_string().as_bytes(), None);
        assert_eq!(status, 403, "{error}");
    }
    let served = Served::start(&project.dir, &["--allow-import", "--token", "s3cret-Token_1"]);
    let (status, _) = served.post("/api/import", body.to_string().as_bytes(), None);
    assert_eq!(status, 401);
    let (status, _) = served.post("/api/import", body.to_string().as_bytes(), Some("wrong"));
    assert_eq!(status, 401);
    let (status, counts) = served.post("/api/import", body.to_string().as_bytes(), Some("s3cret-Token_1"));
    assert_eq!(status, 200, "{counts}");
    assert_eq!(counts["added"], 1);
    // The workers see the new memory at once.
    let (_, found) =
        served.get(&format!("/api/search?q={}", quote("Генеральный секретариат Интерпола находится в Лионе.")));
    assert_eq!(found[0]["score"], 100, "{found}");
    assert_eq!(found[0]["target"], "The Interpol General Secretariat is in Lyon.");
}

#[test]
fn imports_beyond_loopback_without_a_token_are_refused_at_start() {
    let project = example_project("serve-refuse", false);
    let output = Command::new(env!("CARGO_BIN_EXE_tm"))
        .args(["serve", "--listen", "0.0.0.0:0", "--allow-import"])
        .current_dir(&project.dir)
        .env_remove("TM_TOKEN")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("needs a token"), "{stderr}");
}

#[path = "support/backends.rs"]
mod backends;

#[test]
fn two_servers_over_one_postgres_memory_both_see_a_batch_when_it_commits() {
    let project = example_project("serve-postgres", false);
    let url = backends::fresh_database("serve");
    let import = |file: &str| {
        let status = Command::new(env!("CARGO_BIN_EXE_tm"))
            .args(["import", "--memory", &url, file])
            .current_dir(&project.dir)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    };
    // A memory with a unit of another release, so that both servers load its sketches first.
    std::fs::write(
        project.dir.join("other.tsv"),
        "ru\ten\nВ Лионе прошло совещание руководителей НЦБ.\tA meeting of NCB heads was held in Lyon.\n",
    )
    .unwrap();
    import("other.tsv");
    let first = Served::start(&project.dir, &["--memory", &url]);
    let second = Served::start(&project.dir, &["--memory", &url]);
    let query = "В 2026 году по каналам Интерпола установлено местонахождение 298 разыскиваемых лиц.";
    for served in [&first, &second] {
        assert_eq!(served.get(&weblate_url("ru", "en", query)), (200, json!([])));
    }
    import("examples/press-memory.tmx");
    for served in [&first, &second] {
        let (status, found) = served.get(&weblate_url("ru", "en", query));
        assert_eq!(status, 200, "{found}");
        assert_eq!(found[0]["quality"], 95, "the new batch at the next lookup: {found}");
    }
}
