use super::Sources;
use crate::check::Finding;
use crate::text::ColumnUnit;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// JUnit XML for CI dashboards: one test suite per file, one failing test case per finding.
#[must_use]
pub fn junit(findings: &[Finding], sources: &Sources) -> String {
    let mut files: Vec<&str> = findings.iter().map(|f| f.path.as_str()).collect();
    files.dedup();
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"tm check\" tests=\"{0}\" failures=\"{0}\">\n",
        findings.len()
    );
    for file in files {
        let in_file: Vec<&Finding> = findings.iter().filter(|f| f.path == file).collect();
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{1}\" failures=\"{1}\">\n",
            escape(file),
            in_file.len()
        ));
        for finding in in_file {
            let (start, _) = sources.range(finding, ColumnUnit::Char);
            out.push_str(&format!(
                "    <testcase classname=\"{}\" name=\"{} {} at {}:{}\" file=\"{}\" line=\"{}\">\n      <failure type=\"{}\" message=\"{}\">{}:{}:{}: {} [{}] {}</failure>\n    </testcase>\n",
                escape(file),
                finding.code,
                finding.rule,
                start.line,
                start.column,
                escape(file),
                start.line,
                finding.code,
                escape(&finding.message),
                escape(file),
                start.line,
                start.column,
                finding.code,
                finding.severity.as_str(),
                escape(&finding.message)
            ));
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
