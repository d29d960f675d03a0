use std::io::Write;

use anyhow::bail;
use serde::Serialize;
use tm::check::rules::{RULES, Rule, find};

use super::Status;
use super::args::{RuleArgs, RuleFormat};

#[derive(Serialize)]
struct JsonRule<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    bilingual: bool,
    summary: &'a str,
    documentation: String,
}

fn json_rule(rule: &Rule) -> JsonRule<'_> {
    JsonRule {
        code: rule.code,
        name: rule.name,
        severity: rule.severity.as_str(),
        bilingual: rule.bilingual,
        summary: rule.summary(),
        documentation: rule.documentation(),
    }
}

fn text(rule: &Rule) -> String {
    format!(
        "{} {} (default severity: {}{})\n\n{}\n",
        rule.code,
        rule.name,
        rule.severity.as_str(),
        if rule.bilingual { "; needs --source" } else { "" },
        rule.documentation()
    )
}

pub(crate) fn run(args: &RuleArgs) -> anyhow::Result<Status> {
    if !args.all && args.code.is_none() {
        // `tm rule` alone lists the rules, one per line.
        let mut stdout = std::io::stdout().lock();
        for rule in RULES {
            writeln!(stdout, "{}  {:<28} {:<8} {}", rule.code, rule.name, rule.severity.as_str(), rule.summary())?;
        }
        return Ok(Status::Success);
    }
    let rules: Vec<&Rule> = if args.all {
        RULES.to_vec()
    } else {
        let code = args.code.as_deref().unwrap_or_default();
        match find(code) {
            Some(rule) => vec![rule],
            None => {
                let known: Vec<String> = RULES.iter().map(|r| format!("{} {}", r.code, r.name)).collect();
                bail!("no rule `{code}`; the rules are:\n  {}", known.join("\n  "))
            }
        }
    };
    let out = match args.format {
        RuleFormat::Json if args.all => {
            serde_json::to_string_pretty(&rules.iter().map(|r| json_rule(r)).collect::<Vec<_>>())?
        }
        RuleFormat::Json => serde_json::to_string_pretty(&json_rule(rules[0]))?,
        RuleFormat::Text => rules.iter().map(|r| text(r)).collect::<Vec<_>>().join("\n"),
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    if !out.ends_with('\n') {
        stdout.write_all(b"\n")?;
    }
    Ok(Status::Success)
}
