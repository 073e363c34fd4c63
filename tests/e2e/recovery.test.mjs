// History recovery on resubscribe with the real centrifuge client: missed publications come
// back in order with recovered: true; a lost stream (restart → new epoch) or more missed than
// history_size gives recovered: false.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Centrifuge } from 'centrifuge';
import WebSocket from 'ws';
import { startServer, token } from './lib/server.mjs';
import { RawClient } from './lib/raw_client.mjs';
import { once, waitUntil } from './lib/wait.mjs';

const NAMESPACES = 'channel.namespaces=[' +
  '{name: feed, allow_subscribe_for_client: true, history_size: 100, history_ttl: 300s, force_recovery: true}, ' +
  '{name: small, allow_subscribe_for_client: true, history_size: 10, history_ttl: 300s, force_recovery: true}]';
let server;
before(async () => { server = await startServer([NAMESPACES]); });
after(async () => { await server.stop(); });

function subscribed(url, channel) {
  const c = new Centrifuge(url, { websocket: WebSocket, token: token({ sub: 'r' }) });
  const sub = c.newSubscription(channel);
  const received = [];
  sub.on('publication', (ctx) => received.push(ctx.data.n));
  return { c, sub, received };
}

async function publish(channel, from, to) {
  for (let n = from; n <= to; n++) {
    const r = await server.api('publish', { channel, data: { n } });
    assert.equal(r.status, 200, r.text);
  }
}

// Subscribes, receives publication 1, disconnects, misses publications 2..last while away,
// reconnects; returns the resubscribe context and what the subscription received.
async function missWhileAway(channel, last) {
  const { c, sub, received } = subscribed(server.wsUrl, channel);
  let ctx = once(sub, 'subscribed');
  sub.subscribe();
  c.connect();
  assert.equal((await ctx).recoverable, true);
  await publish(channel, 1, 1);
  await waitUntil(() => received.length === 1, 'first publication');
  const disconnected = once(c, 'disconnected');
  c.disconnect();
  await disconnected;
  await publish(channel, 2, last);
  ctx = once(sub, 'subscribed');
  c.connect();
  return { c, received, resubscribed: await ctx };
}

test('a client that reconnects recovers 50 missed publications in order', async () => {
  const { c, received, resubscribed } = await missWhileAway('feed:a', 51);
  assert.equal(resubscribed.wasRecovering, true);
  assert.equal(resubscribed.recovered, true);
  await waitUntil(() => received.length === 51, '51 publications');
  assert.deepEqual(received, Array.from({ length: 51 }, (_, i) => i + 1));
  // Live publications continue after the recovered ones.
  await publish('feed:a', 52, 52);
  await waitUntil(() => received.length === 52, 'live publication');
  c.disconnect();
});

test('missing more than history_size gives recovered: false', async () => {
  const { c, received, resubscribed } = await missWhileAway('small:a', 21);
  assert.equal(resubscribed.wasRecovering, true);
  assert.equal(resubscribed.recovered, false);
  assert.equal(received.length, 1, 'nothing partial is replayed');
  c.disconnect();
});

test('publications arriving while the position is looked up are neither lost nor doubled', async () => {
  const raw = new RawClient(server.wsUrl);
  await raw.opened;
  await raw.command({ id: 1, connect: { token: token({ sub: 'x' }) } });
  // Publish continuously while subscribing.
  let n = 0;
  let stop = false;
  const publisher = (async () => {
    while (!stop) await server.api('publish', { channel: 'feed:race', data: { n: ++n } });
  })();
  await waitUntil(() => n >= 20, 'some publications');
  const reply = await raw.command({ id: 2, subscribe: { channel: 'feed:race' } });
  stop = true;
  await publisher;
  // One more after the reply, so that the last publication awaited below always comes after
  // the subscribe (the loop may have stopped right at the reply's top).
  await server.api('publish', { channel: 'feed:race', data: { n: ++n } });
  const top = reply.subscribe.offset;
  assert.equal(reply.subscribe.positioned, true);
  await raw.waitFor(() => raw.pubs('feed:race').at(-1)?.offset === n, 'last publication');
  const offsets = raw.pubs('feed:race').map((p) => p.offset);
  assert.deepEqual(offsets, Array.from({ length: n - top }, (_, i) => top + 1 + i));
  raw.close();
});

test('after a restart the epoch changes and recovery reports recovered: false', async () => {
  const first = await startServer([NAMESPACES]);
  const { c, sub, received } = subscribed(first.wsUrl, 'feed:r');
  let ctx = once(sub, 'subscribed');
  sub.subscribe();
  c.connect();
  const before = await ctx;
  await first.api('publish', { channel: 'feed:r', data: { n: 1 } });
  await waitUntil(() => received.length === 1, 'first publication');
  const port = first.port;
  const disconnected = once(c, 'connecting');
  await first.stop();
  await disconnected;
  const second = await startServer([NAMESPACES, `http.port=${port}`]);
  try {
    ctx = once(sub, 'subscribed');
    const s = await ctx;
    assert.equal(s.wasRecovering, true);
    assert.equal(s.recovered, false);
    assert.notEqual(s.streamPosition.epoch, before.streamPosition.epoch);
  } finally {
    c.disconnect();
    await second.stop();
  }
});
