/**
 * Inbound phone tree for a small plumbing company. Outside office hours callers go straight
 * to voicemail. Otherwise a menu routes them: emergencies ring the on-call technicians one
 * after the other (waterfall) with a whisper, billing rings the office with hold music,
 * 8 dials a desk extension (200-250), 9 leaves a message. Anyone not connected ends in
 * voicemail; the recording's URL is posted to the company's web hook.
 *
 * Office hours are 9:00 to 17:00 Eastern Standard Time, Monday to Friday, which is 14:00 to
 * 22:00 UTC (CallFire's clock variables are UTC; Sunday is day 1).
 * Compile with `npx tsx examples/build.ts`; the XML is in inbound-tree.xml.
 */
import { call, dialplan, global, ref, type BlockBuilder } from '../src/index.js';

const OFFICE = '12135550100';
const ON_CALL = ['12135550111', '12135550112', '12135550113'];
const voice = 'male1';

const closed =
  `${global.date.dayOfWeek} == 1 || ${global.date.dayOfWeek} == 7 || ` +
  `${global.time.hourMilitary} < 14 || ${global.time.hourMilitary} >= 22`;

/** A wrong key or no key: play the menu again, twice at most, then take a message. */
const again = (k: BlockBuilder) =>
  k.setvar('Tries', `${ref('Tries')}+1`).if(`${ref('Tries')} < 3`, (t) => t.play('Sorry, that is not an option.', { voice }).goto('main'), (e) => e.goto('voicemail'));

export default dialplan({ name: 'Root' })
  .if(closed, (t) => t.play('Thank you for calling Northwind Plumbing. Our office is closed right now.', { voice }).goto('voicemail'))
  .setvar('Tries', 0)
  .menu({ name: 'main', maxDigits: 1, timeout: 5000 }, (m) =>
    m
      .play('Thank you for calling Northwind Plumbing.', { voice })
      .play('For emergency service, press 1. For billing, press 2. To dial an extension, press 8. To leave a message, press 9.', { voice })
      .keypress('1', (k) =>
        k
          .play('Connecting you with our on-call technician.', { voice })
          .transfer(ON_CALL, { mode: 'waterfall', timeout: 20, callerid: call.callerid, whisperTts: 'Emergency call from the Northwind customer line.' })
          .play('All of our technicians are on other calls.', { voice }),
      )
      .keypress('2', (k) => k.transfer(OFFICE, { musiconhold: 'jazz', timeout: 30, whisperTts: 'Billing call from the main line.' }))
      .keypress('8', (k) =>
        k.menu({ name: 'extension', maxDigits: 3, timeout: 8000 }, (ext) =>
          ext
            .play('Please dial the three digit extension, then press pound.', { voice })
            // Extensions 200 to 250 are the office's desk phones, reached through the main number.
            .keypress('200-250', (k2) => k2.transfer(`${OFFICE}x${call.lastinput}`, { timeout: 25 }))
            .keypress('default', again)
            .keypress('timeout', again),
        ),
      )
      .keypress('9', (k) => k.goto('voicemail'))
      .keypress('default', again)
      .keypress('timeout', again),
  )
  // Reached when a transfer is not answered, when the caller presses 9, and after hours.
  .play('Please leave your name, your number and a short message after the tone, then press pound.', { name: 'voicemail', voice })
  .record({ name: 'message', varname: 'message' })
  .post(`https://hooks.example.com/northwind/voicemail?from=${call.callerid}&recording=${ref('message')}`, { varname: 'saved' })
  .play('Thank you. We will call you back as soon as we can. Goodbye.', { voice })
  .hangup();
