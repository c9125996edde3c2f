/**
 * `dialplan lint`: XML syntax, XSD and the semantic lint rules for dialplan files, with
 * reports for people (stylish), tools (json), code scanning (sarif) and GitHub Actions
 * annotations (github).
 *
 * @module
 */
import { isAbsolute, resolve } from 'node:path';
import type { DocumentNode } from '../../ast/nodes.js';
import { ConfigError, parseRuleOption, settingsFor, type LoadedConfig } from '../../validate/lint/config.js';
import type { Diagnostic } from '../../validate/diagnostic.js';
import { lint } from '../../validate/lint/lint.js';
import type { RuleSettings } from '../../validate/lint/types.js';
import type { FileReport } from '../../validate/report/file-report.js';
import { tally } from '../../validate/report/file-report.js';
import { IoError, UsageError, type Command } from '../io.js';
import { isFlowModule, loadDialplan, loadFailure, readTextFile, type TextEncoding } from '../load-flow.js';
import { choice, numberOption, parseOptions } from '../options.js';
import { withXmlPositions } from '../xml-positions.js';
import { ConfigCache } from '../config-cache.js';
import { expandFiles, projectFiles } from '../file-args.js';
import { printReports } from '../report-output.js';
import { defaultJobs, FILES_PER_THREAD, lintFiles, type LintTask } from '../lint-pool.js';

const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;

