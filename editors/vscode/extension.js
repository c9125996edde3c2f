// @ts-check
/**
 * The VS Code client for CallFire XML: starts `dialplan lsp --stdio` from the callfire-dialplan
 * package installed in the workspace (so the editor runs the same rules, catalog and
 * .dialplanrc.json as the project's CI), and associates the package's XSD with the files the
 * server takes as dialplans for the Red Hat XML extension when that is installed.
 */
// biome-ignore lint/suspicious/noRedundantUseStrict: this is CommonJS (editors/vscode/package.json has no "type"), where strict mode is not implied
'use strict';
const { existsSync, readFileSync } = require('node:fs');
const { dirname, isAbsolute, join } = require('node:path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');
const { associationsFor, loadSelection } = require('./association.js');

/** @type {LanguageClient | undefined} */
let client;

/** The root folder of callfire-dialplan as installed in (or above) a workspace folder, if any. */
function installedPackage() {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    try {
      return dirname(require.resolve('callfire-dialplan/package.json', { paths: [folder.uri.fsPath] }));
    } catch {
      // not installed under this folder: try the next one
    }
  }
  return undefined;
}

/** The `dialplan` CLI script: the setting, else the workspace's installed package's bin. */
function serverScript(pkg) {
  const configured = vscode.workspace.getConfiguration('dialplan').get('server.path', '');
  if (configured) {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return isAbsolute(configured) || !folder ? configured : join(folder.uri.fsPath, configured);
  }
  if (!pkg) return undefined;
  const bin = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).bin;
  const script = join(pkg, typeof bin === 'string' ? bin : bin.dialplan);
  return existsSync(script) ? script : undefined;
}

/**
 * Tells the Red Hat XML extension to validate and complete with the package's XSD each file
 * the server takes as a dialplan (see association.js), as such files are opened.
 * @param {vscode.ExtensionContext} context
 * @param {string | undefined} pkg
 */
async function associateSchema(context, pkg) {
  const xml = vscode.extensions.getExtension('redhat.vscode-xml');
  const xsd = pkg && join(pkg, 'schemas', 'dialplan.xsd');
  if (!xml || !pkg || !xsd || !existsSync(xsd)) return;
  try {
    const [api, selection] = await Promise.all([xml.activate(), loadSelection(pkg)]);
    if (!api?.addXMLFileAssociations) return;
    const done = new Set();
    /** @param {readonly vscode.TextDocument[]} docs */
    const associate = (docs) => {
      const files = vscode.workspace.getConfiguration('dialplan').get('files', []);
      const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
      const fresh = docs.filter((d) => d.uri.scheme === 'file' && !done.has(d.uri.fsPath));
      const found = associationsFor(selection, files, fresh.map((d) => ({ uri: d.uri.toString(), path: d.uri.fsPath, languageId: d.languageId, text: d.getText() })), folders, xsd);
      for (const d of fresh) done.add(d.uri.fsPath);
      if (found.length > 0) api.addXMLFileAssociations(found);
    };
    associate(vscode.workspace.textDocuments);
    context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((d) => associate([d])));
  } catch (e) {
    console.warn(`CallFire XML: could not associate the XSD with the Red Hat XML extension: ${e}`);
  }
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  const pkg = installedPackage();
  const script = serverScript(pkg);
  if (!script) {
    void vscode.window.showWarningMessage(
      'CallFire XML: callfire-dialplan is not installed in this workspace. Run "npm install --save-dev callfire-dialplan", or set dialplan.server.path.',
    );
    return;
  }
  const node = vscode.workspace.getConfiguration('dialplan').get('server.node', 'node');
  // the server runs on the user's Node.js, not VS Code's: the package's native XML module is built for it
  const run = { command: node, args: [script, 'lsp', '--stdio'], options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath } };
  client = new LanguageClient(
    'dialplan',
    'CallFire XML',
    { run, debug: run },
    {
      documentSelector: [
        { scheme: 'file', language: 'callfire-xml' },
        { scheme: 'file', language: 'xml', pattern: '**/*.xml' },
      ],
      // no client-side watcher for .dialplanrc.json: the server registers its own (for every
      // editor), and a second one here made each config change check every plan twice
    },
  );
  context.subscriptions.push(client);
  await client.start();
  await associateSchema(context, pkg);
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
