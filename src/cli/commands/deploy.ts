/**
 * `dialplan deploy`: attach a dialplan to an inbound number (an inbound IVR), after the same
 * validation and lint gate as `send`, or read the deployed one back and compare it with the file.
 *
 * @module
 */
import { DEFAULT_ENDPOINT } from '../../broadcast/client.js';
import { checkDialplan } from '../../broadcast/dialplan-check.js';
import { SoapFaultError } from '../../broadcast/errors.js';
import { DEFAULT_V2_ENDPOINT } from '../../broadcast/v2/client.js';
import { ApiError } from '../../broadcast/v2/errors.js';
import { diffPlans } from '../../diff/diff.js';
import { formatDiff } from '../../diff/format.js';
import { isDialableRecipient, normalizeRecipient } from '../../language/values.js';
import { parse } from '../../parse/parse.js';
import { formatStylish } from '../../validate/report/stylish.js';
import { apiOf, cliClient, cliV2Client, httpText, remoteFailure, type ApiVersion } from '../callfire-client.js';
import { UsageError, type Command, type Io } from '../io.js';
import { loadDialplan } from '../load-flow.js';
import { parseOptions, textOrJson } from '../options.js';
import { lintConfigFor } from '../plan-lint-config.js';

const USAGE = `Usage: dialplan deploy <number> <plan.xml|flow.ts> [--api 1.1|v2] [--preview] [--show]
                       [--endpoint URL] [--format text|json]

Attaches the dialplan to an inbound number you lease from CallFire, so that the number's
incoming calls run it (an inbound IVR): on API 1.1 ConfigureNumber with a NumberConfiguration
whose IvrInboundConfig holds the DialplanXml; on API 2.0 PUT /numbers/leases/configs/{number}
with { "configType": "IVR", "ivrInboundConfig": { "dialplanXml": ... } }. The plan is
validated and linted first, as by "dialplan send"; errors stop the deploy.

Options:
  --api <1.1|v2>       The CallFire API (default $CALLFIRE_API or 1.1).
  --preview            Print the exact HTTP request (Authorization redacted) and the dialplan
                       report. Sends nothing and needs no network.
  --show               Read the number's deployed dialplan back (GetNumber; GET on API 2.0) and
                       compare it with the file as call flows (formatting and comments do not
                       count). Changes nothing.
  --endpoint <url>     Base address with the API's version path (default $CALLFIRE_ENDPOINT, or
                       ${DEFAULT_ENDPOINT} for 1.1 and ${DEFAULT_V2_ENDPOINT} for v2;
                       "dialplan sandbox" prints its own).
  --format <text|json> text (default) or json.

Environment: CALLFIRE_USERNAME and CALLFIRE_PASSWORD (API credentials, HTTP Basic).

Exit codes: 0 deployed (or a clean preview; with --show: the same call flow), 1 the dialplan
has errors (nothing sent; with --show: the deployed plan differs), 2 usage, unreadable file or
a remote failure.`;

export const command: Command = {
  name: 'deploy',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions('deploy', args, {
      api: { type: 'string' },
      preview: { type: 'boolean' },
      show: { type: 'boolean' },
      endpoint: { type: 'string' },
      format: { type: 'string' },
    });
    const format = textOrJson('deploy', values.format);
    if (positionals.length !== 2) throw new UsageError('dialplan deploy: name the inbound number and the dialplan file');
    if (values.preview && values.show) throw new UsageError('dialplan deploy: --preview and --show do not go together');
    const [rawNumber, file] = positionals as [string, string];
    // punctuation removed as the numbers reader removes it; only a number CallFire dials
    const number = normalizeRecipient(rawNumber);
    if (number === undefined || !isDialableRecipient(number)) throw new UsageError(`dialplan deploy: "${rawNumber}" is not a phone number (expected digits such as 12135551100)`);
    const api = apiOf('deploy', io, values.api);

    const lintConfig = await lintConfigFor(file, io.cwd, format);
    const checked = checkDialplan(await loadDialplan(file, io.cwd), lintConfig);
    const report = checked.report.diagnostics.length > 0 ? formatStylish([{ file, diagnostics: checked.report.diagnostics }]) : '';
    const target = inboundTarget(api, io, values.endpoint);

    if (values.show) return show(target, number, file, checked.xml, format, io);

    if (values.preview) {
      const http = await target.preview(number, checked.xml);
      if (format === 'json') io.stdout(`${JSON.stringify({ ok: checked.report.ok, api, number, dialplan: checked.report, request: http }, null, 2)}\n`);
      else {
        io.stdout(httpText(http));
        io.stderr(report);
        io.stderr(`Preview only (API ${api === 'v2' ? '2.0' : '1.1'}), nothing was sent: number ${number}, ${checked.report.ok ? 'dialplan valid' : 'dialplan has errors; this request would be refused'}${target.hasCredentials ? '' : ', no credentials set (CALLFIRE_USERNAME / CALLFIRE_PASSWORD)'}.\n`);
      }
      return checked.report.ok ? 0 : 1;
    }

    io.stderr(report);
    if (!checked.report.ok) {
      io.stderr('Nothing was sent.\n');
      return 1;
    }
    try {
      await target.configure(number, checked.xml);
    } catch (e) {
      return remoteFailure('deploy', io, e);
    }
    if (format === 'json') io.stdout(`${JSON.stringify({ deployed: true, api, number })}\n`);
    else io.stderr(`Deployed ${file} to ${number}: its inbound calls now run this dialplan.\nCompare later: dialplan deploy ${number} ${file} --show --api ${api}${values.endpoint ? ` --endpoint ${target.endpoint}` : ''}\n`);
    return 0;
  },
};

