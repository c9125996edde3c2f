/**
 * Reading a request element of the SOAP service: text and numbers by XPath in the
 * envelope's namespaces, and an element's content as a tree for storing it as sent.
 *
 * @module
 */
import type libxml from 'libxmljs2';
import { DATA_NS, SOAP12_NS, SVC_NS } from '../envelope-xml.js';
import type { ConfigTree } from './store.js';

/** The prefixes the sandbox's XPaths use. */
export const NS = { env: SOAP12_NS, svc: SVC_NS, data: DATA_NS };

/** The text of the first node `xpath` finds under `node`, if any. */
export function text(node: libxml.Element, xpath: string): string | undefined {
  const found = node.get<libxml.Element>(xpath, NS);
  return found ? found.text() : undefined;
}

/** The number at `xpath` (the schema has checked its syntax). */
export function num(node: libxml.Element, xpath: string): number | undefined {
  const t = text(node, xpath);
  return t === undefined ? undefined : Number(t);
}

/**
 * The items of an `xs:list` value (`BUSY NO_ANS`) or of any space-separated text; none when
 * the text is absent or blank.
 */
export function words(value: string | undefined): string[] {
  return (value ?? '').split(/\s+/).filter(Boolean);
}

/** The items of the `xs:list` at `xpath` under `node`. */
export function list(node: libxml.Element, xpath: string): string[] {
  return words(text(node, xpath));
}

/** An element's content as a tree, for storing a broadcast config as it was sent. */
export function treeOf(el: libxml.Element): ConfigTree {
  const out: ConfigTree = {};
  for (const child of el.childNodes()) {
    if (child.type() !== 'element') continue;
    const c = child as libxml.Element;
    const kids = c.childNodes().filter((k) => k.type() === 'element');
    out[c.name()] = kids.length === 0 ? c.text() : treeOf(c);
  }
  return out;
}
