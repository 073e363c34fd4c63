// SIGTERM closes every client with 3001 "shutdown" (reconnect allowed) and the process exits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, token } from './lib/server.mjs';
import { RawClient } from './lib/raw_client.mjs';

test('SIGTERM closes clients with the shutdown code and exits cleanly', async () => {
  const server = await startServer();
  const clients = [];
  for (let i = 0; i < 5; i++) {
    const c = new RawClient(server.wsUrl);
    await c.opened;
    await c.command({ id: 1, connect: { token: token({ sub: `u${i}` }) } });
    clients.push(c);
  }
  const exit = server.stop();
  for (const c of clients) {
    const closed = await c.waitClose();
    assert.equal(closed.code, 3001);
    assert.equal(closed.reason, 'shutdown');
  }
  const { code } = await exit;
  assert.equal(code, 0);
});
