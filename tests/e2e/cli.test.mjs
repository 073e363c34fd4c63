// The command line: --version, --help, genconfig → checkconfig, gentoken, and configuration
// errors that name the key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, SECRET } from './lib/server.mjs';
import { RawClient } from './lib/raw_client.mjs';

const BIN = process.env.LIVEGATE_BIN;
const run = (args, env = {}) =>
  spawnSync(BIN, args, { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });

test('--version and --help', () => {
  const v = run(['--version']);
  assert.equal(v.status, 0);
  assert.match(v.stdout, /^livegate \d+\.\d+\.\d+/);
  const h = run(['--help']);
  assert.equal(h.status, 0);
  assert.match(h.stdout, /genconfig/);
  assert.match(h.stdout, /gentoken/);
});

test('genconfig output passes checkconfig, which masks secrets', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'livegate-cli-'));
  try {
    const g = run(['genconfig']);
    assert.equal(g.status, 0);
    const file = path.join(dir, 'livegate.yaml');
    writeFileSync(file, g.stdout);
    const c = run(['checkconfig', file], { LIVEGATE_HTTP_API_KEY: 'topsecret' });
    assert.equal(c.status, 0, c.stderr);
    assert.match(c.stdout, /configuration is valid/);
    assert.doesNotMatch(c.stdout, /topsecret/);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('configuration errors name the key and exit with 2', () => {
  const bad = run(['--client.pingg_interval=5s']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /client\.pingg_interval/);
  const env = run(['--version'], {});
  assert.equal(env.status, 0);
  const badEnv = run(['checkconfig', '/nonexistent.yaml']);
  assert.equal(badEnv.status, 2);
  const badValue = run([], { LIVEGATE_HTTP_PORT: 'abc' });
  assert.equal(badValue.status, 2);
  assert.match(badValue.stderr, /LIVEGATE_HTTP_PORT/);
});

test('gentoken makes a token the server accepts', async () => {
  const g = run(['gentoken', '--user', 'dora', '--ttl', '60'], {
    LIVEGATE_CLIENT_TOKEN_HMAC_SECRET_KEY: SECRET,
  });
  assert.equal(g.status, 0, g.stderr);
  const jwt = g.stdout.trim();
  const server = await startServer();
  try {
    const c = new RawClient(server.wsUrl);
    await c.opened;
    const r = await c.command({ id: 1, connect: { token: jwt } });
    assert.ok(r.connect, JSON.stringify(r));
    assert.equal(r.connect.expires, true);
    c.close();
  } finally {
    await server.stop();
  }
  const noSecret = run(['gentoken', '--user', 'x']);
  assert.equal(noSecret.status, 2);
  assert.match(noSecret.stderr, /hmac_secret_key/);
});
