//! Answers to the editor's requests, from a draft's last check: code actions (a finding's fix,
//! every fix in the file, a suppression comment) and hover (a term's glossary entry; a
//! sentence's Russian counterpart and the memory's best matches for it).

use std::collections::HashMap;
use std::fmt::Write as _;

use lsp_server::Request;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Hover, HoverContents, HoverParams,
    MarkupContent, MarkupKind, TextEdit, WorkspaceEdit,
};
use serde_json::Value;
use tm_check::{Finding, Review, apply_fixes};
use tm_memory::{Lookup, SearchOptions};
use tm_text::{LineIndex, Span};

use crate::{Context, Documents, Open, offset, position, range};

/// The command that shows a rule's documentation (`tm rule CODE`) in the editor.
pub(crate) const RULE_COMMAND: &str = "tm.rule";

/// The documentation of the rule `workspace/executeCommand` names, as `tm rule` prints it.
pub(crate) fn rule_documentation(request: &Request) -> Option<String> {
    let params: lsp_types::ExecuteCommandParams = serde_json::from_value(request.params.clone()).ok()?;
    if params.command != RULE_COMMAND {
        return None;
    }
    let code = params.arguments.first()?.as_str()?;
    let rule = tm_check::rules::find(code)?;
    Some(format!("{} {} ({}): {}", rule.code, rule.name, rule.severity.as_str(), rule.documentation()))
}

/// The answer to `request`, or `None` for a method the server does not answer.
pub(crate) fn answer(
    context: &Context,
    memory: Option<&dyn Lookup>,
    documents: &Documents,
    request: &Request,
) -> Option<Value> {
    match request.method.as_str() {
        "textDocument/codeAction" => {
            let params: CodeActionParams = serde_json::from_value(request.params.clone()).ok()?;
            let open = documents.get(params.text_document.uri.as_str());
            Some(serde_json::to_value(open.map(|open| code_actions(context, open, &params)).unwrap_or_default()).ok()?)
        }
        "textDocument/hover" => {
            let params: HoverParams = serde_json::from_value(request.params.clone()).ok()?;
            let at = params.text_document_position_params;
            let hover =
                documents.get(at.text_document.uri.as_str()).and_then(|open| hover(context, memory, open, at.position));
            Some(serde_json::to_value(hover).ok()?)
        }
        "workspace/executeCommand" => {
            // Only `tm.rule`, answered by the loop (it shows a message); here the reply.
            Some(Value::Null)
        }
        "textDocument/completion" => {
            let params: lsp_types::CompletionParams = serde_json::from_value(request.params.clone()).ok()?;
            let at = params.text_document_position;
            let open = documents.get(at.text_document.uri.as_str());
            Some(serde_json::to_value(open.map(|open| complete(context, open, at.position)).unwrap_or_default()).ok()?)
        }
        _ => None,
    }
}

/// Letters typed before completion offers renderings.
const COMPLETE_AFTER: usize = 3;

/// The glossary's English renderings that begin with what was typed before the cursor: the
/// longest run of up to four words that some rendering begins with (so `Interpol Gen` offers
/// `Interpol General Secretariat`), its last word three letters or more, in any case.
/// Preferred renderings first, then admitted ones; never a forbidden or superseded one.
fn complete(context: &Context, open: &Open, at: lsp_types::Position) -> Vec<lsp_types::CompletionItem> {
    let text = &open.text;
    let index = LineIndex::new(text);
    let Some(end) = offset(text, &index, context.unit, at) else { return Vec::new() };
    let line_start = text[..end].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let in_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’');
    // Where each of the last few words before the cursor starts, the nearest first.
    let mut starts = Vec::new();
    let mut previous: Option<char> = None;
    for (i, c) in text[line_start..end].char_indices().rev() {
        if let Some(after) = previous
            && !in_word(c)
            && in_word(after)
        {
            starts.push(line_start + i + c.len_utf8());
        }
        previous = Some(c);
    }
    if previous.is_some_and(in_word) {
        starts.push(line_start);
    }
    let Some(&word) = starts.first() else { return Vec::new() };
    if text[word..end].chars().count() < COMPLETE_AFTER || text[word..end].chars().any(|c| !in_word(c)) {
        return Vec::new();
    }
    for &start in starts.iter().take(4).rev() {
        let items = renderings_from(context, &text[start..end], range(text, &index, context.unit, Span { start, end }));
        if !items.is_empty() {
            return items;
        }
    }
    Vec::new()
}

