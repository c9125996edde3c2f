/**
 * Holds schemas/dialplan.xsd and the catalog together: for every tag, the XSD (read with
 * XPath) must declare the same attributes, required attributes, enumerations, text content
 * and children as CATALOG; and instances generated from the catalog must pass or fail the
 * schema as the catalog says.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Libxml from 'libxmljs2';
import { describe, expect, it } from 'vitest';
import {
  ACTION_TAGS,
  TAG_NAMES,
  tagSpec,
  type AttributeSpec,
  type ContentKind,
  type TagName,
  type TagSpec,
  type ValueType,
} from '../../src/language/catalog.js';
import { validate } from '../../src/validate/validate.js';
import { dialplanSchemaPath } from '../../src/validate/xsd/schema-path.js';

const libxml = createRequire(import.meta.url)('libxmljs2') as typeof Libxml;
const NS = { xs: 'http://www.w3.org/2001/XMLSchema' };
const xsd = libxml.parseXml(readFileSync(dialplanSchemaPath(), 'utf8'));

const find = (xpath: string, node: Libxml.Document | Libxml.Element = xsd) => node.find(xpath, NS) as Libxml.Element[];
const one = (xpath: string, node: Libxml.Document | Libxml.Element = xsd) => {
  const found = find(xpath, node);
  expect(found, xpath).toHaveLength(1);
  return found[0]!;
};
const attr = (el: Libxml.Element, name: string) => el.attr(name)?.value();

/** The simple type the XSD uses for each attribute value type (enumerations have their own). */
const ATTRIBUTE_TYPES: Record<Exclude<ValueType, 'enum'>, string> = {
  string: 'xs:string',
  name: 'Name',
  varname: 'VarName',
  boolean: 'Boolean',
  integer: 'WholeNumber',
  expression: 'Expression',
  phone: 'Phone',
  tagref: 'TagRef',
  keypattern: 'KeyPattern',
  url: 'Url',
};

/** The simple type of each kind of text content (blank allowed or not). */
function contentType(kind: Exclude<ContentKind, 'children'>, required: boolean): string {
  const types: Record<Exclude<ContentKind, 'children'>, string> = {
    empty: 'Empty',
    text: required ? 'NonBlankText' : 'xs:string',
    value: required ? 'NonBlankText' : 'xs:string',
    integer: 'WholeNumber',
    phones: 'PhoneList',
    phone: 'Phone',
    url: 'Url',
    tagref: 'TagRef',
    sound: 'Sound',
    digits: 'Digits',
  };
  return types[kind];
}

function enumValues(typeName: string): string[] {
  return find(`/xs:schema/xs:simpleType[@name='${typeName}']/xs:restriction/xs:enumeration`).map((e) => attr(e, 'value')!);
}

function elementDecl(tag: string): Libxml.Element {
  return one(`//xs:element[@name='${tag}']`);
}

function complexTypeOf(tag: string): Libxml.Element {
  return one(`/xs:schema/xs:complexType[@name='${attr(elementDecl(tag), 'type')}']`);
}

/** Child element names a complex type allows, following group references. */
function childNames(ct: Libxml.Element): string[] {
  const names = find('.//xs:element', ct).map((e) => attr(e, 'name')!);
  for (const ref of find('.//xs:group[@ref]', ct)) {
    const group = one(`/xs:schema/xs:group[@name='${attr(ref, 'ref')}']`);
    names.push(...find('.//xs:element', group).map((e) => attr(e, 'name')!));
  }
  return names;
}

