// The VS Code side of `tm lsp`: starts the server in the workspace folder (where tm.toml is)
// for Markdown and plain-text files; everything else (diagnostics, code actions, hover,
// completion, watched files) is the language server's.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate() {
  const command = vscode.workspace.getConfiguration('tm').get('path') || 'tm';
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  const server = { command, args: ['lsp'], options: { cwd: folder ? folder.uri.fsPath : undefined } };
  const documents = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
    ],
  };
  client = new LanguageClient('tm', 'tm', server, documents);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
