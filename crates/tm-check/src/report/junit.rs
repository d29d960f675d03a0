use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::Sources;
use crate::{Finding, Severity};
use tm_text::{ColumnUnit, escape_controls};

/// JUnit XML for CI dashboards: one test suite per file, one test case per finding; errors and
/// warnings fail, info findings are listed without failing. Written with an XML writer, and
/// control characters (which XML 1.0 cannot hold, even escaped) shown as escapes, so the
/// report stays well-formed whatever a message or file name holds.
#[must_use]
pub fn junit(findings: &[Finding], sources: &Sources) -> String {
    let mut files: Vec<&str> = findings.iter().map(|f| f.path.as_str()).collect();
    files.dedup();
    let failing = |list: &[&Finding]| list.iter().filter(|f| f.severity > Severity::Info).count().to_string();
    let all: Vec<&Finding> = findings.iter().collect();
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing into a Vec cannot fail.
    let _ = writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let total = findings.len().to_string();
    let failures = failing(&all);
    let suites = BytesStart::new("testsuites").with_attributes([
        ("name", "tm check"),
        ("tests", total.as_str()),
        ("failures", failures.as_str()),
    ]);
    let _ = writer.write_event(Event::Start(suites));
    for file in files {
        let in_file: Vec<&Finding> = findings.iter().filter(|f| f.path == file).collect();
        let name = escape_controls(file);
        let (tests, failures) = (in_file.len().to_string(), failing(&in_file));
        let suite = BytesStart::new("testsuite").with_attributes([
            ("name", name.as_ref()),
            ("tests", tests.as_str()),
            ("failures", failures.as_str()),
        ]);
        let _ = writer.write_event(Event::Start(suite));
        for finding in in_file {
            let (start, _) = sources.range(finding, ColumnUnit::Char);
            let message = escape_controls(&finding.message);
            let case_name = format!("{} {} at {}:{}", finding.code, finding.rule, start.line, start.column);
            let line = start.line.to_string();
            let case = BytesStart::new("testcase").with_attributes([
                ("classname", name.as_ref()),
                ("name", case_name.as_str()),
                ("file", name.as_ref()),
                ("line", line.as_str()),
            ]);
            let _ = writer.write_event(Event::Start(case));
            let body = format!(
                "{name}:{}:{}: {} [{}] {message}",
                start.line,
                start.column,
                finding.code,
                finding.severity.as_str()
            );
            let element = if finding.severity > Severity::Info { "failure" } else { "system-out" };
            let mut open = BytesStart::new(element);
            if element == "failure" {
                open.push_attribute(("type", finding.code));
                open.push_attribute(("message", message.as_ref()));
            }
            let _ = writer.write_event(Event::Start(open));
            let _ = writer.write_event(Event::Text(BytesText::new(&body)));
            let _ = writer.write_event(Event::End(BytesEnd::new(element)));
            let _ = writer.write_event(Event::End(BytesEnd::new("testcase")));
        }
        let _ = writer.write_event(Event::End(BytesEnd::new("testsuite")));
    }
    let _ = writer.write_event(Event::End(BytesEnd::new("testsuites")));
    let mut out = String::from_utf8(writer.into_inner()).unwrap_or_default();
    out.push('\n');
    out
}
