/**
 * Benchmark of the builder row of issue 13: build and compile a 1,000-menu flow (pretty XML)
 * with our DSL, beside the same number of tags built with twilio's `twiml.VoiceResponse` and
 * plivo's `Response`, measured alternately in this process (ours, twilio, plivo, ours, …), so
 * a busy machine slows all three alike. Targets: ours <= 0.5x twilio and <= 1x plivo.
 *
 * The peers live in bench/peers/ (own package.json and lockfile, installed by `npm run bench`
 * on first run), so the project's dependencies stay clean. Both peers write through
 * xmlbuilder; for pretty output they are asked for their XML through it with `pretty: true`,
 * since neither API has a pretty switch of its own.
 *
 * Run: `npm run bench` or `npx tsx bench/builder-peers.ts`. Not a test: times depend on the
 * machine and its load.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { compile } from '../src/compile/compile.js';
import { benchRounds, median, menuFlow, ms, ratio, time } from './measure.js';

const ROUNDS = benchRounds(9);
const MENUS = 1000;
const peersDir = fileURLToPath(new URL('./peers/', import.meta.url));

const ours = (): string => compile(menuFlow(MENUS).toAst());

/** Elements in a piece of XML: every start or empty tag. */
const tagCount = (xml: string): number => (xml.match(/<[A-Za-z]/g) ?? []).length;

interface Peers {
  twilio: () => string;
  plivo: () => string;
}

function loadPeers(tagsPerMenu: number): Peers | undefined {
  if (!existsSync(`${peersDir}node_modules`)) return undefined;
  const require = createRequire(`${peersDir}package.json`);
  const { twiml } = require('twilio') as { twiml: { VoiceResponse: new () => TwilioNode & { response: XmlbuilderNode } } };
  const { Response } = require('plivo') as { Response: new () => PlivoNode & { elem: XmlbuilderNode } };
  // The same number of tags a menu as ours: a gather (menu) with its prompt, then pauses and
  // says to make up the rest (TwiML has no keypress/stash; the tag count is what is compared).
  const twilio = (): string => {
    const r = new twiml.VoiceResponse();
    for (let i = 0; i < MENUS; i++) {
      const g = r.gather({ numDigits: 1, timeout: 4, action: `/menu${i + 1}` });
      g.say({ voice: 'woman' }, `Question ${i}. Press 1 for yes, 2 for no.`);
      for (let t = 2; t < tagsPerMenu - 1; t++) g.pause({ length: 1 });
      r.redirect(`/menu${i}`);
    }
    return r.response.end({ pretty: true });
  };
  const plivo = (): string => {
    const r = new Response();
    for (let i = 0; i < MENUS; i++) {
      const g = r.addGetDigits({ action: `https://example.com/menu${i + 1}`, numDigits: 1, timeout: 4 });
      g.addSpeak(`Question ${i}. Press 1 for yes, 2 for no.`, { voice: 'WOMAN' });
      for (let t = 2; t < tagsPerMenu - 1; t++) g.addWait({ length: 1 });
      r.addRedirect(`https://example.com/menu${i}`);
    }
    return r.elem.end({ pretty: true });
  };
  return { twilio, plivo };
}
interface XmlbuilderNode {
  end(options: { pretty: boolean }): string;
}
interface TwilioNode {
  gather(a: object): { say(a: object, text: string): void; pause(a: object): void };
  redirect(url: string): void;
}
interface PlivoNode {
  addGetDigits(a: object): { addSpeak(text: string, a: object): void; addWait(a: object): void };
  addRedirect(url: string): void;
}

const xml = ours();
const tagsPerMenu = Math.round(tagCount(xml) / MENUS);
console.log(`builder benchmark: build + compile a ${MENUS.toLocaleString('en-US')}-menu flow, ${tagsPerMenu} tags a menu, pretty XML (median of ${ROUNDS}, alternating, node ${process.version})\n`);
const peers = loadPeers(tagsPerMenu);
if (!peers) {
  console.log(`  ours: ${ms(time(ours, ROUNDS))}\n  peers not installed (${peersDir}node_modules): run \`npm run bench\`, which installs them`);
} else {
  for (const [name, fn] of Object.entries(peers)) {
    const n = Math.round(tagCount(fn()) / MENUS);
    if (n !== tagsPerMenu) throw new Error(`${name} builds ${n} tags a menu, ours ${tagsPerMenu}`);
  }
  const runs: Record<'ours' | keyof Peers, number[]> = { ours: [], twilio: [], plivo: [] };
  const fns = { ours, ...peers };
  for (const fn of Object.values(fns)) fn(); // warm-up
  for (let i = 0; i < ROUNDS; i++) {
    for (const [name, fn] of Object.entries(fns) as [keyof typeof runs, () => string][]) {
      const t = process.hrtime.bigint();
      fn();
      runs[name].push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  const o = median(runs.ours);
  const tw = median(runs.twilio);
  const pl = median(runs.plivo);
  console.log(`  ours (DSL -> AST -> XML):   ${ms(o)}`);
  console.log(`  twilio twiml.VoiceResponse: ${ms(tw)}   ours / twilio = ${ratio(o, tw)} (target <= 0.50x) -> ${o <= 0.5 * tw ? 'met' : 'NOT met'}`);
  console.log(`  plivo Response:             ${ms(pl)}   ours / plivo  = ${ratio(o, pl)} (target <= 1.00x) -> ${o <= pl ? 'met' : 'NOT met'}`);
}

