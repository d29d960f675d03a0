//! Suppression comments: a finding accepted on purpose, with the reason written beside it.
//!
//! ```text
//! <!-- tm: ignore[TM101] the restaurant is called "Lion" -->
//! <!-- tm: ignore-file[term-not-preferred, TM104] quoted from the 2019 release -->
//! // tm: ignore[TM201] the source rounds the figure
//! <!-- tm: off[TM101, TM104] a quoted passage -->  …  <!-- tm: on -->
//! ```
//!
//! The HTML comment works in Markdown and in plain text; plain text also takes a whole line
//! starting with `// tm:`. `ignore` at the end of a line of text covers that line (as `noqa`
//! does); on a line of its own it covers the next sentence (the first that starts after the
//! comment) and the whole line it starts on; `ignore-file` covers the file; `off` covers
//! everything from the comment to the next `on` (or the end of the file), as Vale's ranges do.
//! Rules are named by code or name, in brackets: a comment that names none is an error, not a
//! silence of every rule. `on` takes no rules and closes every open `off`.

use std::ops::Range;

use super::rules::{self, Rule};
use super::{Finding, Fix};
use tm_align::Segment;
use tm_text::Span;

/// What a suppression comment covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `ignore`: its own line after text, else the next sentence.
    Next,
    /// `ignore-file`.
    File,
    /// `off`, up to the next `on` (the span after the comment), or the end of the file.
    Range(Span),
}

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// The whole comment.
    pub span: Span,
    pub scope: Scope,
    /// The rules named, as written (empty: every rule).
    pub rules: Vec<String>,
    pub reason: Option<String>,
}

/// The comments of a file: suppressions, and those that look like one but cannot be read.
#[derive(Debug, Default)]
pub struct Directives {
    pub directives: Vec<Directive>,
    /// `(span, what is wrong)`.
    pub malformed: Vec<(Span, String)>,
    /// The spans of every `tm:` comment, which the checks must not read.
    pub comment_spans: Vec<Span>,
}

/// Reads `tm:` comments in `comments` (byte ranges of HTML comments in Markdown) or, for plain
/// text (`comments` = `None`), anywhere in `text`.
#[must_use]
pub fn directives(text: &str, comments: Option<&[Range<usize>]>) -> Directives {
    let mut out = Directives::default();
    let mut candidates: Vec<(Span, &str)> = Vec::new();
    match comments {
        Some(ranges) => {
            for range in ranges {
                if let Some(body) = text.get(range.clone()).and_then(html_body) {
                    candidates.push((Span::new(range.start, range.end), body));
                }
            }
        }
        None => {
            let mut at = 0;
            while let Some(open) = text[at..].find("<!--") {
                let start = at + open;
                let Some(close) = text[start..].find("-->") else { break };
                let end = start + close + 3;
                if let Some(body) = html_body(&text[start..end]) {
                    candidates.push((Span::new(start, end), body));
                }
                at = end;
            }
            let mut offset = 0;
            for line in text.split_inclusive('\n') {
                let content = line.trim_end_matches(['\n', '\r']);
                let indent = content.len() - content.trim_start().len();
                if let Some(body) = content.trim_start().strip_prefix("//")
                    && body.trim_start().starts_with("tm:")
                {
                    candidates.push((Span::new(offset + indent, offset + content.len()), body.trim()));
                }
                offset += line.len();
            }
            candidates.sort_by_key(|(span, _)| span.start);
        }
    }
    // `off` directives not yet closed by an `on`: indexes into `out.directives`.
    let mut open: Vec<usize> = Vec::new();
    for (span, body) in candidates {
        let Some(command) = body.strip_prefix("tm:") else { continue };
        out.comment_spans.push(span);
        match parse(command.trim()) {
            Ok(Parsed::On) => {
                if open.is_empty() {
                    out.malformed.push((span, "`on` without an `off` before it".to_owned()));
                }
                for index in open.drain(..) {
                    let directive = &mut out.directives[index];
                    directive.scope = Scope::Range(Span::new(directive.span.end, span.start));
                }
            }
            Ok(Parsed::Suppress(scope, rules, reason)) => {
                if matches!(scope, Scope::Range(_)) {
                    open.push(out.directives.len());
                }
                out.directives.push(Directive { span, scope, rules, reason });
            }
            Err(message) => out.malformed.push((span, message)),
        }
    }
    // An `off` never closed runs to the end of the file.
    for index in open {
        let directive = &mut out.directives[index];
        directive.scope = Scope::Range(Span::new(directive.span.end, text.len()));
    }
    out
}