/** The children model a complex type expresses, in the catalog's terms. */
function childrenModel(ct: Libxml.Element): string {
  const model = ct.child(0) === null ? [] : find('./xs:all | ./xs:sequence | ./xs:choice | ./xs:group', ct);
  expect(model).toHaveLength(1);
  const m = model[0]!;
  const unbounded = (e: Libxml.Element) => attr(e, 'minOccurs') === '0' && attr(e, 'maxOccurs') === 'unbounded';
  switch (m.name()) {
    case 'all':
      return find('./xs:element', m).every((e) => attr(e, 'minOccurs') === undefined) ? 'each-once' : 'all (optional)';
    case 'sequence': {
      const parts = find('./*', m);
      const last = parts.at(-1)!;
      return parts.length === 2 && unbounded(parts[0]!) && last.name() === 'element' && attr(last, 'name') === 'else' && attr(last, 'minOccurs') === '0'
        ? 'else-last'
        : 'sequence';
    }
    default:
      return unbounded(m) ? 'any' : 'bounded';
  }
}

describe('schemas/dialplan.xsd matches the catalog', () => {
  it('declares exactly the catalog tags, each once, with only <dialplan> global', () => {
    const declared = find('//xs:element').map((e) => attr(e, 'name')!);
    expect([...declared].sort()).toEqual([...TAG_NAMES].sort());
    expect(find('/xs:schema/xs:element').map((e) => attr(e, 'name'))).toEqual(['dialplan']);
    expect(xsd.root()!.attr('targetNamespace')).toBeNull();
  });

  it('has no target namespace and no wildcards (unknown tags and attributes are errors)', () => {
    expect(find('//xs:any | //xs:anyAttribute')).toHaveLength(0);
  });

  describe.each(TAG_NAMES)('<%s>', (tag) => {
    const spec: TagSpec = tagSpec(tag);
    const ct = complexTypeOf(tag);
    const attributes = find('.//xs:attribute', ct);
    const specAttrs = Object.entries(spec.attributes) as [string, AttributeSpec][];

    it('has the same attributes, with the same required ones', () => {
      expect(attributes.map((a) => attr(a, 'name')).sort()).toEqual(specAttrs.map(([n]) => n).sort());
      const required = attributes.filter((a) => attr(a, 'use') === 'required').map((a) => attr(a, 'name'));
      expect(required.sort()).toEqual(specAttrs.filter(([, a]) => a.required).map(([n]) => n).sort());
    });

    it.each(specAttrs)('attribute %s has the catalog type and values', (name, a) => {
      const decl = attributes.find((x) => attr(x, 'name') === name)!;
      const type = attr(decl, 'type')!;
      if (a.type === 'enum') expect(enumValues(type)).toEqual([...a.values!]);
      else expect(type).toBe(ATTRIBUTE_TYPES[a.type]);
      if (a.type === 'boolean') expect(enumValues(type)).toEqual(['true', 'false']);
      const doc = find('./xs:annotation/xs:documentation', decl)[0]?.text() ?? '';
      expect(doc).toContain(a.description);
      expect(doc.startsWith('[Undocumented]')).toBe(!a.documented);
    });

    it('has the catalog content and children', () => {
      if (spec.content === 'children') {
        expect(find('./xs:simpleContent', ct)).toHaveLength(0);
        expect(ct.attr('mixed')?.value() ?? 'false').toBe('false');
        expect([...new Set(childNames(ct))].sort()).toEqual([...spec.children!].sort());
        expect(childrenModel(ct)).toBe(spec.childrenModel);
      } else {
        const base = one('./xs:simpleContent/xs:extension', ct);
        expect(attr(base, 'base')).toBe(contentType(spec.content, spec.contentRequired ?? false));
      }
    });

    it('is annotated with the catalog description, marked when undocumented', () => {
      const doc = one('./xs:annotation/xs:documentation', elementDecl(tag)).text();
      expect(doc).toContain(spec.description);
      expect(doc.startsWith('[Undocumented]')).toBe(!spec.documented);
    });
  });

  it('puts every action tag in the action group', () => {
    const group = one("/xs:schema/xs:group[@name='action']");
    expect(find('.//xs:element', group).map((e) => attr(e, 'name'))).toEqual([...ACTION_TAGS]);
  });
});

