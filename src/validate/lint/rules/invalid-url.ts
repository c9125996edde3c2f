import { elementName } from '../../../ast/nodes.js';
import { isUrl } from '../../../language/values.js';
import { elementsOf } from '../helpers/tagged.js';
import type { Rule } from '../types.js';

/** The tags that may hold a URL (a play only with type="url"). */
const TAGS = ['get', 'post', 'gotoXML', 'play'];

interface Params {
  readonly tag: string;
  readonly url: string;
}

/** get/post/gotoXML targets and played sound URLs that are not http(s) URLs. */
export const invalidUrl: Rule<Params> = {
  name: 'invalid-url',
  severity: 'error',
  description: 'A `<get>`, `<post>`, `<gotoXML>` or `<play type="url">` value is not an http(s) URL or a variable.',
  docs: {
    details:
      'CallFire fetches these values over HTTP: they must start with `http://` or `https://` and a host, or with a ' +
      '`${…}` variable holding the URL (such as a `<record varname>` played back). A relative path or a bare host ' +
      'name cannot be fetched.',
    bad: '<get varname="result">www.example.com/check?id=${id}</get>',
    good: '<get varname="result">https://www.example.com/check?id=${id}</get>',
  },
  message: ({ tag, url }) => `<${tag}> "${url.length > 60 ? `${url.slice(0, 57)}...` : url}" is not an http(s) URL.`,
  check(ctx, report) {
    for (const node of elementsOf(ctx, TAGS)) {
      const tag = elementName(node);
      const checked = tag === 'get' || tag === 'post' || tag === 'gotoXML' || (tag === 'play' && ctx.attr(node, 'type')?.trim() === 'url');
      if (!checked) continue;
      const text = ctx.text(node);
      if (text !== '' && !isUrl(text)) report(node, { tag: tag === 'play' ? 'play type="url"' : tag, url: text }, { at: { text: true } });
    }
  },
};