/// The accepted English renderings beginning with `typed`, as completion items replacing
/// `replace`.
fn renderings_from(context: &Context, typed: &str, replace: lsp_types::Range) -> Vec<lsp_types::CompletionItem> {
    let typed = typed.to_lowercase();
    let mut items: Vec<(u8, lsp_types::CompletionItem)> = Vec::new();
    for concept in &context.reviewer.glossary.concepts {
        let russian = concept.terms_in(tm_text::Lang::Ru).next().map_or(concept.id.as_str(), |t| t.text.as_str());
        for term in concept.terms_in(tm_text::Lang::En) {
            let rank = match term.status {
                tm_glossary::Status::Preferred => 0,
                tm_glossary::Status::Admitted => 1,
                tm_glossary::Status::Superseded | tm_glossary::Status::Forbidden => continue,
            };
            if !term.text.to_lowercase().starts_with(&typed) || items.iter().any(|(_, i)| i.label == term.text) {
                continue;
            }
            items.push((
                rank,
                lsp_types::CompletionItem {
                    label: term.text.clone(),
                    detail: Some(format!("{russian} ({})", term.status.as_str())),
                    kind: Some(lsp_types::CompletionItemKind::TEXT),
                    sort_text: Some(format!("{rank}{}", term.text)),
                    filter_text: Some(term.text.clone()),
                    text_edit: Some(lsp_types::CompletionTextEdit::Edit(TextEdit::new(replace, term.text.clone()))),
                    ..lsp_types::CompletionItem::default()
                },
            ));
        }
    }
    items.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.label.cmp(&b.1.label)));
    items.into_iter().map(|(_, item)| item).collect()
}