fn html_body(comment: &str) -> Option<&str> {
    let body = comment.strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    body.starts_with("tm:").then_some(body)
}

enum Parsed {
    Suppress(Scope, Vec<String>, Option<String>),
    On,
}

fn parse(command: &str) -> Result<Parsed, String> {
    let (scope, name, rest) = if let Some(rest) = command.strip_prefix("ignore-file") {
        (Scope::File, "ignore-file", rest)
    } else if let Some(rest) = command.strip_prefix("ignore") {
        (Scope::Next, "ignore", rest)
    } else if let Some(rest) = command.strip_prefix("off") {
        // The range is set when the matching `on` (or the end of the file) is reached.
        (Scope::Range(Span::new(0, 0)), "off", rest)
    } else if let Some(rest) = command.strip_prefix("on")
        && (rest.is_empty() || rest.starts_with(char::is_whitespace) || rest.starts_with('['))
    {
        return if rest.trim_start().starts_with('[') {
            Err("`on` takes no rules: it ends every `off` before it".to_owned())
        } else {
            Ok(Parsed::On)
        };
    } else {
        let word = command.split_whitespace().next().unwrap_or_default();
        return Err(format!(
            "unknown directive `{word}` (tm knows `ignore[CODE] reason`, `ignore-file[CODE] reason`, `off[CODE] reason` and `on`)"
        ));
    };
    let (rules, reason) = if let Some(inner) = rest.strip_prefix('[') {
        let close = inner.find(']').ok_or("`[` without `]`")?;
        let rules: Vec<String> =
            inner[..close].split([',', ' ']).filter(|r| !r.is_empty()).map(str::to_owned).collect();
        if rules.is_empty() {
            return Err("`[]` names no rule (leave the brackets out to suppress every rule)".to_owned());
        }
        for rule in &rules {
            if rules::find(rule).is_none() {
                return Err(format!("no rule `{rule}` (see `tm rule --all`)"));
            }
        }
        (rules, &inner[close + 1..])
    } else if rest.is_empty() || rest.starts_with(char::is_whitespace) {
        // `ignore TM101` reads as naming a rule but would silence every rule.
        return Err(format!(
            "name the rules in brackets: `{name}[CODE] reason` (a suppression of every rule is not accepted)"
        ));
    } else {
        return Err(format!("expected `[` or a space after `{name}`"));
    };
    let reason = reason.trim();
    Ok(Parsed::Suppress(scope, rules, (!reason.is_empty()).then(|| reason.to_owned())))
}

/// What a directive covers.
fn covers(directive: &Directive, target: Option<Span>, finding: &Finding, file: &Commented<'_>) -> bool {
    let rule_named = directive.rules.is_empty()
        || directive.rules.iter().any(|r| rules::find(r).is_some_and(|rule| rule.code == finding.code));
    let here = finding.path == file.path;
    rule_named
        && if directive.scope == Scope::File {
            here || file.covers_pair
        } else {
            here && target.is_some_and(|t| finding.span.start >= t.start && finding.span.start < t.end)
        }
}

/// A checked file with its suppression comments.
pub(crate) struct Commented<'a> {
    pub path: &'a str,
    /// The file as written, and as the checks saw it (comments blanked out).
    pub original: &'a str,
    pub view: &'a str,
    pub sentences: &'a [Segment],
    pub directives: &'a Directives,
    /// Whether `ignore-file` also covers the findings in the other file of the pair: true for
    /// the draft (a source sentence left untranslated is the draft's finding), false for the
    /// source.
    pub covers_pair: bool,
}

