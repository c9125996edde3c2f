/**
 * libxml2 (through libxmljs2) loaded lazily, with the dialplan XSD read once per process.
 *
 * The native module is required on first use only, so importing the package (the builder,
 * the compiler) never pays for it.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Libxml from 'libxmljs2';
import { dialplanSchemaPath } from './schema-path.js';

/** The libxmljs2 module. */
export type LibxmlModule = typeof Libxml;
/** A parsed libxml2 document. */
export type LibxmlDocument = Libxml.Document;

/**
 * Parser options for untrusted dialplans: no entity substitution, no DTD loading or
 * validation, no network, no XInclude; line numbers past 65535 kept exact.
 *
 * `noblanks` and `compact` make the tree libxml2 builds smaller (white space between tags
 * is dropped, short texts stored inline), which roughly halves parse time through
 * libxmljs2's memory-accounting allocator. Validation is unchanged: libxml2 keeps white
 * space inside leaf tags and next to text, and the schema's leaf types collapse white
 * space anyway.
 */
export const SAFE_PARSE_OPTIONS = {
  noent: false,
  dtdload: false,
  dtdattr: false,
  dtdvalid: false,
  nonet: true,
  xinclude: false,
  huge: false,
  big_lines: true,
  noblanks: true,
  compact: true,
} as const;

let libxml: LibxmlModule | undefined;
let schema: LibxmlDocument | undefined;

/** The libxmljs2 module, loaded on first call. */
export function libxmlModule(): LibxmlModule {
  libxml ??= createRequire(import.meta.url)('libxmljs2') as LibxmlModule;
  return libxml;
}

/**
 * The dialplan XSD as a libxml2 document, read and parsed once per process.
 * libxmljs2 compiles the schema from this document inside each `validate()` call (it has no
 * API to keep a compiled `xmlSchema`); with a schema this size that costs about a millisecond.
 */
export function dialplanSchema(): LibxmlDocument {
  if (schema === undefined) {
    const text = readFileSync(dialplanSchemaPath(), 'utf8');
    schema = libxmlModule().parseXml(text, { ...SAFE_PARSE_OPTIONS, baseUrl: dialplanSchemaPath() });
  }
  return schema;
}
