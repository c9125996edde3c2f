import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulate/simulate.js';
import type { Script, SimulationEvent, SimulationResult } from '../../src/simulate/types.js';
import { corpusFiles as files, corpusPresent, readCorpus, said } from '../util.js';

const read = (prefix: string) => readCorpus(files.find((f) => f.startsWith(prefix))!);
const transfers = (r: SimulationResult) => r.events.flatMap((e: SimulationEvent) => (e.type === 'transfer' ? [e.numbers.join(',')] : []));

describe.skipIf(!corpusPresent)('real dialplans', () => {
  const scripts: Script[] = [
    {},
    { answer: 'machine' },
    { keys: ['1', '1', '1'] },
    { keys: ['2', '2', '2'] },
    { keys: ['timeout', 'timeout', 'timeout', 'timeout'] },
    { keys: ['12345#', '3', '1'], transfer: 'no-answer' },
    { keys: ['1', 'hangup'], transfer: 'busy' },
  ];

  it('finds the 45 samples', () => {
    expect(files.length).toBe(45);
  });

  it.each(files)('%s simulates without an error under several scripts', async (file) => {
    const xml = readCorpus(file);
    for (const script of scripts) {
      const r = await simulate(xml, script);
      expect(r.error, `${file} with ${JSON.stringify(script)}`).toBeUndefined();
      expect(['hangup', 'transfer', 'end', 'caller-hangup']).toContain(r.ended);
    }
  });

  it('27 timeout counter: hangs up after the third timeout', async () => {
    const xml = read('27-');
    const r = await simulate(xml, { keys: ['timeout', 'timeout', 'timeout', '1'] });
    expect(said(r).filter((t) => t.startsWith('Oh dear'))).toHaveLength(2);
    expect(said(r).at(-1)).toBe('Too many mistakes. Bye for now!');
    expect(r.variables['Counter']).toBe('3');
    expect(r.ended).toBe('hangup');
    const patient = await simulate(xml, { keys: ['timeout', '1'] });
    expect(said(patient).at(-1)).toBe('Nice job pressing one!');
  });

  it('26 split/join: reads the keyed number back digit by digit', async () => {
    const r = await simulate(read('26-'), { keys: ['2135551234#', '1'] });
    expect(r.variables['ExplodedInput1']).toBe('2 1 3 5 5 5 1 2 3 4');
    expect(said(r)).toContain('You entered a phone number of. 2 1 3 5 5 5 1 2 3 4.');
    expect(said(r).at(-1)).toBe('This is the next play tag.');
    // "any other key" goes back to the prompt inside the first menu (a goto into a nested play)
    const again = await simulate(read('26-'), { keys: ['12#', '9', '34#', '1'] });
    expect(said(again).filter((t) => t.startsWith('You entered'))).toEqual(['You entered a phone number of. 1 2.', 'You entered a phone number of. 3 4.']);
  });

  it('28 transfer by day: the clock picks the agent, weekends go to voicemail', async () => {
    const xml = read('28-');
    const at = async (clock: string) => simulate(xml, { clock });
    expect(transfers(await at('2026-01-05T15:00:00Z'))).toEqual(['5552221111']); // Monday
    expect(transfers(await at('2026-01-06T15:00:00Z'))).toEqual(['5552221112']); // Tuesday
    expect(transfers(await at('2026-01-09T20:00:00Z'))).toEqual(['5552221115']); // Friday
    const early = await at('2026-01-05T09:00:00Z');
    expect(transfers(early)).toEqual([]);
    expect(said(early)[0]).toBe('Sorry, no one is available at this time.');
    const weekend = await at('2026-01-10T15:00:00Z'); // Saturday
    expect(transfers(weekend)).toEqual([]);
    expect(said(weekend)).toEqual([
      'The Simpsons are only available Monday through Friday. Please call back during business hours, or stay on the line to leave a message.',
      'Please record your message after the beep, and hang up when finished.',
    ]);
    expect(weekend.variables['custMessage']).toMatch(/record_custMessage/);
  });

  it('21 password: three wrong attempts disconnect, the right one transfers, a preferred caller skips it', async () => {
    const xml = read('21-');
    const wrong = await simulate(xml, { keys: ['11111', '22222', '33333', '12345'] });
    expect(said(wrong).filter((t) => t.startsWith('That is incorrect'))).toHaveLength(3);
    expect(said(wrong)).toContain('You have made 3 failed attempts. This call will now disconnect.');
    expect(wrong.ended).toBe('hangup');
    const right = await simulate(xml, { keys: ['11111', '12345'] });
    expect(transfers(right)).toEqual(['15554441234']);
    expect(right.variables['password']).toBe('12345');
    const preferred = await simulate(xml, { call: { callerid: '15551234567' } });
    expect(said(preferred)).toEqual(['Thank you. Executing transfer.']);
    expect(preferred.ended).toBe('transfer');
  });

  it('19 block area code: hangs up on 323, transfers others', async () => {
    const xml = read('19-');
    const blocked = await simulate(xml, { call: { callerid: '+13235550100' } });
    expect(blocked.variables['areaCode']).toBe('323');
    expect(blocked.ended).toBe('hangup');
    const other = await simulate(xml, { call: { callerid: '+12135550100' } });
    expect(transfers(other)).toEqual(['5551234567']);
  });

  it('07 DNC module: the hangup catch stashes the caller id; pressing 1 adds the caller to DNC', async () => {
    const xml = read('07-');
    const gone = await simulate(xml, { call: { callerid: '15550001234' }, keys: ['hangup'] });
    expect(gone.stashed).toEqual({ callerID: '15550001234' });
    expect(gone.events.some((e) => e.type === 'catch')).toBe(true);
    expect(gone.ended).toBe('caller-hangup');
    const add = await simulate(xml, { call: { callerid: '15550001234' }, keys: ['1', '1', '2135551234#', '1', '2'] });
    expect(add.events.filter((e) => e.type === 'dnc').map((e) => (e as { number: string }).number)).toEqual(['15550001234', '2135551234']);
    expect(add.stashed).toMatchObject({ callerID: '15550001234', stashDNC1: '2135551234' });
    expect(said(add).some((t) => t.startsWith('You entered 2 1 3 5 5 5 1 2 3 4.'))).toBe(true);
    expect(add.ended).toBe('hangup');
  });

  it('20 nested variables: ${choice${num}} reads the chosen variable', async () => {
    const r = await simulate(read('20-'), { keys: ['2', '1'] });
    expect(r.stashed).toEqual({ Selection: 'Otto Mann' });
    expect(said(r).at(-1)).toMatch(/arrest Otto Mann/);
    expect(r.warnings).toEqual([]);
  });
});
