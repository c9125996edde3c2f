/**
 * The language server: diagnostics as you type, completion, hover, navigation, rename,
 * outline, folding and quick fixes for CallFire XML, from the same catalog, rules and
 * `.dialplanrc.json` the CLI uses, so the editor and CI cannot disagree.
 *
 * @module
 */
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  ConnectionError,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ResponseError,
  ErrorCodes,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeResult,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completionsAt } from './completion.js';
import { ConfigLookup, type SettingsLookup } from './config-lookup.js';
import { defaultRuleDocsBase, isSchemaOrSyntax, type FindingData } from './diagnostics.js';
import { LintRunner, type CheckOutcome } from './lint-runner.js';
import { hoverAt } from './hover.js';
import { definitionOf, locations, nameSites, rename, siteAt, siteRange, sitesOf, type NameSite } from './navigation.js';
import { documentSymbols, foldingRanges } from './outline.js';
import { PlanState } from './plan-state.js';
import { isDialplanDocument, isOtherXml, pathOfUri, readSettings, type ServerSettings } from './selection.js';

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** The folder URL of the rule pages `codeDescription` links to; default: the package's own docs/rules. */
  readonly ruleDocsBase?: string;
}

const DEFAULT_DEBOUNCE_MS = 200;
/**
 * From this size (characters) the syntax and schema findings are shown before the rules have
 * run: on a large plan the rules take most of a check; on a small one they take milliseconds
 * and a second publication would only flicker.
 */
const EARLY_FINDINGS_FROM = 64 * 1024;

