// @ts-check
/**
 * The VS Code client for CallFire XML: starts `dialplan lsp --stdio` from the callfire-dialplan
 * package installed in the workspace (so the editor runs the same rules, catalog and
 * .dialplanrc.json as the project's CI), and associates the package's XSD with the dialplan
 * files for the Red Hat XML extension when that is installed.
 */
'use strict';
const { existsSync, readFileSync } = require('node:fs');
const { dirname, isAbsolute, join } = require('node:path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

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

/** Tells the Red Hat XML extension to validate and complete dialplan files with the package's XSD. */
async function associateSchema(pkg) {
  const xml = vscode.extensions.getExtension('redhat.vscode-xml');
  const xsd = pkg && join(pkg, 'schemas', 'dialplan.xsd');
  if (!xml || !xsd || !existsSync(xsd)) return;
  const files = vscode.workspace.getConfiguration('dialplan').get('files', []);
  const patterns = files.length > 0 ? files : ['**/*.dialplan.xml'];
  try {
    const api = await xml.activate();
    api?.addXMLFileAssociations?.(patterns.map((pattern) => ({ pattern, systemId: xsd })));
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
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/.dialplanrc.json') },
    },
  );
  context.subscriptions.push(client);
  await client.start();
  await associateSchema(pkg);
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
