/**
 * SARIF 2.1.0, the format GitHub code scanning (and other CI dashboards) ingest:
 * `tool.driver.rules` from the rule metadata, one result per finding with its rule, level,
 * message and physical location (file relative to the run's base; the finding's exact region
 * where it has a range), its `data` as `properties`, and its certain fix as `fixes[].artifactChanges`.
 *
 * @module
 */
import { posix, relative, resolve, sep } from 'node:path';
import type { Diagnostic, TextRange } from '../diagnostic.js';
import type { AnyRule } from '../lint/types.js';
import { type FileReport, namesAPart } from './file-report.js';

/** Options of {@link formatSarif}. @category Reports */
export interface SarifOptions {
  /** The lint rules, for `tool.driver.rules`. */
  readonly rules: readonly AnyRule[];
  /** Folder file URIs are made relative to (the repository root in CI). Default: the process's cwd. */
  readonly baseDir?: string;
  /** Absolute URL of the folder holding the rule pages (`…/docs/rules/`), for each rule's `helpUri`. */
  readonly docsBaseUri?: string;
  /** The tool's version. */
  readonly version?: string;
}

/** The checks that are not lint rules but appear in lint reports. */
const BUILT_IN = [
  { id: 'xml-syntax', text: 'The file is not well-formed XML, uses a refused construct (DOCTYPE, XInclude) or exceeds a limit (docs/limits.md).', level: 'error' },
  { id: 'schema', text: 'The dialplan does not follow the CallFire XML schema (schemas/dialplan.xsd).', level: 'error' },
  { id: 'input-limit', text: 'More findings than a report lists for one document (docs/limits.md).', level: 'warning' },
] as const;

/**
 * Formats reports as a SARIF 2.1.0 log (one run).
 *
 * @example
 * ```ts
 * const sarif = JSON.parse(formatSarif(reports, { rules: RULES, baseDir: process.cwd() }));
 * sarif.runs[0].results[0].locations[0].physicalLocation.region; // { startLine: 3, startColumn: 5 }
 * ```
 * @category Reports
 */
export function formatSarif(reports: readonly FileReport[], options: SarifOptions): string {
  const base = options.baseDir ?? process.cwd();
  const docs = options.docsBaseUri?.replace(/\/?$/, '/');
  const rules = [
    ...BUILT_IN.map((b) => ({
      id: b.id,
      shortDescription: { text: b.text },
      defaultConfiguration: { level: b.level },
    })),
    ...options.rules.map((r) => ({
      id: r.name,
      shortDescription: { text: plain(r.description) },
      fullDescription: { text: plain(r.docs.details) },
      ...(docs ? { helpUri: `${docs}${r.name}.md` } : {}),
      help: {
        text: plain(r.docs.details),
        markdown: `${r.docs.details}\n\nReported:\n\n\`\`\`xml\n${r.docs.bad}\n\`\`\`\n\nFixed:\n\n\`\`\`xml\n${r.docs.good}\n\`\`\``,
      },
      defaultConfiguration: { level: r.severity === 'error' ? 'error' : 'warning' },
    })),
  ];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = reports.flatMap((report) => {
    // a relative URI reference: each segment percent-encoded, so "#" and "?" in a file name
    // stay part of the path instead of starting a fragment or a query
    const uri = relative(base, resolve(base, report.file)).split(sep).map(encodeURIComponent).join(posix.sep);
    const artifactLocation = { uri, uriBaseId: '%SRCROOT%' };
    return report.diagnostics.map((d) => ({
      ruleId: d.rule,
      ...(index.has(d.rule) ? { ruleIndex: index.get(d.rule)! } : {}),
      level: d.severity === 'error' ? 'error' : 'warning',
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation,
            // plans built in code have no line; point at the file's start so CI can still show it
            region: d.range ? region(d.range) : { startLine: d.line ?? 1, startColumn: d.column ?? 1 },
          },
          // a finding about the whole document has no place inside it to name
          ...(namesAPart(d.path) ? { logicalLocations: [{ fullyQualifiedName: d.path, kind: 'element' }] } : {}),
        },
      ],
      ...(d.data && { properties: { data: d.data } }),
      ...(d.fix && { fixes: [sarifFix(d.fix, artifactLocation)] }),
    }));
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dialplan lint',
            ...(options.version ? { version: options.version, semanticVersion: options.version } : {}),
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToUri(base)}/` } },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A SARIF region (1-based; the end column is exclusive in both). */
function region(r: TextRange) {
  return { startLine: r.start.line, startColumn: r.start.column, endLine: r.end.line, endColumn: r.end.column };
}

/** A fix as SARIF `fix`: one artifact change replacing each edited region. */
function sarifFix(fix: NonNullable<Diagnostic['fix']>, artifactLocation: { uri: string; uriBaseId: string }) {
  return {
    description: { text: fix.description },
    artifactChanges: [
      { artifactLocation, replacements: fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.text } })) },
    ],
  };
}

/** Markdown to plain text for the SARIF text fields: backticks dropped. */
function plain(s: string): string {
  return s.replace(/`/g, '');
}

function pathToUri(dir: string): string {
  const p = resolve(dir).split(sep).join('/');
  return encodeURI(`file://${p.startsWith('/') ? '' : '/'}${p}`).replace(/\/$/, '');
}
