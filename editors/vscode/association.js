// @ts-check
/**
 * Which files get the dialplan XSD for the Red Hat XML extension: exactly those the server
 * checks. The rule lives in one place, the package's own `lsp/selection` module (language id
 * and `.xml` name, the `dialplan.files` globs when set, a `<dialplan>` root element); the
 * extension loads it from the installed package, as the server does, so the two cannot
 * disagree. Kept apart from extension.js (no `vscode` import) so a test can run it.
 */
// biome-ignore lint/suspicious/noRedundantUseStrict: this is CommonJS (editors/vscode/package.json has no "type"), where strict mode is not implied
'use strict';
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

/**
 * The installed package's selection module (`dist/lsp/selection.js`).
 * @param {string} pkg the package's root folder
 */
function loadSelection(pkg) {
  return import(pathToFileURL(join(pkg, 'dist', 'lsp', 'selection.js')).href);
}

/**
 * A glob matching exactly one file: its path with forward slashes, glob characters escaped.
 * @param {string} path
 */
function literalGlob(path) {
  return path.replace(/\\/g, '/').replace(/[*?[\]{}()!+@]/g, '\\$&');
}

/**
 * The XSD associations for the documents the server takes as dialplans, one per file.
 * @param {{ isDialplanFile(uri: string, languageId: string, text: string, settings: { files?: string[] }, folders: readonly string[]): boolean }} selection
 * @param {string[]} files the `dialplan.files` setting
 * @param {ReadonlyArray<{ uri: string, path: string, languageId: string, text: string }>} documents
 * @param {readonly string[]} folders the workspace folders' paths
 * @param {string} xsd the schema's path
 */
function associationsFor(selection, files, documents, folders, xsd) {
  return documents
    .filter((d) => selection.isDialplanFile(d.uri, d.languageId, d.text, files.length > 0 ? { files } : {}, folders))
    .map((d) => ({ pattern: literalGlob(d.path), systemId: xsd }));
}

module.exports = { loadSelection, associationsFor };
