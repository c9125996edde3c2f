/**
 * What every tag does in a simulated call: one handler per tag name. The table's type is
 * `Record<TagName, …>`, so a tag added to the catalog does not compile until it has a handler
 * here; no tag is half supported.
 *
 * Handlers return what runs next (see `engine.ts`); most finish with `run.after(site)`. Each is
 * given its tag's {@link Site}, where its events say they happened.
 *
 * @module
 */
import type { ElementNode } from '../ast/nodes.js';
import type { TagName } from '../language/catalog.js';
import { writtenText, type Run } from './engine.js';
import { SimulationFailure } from './failure.js';
import type { Site, Step } from './step.js';
import { findResponse, transferResult } from './world.js';

type Handler<K extends TagName> = (node: ElementNode<K>, run: Run, site: Site) => Step;

/** Collapses the layout white space of TTS text written over several lines. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The one-line text of tags whose text holds no `${…}`, by tag: the same on every call. */
const fixedLines = new WeakMap<ElementNode, string>();

/** The substituted text of a tag on one line (TTS prompts, messages). */
function spokenText(run: Run, node: ElementNode): string {
  const written = writtenText(node);
  if (written.includes('${')) return oneLine(run.sub(written));
  let line = fixedLines.get(node);
  if (line === undefined) fixedLines.set(node, (line = oneLine(written)));
  return line;
}

function required(run: Run, node: ElementNode, attribute: string): string {
  const v = run.attr(node, attribute);
  if (v === undefined || v === '') throw new SimulationFailure(`<${node.kind}> needs a ${attribute} attribute`, node);
  return v;
}

function http(method: 'get' | 'post'): Handler<'get' | 'post'> {
  return (node, run, site) => {
    // A URL holds no white space; samples break long ones over several lines.
    const url = run.text(node).replace(/\s+/g, '');
    const varname = run.attr(node, 'varname');
    const canned = findResponse(run.script, method, url);
    if (!canned) run.warn(node, 'unscripted-request', `no scripted response for ${method.toUpperCase()} ${url}; used an empty 404`, { method: method.toUpperCase(), url });
    const body = canned?.body ?? '';
    const status = canned ? (canned.status ?? 200) : 404;
    if (varname) run.vars.set(varname, body);
    run.emit(node, { type: 'http', method, url, status, body, matched: canned !== undefined, ...(varname ? { varname } : {}) });
    return run.after(site);
  };
}

function message(tag: 'sms' | 'text'): Handler<'sms' | 'text'> {
  return (node, run, site) => {
    run.emit(node, { type: 'sms', to: run.attr(node, 'to') ?? '', text: spokenText(run, node), tag });
    return run.after(site);
  };
}

function comparison(kind: 'equal' | 'notEqual'): Handler<'equal' | 'notEqual'> {
  return (node, run, site) => {
    const value = (run.attr(node, 'var') ?? '').trim();
    const expected = run.value(node, node.attributes['expr'] ?? '', `<${kind} expr>`).value.trim();
    const result = kind === 'equal' ? value === expected : value !== expected;
    run.emit(node, { type: kind, value, expected, result });
    run.branch(node, String(result));
    return result ? run.firstIn(site) : run.after(site);
  };
}

const block: Handler<TagName> = (_node, run, site) => run.firstIn(site);

