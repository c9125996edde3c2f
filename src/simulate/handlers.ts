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
import { SimulationFailure } from './failure.js';
import type { HandlerRun, Site, Step } from './step.js';
import { findResponse, transferResult } from './world.js';
import { readsAsText, writtenText } from './written-text.js';

type Handler<K extends TagName> = (node: ElementNode<K>, run: HandlerRun, site: Site) => Step;

/** Collapses the layout white space of TTS text written over several lines. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The substituted text of a tag on one line (TTS prompts, messages): its fixed line when it has one (see {@link TextFixed}). */
function spokenText(run: HandlerRun, node: ElementNode, fixed: TextFixed): string {
  return fixed.text ?? oneLine(run.sub(writtenText(node)));
}

/**
 * An attribute as {@link HandlerRun.attr} reads it, when that is the same on every call: trimmed when
 * it holds no `${…}`, `undefined` when absent, `null` when it has to be substituted per call.
 */
function fixedAttr(node: ElementNode, name: string): string | undefined | null {
  const raw = node.attributes[name];
  if (raw === undefined) return undefined;
  return raw.includes('${') ? null : raw.trim();
}

// The *Fixed records: what the hot handlers (play, goto, setvar, stash, if) and the messages
// (sms, text, gtalk) read the same on every call at one tag, kept in its Site.fixed on its first
// run: attributes and texts without `${…}` and what follows from them. `null` marks a part read
// per call, as before, in the same order (so the unset-variable warnings come in the same order).

/** A tag's fixed text (play and the messages). */
interface TextFixed {
  /** The tag's text on one line when it holds no `${…}` (see {@link fixedLine}). */
  readonly text: string | null;
}

interface PlayFixed extends TextFixed {
  readonly voice: string | undefined | null;
  readonly playType: string | undefined | null;
}

interface GotoFixed {
  readonly target: string | null;
  /** The target's site, once found (a missing target fails on every call, as before). */
  to: Site | undefined;
}

interface ValueFixed {
  /** The varname when fixed and not empty (an empty one fails on every call through `required`). */
  readonly name: string | null;
  /** The message prefix naming the tag (`<setvar varname="x">`), with a fixed name. */
  readonly what: string | null;
  readonly written: string;
  /** Whether the value reads as text (the text-or-JavaScript rule depends on the written value alone). */
  readonly asText: boolean;
  /** The trimmed written value, substituted per call when it reads as text. */
  readonly trimmed: string;
}

interface IfFixed {
  readonly expr: string | undefined | null;
  readonly raw: string;
  /** The site of its `<else>`, `null` when it has none; found when first needed. */
  otherwise: Site | null | undefined;
}

/** The text of a tag on one line when it holds no `${…}`, else `null`. */
function fixedLine(node: ElementNode): string | null {
  const written = writtenText(node);
  return written.includes('${') ? null : oneLine(written);
}

/** The fixed text of a message tag (sms, text, gtalk), kept in its site on its first run. */
function textFixed(node: ElementNode, site: Site): TextFixed {
  return (site.fixed as TextFixed | undefined) ?? (site.fixed = { text: fixedLine(node) } satisfies TextFixed);
}

function valueFixed(node: ElementNode): ValueFixed {
  const name = fixedAttr(node, 'varname');
  const fixedName = name === null || name === undefined || name === '' ? null : name;
  const written = writtenText(node);
  return { name: fixedName, what: fixedName === null ? null : `<${node.kind} varname="${fixedName}">`, written, asText: readsAsText(written), trimmed: written.trim() };
}

/** A setvar's or stash's name and value, read as the fixed parts allow. */
function nameAndValue(run: HandlerRun, node: ElementNode, site: Site): { name: string; value: string; evaluated: boolean } {
  const f = (site.fixed as ValueFixed | undefined) ?? (site.fixed = valueFixed(node)) as ValueFixed;
  const name = f.name ?? required(run, node, 'varname');
  if (f.asText) return { name, value: run.sub(f.trimmed), evaluated: false };
  return { name, value: run.code(node, f.written, f.what ?? `<${node.kind} varname="${name}">`), evaluated: true };
}

function required(run: HandlerRun, node: ElementNode, attribute: string): string {
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
    run.push({ type: 'http', method, url, status, body, matched: canned !== undefined, ...(varname ? { varname } : {}), path: site.shown, line: site.line });
    return run.after(site);
  };
}

function message(tag: 'sms' | 'text'): Handler<'sms' | 'text'> {
  return (node, run, site) => {
    run.push({ type: 'sms', to: run.attr(node, 'to') ?? '', text: spokenText(run, node, textFixed(node, site)), tag, path: site.shown, line: site.line });
    return run.after(site);
  };
}

