/**
 * Reading SOAP messages from parties not trusted (requests in the sandbox, responses in the
 * client) with libxml2, and the namespaces both sides use.
 *
 * @module
 */
import type * as Libxml from 'libxmljs2';
import { libxmlModule, SAFE_PARSE_OPTIONS } from '../validate/xsd/libxml.js';
import { doctypeOffset } from '../validate/xsd/unsafe-input.js';

/** The SOAP 1.2 envelope namespace. */
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
/** SOAP 1.1's envelope namespace: only ever met to be told apart. */
export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** CallFire's service (request) namespace. */
export const SVC_NS = 'http://api.callfire.com/service/xsd';
/** CallFire's data (resource) namespace. */
export const DATA_NS = 'http://api.callfire.com/data';

/**
 * The dialplan parser's safe options. Blank text is kept: with `noblanks` libxml2 drops the
 * white space around a CDATA section, and the DialplanXml the sandbox stores, validates and
 * reports line numbers for would no longer be the one sent. Never `huge`: that turns off
 * libxml2's guards on entity expansion, on the size of one text and on the depth of a tree.
 */
const ENVELOPE_PARSE_OPTIONS = { ...SAFE_PARSE_OPTIONS, noblanks: false } as const;

/**
 * Parses a SOAP message from a party not trusted: a DOCTYPE is refused before libxml2 sees
 * the text (SOAP 1.2 forbids one in a message, and the libxml2 2.9.9 inside libxmljs2 is too
 * old to trust with entity declarations), then libxml2 reads it with the safe options.
 * Throws an Error saying what is wrong.
 */
export function parseUntrustedEnvelope(xml: string): Libxml.Document {
  if (doctypeOffset(xml) !== -1) throw new Error('a SOAP message must not contain a DOCTYPE (entity declarations are refused)');
  // nonet + no entity substitution: a message can make us read nothing.
  return libxmlModule().parseXml(xml, ENVELOPE_PARSE_OPTIONS);
}
