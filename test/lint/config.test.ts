import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfig, ConfigError, findConfigFile, loadConfigFile, parseRuleOption, settingsFor } from '../../src/validate/lint/config.js';
import { lint } from '../../src/validate/lint/lint.js';

describe('configuration', () => {
  it('accepts rules, overrides and a $schema key', () => {
    const config = { $schema: './node_modules/callfire-dialplan/schemas/dialplanrc.schema.json', rules: { 'unknown-goto-target': 'warn' }, overrides: [{ files: ['a/**'], rules: { 'duplicate-name': 'off' } }] };
    expect(checkConfig(config, 'x')).toBe(config);
  });

  it('names an unknown rule and suggests the nearest one', () => {
    expect(() => checkConfig({ rules: { 'unknown-goto-targe': 'warn' } }, '.dialplanrc.json')).toThrow(
      '.dialplanrc.json: unknown rule "unknown-goto-targe" in "rules" (did you mean "unknown-goto-target"?)',
    );
  });

  it('lint() refuses the settings dialplan lint refuses, instead of ignoring an unknown rule', () => {
    const xml = '<dialplan name="Root"><hangup/></dialplan>';
    expect(() => lint(xml, { rules: { nope: 'off' } })).toThrow(new ConfigError('lint() configuration: unknown rule "nope" in "rules"'));
    expect(() => lint(xml, { rules: { 'unknown-goto-target': 'loud' as 'off' } })).toThrow(ConfigError);
    expect(lint(xml, { rules: { 'unknown-goto-target': 'off' } }).ok).toBe(true);
  });

  it('names a bad key, a bad setting and a missing key', () => {
    expect(() => checkConfig({ rule: {} }, 'c')).toThrow('c: unknown key "rule" at the top level; allowed: $schema, files, rules, fmt, overrides');
    expect(() => checkConfig({ rules: { 'duplicate-name': 'warning' } }, 'c')).toThrow('"rules.duplicate-name" must be one of "off", "warn", "error"');
    expect(() => checkConfig({ overrides: [{ rules: {} }] }, 'c')).toThrow('"overrides.0" is missing "files"');
    expect(() => checkConfig({ overrides: [{ files: ['x'], rules: { nope: 'off' } }] }, 'c')).toThrow('unknown rule "nope" in "overrides.0.rules"');
  });

  it('finds the nearest .dialplanrc.json upwards and reads it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dialplanrc-'));
    mkdirSync(join(dir, 'a/b'), { recursive: true });
    writeFileSync(join(dir, '.dialplanrc.json'), '{ "rules": { "duplicate-name": "warn" } }');
    const found = findConfigFile(join(dir, 'a/b/plan.xml'));
    expect(found).toBe(join(dir, '.dialplanrc.json'));
    const loaded = await loadConfigFile(found!);
    expect(loaded).toEqual({ path: found, dir, config: { rules: { 'duplicate-name': 'warn' } } });
    writeFileSync(join(dir, 'a/.dialplanrc.json'), '{ "rules": ');
    await expect(loadConfigFile(findConfigFile(join(dir, 'a/b/plan.xml'))!)).rejects.toThrow(/a\/\.dialplanrc\.json:1:12: not valid JSON/);
    await expect(loadConfigFile(join(dir, 'missing.json'))).rejects.toThrow(ConfigError);
  });

  it('reads a config saved with a byte-order mark (as Windows editors write it), placing problems after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dialplanrc-'));
    const file = join(dir, '.dialplanrc.json');
    writeFileSync(file, '\ufeff{ "rules": { "duplicate-name": "warn" } }');
    expect((await loadConfigFile(file)).config).toEqual({ rules: { 'duplicate-name': 'warn' } });
    // the column an editor shows: the mark takes none
    writeFileSync(file, '\ufeff{ "rules": ');
    await expect(loadConfigFile(file)).rejects.toThrow(/\.dialplanrc\.json:1:12: not valid JSON/);
  });

  it('answers from a cache by folder when given one, for every folder it walked through', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dialplanrc-'));
    mkdirSync(join(dir, 'a/b'), { recursive: true });
    const config = join(dir, '.dialplanrc.json');
    writeFileSync(config, '{}');
    const cache = new Map<string, string | undefined>();
    expect(findConfigFile(join(dir, 'a/b/one.xml'), cache)).toBe(config);
    expect(cache.get(join(dir, 'a/b'))).toBe(config);
    expect(cache.get(join(dir, 'a'))).toBe(config);
    // answered without looking on disk again: the file is gone, the cached answer stays
    rmSync(config);
    expect(findConfigFile(join(dir, 'a/b/two.xml'), cache)).toBe(config);
    expect(findConfigFile(join(dir, 'a/three.xml'), cache)).toBe(config);
    expect(findConfigFile(join(dir, 'a/b/two.xml'))).toBeUndefined();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resolves overrides in order, later ones winning', () => {
    const config = {
      rules: { 'duplicate-name': 'warn' as const },
      overrides: [
        { files: ['plans/**'], rules: { 'duplicate-name': 'off' as const } },
        { files: ['plans/keep/*.xml'], rules: { 'duplicate-name': 'error' as const } },
      ],
    };
    expect(settingsFor(config, '/r/other.xml', '/r')).toEqual({ 'duplicate-name': 'warn' });
    expect(settingsFor(config, '/r/plans/x.xml', '/r')).toEqual({ 'duplicate-name': 'off' });
    expect(settingsFor(config, '/r/plans/keep/x.xml', '/r')).toEqual({ 'duplicate-name': 'error' });
  });

  it('parses --rule name=setting', () => {
    expect(parseRuleOption('duplicate-name=off')).toEqual(['duplicate-name', 'off']);
    expect(() => parseRuleOption('duplicate-nam=off')).toThrow('unknown rule "duplicate-nam" (did you mean "duplicate-name"?)');
    expect(() => parseRuleOption('duplicate-name=loud')).toThrow('off, warn or error');
    expect(() => parseRuleOption('duplicate-name')).toThrow('name=off|warn|error');
  });
});