function comparison(kind: 'equal' | 'notEqual'): Handler<'equal' | 'notEqual'> {
  return (node, run, site) => {
    const value = (run.attr(node, 'var') ?? '').trim();
    const expected = run.value(node, node.attributes['expr'] ?? '', `<${kind} expr>`).value.trim();
    const result = kind === 'equal' ? value === expected : value !== expected;
    run.push({ type: kind, value, expected, result, path: site.shown, line: site.line });
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
    run.push({ type: 'amd', answer, path: site.shown, line: site.line });
    run.branch(node, answer);
    const branch = run.childOfKind(node, answer);
    return branch ? run.firstIn(run.site(branch)) : run.after(site);
  },

  play(node, run, site) {
    const f = (site.fixed as PlayFixed | undefined) ?? (site.fixed = { voice: fixedAttr(node, 'voice'), playType: fixedAttr(node, 'type'), text: fixedLine(node) } satisfies PlayFixed);
    const voice = f.voice === null ? run.attr(node, 'voice') : f.voice;
    const playType = (f.playType === null ? run.attr(node, 'type') : f.playType) ?? 'tts';
    const text = spokenText(run, node, f);
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
    run.push({ type: 'transfer', numbers, outcome, mode: run.attr(node, 'mode') ?? 'ringall', continueAfter, ...(answeredBy ? { answeredBy } : {}), path: site.shown, line: site.line });
    return outcome === 'answered' && !continueAfter ? run.end('transfer') : run.after(site);
  },

  goto(node, run, site) {
    const f = (site.fixed as GotoFixed | undefined) ?? (site.fixed = { target: writtenText(node).includes('${') ? null : writtenText(node), to: undefined } satisfies GotoFixed);
    const target = f.target ?? run.text(node);
    if (target === '') throw new SimulationFailure('<goto> names no target', node);
    let toSite = f.target === null ? undefined : f.to;
    if (toSite === undefined) {
      toSite = run.site(run.jump(node, target, 'goto'));
      if (f.target !== null) f.to = toSite;
    }
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
    run.push({ type: 'record', url, background, ...(name ? { name } : {}), ...(varname ? { varname } : {}), path: site.shown, line: site.line });
    // A caller may end a voicemail by hanging up: a "hangup" next in the script is taken here.
    if (!background && run.takeHangup()) return run.callerHangup(node, 'script');
    return run.after(site);
  },

  setvar(node, run, site) {
    const { name, value, evaluated } = nameAndValue(run, node, site);
    run.vars.set(name, value);
    run.push({ type: 'setvar', name, value, evaluated, path: site.shown, line: site.line });
    return run.after(site);
  },

  stash(node, run, site) {
    const { name, value } = nameAndValue(run, node, site);
    run.stashed.set(name, value);
    run.push({ type: 'stash', name, value, path: site.shown, line: site.line });
    return run.after(site);
  },

  if(node, run, site) {
    const f = (site.fixed as IfFixed | undefined) ?? (site.fixed = { expr: fixedAttr(node, 'expr'), raw: node.attributes['expr'] ?? '', otherwise: undefined } satisfies IfFixed);
    const expr = f.expr === null ? run.attr(node, 'expr') : f.expr;
    if (expr === undefined) throw new SimulationFailure('<if> needs an expr attribute', node);
    const result = run.truth(node, f.raw, '<if expr>');
    run.push({ type: 'if', expr, result, path: site.shown, line: site.line });
    run.branch(node, result ? 'then' : 'else');
    if (result) return run.firstIn(site);
    if (f.otherwise === undefined) {
      const otherwise = run.childOfKind(node, 'else');
      f.otherwise = otherwise ? run.site(otherwise) : null;
    }
    return f.otherwise ? run.firstIn(f.otherwise) : run.after(site);
  },

  equal: comparison('equal'),
  notEqual: comparison('notEqual'),
  get: http('get'),
  post: http('post'),
  sms: message('sms'),
  text: message('text'),

  dnc(node, run, site) {
    run.push({ type: 'dnc', number: run.text(node), path: site.shown, line: site.line });
    return run.after(site);
  },

  wait(node, run, site) {
    const text = run.text(node);
    const seconds = Number(text);
    if (!Number.isFinite(seconds) || seconds < 0) throw new SimulationFailure(`<wait> needs a number of seconds, got ${JSON.stringify(text)}`, node);
    run.clock += seconds * 1000;
    run.push({ type: 'wait', seconds, path: site.shown, line: site.line });
    return run.after(site);
  },

  gotoXML(node, run, site) {
    // Another document would take over the call; the simulator does not fetch it.
    const url = run.text(node);
    run.push({ type: 'gotoXML', url, path: site.shown, line: site.line });
    run.warn(node, 'other-document', 'the call continues in another document (gotoXML), which is not simulated', { url });
    return run.end('end');
  },

  dtmf(node, run, site) {
    run.push({ type: 'dtmf', digits: run.text(node), path: site.shown, line: site.line });
    return run.after(site);
  },

  analytics(node, run, site) {
    const attributes: Record<string, string> = {};
    for (const key of Object.keys(node.attributes)) attributes[key] = run.attr(node, key) ?? '';
    run.push({ type: 'analytics', attributes, path: site.shown, line: site.line });
    return run.after(site);
  },

  gtalk(node, run, site) {
    // username and password stay out of the trace: traces are printed and stored.
    run.push({ type: 'gtalk', to: run.attr(node, 'to') ?? '', text: spokenText(run, node, textFixed(node, site)), path: site.shown, line: site.line });
    return run.after(site);
  },
};