/// The span an `ignore` comment covers: after text on its line, that line (as `noqa` does);
/// alone, the first sentence starting after it, and the whole line that sentence
/// starts on.
fn target(directive: &Directive, text: &str, sentences: &[Segment]) -> Option<Span> {
    match directive.scope {
        Scope::File => return None,
        Scope::Range(range) => return Some(range),
        Scope::Next => {}
    }
    let own_line_start = text[..directive.span.start].rfind('\n').map_or(0, |i| i + 1);
    if !text[own_line_start..directive.span.start].trim().is_empty() {
        let own_line_end = text[directive.span.end..].find('\n').map_or(text.len(), |i| directive.span.end + i);
        return Some(Span::new(own_line_start, own_line_end));
    }
    let sentence =
        sentences.iter().find(|s| s.start >= directive.span.end && !text[s.start..s.end].trim().is_empty())?;
    let line_start = text[..sentence.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[sentence.start..].find('\n').map_or(text.len(), |i| sentence.start + i);
    Some(Span::new(line_start.min(sentence.start), line_end.max(sentence.end)))
}

/// Removes the findings the directives cover; adds findings for directives that cover nothing,
/// lack a reason (with `require_reason`), or cannot be read.
pub(crate) fn apply(findings: Vec<Finding>, file: &Commented<'_>, require_reason: bool) -> Vec<Finding> {
    let (found, draft_path, original, text, sentences) =
        (file.directives, file.path, file.original, file.view, file.sentences);
    let targets: Vec<Option<Span>> = found.directives.iter().map(|d| target(d, text, sentences)).collect();
    let mut used = vec![false; found.directives.len()];
    let mut kept = Vec::with_capacity(findings.len());
    for finding in findings {
        let mut suppressed = false;
        for (index, directive) in found.directives.iter().enumerate() {
            if covers(directive, targets[index], &finding, file) {
                used[index] = true;
                suppressed = true;
            }
        }
        if !suppressed {
            kept.push(finding);
        }
    }
    let finding = |rule: &'static Rule, span: Span, message: String| Finding {
        code: rule.code,
        rule: rule.name,
        severity: rule.severity,
        path: draft_path.to_owned(),
        span,
        found: original[span.start..span.end].to_owned(),
        suggestion: None,
        term: None,
        message,
        note: None,
        fix: None,
    };
    for (index, directive) in found.directives.iter().enumerate() {
        let written = || {
            let name = match directive.scope {
                Scope::Next => "ignore",
                Scope::File => "ignore-file",
                Scope::Range(_) => "off",
            };
            if directive.rules.is_empty() { name.to_owned() } else { format!("{name}[{}]", directive.rules.join(", ")) }
        };
        if !used[index] {
            let mut unused = finding(
                &rules::unused_suppression::RULE,
                directive.span,
                match (directive.scope, targets[index]) {
                    (Scope::Next, None) => format!("`{}` has no sentence after it to suppress", written()),
                    _ => format!("`{}` suppresses nothing", written()),
                },
            );
            unused.fix = Some(Fix { span: directive.span, replacement: String::new() });
            kept.push(unused);
        }
        if require_reason && directive.reason.is_none() {
            kept.push(finding(
                &rules::suppression_without_reason::RULE,
                directive.span,
                format!("`{}` gives no reason; say why the finding is accepted", written()),
            ));
        }
    }
    for (span, message) in &found.malformed {
        kept.push(finding(&rules::invalid_suppression::RULE, *span, format!("unreadable suppression: {message}")));
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_comment_syntaxes_are_read() {
        let text = "<!-- tm: ignore[TM101, term-case] the restaurant -->\nLion.\n  // tm: ignore-file[TM104] house style\n// not a directive\n";
        let found = directives(text, None);
        assert_eq!(found.directives.len(), 2);
        assert_eq!(found.directives[0].rules, ["TM101", "term-case"]);
        assert_eq!(found.directives[0].reason.as_deref(), Some("the restaurant"));
        assert_eq!(found.directives[0].scope, Scope::Next);
        assert!(found.directives[1].scope == Scope::File && found.directives[1].rules == ["TM104"]);
        assert_eq!(found.directives[1].reason.as_deref(), Some("house style"));
        assert_eq!(
            &text[found.directives[1].span.start..found.directives[1].span.end],
            "// tm: ignore-file[TM104] house style"
        );
    }

    #[test]
    fn malformed_directives_say_why() {
        let found = directives(
            "<!-- tm: ignore[TM999] x -->\n<!-- tm: ignroe -->\n<!-- tm: ignore[TM101 -->\n<!-- tm: ignoreTM101 -->\n<!-- tm: ignore TM101 -->\n",
            None,
        );
        let messages: Vec<&str> = found.malformed.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "no rule `TM999` (see `tm rule --all`)",
                "unknown directive `ignroe` (tm knows `ignore[CODE] reason`, `ignore-file[CODE] reason`, `off[CODE] reason` and `on`)",
                "`[` without `]`",
                "expected `[` or a space after `ignore`",
                "name the rules in brackets: `ignore[CODE] reason` (a suppression of every rule is not accepted)",
            ]
        );
        assert!(found.directives.is_empty());
    }

    #[test]
    fn off_runs_to_the_next_on_or_the_end_of_the_file() {
        let text = "Lion. <!-- tm: off[TM101] quoted -->\nLion.\n\nLion.\n<!-- tm: on -->\nLion.\n<!-- tm: off[TM104] rest -->\nLion.\n";
        let found = directives(text, None);
        assert!(found.malformed.is_empty(), "{:?}", found.malformed);
        assert_eq!(found.directives.len(), 2);
        let first = target(&found.directives[0], text, &[]).unwrap();
        assert_eq!(&text[first.start..first.end], "\nLion.\n\nLion.\n");
        let second = target(&found.directives[1], text, &[]).unwrap();
        assert_eq!(&text[second.start..second.end], "\nLion.\n");
        let found = directives("<!-- tm: on -->\n<!-- tm: off -->\n<!-- tm: on[TM101] -->\n<!-- tm: once -->\n", None);
        let messages: Vec<&str> = found.malformed.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`on` without an `off` before it",
                "name the rules in brackets: `off[CODE] reason` (a suppression of every rule is not accepted)",
                "`on` takes no rules: it ends every `off` before it",
                "unknown directive `once` (tm knows `ignore[CODE] reason`, `ignore-file[CODE] reason`, `off[CODE] reason` and `on`)",
            ]
        );
    }

    #[test]
    fn the_target_is_the_next_sentence_and_its_line() {
        use tm_text::segment::{Lang, Segmenter};
        let text = "Первое. <!-- tm: ignore[TM101] --> Lion one. Lion two.\nLion three.\n";
        let found = directives(text, None);
        // The checks segment the text with the comments blanked out.
        let masked = text.replace("<!-- tm: ignore[TM101] -->", &" ".repeat(26));
        let english = Segmenter::new(Lang::En, &tm_text::segment::SegmentOptions::default()).unwrap();
        let sentences = tm_align::segments(&masked, Some(&english));
        let span = target(&found.directives[0], &masked, &sentences).unwrap();
        assert_eq!(&text[span.start..span.end], "Первое. <!-- tm: ignore[TM101] --> Lion one. Lion two.");
        let own_line = "<!-- tm: ignore[TM101] -->\n\nLion one. Lion\ntwo.\n";
        let found = directives(own_line, None);
        let masked = own_line.replace("<!-- tm: ignore[TM101] -->", &" ".repeat(26));
        let sentences = tm_align::segments(&masked, Some(&english));
        let span = target(&found.directives[0], &masked, &sentences).unwrap();
        assert_eq!(&own_line[span.start..span.end], "Lion one. Lion");
        // At the end of a line of text: that line, not the next sentence.
        let end_of_line = "Lion one. <!-- tm: ignore[TM101] a restaurant -->\nLion two.\n";
        let found = directives(end_of_line, None);
        let masked = end_of_line.replace("<!-- tm: ignore[TM101] a restaurant -->", &" ".repeat(39));
        let sentences = tm_align::segments(&masked, Some(&english));
        let span = target(&found.directives[0], &masked, &sentences).unwrap();
        assert_eq!(&end_of_line[span.start..span.end], "Lion one. <!-- tm: ignore[TM101] a restaurant -->");
    }
}