/** The handler of every tag. */
export const HANDLERS: { readonly [K in TagName]: Handler<K> } = {
  dialplan: block,
  menu: block,
  keypress: block,
  live: block,
  machine: block,
  else: block,
  catch: block,

  amd(node, run, site) {
    const answer = run.script.answer ?? 'live';
    run.emit(node, { type: 'amd', answer });
    run.branch(node, answer);
    const branch = run.childOfKind(node, answer);
    return branch ? run.firstIn(run.site(branch)) : run.after(site);
  },

  play(node, run, site) {
    const voice = run.attr(node, 'voice');
    const playType = run.attr(node, 'type') ?? 'tts';
    const text = spokenText(run, node);
    if (voice) run.push({ type: 'play', playType, text, voice, path: site.shown, line: site.line });
    else run.push({ type: 'play', playType, text, path: site.shown, line: site.line });
    return run.after(site);
  },

  transfer(node, run, site) {
    if (run.callerGone) return run.end('caller-hangup');
    const numbers = run
      .text(node)
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n !== '');
    if (numbers.length === 0) throw new SimulationFailure('<transfer> has no number to call', node);
    const { outcome, answeredBy } = transferResult(run.script, numbers);
    const continueAfter = run.attr(node, 'continue-after') === 'true';
    if (answeredBy) run.call.set('lastTransfer', answeredBy);
    run.emit(node, { type: 'transfer', numbers, outcome, mode: run.attr(node, 'mode') ?? 'ringall', continueAfter, ...(answeredBy ? { answeredBy } : {}) });
    return outcome === 'answered' && !continueAfter ? run.end('transfer') : run.after(site);
  },

  goto(node, run, site) {
    const target = run.text(node);
    if (target === '') throw new SimulationFailure('<goto> names no target', node);
    const to = run.jump(node, target, 'goto');
    const toSite = run.site(to);
    run.push({ type: 'goto', target, targetPath: toSite.path!, path: site.shown, line: site.line });
    return toSite.entered;
  },

  hangup(_node, run, site) {
    run.push({ type: 'hangup', path: site.shown, line: site.line });
    return run.end('hangup');
  },

  record(node, run, site) {
    const background = run.attr(node, 'background') === 'true';
    if (run.callerGone && !background) return run.end('caller-hangup');
    const name = run.attr(node, 'name');
    const varname = run.attr(node, 'varname');
    const url = run.recordingUrl(name);
    if (varname) run.vars.set(varname, url);
    run.emit(node, { type: 'record', url, background, ...(name ? { name } : {}), ...(varname ? { varname } : {}) });
    // A caller may end a voicemail by hanging up: a "hangup" next in the script is taken here.
    if (!background && run.takeHangup()) return run.callerHangup(node, 'script');
    return run.after(site);
  },

  setvar(node, run, site) {
    const name = required(run, node, 'varname');
    const { value, evaluated } = run.value(node, writtenText(node), `<setvar varname="${name}">`);
    run.vars.set(name, value);
    run.push({ type: 'setvar', name, value, evaluated, path: site.shown, line: site.line });
    return run.after(site);
  },

  stash(node, run, site) {
    const name = required(run, node, 'varname');
    const { value } = run.value(node, writtenText(node), `<stash varname="${name}">`);
    run.stashed.set(name, value);
    run.push({ type: 'stash', name, value, path: site.shown, line: site.line });
    return run.after(site);
  },

  if(node, run, site) {
    const expr = run.attr(node, 'expr');
    if (expr === undefined) throw new SimulationFailure('<if> needs an expr attribute', node);
    const result = run.truth(node, node.attributes['expr'] ?? '', '<if expr>');
    run.push({ type: 'if', expr, result, path: site.shown, line: site.line });
    run.branch(node, result ? 'then' : 'else');
    if (result) return run.firstIn(site);
    const otherwise = run.childOfKind(node, 'else');
    return otherwise ? run.firstIn(run.site(otherwise)) : run.after(site);
  },

  equal: comparison('equal'),
  notEqual: comparison('notEqual'),
  get: http('get'),
  post: http('post'),
  sms: message('sms'),
  text: message('text'),

  dnc(node, run, site) {
    run.emit(node, { type: 'dnc', number: run.text(node) });
    return run.after(site);
  },

  wait(node, run, site) {
    const text = run.text(node);
    const seconds = Number(text);
    if (!Number.isFinite(seconds) || seconds < 0) throw new SimulationFailure(`<wait> needs a number of seconds, got ${JSON.stringify(text)}`, node);
    run.clock += seconds * 1000;
    run.emit(node, { type: 'wait', seconds });
    return run.after(site);
  },

  gotoXML(node, run) {
    // Another document would take over the call; the simulator does not fetch it.
    const url = run.text(node);
    run.emit(node, { type: 'gotoXML', url });
    run.warn(node, 'other-document', 'the call continues in another document (gotoXML), which is not simulated', { url });
    return run.end('end');
  },

  dtmf(node, run, site) {
    run.emit(node, { type: 'dtmf', digits: run.text(node) });
    return run.after(site);
  },

  analytics(node, run, site) {
    const attributes: Record<string, string> = {};
    for (const key of Object.keys(node.attributes)) attributes[key] = run.attr(node, key) ?? '';
    run.emit(node, { type: 'analytics', attributes });
    return run.after(site);
  },

  gtalk(node, run, site) {
    // username and password stay out of the trace: traces are printed and stored.
    run.emit(node, { type: 'gtalk', to: run.attr(node, 'to') ?? '', text: spokenText(run, node) });
    return run.after(site);
  },
};
