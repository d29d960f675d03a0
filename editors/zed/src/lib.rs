//! The Zed side of `tm lsp`: finds `tm` on the worktree's PATH and starts `tm lsp`;
//! everything else is the language server's.

use zed_extension_api::{self as zed, LanguageServerId, Result};

struct Tm;

impl zed::Extension for Tm {
    fn new() -> Self {
        Tm
    }

    fn language_server_command(&mut self, _id: &LanguageServerId, worktree: &zed::Worktree) -> Result<zed::Command> {
        let Some(command) = worktree.which("tm") else {
            return Err("tm is not on PATH: install it (cargo install --path . in the tm repository)".into());
        };
        Ok(zed::Command { command, args: vec!["lsp".into()], env: Vec::new() })
    }
}

zed::register_extension!(Tm);