// ---------------------------------------------------------------------------------------
// Instances generated from the catalog.

const GOOD_VALUE: Record<ValueType, (a: AttributeSpec) => string> = {
  string: () => 'some text',
  name: () => 'step_1',
  varname: () => 'answer_${n}',
  boolean: () => 'false',
  integer: () => '25',
  enum: (a) => a.values!.at(-1)!,
  expression: () => "'${call.lastinput}' == '1'",
  phone: () => '${call.callerid}',
  tagref: () => 'step_1',
  keypattern: () => '1-3',
  url: () => 'https://example.com/hook?id=${call.id}',
};

/** A wrong value of each type, where the type has one. */
const BAD_VALUE: Partial<Record<ValueType, string>> = {
  boolean: 'yes',
  integer: 'ten',
  enum: 'bogus',
  keypattern: 'one',
  phone: 'call me',
  varname: 'two words',
  url: 'ftp://example.com/x',
  name: '  ',
  tagref: ' ',
  expression: '',
};

const GOOD_CONTENT: Record<Exclude<ContentKind, 'children'>, string> = {
  empty: '',
  text: 'Hello ${contact.firstName}',
  value: '${Counter}+1',
  integer: '\n  4\n',
  phones: '\n  12132228559,\n  2135551212x${call.lastinput}\n',
  phone: '+1 (213) 555-1212',
  url: '\n  https://example.com/a?b=1\n  &amp;\n  c=${call.id}\n',
  tagref: '\n  step_1\n',
  sound: 'Press 1 for sales.',
  digits: '123#',
};

const BAD_CONTENT: Partial<Record<Exclude<ContentKind, 'children'>, string>> = {
  empty: 'text',
  integer: '4s',
  phones: 'sales desk',
  phone: 'nobody',
  url: 'example.com',
  digits: 'hello',
};

const escapeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function attrText(attrs: Record<string, string>): string {
  return Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
}

/** The attributes a tag needs, with good values. */
function requiredAttrs(tag: TagName): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [n, a] of Object.entries(tagSpec(tag).attributes) as [string, AttributeSpec][]) if (a.required) out[n] = GOOD_VALUE[a.type](a);
  return out;
}

/** A minimal valid element for `tag`, with `attrs` and `inner` (or a minimal body). */
function element(tag: TagName, attrs: Record<string, string> = requiredAttrs(tag), inner?: string): string {
  const spec = tagSpec(tag);
  let body = inner;
  if (body === undefined) {
    if (spec.content === 'children') body = spec.childrenModel === 'each-once' ? `${element('live')}${element('machine')}` : '';
    else body = GOOD_CONTENT[spec.content];
  }
  return `<${tag}${attrText(attrs)}>${body}</${tag}>`;
}

/** A whole dialplan holding `inner` where `tag` may stand, and the path of that spot. */
function host(tag: TagName, inner: string): { xml: string; path: string } {
  if (tag === 'dialplan') return { xml: inner, path: '/dialplan' };
  if (tag === 'keypress') return { xml: `<dialplan><menu>${inner}</menu></dialplan>`, path: `/dialplan/menu[1]/keypress[1]` };
  if (tag === 'else') return { xml: `<dialplan><if expr="true">${inner}</if></dialplan>`, path: `/dialplan/if[1]/else[1]` };
  if (tag === 'live') return { xml: `<dialplan><amd>${inner}${element('machine')}</amd></dialplan>`, path: `/dialplan/amd[1]/live[1]` };
  if (tag === 'machine') return { xml: `<dialplan><amd>${element('live')}${inner}</amd></dialplan>`, path: `/dialplan/amd[1]/machine[1]` };
  return { xml: `<dialplan>${inner}</dialplan>`, path: `/dialplan/${tag}[1]` };
}

function expectSchemaError(xml: string, path: string): void {
  const r = validate(xml);
  expect(r.ok, xml).toBe(false);
  expect(r.diagnostics.map((d) => [d.rule, d.path]), xml).toContainEqual(['schema', path]);
}

