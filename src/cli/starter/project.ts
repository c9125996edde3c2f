/** The other files `dialplan init` writes: lint settings, a SendCall request and a CI workflow. */

/** `.dialplanrc.json`, pointing editors at the configuration schema. */
export const STARTER_LINT_CONFIG = `${JSON.stringify(
  { $schema: './node_modules/callfire-dialplan/schemas/dialplanrc.schema.json', rules: {} },
  null,
  2,
)}\n`;

/** `broadcast.json`: a SendCall request whose dialplan comes from the flow (`--dialplan`). */
export const STARTER_BROADCAST = `${JSON.stringify(
  {
    $schema: './node_modules/callfire-dialplan/schemas/send-call.schema.json',
    BroadcastName: 'Delivery confirmations',
    ToNumber: ['13105551212', { Value: '13105551213', Attributes: { firstName: 'Ann' } }],
    IvrBroadcastConfig: {
      FromNumber: '12135551189',
      LocalTimeZoneRestriction: { BeginTime: '09:00:00', EndTime: '19:00:00' },
      RetryConfig: { MaxAttempts: 2, MinutesBetweenAttempts: 60, RetryResults: ['BUSY', 'NO_ANS'] },
    },
  },
  null,
  2,
)}\n`;

/** A GitHub Actions workflow: lint with annotations, then the scenarios with full coverage. */
export const STARTER_WORKFLOW = `name: dialplans
on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 20 }
      - run: npm ci
      - run: npx dialplan lint flows/*.ts --format github --max-warnings 0
      - run: npx dialplan test flows/*.scenarios.yaml --coverage --min-coverage 100
`;
