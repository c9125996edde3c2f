import { contact, dialplan, ref, type BlockBuilder } from '../src/index.js';

/**
 * Outbound delivery confirmation. A person hears a menu (confirm, reschedule with an agent);
 * an answering machine gets a short message. Answers are stashed in the call report.
 * `dialplan init` writes this example as flows/delivery.ts; build it with: npx dialplan build flows/delivery.ts
 */
const AGENTS = '12135550100';

/** Wrong key or silence: ask again, three times at most. */
const retry = (k: BlockBuilder) =>
  k
    .setvar('Tries', `${ref('Tries')}+1`)
    .if(
      `${ref('Tries')} < 3`,
      (again) => again.play('Sorry, I did not get that.', { voice: 'female2' }).goto('confirm'),
      (stop) => stop.stash('delivery', 'no answer').play('We will call you again later. Goodbye.', { voice: 'female2' }).hangup(),
    );

export default dialplan({ name: 'Root' }).amd((a) =>
  a
    .live((person) =>
      person
        .setvar('Tries', 0)
        .menu({ name: 'confirm', maxDigits: 1, timeout: 5000 }, (m) =>
          m
            .play(`Hello ${contact.firstName}, your parcel arrives tomorrow between 9 and 12.`, { voice: 'female2' })
            .play('To confirm, press 1. To choose another day, press 2.', { voice: 'female2' })
            .keypress('1', (k) => k.stash('delivery', 'confirmed').play('Thank you, see you tomorrow!', { voice: 'female2' }).hangup())
            .keypress('2', (k) =>
              k
                .stash('delivery', 'reschedule')
                .play('Connecting you to an agent.', { voice: 'female2' })
                .transfer(AGENTS, { timeout: 30 })
                .play('Our agents are busy. We will call you back. Goodbye.', { voice: 'female2' })
                .hangup(),
            )
            .keypress('default', retry)
            .keypress('timeout', retry),
        ),
    )
    .machine((voicemail) =>
      voicemail
        .play('Hello, this is a message about your parcel arriving tomorrow between 9 and 12. No action is needed.', { voice: 'female2' })
        .stash('delivery', 'voicemail')
        .hangup(),
    ),
);
