/**
 * The shape limits of `validate/limits.ts` (nesting depth, attributes per tag), checked
 * before libxml2 reads the text: libxml2 compares each attribute of a tag with all the
 * earlier ones, so 100,000 attributes on one tag cost it seconds, and `parse()` must refuse
 * what `validate()` refuses. One pass from `<` to `<`, reading only the markup.
 *
 * @module
 */
import { lineStarts, positionAt } from '../../util/line-starts.js';
import type { Diagnostic } from '../diagnostic.js';
import { attributesMessage, depthMessage, LIMITS } from '../limits.js';

const QUOTE = 0x22;
const APOS = 0x27;

/** Where markup that starts at `i` (a `<!` or `<?`) ends, or -1 when it is never closed. */
function skipDeclaration(xml: string, i: number): number {
  if (xml.startsWith('<!--', i)) {
    const end = xml.indexOf('-->', i + 4);
    return end === -1 ? -1 : end + 3;
  }
  if (xml.startsWith('<![CDATA[', i)) {
    const end = xml.indexOf(']]>', i + 9);
    return end === -1 ? -1 : end + 3;
  }
  if (xml.startsWith('<?', i)) {
    const end = xml.indexOf('?>', i + 2);
    return end === -1 ? -1 : end + 2;
  }
  const end = xml.indexOf('>', i + 2);
  return end === -1 ? -1 : end + 1;
}

/**
 * The `xml-syntax` diagnostic refusing a tag nested deeper than `LIMITS.depth` or carrying
 * more than `LIMITS.attributes` attributes, or undefined when the text stays within both.
 * Malformed text is left to libxml2, which reports it (and reads no further).
 */
export function refuseOverLimits(xml: string): Diagnostic | undefined {
  const n = xml.length;
  let depth = 0;
  for (let i = xml.indexOf('<'); i !== -1; i = xml.indexOf('<', i)) {
    const next = xml.charCodeAt(i + 1);
    if (next === 0x2f /* </ */) {
      depth--;
      i += 2;
      continue;
    }
    if (next === 0x21 /* <! */ || next === 0x3f /* <? */) {
      i = skipDeclaration(xml, i);
      if (i === -1) return undefined;
      continue;
    }
    // a start tag: count the `=` outside quoted values up to its `>`
    let attributes = 0;
    let j = i + 1;
    for (; j < n; j++) {
      const c = xml.charCodeAt(j);
      if (c === QUOTE || c === APOS) {
        j = xml.indexOf(c === QUOTE ? '"' : "'", j + 1);
        if (j === -1) return undefined;
      } else if (c === 0x3d /* = */) attributes++;
      else if (c === 0x3e /* > */) break;
      else if (c === 0x3c /* < */) return undefined;
    }
    if (j >= n) return undefined;
    const selfClosing = xml.charCodeAt(j - 1) === 0x2f;
    if (attributes > LIMITS.attributes) return refuse(xml, i, attributesMessage(tagName(xml, i)));
    // the tag sits one below the open ones, whether it closes itself or not (as parse() counts)
    if (depth + 1 > LIMITS.depth) return refuse(xml, i, depthMessage(tagName(xml, i)));
    if (!selfClosing) depth++;
    i = j + 1;
  }
  return undefined;
}

function tagName(xml: string, at: number): string {
  return /^<([^\s/>]*)/.exec(xml.slice(at, at + 200))?.[1] ?? '';
}

function refuse(xml: string, offset: number, message: string): Diagnostic {
  return { rule: 'xml-syntax', severity: 'error', message, ...positionAt(lineStarts(xml), offset), path: '/' };
}
