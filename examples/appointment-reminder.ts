/**
 * Appointment reminder (outbound). Answering-machine detection splits the call: a person
 * hears a menu to confirm, cancel or talk to the front desk; an answering machine gets a
 * short message after the beep. Each outcome is stashed in the call report.
 *
 * Contact sheet columns: C = appointment date ("Tuesday, March 4th"), D = time ("2:30 PM").
 * Compile with `npx tsx examples/build.ts`; the XML is in appointment-reminder.xml.
 */
import { call, contact, dialplan, ref, type BlockBuilder } from '../src/index.js';

const FRONT_DESK = '12135550100';
const when = `${contact.column('C')} at ${contact.column('D')}`;

/** Invalid key or no key: ask again, twice at most, then leave it there. */
const retry = (k: BlockBuilder) =>
  k
    .setvar('Attempts', `${ref('Attempts')}+1`)
    .if(
      `${ref('Attempts')} < 3`,
      (again) => again.play('Sorry, I did not get that.', { voice: 'female2' }).goto('confirm'),
      (giveUp) => giveUp.stash('appointment', 'no response').play('We will try you again later. Goodbye.', { voice: 'female2' }).hangup(),
    );

export default dialplan({ name: 'Root' }).amd((a) =>
  a
    .live((person) =>
      person
        .setvar('Attempts', 0)
        .menu({ name: 'confirm', maxDigits: 1, timeout: 5000 }, (m) =>
          m
            .play(`Hello ${contact.firstName}, this is Lakeside Dental reminding you of your appointment on ${when}.`, { voice: 'female2' })
            .play('To confirm, press 1. To cancel, press 2. To speak with our front desk, press 0.', { voice: 'female2' })
            .keypress('1', (k) =>
              k.stash('appointment', 'confirmed').play('Thank you. Your appointment is confirmed. See you then!', { voice: 'female2' }).hangup(),
            )
            .keypress('2', (k) =>
              k
                .stash('appointment', 'cancelled')
                .sms(call.phonenumber, `Lakeside Dental: your appointment on ${when} is cancelled. Call 213-555-0100 to book a new time.`)
                .play('Your appointment has been cancelled. We have sent you a text with our number so you can reschedule.', { voice: 'female2' })
                .hangup(),
            )
            .keypress('0', (k) =>
              k
                .stash('appointment', 'front desk')
                .play('Please hold while we connect you.', { voice: 'female2' })
                .transfer(FRONT_DESK, { callerid: call.phonenumber, timeout: 30, whisperTts: 'Patient calling back from an appointment reminder.' })
                .play('Sorry, the front desk is busy. Please call us at 2 1 3, 5 5 5, 0 1 0 0. Goodbye.', { voice: 'female2' })
                .hangup(),
            )
            .keypress('default', retry)
            .keypress('timeout', retry),
        ),
    )
    .machine((voicemail) =>
      voicemail
        .play(
          `Hello, this is Lakeside Dental with a reminder for ${contact.firstName} about an appointment on ${when}. ` +
            'To confirm or reschedule, please call us at 2 1 3, 5 5 5, 0 1 0 0. Thank you!',
          { voice: 'female2' },
        )
        .stash('appointment', 'voicemail')
        .hangup(),
    ),
);
