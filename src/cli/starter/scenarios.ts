/** The scenario file `dialplan init` writes for the starter flow: one per branch. */
export const STARTER_SCENARIOS = `# Run with: npx dialplan test flows/delivery.scenarios.yaml --coverage --min-coverage 100
plan: ./delivery.ts
scenarios:
  - name: the customer confirms
    answer: live
    contact: { firstName: Ann }
    keys: [1]
    expect:
      - says text matching /Hello Ann, your parcel arrives tomorrow/
      - stashes delivery=confirmed
      - ends with hangup

  - name: the customer asks for another day and an agent answers
    answer: live
    keys: [2]
    expect:
      - stashes delivery=reschedule
      - transfers to 12135550100
      - ends with transfer

  - name: nobody picks up at the agents' line
    answer: live
    keys: [2]
    transfer: no-answer
    expect:
      - says text matching /Our agents are busy/
      - ends with hangup

  - name: a wrong key, then silence, then a confirmation
    answer: live
    keys: [7, timeout, 1]
    expect:
      - says Sorry, I did not get that.
      - stashes delivery=confirmed

  - name: three wrong keys end the call politely
    answer: live
    keys: [7, 8, 9]
    expect:
      - stashes delivery=no answer
      - ends with hangup

  - name: three silences end it too
    answer: live
    keys: [timeout, timeout, timeout]
    expect:
      - stashes delivery=no answer
      - ends with hangup

  - name: an answering machine gets the message
    answer: machine
    expect:
      - stashes delivery=voicemail
      - ends with hangup
`;