/** An inbound number's configuration on one API: what deploy previews, sends and reads back. */
interface InboundTarget {
  readonly endpoint: string;
  readonly hasCredentials: boolean;
  preview(number: string, xml: string): Promise<{ method: string; url: string; headers: Readonly<Record<string, string>>; body?: string }>;
  configure(number: string, xml: string): Promise<void>;
  /** The deployed dialplan; the number's configuration type when it is not an IVR. */
  deployed(number: string): Promise<{ xml: string } | { type: string }>;
}

function inboundTarget(api: ApiVersion, io: Io, endpoint: string | undefined): InboundTarget {
  const options = endpoint === undefined ? {} : { endpoint };
  if (api === 'v2') {
    const client = cliV2Client('deploy', io, options);
    return {
      endpoint: client.endpoint,
      hasCredentials: client.hasCredentials,
      preview: async (number, xml) => client.configureNumberRequest(number, xml),
      configure: (number, xml) => client.configureNumber(number, xml),
      async deployed(number) {
        const config = await client.numberConfig(number);
        const xml = config.configType === 'IVR' ? config.ivrInboundConfig?.dialplanXml : undefined;
        return xml === undefined ? { type: config.configType ?? 'nothing' } : { xml };
      },
    };
  }
  const client = cliClient('deploy', io, options);
  return {
    endpoint: client.endpoint,
    hasCredentials: client.hasCredentials,
    preview: (number, xml) => client.previewConfigureNumber(number, xml),
    configure: (number, xml) => client.configureNumber(number, xml),
    async deployed(number) {
      const n = await client.getNumber(number);
      return n.DialplanXml === undefined ? { type: n.InboundCallConfigurationType ?? 'nothing' } : { xml: n.DialplanXml };
    },
  };
}

/** `--show`: the deployed plan against the file, as call flows; 0 the same, 1 different. */
async function show(target: InboundTarget, number: string, file: string, local: string, format: 'text' | 'json', io: Io): Promise<number> {
  let deployed: string;
  try {
    const found = await target.deployed(number);
    if ('type' in found) {
      io.stderr(`dialplan deploy: ${number} is configured as ${found.type}, not as an inbound IVR: there is no dialplan to compare.\n`);
      return 1;
    }
    deployed = found.xml;
  } catch (e) {
    if ((e instanceof ApiError && e.status === 404) || (e instanceof SoapFaultError && e.faultCode === 'NOT_FOUND')) {
      io.stderr(`dialplan deploy: ${number} has no configuration (${e.message}).\n`);
      return 1;
    }
    return remoteFailure('deploy', io, e);
  }
  const theirs = parse(deployed);
  const ours = parse(local);
  const where = `${number} (deployed)`;
  if (theirs.document === undefined || ours.document === undefined) {
    // A plan that does not parse can only be compared as text.
    const same = deployed.trim() === local.trim();
    io.stdout(format === 'json' ? `${JSON.stringify({ same, number, file })}\n` : `${where} → ${file}: ${same ? 'the same text' : 'different (one of them is not well-formed XML, so it was compared as text)'}\n`);
    return same ? 0 : 1;
  }
  const diff = diffPlans(theirs.document, ours.document);
  io.stdout(format === 'json' ? `${JSON.stringify({ same: diff.same, number, file, changes: diff.changes }, null, 2)}\n` : formatDiff(diff, where, file));
  return diff.same ? 0 : 1;
}
