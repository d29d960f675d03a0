//! The rules: each in its own file with a stable code, a kebab-case name, a default severity
//! and the documentation `tm rule CODE` prints (the doc comment, kept as text by [`rule!`]).
//!
//! Codes are grouped: `TM1xx` terms, `TM2xx` numbers, `TM3xx` memory and alignment, `TM4xx`
//! script, `TM5xx` suppression comments, `TM9xx` the inputs themselves (files, glossaries,
//! patterns). A code is never reused for another rule.

use serde::Serialize;

use super::{CheckError, Context, Finding};

mod addition;
pub mod glossary_example_fails;
mod identifier_mismatch;
pub(crate) mod invalid_suppression;
mod memory_inconsistent;
mod mixed_script;
mod number_mismatch;
pub mod pattern_matches_nothing;
mod rendering_inconsistent;
pub(crate) mod suppression_without_reason;
mod term_case;
mod term_forbidden;
mod term_inconsistent;
mod term_missing;
mod term_misspelled;
mod term_not_preferred;
mod unit_conversion;
pub(crate) mod unreadable_file;
mod untranslated;
pub(crate) mod unused_suppression;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Severity> {
        Some(match text {
            "info" => Severity::Info,
            "warning" => Severity::Warning,
            "error" => Severity::Error,
            _ => return None,
        })
    }
}

/// A pass over one draft.
pub(crate) type RunFn = fn(&Context<'_>, &mut Vec<Finding>) -> Result<(), CheckError>;

/// A check rule.
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// Whether the rule needs the Russian source.
    pub bilingual: bool,
    /// The rule's documentation: what it does, why, an example and the fix.
    pub doc: &'static str,
    /// When the rule's findings are made.
    pub phase: Phase,
}

/// When a rule's findings are made: by a pass over each draft, or by the step of the run that
/// meets what they are about.
#[derive(Clone, Copy)]
pub enum Phase {
    /// A pass over each draft (and its source, for bilingual rules).
    Text(TextPass),
    /// While suppression comments are applied to the findings of the text passes.
    Suppressions,
    /// While files are read and paired.
    Inputs,
    /// While glossaries are loaded and their examples run.
    Glossaries,
    /// While the configuration's file patterns are matched.
    Configuration,
}

/// The function a text rule runs over each draft.
#[derive(Clone, Copy)]
pub struct TextPass(pub(crate) RunFn);

impl std::fmt::Debug for Phase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Text(_) => "Text",
            Self::Suppressions => "Suppressions",
            Self::Inputs => "Inputs",
            Self::Glossaries => "Glossaries",
            Self::Configuration => "Configuration",
        })
    }
}

impl Rule {
    /// The first line of the documentation.
    #[must_use]
    pub fn summary(&self) -> &'static str {
        self.doc.lines().next().unwrap_or_default().trim()
    }

    /// The documentation without the doc-comment indentation.
    #[must_use]
    pub fn documentation(&self) -> String {
        self.doc
            .lines()
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_owned()
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("code", &self.code).field("name", &self.name).finish()
    }
}

/// Declares a rule: its doc comment is both rustdoc and the text `tm rule CODE` prints.
macro_rules! rule {
    ($(#[doc = $doc:literal])* $ident:ident { code: $code:literal, name: $name:literal, severity: $severity:ident, bilingual: $bilingual:literal, phase: $($phase:tt)+ }) => {
        $(#[doc = $doc])*
        pub(crate) static $ident: $crate::rules::Rule = $crate::rules::Rule {
            code: $code,
            name: $name,
            severity: $crate::rules::Severity::$severity,
            bilingual: $bilingual,
            doc: concat!($($doc, "\n"),*),
            phase: $crate::rules::phase!($($phase)+),
        };
    };
}
pub(crate) use rule;

/// `Text(run)` → `Phase::Text(TextPass(run))`; any other phase by its name.
macro_rules! phase {
    (Text($run:path)) => {
        $crate::rules::Phase::Text($crate::rules::TextPass($run))
    };
    ($name:ident) => {
        $crate::rules::Phase::$name
    };
}
pub(crate) use phase;

/// Every rule, in the order their findings win when two flag the same words.
pub static RULES: &[&Rule] = &[
    &mixed_script::RULE,
    &term_forbidden::RULE,
    &term_missing::RULE,
    &term_misspelled::RULE,
    &term_case::RULE,
    &term_inconsistent::RULE,
    &term_not_preferred::RULE,
    &rendering_inconsistent::RULE,
    &number_mismatch::RULE,
    &identifier_mismatch::RULE,
    &unit_conversion::RULE,
    &memory_inconsistent::RULE,
    &untranslated::RULE,
    &addition::RULE,
    &unused_suppression::RULE,
    &suppression_without_reason::RULE,
    &invalid_suppression::RULE,
    &unreadable_file::RULE,
    &glossary_example_fails::RULE,
    &pattern_matches_nothing::RULE,
];

/// A file that cannot be checked (reported by the batch, not found in a text).
pub static UNREADABLE_FILE: &Rule = &unreadable_file::RULE;
/// A glossary entry failing its own examples (reported when glossaries are loaded).
pub static GLOSSARY_EXAMPLE_FAILS: &Rule = &glossary_example_fails::RULE;
/// A configured pairing pattern that paired nothing (reported when files are planned).
pub static PATTERN_MATCHES_NOTHING: &Rule = &pattern_matches_nothing::RULE;

/// The rule with this code or name.
#[must_use]
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_documented() {
        for (i, a) in RULES.iter().enumerate() {
            assert!(a.code.starts_with("TM") && a.code.len() == 5, "{}", a.code);
            assert!(a.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", a.name);
            assert!(a.documentation().lines().count() >= 4, "{} is under-documented", a.code);
            for b in &RULES[i + 1..] {
                assert!(a.code != b.code && a.name != b.name, "{} / {}", a.code, b.code);
            }
        }
    }
}
