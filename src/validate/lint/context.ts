/**
 * Builds the {@link RuleContext} once per lint run: paths, parents, names, variables.
 *
 * @module
 */
import type { AnyElement, DocumentNode } from '../../ast/nodes.js';
import { elementName, textOf } from '../../ast/nodes.js';
import { walk, type Visit } from '../../ast/visit.js';
import { isTagName, tagSpec } from '../../language/catalog.js';
import { parseKeyPattern } from '../../language/key-pattern.js';
import { DynamicNameSet, dynamicNamePattern, scanVariables } from '../../language/variable-refs.js';
import type { VariableScan } from '../../language/variable-refs.js';
import type { RuleContext, VariableSource } from './types.js';

const SETTERS = new Set(['setvar', 'record', 'get', 'post']);

const NO_REFERENCES: VariableScan = Object.freeze({ refs: Object.freeze([]), unclosed: Object.freeze([]) });
const NONE: readonly AnyElement[] = Object.freeze([]);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Collects the facts rules share and the helpers they read attributes with. */
export function createContext(document: DocumentNode): RuleContext {
  const elements: Visit[] = [];
  // one visit per element (path written when a finding asks for it) and the elements by tag:
  // rules about one tag read its list instead of walking the whole plan again
  const visits = new Map<AnyElement, Visit>();
  const byTag = new Map<string, AnyElement[]>();
  const names = new Map<string, AnyElement[]>();
  const gotoTargets = new Set<string>();
  const variablesSet = new Map<string, VariableSource[]>();
  const dynamicVariableNames: string[] = [];
  const stashed = new Map<string, AnyElement[]>();
  const scans = new Map<string, VariableScan>();
  // names built from `${…}` are matched through an index: many of them against many names must not try every pair
  let dynamicTargets: DynamicNameSet | undefined;
  let dynamicVariables: DynamicNameSet | undefined;

  // several rules scan the same strings; scan each distinct string once per run (most hold no
  // reference at all: they share one empty answer and take no room in the cache)
  const variableScan = (s: string): VariableScan => {
    if (!s.includes('${')) return NO_REFERENCES;
    let scan = scans.get(s);
    if (!scan) scans.set(s, (scan = scanVariables(s)));
    return scan;
  };

  const attr = (node: AnyElement, name: string): string | undefined =>
    Object.hasOwn(node.attributes, name) ? node.attributes[name] : undefined;

  for (const v of walk(document)) {
    elements.push(v);
    visits.set(v.node, v);
    const tag = elementName(v.node);
    push(byTag, tag, v.node);
    const name = attr(v.node, 'name')?.trim();
    if (name) push(names, name, v.node);
    if (tag === 'goto') gotoTargets.add(textOf(v.node));
    if (tag === 'catch') {
      const g = attr(v.node, 'goto')?.trim();
      if (g) gotoTargets.add(g);
    }
    const varname = attr(v.node, 'varname')?.trim();
    if (varname) {
      if (SETTERS.has(tag)) {
        if (varname.includes('${')) dynamicVariableNames.push(varname);
        else push(variablesSet, varname, { node: v.node, via: tag as VariableSource['via'] });
      } else if (tag === 'stash' && !varname.includes('${')) {
        push(stashed, varname, v.node);
      }
    }
  }

  return {
    document,
    elements,
    pathOf: (node) => visits.get(node)?.path ?? '/',
    parentOf: (node) => visits.get(node)?.parent,
    ofTag: (tag) => byTag.get(tag) ?? NONE,
    names,
    gotoTargets,
    isGotoTarget(name) {
      if (gotoTargets.has(name)) return true;
      dynamicTargets ??= new DynamicNameSet([...gotoTargets].filter((t) => t.includes('${')));
      return dynamicTargets.fits(name);
    },
    variablesSet,
    dynamicVariablesSet: dynamicVariableNames.map(dynamicNamePattern),
    fitsDynamicVariable(name) {
      dynamicVariables ??= new DynamicNameSet(dynamicVariableNames);
      return dynamicVariables.fits(name);
    },
    stashed,
    attr,
    intAttr(node, name) {
      const v = attr(node, name)?.trim();
      return v !== undefined && /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
    },
    boolAttr(node, name) {
      const v = attr(node, name)?.trim();
      if (v !== undefined) return v === 'true';
      const tag = elementName(node);
      const def = isTagName(tag) ? tagSpec(tag).attributes[name]?.default : undefined;
      return def === 'true';
    },
    text: (node) => textOf(node),
    keyPattern: parseKeyPattern,
    variableScan,
    variableRefs: (s) => variableScan(s).refs,
  };
}