fn code_actions(context: &Context, open: &Open, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let Some(checked) = &open.checked else { return Vec::new() };
    let findings: Vec<Finding> = checked.draft_findings().cloned().collect();
    let (text, unit) = (&open.text, context.unit);
    let index = LineIndex::new(text);
    let (Some(from), Some(to)) =
        (offset(text, &index, unit, params.range.start), offset(text, &index, unit, params.range.end))
    else {
        return Vec::new();
    };
    let edit = |edits: Vec<TextEdit>| WorkspaceEdit {
        changes: Some(HashMap::from([(open.uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    };
    let touched = |finding: &&Finding| finding.span.start <= to && from <= finding.span.end;
    let mut actions = Vec::new();
    for finding in findings.iter().filter(touched) {
        if let Some(fix) = &finding.fix {
            actions.push(CodeAction {
                title: format!("{}: replace `{}` with `{}`", finding.code, finding.found, fix.replacement),
                kind: Some(CodeActionKind::QUICKFIX),
                edit: Some(edit(vec![TextEdit::new(range(text, &index, unit, fix.span), fix.replacement.clone())])),
                is_preferred: Some(true),
                ..CodeAction::default()
            });
        }
        actions.push(CodeAction {
            title: format!("{}: what this rule checks (tm rule {})", finding.code, finding.code),
            command: Some(lsp_types::Command {
                title: format!("tm rule {}", finding.code),
                command: RULE_COMMAND.to_owned(),
                arguments: Some(vec![Value::String(finding.code.to_owned())]),
            }),
            ..CodeAction::default()
        });
        // The comment at the end of the finding's line covers that line.
        let line_end = text[finding.span.end..].find(['\n', '\r']).map_or(text.len(), |i| finding.span.end + i);
        let at = position(text, &index, unit, line_end);
        actions.push(CodeAction {
            title: format!("{}: suppress here (write the reason)", finding.code),
            kind: Some(CodeActionKind::QUICKFIX),
            edit: Some(edit(vec![TextEdit::new(
                lsp_types::Range::new(at, at),
                format!(" <!-- tm: ignore[{}] REASON -->", finding.code),
            )])),
            ..CodeAction::default()
        });
    }
    let (fixed, applied) = apply_fixes(text, &findings);
    if !applied.is_empty() {
        let whole = range(text, &index, unit, Span { start: 0, end: text.len() });
        actions.push(CodeAction {
            title: format!("tm: apply all {} fixes in this file", applied.len()),
            kind: Some(CodeActionKind::SOURCE_FIX_ALL),
            edit: Some(edit(vec![TextEdit::new(whole, fixed)])),
            ..CodeAction::default()
        });
    }
    actions.into_iter().map(CodeActionOrCommand::CodeAction).collect()
}

fn hover(context: &Context, memory: Option<&dyn Lookup>, open: &Open, at: lsp_types::Position) -> Option<Hover> {
    let review = &open.checked.as_ref()?.review;
    let index = LineIndex::new(&open.text);
    let at = offset(&open.text, &index, context.unit, at)?;
    let markdown = match review.draft_terms.iter().find(|hit| hit.span.start <= at && at < hit.span.end) {
        Some(hit) => term(context, hit.concept)?,
        None => sentence(memory, review, at)?,
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: markdown }),
        range: None,
    })
}

/// A concept's glossary entry: its renderings with their statuses, its note and examples.
fn term(context: &Context, concept: usize) -> Option<String> {
    let concept = context.reviewer.glossary.concepts.get(concept)?;
    let mut out = String::new();
    for term in &concept.terms {
        let _ = write!(out, "- **{}** ({}, {})", term.text, term.lang.code(), term.status.as_str());
        if let Some(note) = &term.note {
            let _ = write!(out, ": {note}");
        }
        out.push('\n');
    }
    if let Some(note) = &concept.note {
        let _ = write!(out, "\n{note}\n");
    }
    for example in concept.examples.iter().take(3) {
        let _ = write!(out, "\n> {}", example.text);
    }
    Some(out)
}

/// The sentence under the cursor: its Russian counterpart and the memory's best matches for it.
fn sentence(memory: Option<&dyn Lookup>, review: &Review, at: usize) -> Option<String> {
    let index = review.draft_sentences.iter().position(|s| s.start <= at && at < s.end.max(s.start + 1))?;
    let bead = review.beads.iter().find(|bead| bead.en.contains(&index))?;
    let russian: Vec<&str> = review.source_sentences[bead.ru.clone()].iter().map(|s| s.text.as_str()).collect();
    if russian.is_empty() {
        return Some("No Russian sentence is aligned with this one: is it added?".to_owned());
    }
    let russian = russian.join(" ");
    let mut out = format!("**Russian:** {russian}\n");
    if let Some(memory) = memory {
        let found = memory.lookup(&russian, &SearchOptions { min: 75, limit: 3 }).unwrap_or_default();
        for hit in found {
            let _ = write!(out, "\n- **{}%** {} → {}", hit.score, hit.source, hit.target);
            // What differs in numbers: the figures to correct when taking the match.
            let numbers: Vec<String> = tm_memory::diff::changes(&hit.source, &russian)
                .into_iter()
                .filter(|change| change.kind == tm_memory::diff::TokenKind::Number)
                .map(|change| format!("{} → {}", change.from, change.to))
                .collect();
            if !numbers.is_empty() {
                let _ = write!(out, " (numbers changed: {})", numbers.join(", "));
            }
        }
    }
    Some(out)
}