describe('generated instances', () => {
  describe.each(TAG_NAMES)('<%s>', (tag) => {
    const spec: TagSpec = tagSpec(tag);
    const specAttrs = Object.entries(spec.attributes) as [string, AttributeSpec][];

    it('is valid with its required attributes', () => {
      const { xml } = host(tag, element(tag));
      expect(validate(xml), xml).toEqual({ ok: true, diagnostics: [] });
    });

    it('is valid with every attribute set', () => {
      const all = Object.fromEntries(specAttrs.map(([n, a]) => [n, GOOD_VALUE[a.type](a)]));
      const { xml } = host(tag, element(tag, all));
      expect(validate(xml), xml).toEqual({ ok: true, diagnostics: [] });
    });

    it('rejects an unknown attribute', () => {
      const { xml, path } = host(tag, element(tag, { ...requiredAttrs(tag), bogus: '1' }));
      expectSchemaError(xml, path);
    });

    const required = specAttrs.filter(([, a]) => a.required);
    if (required.length > 0) {
      it.each(required)('requires %s', (name) => {
        const attrs = requiredAttrs(tag);
        delete attrs[name];
        const { xml, path } = host(tag, element(tag, attrs));
        expectSchemaError(xml, path);
      });
    }

    const checked = specAttrs.filter(([, a]) => BAD_VALUE[a.type] !== undefined);
    if (checked.length > 0) {
      it.each(checked)('rejects a bad %s value', (name, a) => {
        const { xml, path } = host(tag, element(tag, { ...requiredAttrs(tag), [name]: BAD_VALUE[a.type]! }));
        expectSchemaError(xml, path);
      });
    }

    if (spec.content === 'children') {
      it('rejects an unknown child tag and stray text', () => {
        const body = spec.childrenModel === 'each-once' ? `${element('live')}${element('machine')}` : '';
        const unknown = host(tag, element(tag, requiredAttrs(tag), `${body}<bogus/>`));
        expectSchemaError(unknown.xml, `${unknown.path}/bogus[1]`);
        const text = host(tag, element(tag, requiredAttrs(tag), `${body}hello`));
        expectSchemaError(text.xml, text.path);
      });
    } else {
      it('rejects a child tag', () => {
        const { xml, path } = host(tag, element(tag, requiredAttrs(tag), '<hangup/>'));
        expectSchemaError(xml, path);
      });
      const bad = BAD_CONTENT[spec.content];
      if (bad !== undefined) {
        it(`rejects the content ${JSON.stringify(bad)}`, () => {
          const { xml, path } = host(tag, element(tag, requiredAttrs(tag), bad));
          expectSchemaError(xml, path);
        });
      }
      if (spec.contentRequired) {
        it('rejects blank content', () => {
          const { xml, path } = host(tag, element(tag, requiredAttrs(tag), ' \n '));
          expectSchemaError(xml, path);
        });
      } else if (spec.content !== 'empty') {
        it('accepts blank content', () => {
          const { xml } = host(tag, element(tag, requiredAttrs(tag), ''));
          expect(validate(xml).ok, xml).toBe(true);
        });
      }
    }

    // Where the tag may not stand: everything but the root belongs somewhere specific.
    if (tag !== 'dialplan') {
      const homes = TAG_NAMES.filter((t) => (tagSpec(t).children ?? []).includes(tag));
      const foreign = TAG_NAMES.filter((t) => tagSpec(t).content === 'children' && !homes.includes(t));
      it.each(foreign)('is refused inside <%s>', (parent) => {
        const inner = element(tag);
        const siblings = parent === 'amd' ? `${element('live')}${element('machine')}` : '';
        const { xml, path } = host(parent, element(parent, requiredAttrs(parent), `${siblings}${inner}`));
        expectSchemaError(xml, `${path}/${tag}[1]`);
      });
    }
  });
});
