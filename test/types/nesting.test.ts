/**
 * Type tests: wrong nesting and wrong values must not compile. The `@ts-expect-error` lines
 * are checked by `tsc --noEmit` (part of `npm test`): if one of them compiled, tsc would
 * report the unused directive. They sit in functions that never run, since several would
 * throw at run time.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  call,
  dialplan,
  type ActionsBuilder,
  type AmdBuilder,
  type BlockBuilder,
  type DialplanBuilder,
  type KeyPattern,
  type MenuBuilder,
  type MusicOnHold,
  type Plan,
  type TagName,
  type TagOptions,
  type TransferMode,
  type Voice,
} from '../../src/index.js';
import type { ACTION_TAGS, CATALOG } from '../../src/entries/catalog.js';

/** Never called: its body is only type-checked. */
const typeOnly = (_body: () => void) => undefined;

describe('wrong nesting does not compile', () => {
  it('keypress exists only inside a menu', () => {
    typeOnly(() => {
      // @ts-expect-error keypress outside menu
      dialplan().keypress('1', (k) => k);
      // @ts-expect-error keypress inside a keypress (a block, not a menu)
      dialplan().menu((m) => m.keypress('1', (k) => k.keypress('2', (k2) => k2)));
      // @ts-expect-error keypress inside an if branch
      dialplan().if('1', (t) => t.keypress('1', (k) => k));
    });
    expectTypeOf<MenuBuilder>().toHaveProperty('keypress');
    expectTypeOf<DialplanBuilder>().not.toHaveProperty('keypress');
    expectTypeOf<BlockBuilder>().not.toHaveProperty('keypress');
  });

  it('live and machine exist only inside amd, each once, both required', () => {
    typeOnly(() => {
      // @ts-expect-error live outside amd
      dialplan().live((l) => l);
      // @ts-expect-error machine outside amd
      dialplan().menu((m) => m.machine((x) => x));
      // @ts-expect-error amd without machine
      dialplan().amd((a) => a.live((l) => l));
      // @ts-expect-error amd without live
      dialplan().amd((a) => a.machine((l) => l));
      // @ts-expect-error amd with nothing
      dialplan().amd((a) => a);
      // @ts-expect-error a second live
      dialplan().amd((a) => a.live((l) => l).live((l) => l).machine((m) => m));
      // @ts-expect-error a second machine
      dialplan().amd((a) => a.machine((l) => l).live((l) => l).machine((m) => m));
    });
    expectTypeOf<DialplanBuilder>().not.toHaveProperty('live');
    expectTypeOf<BlockBuilder>().not.toHaveProperty('machine');
    expectTypeOf(dialplan().amd((a) => a.live((l) => l).machine((m) => m))).toEqualTypeOf<DialplanBuilder>();
    expectTypeOf(dialplan().amd((a) => a.machine((m) => m).live((l) => l))).toEqualTypeOf<DialplanBuilder>();
  });

  it('an AmdBuilder written by name means the builder amd() gives: blocks in its branches, each flag checked', () => {
    // A fragment typed by the user, not inferred from amd(): the public name alone must carry
    // the branch type (a BlockBuilder) and the two flags.
    const both = (a: AmdBuilder) => a.live((l) => l.play('Hello.')).machine((m) => m.play('Call us back.').hangup());
    expectTypeOf(both).returns.toEqualTypeOf<AmdBuilder<true, true>>();
    expectTypeOf(dialplan().amd(both)).toEqualTypeOf<DialplanBuilder>();
    expectTypeOf<Parameters<Parameters<AmdBuilder['live']>[0]>[0]>().toEqualTypeOf<BlockBuilder>();
    expectTypeOf<ReturnType<Parameters<AmdBuilder['machine']>[0]>>().toEqualTypeOf<BlockBuilder>();
    expectTypeOf<AmdBuilder<true, false>>().not.toExtend<AmdBuilder<true, true>>();
    expectTypeOf<AmdBuilder<false, true>>().not.toExtend<AmdBuilder<true, true>>();
    expectTypeOf<AmdBuilder>().not.toExtend<AmdBuilder<true, true>>();
    const liveOnly = (a: AmdBuilder): AmdBuilder<true, false> => a.live((l) => l.hangup());
    typeOnly(() => {
      // @ts-expect-error an AmdBuilder<true, false> is not what amd() wants back
      dialplan().amd(liveOnly);
      // @ts-expect-error a second live on a builder typed by name
      (a: AmdBuilder<true, false>) => a.live((l) => l);
      // @ts-expect-error a second machine likewise
      (a: AmdBuilder<false, true>) => a.machine((m) => m);
      // @ts-expect-error a branch body is a block: no keypress in it
      (a: AmdBuilder) => a.live((l) => l.keypress('1', (k) => k));
      // @ts-expect-error a branch body must return the block it receives, not a dialplan builder
      (a: AmdBuilder) => a.live((l) => l).machine(() => dialplan());
    });
  });

  it('else exists only through if', () => {
    typeOnly(() => {
      // @ts-expect-error no else method anywhere
      dialplan().else((e) => e);
      // @ts-expect-error not inside an if's branch either
      dialplan().if('1', (t) => t.else((e) => e));
    });
    expectTypeOf<DialplanBuilder>().not.toHaveProperty('else');
    expectTypeOf<BlockBuilder>().not.toHaveProperty('else');
  });

  it('a callback must return a builder of its own kind', () => {
    typeOnly(() => {
      // @ts-expect-error returns nothing
      dialplan().menu((m) => { m.play('x'); });
      // @ts-expect-error a keypress body returning the menu builder
      dialplan().menu((m) => m.keypress('1', () => m));
      // @ts-expect-error a block returning a dialplan builder
      dialplan().if('1', () => dialplan());
      // @ts-expect-error a menu returning a block
      dialplan().if('1', (t) => t.menu(() => t));
    });
  });
});

