// A client that stops reading is disconnected as slow (3008) once its queue passes
// client.queue_max_size; the publisher never waits and a healthy client keeps receiving.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, token } from './lib/server.mjs';
import { RawClient } from './lib/raw_client.mjs';

let server;
before(async () => {
  server = await startServer([
    'channel.without_namespace.allow_subscribe_for_client=true',
    'client.queue_max_size=65536',
  ]);
});
after(async () => { await server.stop(); });

async function metric(name) {
  const text = await (await fetch(`${server.httpUrl}/metrics`)).text();
  const m = text.match(new RegExp(`^${name} (\\d+)$`, 'm'));
  return m ? Number(m[1]) : 0;
}

async function subscribed(user) {
  const c = new RawClient(server.wsUrl);
  await c.opened;
  await c.command({ id: 1, connect: { token: token({ sub: user }) } });
  await c.command({ id: 2, subscribe: { channel: 'flood' } });
  return c;
}

test('a client that stops reading is disconnected with 3008 "slow"', async () => {
  const healthy = await subscribed('healthy');
  const slow = await subscribed('slow');
  slow.ws._socket.pause();  // stop reading: kernel buffers fill, then the server's queue
  const pad = 'p'.repeat(16384);
  let sent = 0;
  let slowCount = 0;
  while (sent < 3000 && slowCount === 0) {
    const r = await server.api('publish', { channel: 'flood', data: { i: sent, pad } });
    assert.equal(r.status, 200);
    sent++;
    if (sent % 25 === 0) slowCount = await metric('livegate_disconnects_slow_total');
  }
  assert.equal(slowCount, 1, 'exactly the paused client was disconnected as slow');
  // The healthy client received every publication, in order.
  await healthy.waitFor(() => healthy.pubs('flood').length === sent, `${sent} publications`, 60000);
  assert.deepEqual(healthy.pubs('flood').map((p) => p.data.i), [...Array(sent).keys()]);
  assert.equal(healthy.closed, null);
  slow.ws._socket.resume();
  const closed = await slow.waitClose(60000);
  assert.ok([3008, 1006].includes(closed.code), JSON.stringify(closed));
  healthy.close();
});
