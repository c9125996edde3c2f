/**
 * The other files `dialplan init` writes: lint settings, a SendCall request, a CI workflow,
 * and the package.json and tsconfig.json of a project that has none.
 */

/** Where a starter project keeps its flows: the "files" of its .dialplanrc.json (what a bare `dialplan lint` checks). */
export const STARTER_FLOWS = 'flows/*.ts';

/** `.dialplanrc.json`, pointing editors at the configuration schema (`schemas` is that folder, relative to the file). */
export function starterLintConfig(schemas: string): string {
  return `${JSON.stringify({ $schema: `${schemas}/dialplanrc.schema.json`, files: [STARTER_FLOWS], rules: {} }, null, 2)}\n`;
}

/** `broadcast.json`: a SendCall request whose dialplan comes from the flow (`--dialplan`). */
export function starterBroadcast(schemas: string): string {
  const request = {
    $schema: `${schemas}/send-call.schema.json`,
    BroadcastName: 'Delivery confirmations',
    ToNumber: ['13105551212', { Value: '13105551213', Attributes: { firstName: 'Ann' } }],
    IvrBroadcastConfig: {
      FromNumber: '12135551189',
      LocalTimeZoneRestriction: { BeginTime: '09:00:00', EndTime: '19:00:00' },
      RetryConfig: { MaxAttempts: 2, MinutesBetweenAttempts: 60, RetryResults: ['BUSY', 'NO_ANS'] },
    },
  };
  return `${JSON.stringify(request, null, 2)}\n`;
}

/** The npm scripts of a starter project: what the workflow runs, by name. */
export const STARTER_SCRIPTS: Readonly<Record<string, string>> = {
  lint: 'dialplan lint flows/*.ts --max-warnings 0',
  test: 'dialplan test flows/*.scenarios.yaml --coverage --min-coverage 100',
  build: 'dialplan build flows/*.ts -o build/',
};

/** What `npm init -y` writes as the test script: a placeholder init may replace. */
export const NPM_PLACEHOLDER_TEST = 'echo "Error: no test specified" && exit 1';

/**
 * The package.json of a project that has none. ES module type, like the flows; the install
 * scripts of the toolkit and its native dependencies allowed, which npm asks about otherwise.
 */
export function starterPackageJson(name: string, version: string): string {
  return `${JSON.stringify(
    {
      name,
      version: '0.1.0',
      private: true,
      type: 'module',
      scripts: STARTER_SCRIPTS,
      devDependencies: { 'callfire-dialplan': `^${version}` },
      allowScripts: { 'callfire-dialplan': true, libxmljs2: true, esbuild: true },
    },
    null,
    2,
  )}\n`;
}

/**
 * tsconfig.json for flows: type-checked only (the CLI runs them through tsx), in any module
 * setting the package uses ("preserve": import syntax whatever the package's type).
 */
export const STARTER_TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: { target: 'ES2022', module: 'preserve', moduleResolution: 'bundler', strict: true, noEmit: true, skipLibCheck: true, types: [] },
    include: ['flows'],
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
      # npm ci needs a lockfile; a new project has none until its first npm install
      - run: if [ -f package-lock.json ]; then npm ci; else npm install; fi
      - run: npx dialplan lint flows/*.ts --format github --max-warnings 0
      - run: npx dialplan test flows/*.scenarios.yaml --coverage --min-coverage 100
`;
