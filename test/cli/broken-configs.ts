/**
 * Broken `.dialplanrc.json` files with the findings each must give (rule `config`, at the bad
 * key's line and column), and a reader of those findings back from any report format: shared
 * by the tests of every command that reads a config (lint, fmt, send, deploy).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLEAN = '<dialplan name="Root">\n  <play type="tts">Hello.</play>\n  <hangup/>\n</dialplan>\n';

export interface Case {
  readonly name: string;
  readonly config: string;
  /** What each finding of the config says, in order: line, column, the message's telling part, data.keyword. */
  readonly expected: readonly (readonly [number, number, string, string])[];
}

export const CASES: readonly Case[] = [
  {
    name: 'malformed JSON (a trailing comma)',
    config: '{\n  "rules": {\n    "unknown-goto-target": "warn",\n  }\n}\n',
    expected: [[4, 3, 'not valid JSON: Expected double-quoted property name', 'json']],
  },
  {
    name: 'malformed JSON (a bad literal, which V8 gives no offset for)',
    config: '{\n  "rules": {\n    "unknown-goto-target": tru\n  }\n}\n',
    expected: [[3, 31, "not valid JSON: Unexpected token '\\n'", 'json']],
  },
  {
    name: 'an unknown rule name',
    config: '{\n  "rules": {\n    "unknown-goto-targt": "warn"\n  }\n}\n',
    expected: [[3, 5, 'unknown rule "unknown-goto-targt" in "rules" (did you mean "unknown-goto-target"?)', 'additionalProperties']],
  },
  {
    name: 'a wrong severity',
    config: '{\n  "rules": {\n    "unknown-goto-target": "warning"\n  }\n}\n',
    expected: [[3, 5, '"rules.unknown-goto-target" must be one of "off", "warn", "error"', 'enum']],
  },
  {
    name: 'options of the wrong type, in file order',
    config: '{\n  "overrides": [{ "files": "inbound/**", "rules": {} }],\n  "fmt": { "indent": "4" }\n}\n',
    expected: [
      [2, 19, '"overrides.0.files" must be array', 'type'],
      [3, 12, '"fmt.indent" is not valid', 'oneOf'],
    ],
  },
];

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface Finding {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly rule: string;
  readonly message: string;
}

/** The findings of a report, read back from any of the four formats. */
export function findings(format: Format, stdout: string): Finding[] {
  if (format === 'json') {
    const reports = JSON.parse(stdout) as { file: string; diagnostics: { rule: string; message: string; line: number | null; column: number | null }[] }[];
    return reports.flatMap((r) => r.diagnostics.map((d) => ({ file: r.file, line: d.line ?? undefined, column: d.column ?? undefined, rule: d.rule, message: d.message })));
  }
  if (format === 'sarif') {
    const sarif = JSON.parse(stdout) as {
      runs: { results: { ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number } } }[] }[] }[];
    };
    return sarif.runs[0]!.results.map((r) => {
      const at = r.locations[0]!.physicalLocation;
      return { file: at.artifactLocation.uri, line: at.region?.startLine, column: at.region?.startColumn, rule: r.ruleId, message: r.message.text };
    });
  }
  if (format === 'github') {
    return stdout
      .trim()
      .split('\n')
      .map((l) => {
        const m = /^::error file=([^,]+)(?:,line=(\d+),col=(\d+))?[^:]*,title=([^:]+)::(.*)$/.exec(l);
        if (!m) throw new Error(`not an annotation: ${l}`);
        return { file: m[1]!, line: m[2] === undefined ? undefined : Number(m[2]), column: m[3] === undefined ? undefined : Number(m[3]), rule: m[4]!, message: m[5]! };
      });
  }
  return stdout
    .trim()
    .split('\n')
    .slice(0, -1) // the total
    .map((l) => {
      const m = /^(\S+?)(?::(\d+):(\d+))?(?: \S*)? +error +(.*?) {2}(\S+)$/.exec(l);
      if (!m) throw new Error(`not a stylish line: ${l}`);
      return { file: m[1]!, line: m[2] === undefined ? undefined : Number(m[2]), column: m[3] === undefined ? undefined : Number(m[3]), rule: m[5]!, message: m[4]! };
    });
}


/**
 * A new temporary folder with a folder `case<i>` for each of {@link CASES}: its broken
 * `.dialplanrc.json`, a clean `plan.xml`, and the `more` files (name to text).
 */
export function caseFolders(name: string, more: Readonly<Record<string, string>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), `dialplan-${name}-`));
  CASES.forEach((c, i) => {
    mkdirSync(join(dir, `case${i}`));
    for (const [file, text] of Object.entries({ '.dialplanrc.json': c.config, 'plan.xml': CLEAN, ...more })) writeFileSync(join(dir, `case${i}`, file), text);
  });
  return dir;
}
