/**
 * Validating whole SOAP 1.2 envelopes against a service schema with libxmljs2. A small
 * wrapper schema describes `env:Envelope/env:Body` and requires the Body's one child to be a
 * strictly valid element of the service namespace, so the request element is checked with
 * its namespace declarations in place, wherever the client put them.
 *
 * Used by the sandbox with the project's `schemas/callfire-soap.xsd`, and by a test with
 * CallFire's official `callfire-service.xsd` as an oracle.
 *
 * @module
 */
import type * as Libxml from 'libxmljs2';
import { pathToFileURL } from 'node:url';
import { libxmlModule } from '../../validate/xsd/libxml.js';
import { parseUntrustedEnvelope, SOAP12_NS, SVC_NS } from '../envelope-xml.js';

/** A parsed, checked envelope. */
export interface CheckedEnvelope {
  /** The parsed document, when the XML is well-formed (and has no DOCTYPE). */
  readonly doc?: Libxml.Document;
  /** Syntax and schema errors, `line: message`. */
  readonly errors: readonly string[];
}

/** Checks envelopes against one service schema. */
export type EnvelopeValidator = (xml: string) => CheckedEnvelope;

function wrapper(serviceXsd: string): string {
  return `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${SOAP12_NS}" elementFormDefault="qualified">
  <xs:import namespace="${SVC_NS}" schemaLocation="${pathToFileURL(serviceXsd).href}"/>
  <xs:element name="Envelope"><xs:complexType><xs:sequence>
    <xs:element name="Header" minOccurs="0"><xs:complexType><xs:sequence>
      <xs:any processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence><xs:anyAttribute processContents="lax"/></xs:complexType></xs:element>
    <xs:element name="Body"><xs:complexType><xs:sequence>
      <xs:any namespace="${SVC_NS}" processContents="strict"/>
    </xs:sequence><xs:anyAttribute processContents="lax"/></xs:complexType></xs:element>
  </xs:sequence><xs:anyAttribute processContents="lax"/></xs:complexType></xs:element>
</xs:schema>`;
}

/**
 * Compiles a validator for envelopes whose body is an element of `serviceXsd` (a file path;
 * its imports are read from the same folder). Compile once, call many times.
 *
 * @example
 * ```ts
 * const check = envelopeValidator(schemaPath('callfire-soap.xsd'));
 * check(preview.http!.body).errors; // [] when the SendCall body is valid
 * ```
 */
export function envelopeValidator(serviceXsd: string): EnvelopeValidator {
  const schema = libxmlModule().parseXml(wrapper(serviceXsd), { nonet: true });
  return (xml) => {
    let doc: Libxml.Document;
    try {
      doc = parseUntrustedEnvelope(xml);
    } catch (e) {
      return { errors: [`XML syntax: ${(e as Error).message.trim()}`] };
    }
    if (doc.validate(schema)) return { doc, errors: [] };
    return { doc, errors: doc.validationErrors.map((e) => `${e.line ?? 0}: ${e.message.trim()}`) };
  };
}
