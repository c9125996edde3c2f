/**
 * Account balance line (inbound). The caller enters a six-digit account number; the plan
 * asks the credit union's server for the balance with `get` and reads the answer, which is
 * either an amount such as `1234.56` or `NOTFOUND`. After three failed tries (no entry, or
 * an unknown number) the caller is put through to a person.
 *
 * Compile with `npx tsx examples/build.ts`; the XML is in account-check.xml.
 */
import { call, dialplan, ref, type BlockBuilder } from '../src/index.js';

const MEMBER_SERVICES = '18005550199';
const voice = 'female2';

/** Ask for the account number again, or hand the caller to a person after three tries. */
const retry = (why: string) => (b: BlockBuilder) =>
  b
    .setvar('Tries', `${ref('Tries')}+1`)
    .if(
      `${ref('Tries')} < 3`,
      (again) => again.play(why, { voice }).goto('account'),
      (help) =>
        help
          .play('Let me connect you with a member service representative.', { voice })
          .transfer(MEMBER_SERVICES, { timeout: 60, whisperTts: 'Caller could not use the balance line.' })
          .play('Our representatives are busy. Please call again during business hours. Goodbye.', { voice })
          .hangup(),
    );

export default dialplan({ name: 'Root' })
  .play('Welcome to Summit Credit Union.', { voice })
  .setvar('Tries', 0)
  .menu({ name: 'account', maxDigits: 6, timeout: 10000 }, (m) =>
    m
      .play('Please enter your six digit account number, then press pound.', { voice })
      .keypress('0-999999', (k) => k.setvar('account', call.lastinput))
      .keypress('default', retry('Please use the number keys only.'))
      .keypress('timeout', retry('I did not hear anything.')),
  )
  .get(`https://ivr.summit.example.com/balance?account=${ref('account')}&caller=${call.callerid}`, { varname: 'balance' })
  .if(
    `'${ref('balance')}' == 'NOTFOUND'`,
    (notFound) => notFound.pipe(retry('Sorry, we could not find that account number.')),
    (found) =>
      found
        .stash('account', ref('account'))
        // Text to speech reads "123456" as a number; spaced digits are read one by one.
        .setvar('spoken', `'${ref('account')}'.split('').join(' ')`)
        .play(`The available balance on account ${ref('spoken')} is ${ref('balance')} dollars.`, { name: 'readBalance', voice })
        .menu({ maxDigits: 1, timeout: 5000 }, (m) =>
          m
            .play('To hear that again, press 1. To speak with a representative, press 0. Otherwise, you may hang up.', { voice })
            .keypress('1', (k) => k.goto('readBalance'))
            .keypress('0', (k) => k.transfer(MEMBER_SERVICES, { timeout: 60 }))
            .keypress('default', (k) => k.goto('goodbye'))
            .keypress('timeout', (k) => k.goto('goodbye')),
        ),
  )
  .play('Thank you for calling Summit Credit Union. Goodbye.', { name: 'goodbye', voice })
  .hangup();
