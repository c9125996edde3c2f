/**
 * Builds the {@link RuleContext} of a lint run over the document's one index
 * (`ast/plan-index.ts`): paths, parents, names and variables come from there; what is kept
 * here is per run (the scans of strings, the answers about dynamic names).
 *
 * @module
 */
import type { AnyElement, DocumentNode } from '../../ast/nodes.js';
import { elementName, textOf } from '../../ast/nodes.js';
import { indexPlan } from '../../ast/plan-index.js';
import { isTagName, tagSpec } from '../../language/catalog.js';
import { parseKeyPattern, type PressedPattern } from '../../language/key-pattern.js';
import { DynamicNameSet, scanVariables } from '../../language/variable-refs.js';
import type { VariableScan } from '../../language/variable-refs.js';
import type { RuleContext } from './types.js';

const NO_REFERENCES: VariableScan = Object.freeze({ refs: Object.freeze([]), unclosed: Object.freeze([]) });

/** Collects the facts rules share and the helpers they read attributes with. */
export function createContext(document: DocumentNode): RuleContext {
  const index = indexPlan(document);
  const scans = new Map<string, VariableScan>();
  const patterns = new Map<string, PressedPattern>();
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

  return {
    document,
    index,
    elements: index.all,
    pathOf: (node) => index.pathOf(node),
    parentOf: (node) => index.parentOf(node),
    ofTag: (tag) => index.ofTag(tag),
    get names() {
      return index.names;
    },
    get gotoTargets() {
      return index.gotoTargets;
    },
    isGotoTarget(name) {
      if (index.gotoTargets.has(name)) return true;
      dynamicTargets ??= new DynamicNameSet(index.dynamicGotoTargets);
      return dynamicTargets.fits(name);
    },
    get variablesSet() {
      return index.variablesSet;
    },
    get dynamicVariableNames() {
      return index.dynamicVariableNames;
    },
    fitsDynamicVariable(name) {
      dynamicVariables ??= new DynamicNameSet(index.dynamicVariableNames);
      return dynamicVariables.fits(name);
    },
    get stashed() {
      return index.stashed;
    },
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
    // menus repeat the same few patterns (1, 2, default…), and four rules read each keypress's
    keyPattern(pressed) {
      let p = patterns.get(pressed);
      if (!p) patterns.set(pressed, (p = parseKeyPattern(pressed)));
      return p;
    },
    variableScan,
    variableRefs: (s) => variableScan(s).refs,
  };
}
