import { describe, expect, it } from 'vitest';
import { parseNumbers } from '../../src/broadcast/numbers.js';

describe('parseNumbers', () => {
  it('refuses a value that is not text with a TypeError naming itself (it was "text.charCodeAt is not a function")', () => {
    expect(() => parseNumbers(42 as unknown as string)).toThrow(new TypeError('parseNumbers() takes the text of a numbers file (one number a line, or CSV); got a number'));
    expect(() => parseNumbers(undefined as unknown as string)).toThrow(/^parseNumbers\(\) takes .*; got undefined$/);
  });

  it('reads one number per line, skipping blanks and comments, removing punctuation', () => {
    expect(parseNumbers('\uFEFF# list\n13105551212\r\n\n(310) 555-1213\n+1 310.555.1214\n')).toEqual({
      numbers: ['13105551212', '3105551213', '+13105551214'],
      problems: [],
    });
  });

  it('reads number,ClientData lines without a header', () => {
    expect(parseNumbers('13105551212,first\n13105551213\n').numbers).toEqual([{ Value: '13105551212', ClientData: 'first' }, '13105551213']);
  });

  it('reads CSV with a header: number column anywhere, ClientData, contact fields, quotes', () => {
    const csv = 'firstName,Phone,ClientData,city\n"Smith, Ann",13105551212,c-1,"Los ""LA"" Angeles"\nBob,13105551213,,\n';
    expect(parseNumbers(csv).numbers).toEqual([
      { Value: '13105551212', ClientData: 'c-1', Attributes: { firstName: 'Smith, Ann', city: 'Los "LA" Angeles' } },
      { Value: '13105551213', Attributes: { firstName: 'Bob' } },
    ]);
  });

  it('takes tab- and semicolon-separated files', () => {
    expect(parseNumbers('number\tClientData\n13105551212\tx\n').numbers).toEqual([{ Value: '13105551212', ClientData: 'x' }]);
    expect(parseNumbers('number;ClientData\n13105551212;y\n').numbers).toEqual([{ Value: '13105551212', ClientData: 'y' }]);
  });

  it('reports bad lines with their line number and keeps the rest', () => {
    const { numbers, problems } = parseNumbers('number\n13105551212\ncall me\n\n13105551213\n');
    expect(numbers).toEqual(['13105551212', '13105551213']);
    expect(problems).toEqual([{ rule: 'numbers-file', severity: 'error', line: 3, column: 1, path: '', message: expect.stringMatching(/"call me" is not a phone number/), data: { value: 'call me' } }]);
  });

  // How fast: bench/send.ts measures it.
  it('reads 100,000 lines', () => {
    const text = Array.from({ length: 100_000 }, (_, i) => String(13100000000 + i)).join('\n');
    const { numbers, problems } = parseNumbers(text);
    expect(numbers).toHaveLength(100_000);
    expect(numbers[99_999]).toBe('13100099999');
    expect(problems).toEqual([]);
  });
});
