/**
 * `dialplan validate`: XML syntax and XSD checks for dialplan files.
 *
 * @module
 */
import { validate } from '../../validate/validate.js';
import { tally, type FileReport } from '../../validate/report/file-report.js';
import { formatJson } from '../../validate/report/json.js';
import { formatStylish } from '../../validate/report/stylish.js';
import { IoError, UsageError, type Command } from '../io.js';
import { loadDialplan, loadFailure } from '../load-flow.js';
import { choice, parseOptions } from '../options.js';
import { withXmlPositions } from '../xml-positions.js';

export const command: Command = {
  name: 'validate',
  usage: `Usage: dialplan validate <file.xml|flow.ts ...> [--format stylish|json]

Checks that each dialplan is well-formed XML and valid against schemas/dialplan.xsd.
For the semantic rules (goto targets, unreachable tags, variables...) use "dialplan lint".

Options:
  --format <stylish|json>  stylish (default): file:line:col  severity  message  rule
                           json: [{ "file", "diagnostics": [{ rule, severity, message, line, column, path }] }]

Exit codes: 0 no errors, 1 a file has errors, 2 usage or a file could not be read.`,
  async run(args, io) {
    const { values, positionals } = parseOptions('validate', args, { format: { type: 'string' } });
    const format = choice('validate', 'format', values.format, ['stylish', 'json'], 'stylish');
    if (positionals.length === 0) throw new UsageError('dialplan validate: name at least one dialplan file');
    const reports: FileReport[] = [];
    let unreadable = 0;
    for (const file of positionals) {
      try {
        const input = await loadDialplan(file, io.cwd);
        const { diagnostics } = validate(input);
        reports.push(typeof input === 'string' ? { file, diagnostics } : { file, diagnostics: withXmlPositions(input, diagnostics), flow: true });
      } catch (e) {
        if (!(e instanceof IoError)) throw e;
        // Report it and go on: one missing file must not hide the findings in the others.
        io.stderr(`dialplan validate: ${e.message}\n`);
        reports.push(loadFailure(file, e));
        unreadable++;
      }
    }
    io.stdout(format === 'json' ? formatJson(reports) : formatStylish(reports));
    if (unreadable > 0) return 2;
    return tally(reports).errors > 0 ? 1 : 0;
  },
};