describe('wrong values and options do not compile', () => {
  it('voices, music, transfer modes, play and catch types are the catalog enumerations', () => {
    typeOnly(() => {
      // @ts-expect-error bad voice
      dialplan().play('x', { voice: 'robot' });
      // @ts-expect-error legacy voice spelling: the builder writes the documented ones only
      dialplan().play('x', { voice: 'femaleSpanish' });
      // @ts-expect-error bad mode
      dialplan().transfer('1', { mode: 'parallel' });
      // @ts-expect-error bad music on hold
      dialplan().transfer('1', { musiconhold: 'Silent' });
      // @ts-expect-error bad play type (upper-case URL)
      dialplan().play('x', { type: 'URL' });
      // @ts-expect-error bad catch type
      dialplan().catch({ type: 'error', goto: 'x' }, (c) => c);
    });
    expectTypeOf<Voice>().toEqualTypeOf<'male1' | 'female1' | 'female2' | 'spanish1' | 'frenchcanadian1'>();
    expectTypeOf<TransferMode>().toEqualTypeOf<'ringall' | 'waterfall'>();
    expectTypeOf<'jazz'>().toExtend<MusicOnHold>();
    expectTypeOf<'Silent'>().not.toExtend<MusicOnHold>();
  });

  it('keypress patterns', () => {
    typeOnly(() => {
      dialplan().menu((m) => m
        .keypress('1', (k) => k).keypress('#', (k) => k).keypress('*', (k) => k).keypress('321', (k) => k)
        .keypress('1-5', (k) => k).keypress('300-315', (k) => k).keypress('default', (k) => k).keypress('Timeout', (k) => k));
      // @ts-expect-error bad keypress pattern
      dialplan().menu((m) => m.keypress('one', (k) => k));
      // @ts-expect-error wrong capitalisation
      dialplan().menu((m) => m.keypress('DEFAULT', (k) => k));
      // @ts-expect-error empty pattern
      dialplan().menu((m) => m.keypress('', (k) => k));
      // @ts-expect-error letters in a range
      dialplan().menu((m) => m.keypress('a-b', (k) => k));
    });
    expectTypeOf<'1000000000-9999999999'>().toExtend<KeyPattern>();
    expectTypeOf<'x'>().not.toExtend<KeyPattern>();
  });

  it('option names and value types', () => {
    typeOnly(() => {
      // @ts-expect-error bad option name
      dialplan().play('x', { voise: 'male1' });
      // @ts-expect-error the XML name of a hyphenated attribute is not the option key
      dialplan().transfer('1', { 'continue-after': true });
      // @ts-expect-error a string where a number goes
      dialplan().menu({ timeout: '5000' }, (m) => m);
      // @ts-expect-error a string where a boolean goes
      dialplan().play('x', { cache: 'false' });
      // @ts-expect-error catch needs goto
      dialplan().catch({ type: 'hangup' }, (c) => c);
      // @ts-expect-error varname is an argument of setvar, not an option
      dialplan().setvar('a', 1, { varname: 'b' });
      // @ts-expect-error pressed is an argument of keypress, not an option
      dialplan().menu((m) => m.keypress('1', { pressed: '2' }, (k) => k));
      // @ts-expect-error undefined is not "absent" under exactOptionalPropertyTypes
      dialplan().play('x', { voice: undefined });
      // @ts-expect-error dialplan options are checked too
      dialplan({ nam: 'Root' });
    });
  });

  it('option types are derived from the catalog', () => {
    expectTypeOf<TagOptions<'transfer'>>().toEqualTypeOf<{
      name?: string;
      callerid?: string;
      calleridalpha?: string;
      musiconhold?: MusicOnHold;
      continueAfter?: boolean;
      mode?: TransferMode;
      timeout?: number;
      whisperTts?: string;
      screen?: boolean;
    }>();
    expectTypeOf<TagOptions<'catch'>>().toEqualTypeOf<{ name?: string; type: 'hangup' | 'digit'; value?: string; goto: string }>();
    expectTypeOf<TagOptions<'menu'>>().toEqualTypeOf<{ name?: string; maxDigits?: number; timeout?: number }>();
  });

  it('each builder offers exactly the tags its catalog entry allows', () => {
    type TagMethods<B> = Extract<keyof B, TagName>;
    expectTypeOf<TagMethods<BlockBuilder>>().toEqualTypeOf<(typeof ACTION_TAGS)[number]>();
    expectTypeOf<TagMethods<DialplanBuilder>>().toEqualTypeOf<(typeof CATALOG)['dialplan']['children'][number]>();
    expectTypeOf<TagMethods<MenuBuilder>>().toEqualTypeOf<(typeof CATALOG)['menu']['children'][number]>();
    expectTypeOf<TagMethods<AmdBuilder>>().toEqualTypeOf<(typeof CATALOG)['amd']['children'][number]>();
  });

  it('a fragment generic over ActionsBuilder fits every block', () => {
    const goodbye = <B extends ActionsBuilder>(b: B) => b.play('Goodbye.').hangup();
    expectTypeOf(dialplan().pipe(goodbye)).toEqualTypeOf<DialplanBuilder>();
    expectTypeOf(goodbye(dialplan())).toEqualTypeOf<DialplanBuilder>();
    dialplan().menu((m) => m.pipe(goodbye).keypress('1', (k) => k.pipe(goodbye)));
    const blockOnly = (b: BlockBuilder) => b.hangup();
    typeOnly(() => {
      // @ts-expect-error a fragment for blocks does not fit the dialplan's body
      dialplan().pipe(blockOnly);
    });
  });

  it('a dialplan builder is a Plan; variables are typed references', () => {
    expectTypeOf<DialplanBuilder>().toExtend<Plan>();
    expectTypeOf(call.callerid).toEqualTypeOf<'${call.callerid}'>();
  });
});