/**
 * Serves CallFire XML over an LSP connection (made by the caller, for instance over stdio),
 * and starts listening on it.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const plans = new Map<string, PlanState>();
  const shown = new Map<string, LspDiagnostic[]>();
  /** The findings shown on each broken `.dialplanrc.json`, by URI. */
  const configShown = new Map<string, LspDiagnostic[]>();
  const timers = new Map<string, NodeJS.Timeout>();
  const configs = new ConfigLookup();
  const linter = new LintRunner();
  /** Documents being checked now, and those changed meanwhile (checked again when that ends). */
  const checking = new Set<string>();
  const again = new Set<string>();
  /** Documents just opened: their first content event is the open itself, checked at once. */
  const justOpened = new Set<string>();
  /** The configuration (as looked up, in JSON) each document was last checked or scheduled with. */
  const checkedWith = new Map<string, string>();
  /** The check under way for each document (its id, to cancel it). */
  const running = new Map<string, number>();
  const docsBase = options.ruleDocsBase ?? defaultRuleDocsBase();
  let settings: ServerSettings = {};
  let workspaceFolders: string[] = [];
  let canPullConfiguration = false;
  let canWatchFiles = false;

  const isPlan = (doc: TextDocument) => isDialplanDocument(doc.uri, doc.languageId, settings, workspaceFolders);

  /** The state of an open dialplan, or undefined for documents the server does not take. */
  const planOf = (uri: string): PlanState | undefined => {
    const doc = documents.get(uri);
    if (!doc || !isPlan(doc) || isOtherXml(doc.getText())) return undefined;
    let plan = plans.get(uri);
    if (!plan) plans.set(uri, (plan = new PlanState(doc)));
    plan.text = doc;
    return plan;
  };

  /**
   * Set once the client is gone (its `exit`, or a send that found the connection closed, as
   * when it closes our stdin mid-check): from then on nothing is checked and nothing is sent.
   */
  let closed = false;
  const stop = () => {
    if (closed) return;
    closed = true;
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    for (const id of running.values()) linter.cancel(id);
    void linter.close();
  };

  /** Sends diagnostics unless the client is gone; a connection found closed stops the server's work instead of throwing. */
  const send = async (params: PublishDiagnosticsParams): Promise<void> => {
    if (closed) return;
    try {
      await connection.sendDiagnostics(params);
    } catch (e) {
      if (!(e instanceof ConnectionError)) throw e;
      stop();
    }
  };

  const publish = async (uri: string, diagnostics: LspDiagnostic[], version?: number): Promise<void> => {
    shown.set(uri, diagnostics);
    await send({ uri, diagnostics, ...(version !== undefined ? { version } : {}) });
  };

  /** Superseded checks stop at their next phase: their findings would not be shown. */
  const cancelRunning = (uri: string) => {
    const id = running.get(uri);
    if (id !== undefined) linter.cancel(id);
  };

  const check = async (uri: string): Promise<void> => {
    // one check per document at a time: a change during a check is checked when it ends
    if (checking.has(uri)) {
      again.add(uri);
      cancelRunning(uri);
      return;
    }
    checking.add(uri);
    try {
      await checkNow(uri);
    } finally {
      checking.delete(uri);
      running.delete(uri);
      if (again.delete(uri) && !closed) void check(uri);
    }
  };

  const checkNow = async (uri: string) => {
    const doc = documents.get(uri);
    if (!doc || closed) return;
    if (!isPlan(doc)) {
      if (shown.has(uri)) await publish(uri, []);
      // an open config file: its own findings, as a plan under it would show them there
      const path = pathOfUri(uri);
      if (path !== undefined && uri.endsWith('/.dialplanrc.json')) await reportConfig(path, await configs.settingsFor(path));
      return;
    }
    const started = performance.now();
    const version = doc.version;
    const text = doc.getText();
    const isCurrent = () => documents.get(uri)?.version === version;
    const lookup = await configs.settingsFor(pathOfUri(uri));
    checkedWith.set(uri, JSON.stringify(lookup));
    if (lookup.configPath !== undefined) await reportConfig(lookup.configPath, lookup);
    if (!lookup.ok) {
      // as `dialplan lint` does, a file under a broken config is not linted: say why, at the top,
      // pointing at each of the config's findings (published on the config file too)
      if (isCurrent()) {
        const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        const relatedInformation = lookup.findings.map((f) => ({ location: { uri: lookup.configUri, range: f.range }, message: f.message }));
        await publish(uri, [{ range: top, severity: 1, source: 'dialplan', code: 'config', message: lookup.message, relatedInformation }], version);
      }
      return;
    }
    if (isOtherXml(text)) {
      if (isCurrent()) await publish(uri, [], version);
      return;
    }
    const config = performance.now() - started;
    /** Syntax and schema findings, shown before the rules end when they differ from those shown now. */
    const early = (found: LspDiagnostic[]) => {
      if (!isCurrent()) return;
      const before = shown.get(uri) ?? [];
      const rulesShown = before.filter((d) => !isSchemaOrSyntax(d));
      if (JSON.stringify(found) === JSON.stringify(before.filter(isSchemaOrSyntax))) return;
      void publish(uri, [...found, ...rulesShown], version);
    };
    const run = linter.check({ uri, version, text, settings: lookup.settings, docsBase }, text.length >= EARLY_FINDINGS_FROM ? early : undefined);
    running.set(uri, run.id);
    let outcome: CheckOutcome;
    try {
      outcome = await run.outcome;
    } catch (e) {
      // a worker stopped because the client went away is no failure to tell (nor can it be told)
      if (closed) return;
      connection.console.error(`dialplan: checking ${uri} failed: ${(e as Error).message}`);
      return;
    }
    // a newer version has its own check coming; do not show findings of an older text
    if (!outcome || !isCurrent() || closed) return;
    const checked = performance.now();
    await publish(uri, outcome.diagnostics, version);
    if (closed) return;
    const sent = performance.now();
    const t = outcome.timings;
    const timings = { ...t, config, worker: checked - started - config - (t.parse ?? 0) - (t.xsd ?? 0) - (t.rules ?? 0) - (t.convert ?? 0), send: sent - checked, total: sent - started };
    connection.tracer.log(
      `checked ${uri} version ${version}: ${outcome.diagnostics.length} findings in ${timings.total.toFixed(1)} ms`,
      JSON.stringify({ uri, version, findings: outcome.diagnostics.length, timings }),
    );
  };

  /**
   * Shows a config file's own findings on its URI (the LSP lets a server publish on a file the
   * client has not opened), and takes them away once it is valid or gone; sent only on change.
   */
  const reportConfig = async (configPath: string, lookup: SettingsLookup) => {
    const uri = pathToFileURL(configPath).href;
    const findings = !lookup.ok && lookup.configPath === configPath ? [...lookup.findings] : [];
    if (JSON.stringify(findings) === JSON.stringify(configShown.get(uri) ?? [])) return;
    if (findings.length > 0) configShown.set(uri, findings);
    else configShown.delete(uri);
    await send({ uri, diagnostics: findings });
  };

  const schedule = (uri: string, delay = settings.debounceMs ?? DEFAULT_DEBOUNCE_MS) => {
    if (closed) return;
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      void check(uri);
    }, delay));
  };

  const recheckAll = () => {
    for (const doc of documents.all()) schedule(doc.uri, 0);
  };

  const loadSettings = async () => {
    if (!canPullConfiguration) return;
    try {
      settings = { ...settings, ...readSettings(await connection.workspace.getConfiguration('dialplan')) };
    } catch {
      // a client that cannot answer keeps the initialization options
    }
  };

  connection.onInitialize((params): InitializeResult => {
    settings = readSettings(params.initializationOptions);
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => pathOfUri(f.uri)).filter((p): p is string => p !== undefined);
    if (workspaceFolders.length === 0 && params.rootUri) {
      const root = pathOfUri(params.rootUri);
      if (root) workspaceFolders = [root];
    }
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: ['<', ' ', '"', "'", '{', '/', '.'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'dialplan' },
    };
  });

  connection.onInitialized(async () => {
    if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    if (canWatchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.dialplanrc.json' }] });
    await loadSettings();
    recheckAll();
  });

  connection.onDidChangeConfiguration(async (change) => {
    const pushed = (change.settings as { dialplan?: unknown } | undefined)?.dialplan;
    if (pushed !== undefined) settings = { ...settings, ...readSettings(pushed) };
    await loadSettings();
    recheckAll();
  });

  /**
   * A .dialplanrc.json changed: re-check each open plan whose settings it changes, once. The
   * same change may be told several times (a file watcher and a save in the editor; a client
   * that also watches the file itself): a plan already checked or scheduled with the settings
   * now on disk is not checked again.
   */
  const configChanged = () => {
    configs.clear();
    // a config shown broken: fixed or deleted, its findings go
    for (const uri of configShown.keys()) {
      const path = pathOfUri(uri);
      if (path !== undefined) void configs.settingsFor(path).then((lookup) => reportConfig(path, lookup), () => undefined);
    }
    for (const doc of documents.all()) {
      void configs.settingsFor(pathOfUri(doc.uri)).then((lookup) => {
        const key = JSON.stringify(lookup);
        if (checkedWith.get(doc.uri) === key) return;
        checkedWith.set(doc.uri, key);
        schedule(doc.uri, 0);
      }, () => schedule(doc.uri, 0));
    }
  };

  connection.onDidChangeWatchedFiles(configChanged);

  documents.onDidOpen((e) => {
    justOpened.add(e.document.uri);
    schedule(e.document.uri, 0);
  });
  documents.onDidChangeContent((e) => {
    if (justOpened.delete(e.document.uri)) return;
    cancelRunning(e.document.uri);
    schedule(e.document.uri);
  });
  documents.onDidSave((e) => {
    // a config file edited in the editor itself: take it at once
    if (e.document.uri.endsWith('/.dialplanrc.json')) configChanged();
  });
  documents.onDidClose((e) => {
    cancelRunning(e.document.uri);
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    plans.delete(e.document.uri);
    shown.delete(e.document.uri);
    checkedWith.delete(e.document.uri);
    justOpened.delete(e.document.uri);
    // a config file's findings stay while it is broken, open or not
    void send({ uri: e.document.uri, diagnostics: configShown.get(e.document.uri) ?? [] });
  });

  connection.onCompletion((params) => {
    const plan = planOf(params.textDocument.uri);
    if (!plan) return [];
    const doc = plan.text;
    return completionsAt(doc.getText(), doc.offsetAt(params.position), doc, plan.facts());
  });

  connection.onHover((params) => {
    const plan = planOf(params.textDocument.uri);
    if (!plan) return null;
    const doc = plan.text;
    return hoverAt(doc.getText(), doc.offsetAt(params.position), doc, shown.get(doc.uri) ?? []);
  });

  /** The name sites of the current text and the one under the cursor. */
  const sitesAt = (uri: string, position: { line: number; character: number }): { plan: PlanState; sites: NameSite[]; site?: NameSite } | undefined => {
    const plan = planOf(uri);
    const tree = plan?.tree();
    if (!plan || !tree) return undefined;
    const sites = nameSites(tree, plan.text.getText());
    const site = siteAt(sites, plan.text.offsetAt(position));
    return { plan, sites, ...(site ? { site } : {}) };
  };

  connection.onDefinition((params) => {
    const found = sitesAt(params.textDocument.uri, params.position);
    const tree = found?.plan.tree();
    if (!found?.site || !tree) return null;
    const target = definitionOf(found.sites, found.site, tree);
    return target ? locations(params.textDocument.uri, found.plan.text, [target]) : null;
  });

  connection.onReferences((params) => {
    const found = sitesAt(params.textDocument.uri, params.position);
    if (!found?.site) return null;
    const all = sitesOf(found.sites, found.site.name).filter((s) => params.context.includeDeclaration || s.role === 'reference');
    return locations(params.textDocument.uri, found.plan.text, all);
  });

  connection.onPrepareRename((params) => {
    const found = sitesAt(params.textDocument.uri, params.position);
    if (!found) throw new ResponseError(ErrorCodes.InvalidRequest, 'The dialplan must be well-formed XML to rename in it.');
    if (!found.site) throw new ResponseError(ErrorCodes.InvalidRequest, 'Put the cursor on a tag\'s name, a <goto> target or a catch goto to rename it.');
    return { range: siteRange(found.plan.text, found.site), placeholder: found.site.name };
  });

  connection.onRenameRequest((params) => {
    const found = sitesAt(params.textDocument.uri, params.position);
    if (!found?.site) throw new ResponseError(ErrorCodes.InvalidRequest, 'There is no tag name or goto target here to rename.');
    const outcome = rename(found.sites, found.site, params.newName, found.plan.text);
    if (!outcome.ok) throw new ResponseError(ErrorCodes.InvalidRequest, outcome.reason);
    return { changes: { [params.textDocument.uri]: outcome.edits } };
  });

  connection.onDocumentSymbol((params) => {
    const plan = planOf(params.textDocument.uri);
    const tree = plan?.tree();
    return plan && tree ? documentSymbols(tree, plan.text, plan.text.getText()) : [];
  });

  connection.onFoldingRanges((params) => {
    const tree = planOf(params.textDocument.uri)?.tree();
    return tree ? foldingRanges(tree) : [];
  });

  connection.onCodeAction((params) => {
    const out: CodeAction[] = [];
    for (const d of params.context.diagnostics) {
      const fix = (d.data as FindingData | undefined)?.fix;
      if (!fix || fix.edits.length === 0) continue;
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: { changes: { [params.textDocument.uri]: [...fix.edits] } },
      });
    }
    return out;
  });

  connection.onShutdown(() => linter.close());
  // the connection ends the process after this handler, with the LSP's code (0 after shutdown, else 1)
  connection.onExit(stop);

  documents.listen(connection);
  connection.listen();
}
