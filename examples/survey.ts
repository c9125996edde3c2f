/**
 * Customer satisfaction survey (outbound, after a store visit). Three questions, each a menu
 * whose answer is stashed in the call report; execution falls through from one menu to the
 * next. A shared counter bounds how often the caller may time out or press a wrong key
 * across the whole survey, so the call always ends.
 *
 * Compile with `npx tsx examples/build.ts`; the XML is in survey.xml.
 */
import { call, contact, dialplan, ref, type BlockBuilder } from '../src/index.js';

const voice = 'female1';

/** No answer or a wrong key: repeat the question, unless the caller has missed three times already. */
const askAgain = (question: string, hint: string) => (k: BlockBuilder) =>
  k
    .setvar('Misses', `${ref('Misses')}+1`)
    .if(
      `${ref('Misses')} < 3`,
      (again) => again.play(hint, { voice }).goto(question),
      (stop) => stop.stash('survey', 'incomplete').play('No problem, we will not take more of your time. Goodbye.', { voice }).hangup(),
    );

export default dialplan({ name: 'Root' })
  .amd((a) =>
    a
      .live((person) => person.play(`Hi ${contact.firstName}, this is Harbor Hardware with a three question survey about your visit.`, { voice }))
      // Surveys are for people: leave no message on a machine.
      .machine((machine) => machine.stash('survey', 'answering machine').hangup()),
  )
  .setvar('Misses', 0)
  .menu({ name: 'staff', maxDigits: 1, timeout: 8000 }, (m) =>
    m
      .play('On a scale of 1 to 5, where 5 is excellent, how helpful was our staff?', { voice })
      .keypress('1-5', (k) => k.stash('staff_rating', call.lastinput))
      .keypress('default', askAgain('staff', 'Please press a number from 1 to 5.'))
      .keypress('timeout', askAgain('staff', 'I did not hear an answer.')),
  )
  .menu({ name: 'found', maxDigits: 1, timeout: 8000 }, (m) =>
    m
      .play('Did you find everything you were looking for? Press 1 for yes or 2 for no.', { voice })
      .keypress('1', (k) => k.stash('found_everything', 'yes'))
      .keypress('2', (k) => k.stash('found_everything', 'no'))
      .keypress('default', askAgain('found', 'Please press 1 for yes or 2 for no.'))
      .keypress('timeout', askAgain('found', 'I did not hear an answer.')),
  )
  .menu({ name: 'recommend', maxDigits: 2, timeout: 8000 }, (m) =>
    m
      .play('From 0 to 10, how likely are you to recommend Harbor Hardware to a friend? Enter your answer, then press pound.', { voice })
      .keypress('0-10', (k) => k.stash('recommend', call.lastinput))
      .keypress('default', askAgain('recommend', 'Please enter a number from 0 to 10, then press pound.'))
      .keypress('timeout', askAgain('recommend', 'I did not hear an answer.')),
  )
  .stash('survey', 'complete')
  .play('Thank you for your answers, and for shopping at Harbor Hardware. Goodbye!', { voice })
  .hangup();
