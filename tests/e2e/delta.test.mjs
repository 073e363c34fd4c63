// Fossil delta compression with the real centrifuge client: a subscription that asks for
// delta: "fossil" in a namespace allowing it receives deltas that the client decodes into
// exactly the published data; a plain subscriber of the same channel gets plain JSON.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Centrifuge } from 'centrifuge';
import WebSocket from 'ws';
import { startServer, token } from './lib/server.mjs';
import { RawClient } from './lib/raw_client.mjs';
import { once, waitUntil } from './lib/wait.mjs';

let server;
before(async () => {
  server = await startServer([
    'channel.namespaces=[{name: prices, allow_subscribe_for_client: true, history_size: 100, ' +
      'history_ttl: 300s, force_recovery: true, allowed_delta_types: [fossil]}, ' +
      '{name: nodelta, allow_subscribe_for_client: true, history_size: 100, history_ttl: 300s, force_recovery: true}]',
  ]);
});
after(async () => { await server.stop(); });

// A catalog of 200 products in which each publication changes one price.
function catalog(version) {
  const items = [];
  for (let i = 0; i < 200; i++) {
    items.push({ id: i, name: `Product number ${i}`, price: i === version % 200 ? 1000 + version : 100 + i });
  }
  return { version, items };
}

async function publishCatalogs(channel, from, to, extra = {}) {
  for (let v = from; v <= to; v++) {
    const r = await server.api('publish', { channel, data: catalog(v), delta: true, ...extra });
    assert.equal(r.status, 200, r.text);
  }
}

function deltaClient(channel) {
  const c = new Centrifuge(server.wsUrl, { websocket: WebSocket, token: token({ sub: 'd' }) });
  const sub = c.newSubscription(channel, { delta: 'fossil' });
  const got = [];
  sub.on('publication', (ctx) => got.push(ctx.data));
  return { c, sub, got };
}

test('delta subscribers decode every publication exactly; plain subscribers get plain JSON', async () => {
  const channel = 'prices:catalog';
  const { c, sub, got } = deltaClient(channel);
  const subscribed = once(sub, 'subscribed');
  sub.subscribe();
  c.connect();
  await subscribed;

  const plain = new RawClient(server.wsUrl);
  await plain.opened;
  await plain.command({ id: 1, connect: { token: token({ sub: 'p' }) } });
  await plain.command({ id: 2, subscribe: { channel } });
  const raw = new RawClient(server.wsUrl);
  await raw.opened;
  await raw.command({ id: 1, connect: { token: token({ sub: 'r' }) } });
  const reply = await raw.command({ id: 2, subscribe: { channel, delta: 'fossil' } });
  assert.equal(reply.subscribe.delta, true);

  await publishCatalogs(channel, 1, 30);
  await waitUntil(() => got.length === 30, '30 decoded publications');
  for (let v = 1; v <= 30; v++) assert.deepEqual(got[v - 1], catalog(v));
  const stats = sub.deltaStats();
  assert.equal(stats.numDeltaPayloads, 29, JSON.stringify(stats));  // all but the first
  assert.ok(stats.bytesReceived * 10 < stats.bytesDecoded, JSON.stringify(stats));

  await plain.waitFor(() => plain.pubs(channel).length === 30, 'plain publications');
  assert.deepEqual(plain.pubs(channel).map((p) => p.data.version), Array.from({ length: 30 }, (_, i) => i + 1));
  assert.ok(plain.pubs(channel).every((p) => !p.delta));
  // On the wire: the first is the full JSON as a string, the rest are small deltas.
  await raw.waitFor(() => raw.pubs(channel).length === 30, 'raw delta publications');
  const wire = raw.pubs(channel);
  assert.equal(typeof wire[0].data, 'string');
  assert.equal(wire[0].delta, undefined);
  assert.deepEqual(JSON.parse(wire[0].data), catalog(1));
  assert.ok(wire.slice(1).every((p) => p.delta === true && p.data.length < 100), JSON.stringify(wire[1]));
  c.disconnect();
  plain.close();
  raw.close();
});

test('a delta subscription recovers after a disconnect and keeps decoding', async () => {
  const channel = 'prices:recover';
  const { c, sub, got } = deltaClient(channel);
  let subscribed = once(sub, 'subscribed');
  sub.subscribe();
  c.connect();
  await subscribed;
  await publishCatalogs(channel, 1, 3);
  await waitUntil(() => got.length === 3, 'first three');
  const disconnected = once(c, 'disconnected');
  c.disconnect();
  await disconnected;
  await publishCatalogs(channel, 4, 10);
  subscribed = once(sub, 'subscribed');
  c.connect();
  const ctx = await subscribed;
  assert.equal(ctx.recovered, true);
  await publishCatalogs(channel, 11, 15);
  await waitUntil(() => got.length === 15, 'fifteen publications');
  for (let v = 1; v <= 15; v++) assert.deepEqual(got[v - 1], catalog(v));
  c.disconnect();
});

test('delta is not negotiated where the namespace does not allow it; bad delta type → 107', async () => {
  const raw = new RawClient(server.wsUrl);
  await raw.opened;
  await raw.command({ id: 1, connect: { token: token({ sub: 'x' }) } });
  const reply = await raw.command({ id: 2, subscribe: { channel: 'nodelta:a', delta: 'fossil' } });
  assert.equal(reply.subscribe.delta, undefined);
  const bad = await raw.command({ id: 3, subscribe: { channel: 'prices:b', delta: 'zstd' } });
  assert.equal(bad.error.code, 107);
  // Publications without history (skip_history) reach a delta subscription in full.
  const ok = await raw.command({ id: 4, subscribe: { channel: 'prices:c', delta: 'fossil' } });
  assert.equal(ok.subscribe.delta, true);
  await publishCatalogs('prices:c', 1, 1);
  await publishCatalogs('prices:c', 2, 2, { skip_history: true });
  await publishCatalogs('prices:c', 3, 3);
  await raw.waitFor(() => raw.pubs('prices:c').length === 3, 'three publications');
  const wire = raw.pubs('prices:c');
  assert.deepEqual(wire.map((p) => JSON.parse(p.data).version ?? null).slice(0, 2), [1, 2]);
  assert.equal(wire[1].delta, undefined);
  assert.equal(wire[2].delta, undefined);  // its base (2) is not the stream's previous (1)
  assert.deepEqual(JSON.parse(wire[2].data), catalog(3));
  raw.close();
});