export const command: Command = {
  name: 'lint',
  usage: `Usage: dialplan lint [files, folders or globs ...] [options]

Reports everything wrong with each dialplan: XML syntax, the XSD, and the semantic rules
the XSD cannot express (goto targets, unreachable tags, overlapping keypresses, undefined
variables, invalid expressions and phone numbers, ...). Rules: docs/rules/README.md.
Folders are searched for .xml files; flows written with the DSL (.ts/.js) are linted too.
With no file named: the "files" globs of the nearest .dialplanrc.json (dialplan init writes
"flows/*.ts"), else every .xml file below the current folder.

Options:
  --format <stylish|json|sarif|github>
                          stylish (default): file:line:col  severity  message  rule
                          json: [{ "file", "diagnostics": [...] }] (same shape as validate)
                          sarif: SARIF 2.1.0 for code scanning
                          github: GitHub Actions annotations (::error file=...,line=...)
  --max-warnings <n>      Fail (exit 1) when there are more than n warnings
  --rule <name=setting>   Set a rule to off, warn or error; repeatable; wins over config files
  --config <file>         Use this configuration for every file instead of looking up
                          .dialplanrc.json from each file's folder upwards
  --fix                   Apply every certain fix (rules marked Fix in docs/rules), lint
                          again until none is left, rewrite the files that changed, and
                          report what was fixed and what remains
  --fix-dry-run           Like --fix, but print the diff instead of writing the files
  --jobs <n>              Lint XML files on up to n threads (default: the number of
                          cores), one per ${FILES_PER_THREAD} files at most, since a thread costs
                          about as much to start as linting that many; the report is
                          the same as with --jobs 1

Exit codes: 0 no errors and warnings within --max-warnings, 1 otherwise,
2 usage, an invalid configuration or a file that could not be read.`,
  async run(args, io) {
    const { values, positionals } = parseOptions('lint', args, {
      format: { type: 'string' },
      'max-warnings': { type: 'string' },
      rule: { type: 'string', multiple: true },
      config: { type: 'string' },
      fix: { type: 'boolean' },
      'fix-dry-run': { type: 'boolean' },
      jobs: { type: 'string' },
    });
    const format = choice('lint', 'format', values.format, FORMATS, 'stylish');
    const fixMode = values['fix-dry-run'] ? 'dry-run' : values.fix ? 'write' : undefined;
    // the fix summary and diffs go where they cannot break a machine-read report
    const say = format === 'stylish' ? io.stdout : io.stderr;
    const maxWarnings = numberOption('lint', 'max-warnings', values['max-warnings'], { min: 0 }) ?? Infinity;
    const asked = numberOption('lint', 'jobs', values.jobs, { min: 1, max: 256 });

    const cliRules: Record<string, RuleSettings[string]> = {};
    let fixed: LoadedConfig | undefined;
    try {
      for (const r of values.rule ?? []) {
        const [name, setting] = parseRuleOption(r);
        cliRules[name] = setting;
      }
    } catch (e) {
      if (e instanceof ConfigError) throw new UsageError(`dialplan lint: ${e.message}`);
      throw e;
    }
    // every config file of the run is read once, whatever it is for; a broken config file that
    // does not stop the run gets a report of its own, its problems at their lines
    const configs = new ConfigCache(io.cwd);
    if (values.config !== undefined) {
      // nothing is linted without the settings asked for: the report is the config's problems
      fixed = await configs.loadOrStop(resolve(io.cwd, values.config), format);
    }

    // a broken config that names the plans stops the run: its problems are the report, as with --config
    const { files, empty } = positionals.length > 0 ? await expandFiles(positionals, io.cwd) : await projectFiles(io.cwd, format, configs);
    let failed = 0;
    const reports: FileReport[] = [];
    for (const { arg, message } of empty) {
      io.stderr(`dialplan lint: ${message}\n`);
      reports.push(loadFailure(arg, new IoError(message)));
      failed++;
    }
    // XML files (without --fix, which rewrites files one by one) are read and linted after
    // this loop, on up to --jobs threads (lint-pool.ts); each holds its place in the report
    const tasks: LintTask[] = [];
    const places: number[] = [];
    // one settings object per config file without overrides, so the threads get each set once
    const shared = new Map<LoadedConfig | undefined, RuleSettings>();
    const settingsOf = (loaded: LoadedConfig | undefined, abs: string): RuleSettings => {
      if (loaded?.config.overrides?.length) return { ...settingsFor(loaded.config, abs, loaded.dir), ...cliRules };
      let rules = shared.get(loaded);
      if (rules === undefined) shared.set(loaded, (rules = { ...(loaded ? settingsFor(loaded.config, abs, loaded.dir) : {}), ...cliRules }));
      return rules;
    };
    for (const file of files) {
      const abs = isAbsolute(file) ? file : resolve(io.cwd, file);
      const found = fixed ? undefined : configs.find(abs);
      const loaded = fixed ?? (found ? await configs.load(found) : undefined);
      if (loaded === null) {
        // not linted: its settings are unknown; the config's problems are in its own report
        reports.push(loadFailure(file, new IoError(`not linted: its configuration ${found} is invalid`)));
        failed++;
        continue;
      }
      if (!fixMode && !isFlowModule(file)) {
        places.push(reports.length);
        tasks.push({ file, settings: settingsOf(loaded, abs) });
        reports.push({ file, diagnostics: [] });
        continue;
      }
      let input: string | DocumentNode;
      // --fix rewrites the file as it was stored (a byte-order mark kept, UTF-16 refused)
      let encoding: TextEncoding = 'utf-8';
      try {
        if (fixMode && !isFlowModule(file)) ({ text: input, encoding } = await readTextFile(file, io.cwd));
        else input = await loadDialplan(file, io.cwd);
      } catch (e) {
        if (e instanceof IoError) {
          // report it and go on: one bad file must not hide the findings in the others
          io.stderr(`dialplan lint: ${e.message}\n`);
          reports.push(loadFailure(file, e));
          failed++;
          continue;
        }
        throw e;
      }
      const rules = settingsOf(loaded, abs);
      let diagnostics: readonly Diagnostic[];
      if (fixMode && typeof input === 'string') {
        // loaded only with --fix: it brings the diff library, which a plain lint does not need
        const { fixFile } = await import('./lint-fix.js');
        const done = await fixFile(file, abs, input, encoding, rules, fixMode === 'dry-run');
        diagnostics = done.diagnostics;
        if (done.diff) say(done.diff);
        if (done.summary) say(done.summary);
        if (done.error !== undefined) {
          io.stderr(`dialplan lint: ${done.error}\n`);
          failed++;
        }
      } else {
        const found = lint(input, { rules }, { configChecked: true }).diagnostics;
        diagnostics = typeof input === 'string' ? found : withXmlPositions(input, found);
      }
      reports.push({ file, diagnostics, ...(typeof input === 'string' ? {} : { flow: true }) });
    }
    const { outcomes } = await lintFiles(tasks, { jobs: asked ?? defaultJobs(), cwd: io.cwd });
    outcomes.forEach((outcome, k) => {
      const at = places[k]!;
      if ('diagnostics' in outcome) {
        reports[at] = { ...reports[at]!, diagnostics: outcome.diagnostics };
      } else {
        // reported in file order, after the files a thread did not read (configs, flows)
        io.stderr(`dialplan lint: ${outcome.unreadable}\n`);
        reports[at] = loadFailure(reports[at]!.file, new IoError(outcome.unreadable));
        failed++;
      }
    });

    printReports(io, [...configs.reports(), ...reports], format);

    if (failed > 0) return 2;
    const { errors, warnings } = tally(reports);
    if (errors > 0) return 1;
    if (warnings > maxWarnings) {
      io.stderr(`dialplan lint: ${warnings} warnings, more than --max-warnings ${maxWarnings}.\n`);
      return 1;
    }
    return 0;
  },
};
