// Server pings: a client that answers stays connected past three intervals; one that never
// answers is disconnected with 3012 "no pong".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, token } from './lib/server.mjs';
import { RawClient } from './lib/raw_client.mjs';

let server;
before(async () => {
  server = await startServer(['client.ping_interval=1s', 'client.pong_timeout=1s']);
});
after(async () => { await server.stop(); });

async function connect(autoPong) {
  const c = new RawClient(server.wsUrl, { autoPong });
  await c.opened;
  const r = await c.command({ id: 1, connect: { token: token({ sub: 'u' }) } });
  assert.equal(r.connect.ping, 1);
  assert.equal(r.connect.pong, true);
  return c;
}

const pings = (c) => c.messages.filter((m) => Object.keys(m).length === 0).length;

test('a client that pongs stays connected past three ping intervals', async () => {
  const c = await connect(true);
  await c.waitFor(() => pings(c) >= 4, 'four pings', 15000);
  assert.equal(c.closed, null);
  c.close();
});

test('a client that never pongs is disconnected with 3012', async () => {
  const c = await connect(false);
  const closed = await c.waitClose(15000);
  assert.equal(closed.code, 3012);
  assert.equal(closed.reason, 'no pong');
  assert.ok(pings(c) >= 1);
});
