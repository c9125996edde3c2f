#!/usr/bin/env node
// The CLI, bundled into dist/bundle/ at build time (scripts/bundle-cli.mjs; `npm ci` builds
// dist/ through the prepare script). Node 22+ keeps the compiled code of the bundle in its
// on-disk compile cache, so later starts skip parsing it; Node 20 has no such cache.
import * as nodeModule from 'node:module';

nodeModule.enableCompileCache?.();
await import('../dist/bundle/cli.js');
