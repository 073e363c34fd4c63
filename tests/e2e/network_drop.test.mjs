// The centrifuge client recovers after a network drop without losing a message: its
// connection is reset in the middle of a stream of publications; it reconnects, recovers from
// history, and the application sees every publication exactly once, in order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Centrifuge } from 'centrifuge';
import WebSocket from 'ws';
import { startServer, token } from './lib/server.mjs';
import { startRelay } from './lib/relay.mjs';
import { once, waitUntil } from './lib/wait.mjs';

let server;
let relay;
before(async () => {
  server = await startServer([
    'channel.namespaces=[{name: feed, allow_subscribe_for_client: true, history_size: 1000, ' +
      'history_ttl: 300s, force_recovery: true}]',
  ]);
  relay = await startRelay(server.port);
});
after(async () => {
  relay.close();
  await server.stop();
});

test('publications published across a connection reset all arrive, once and in order', async () => {
  const channel = 'feed:drop';
  const c = new Centrifuge(`ws://127.0.0.1:${relay.port}/connection/websocket`, {
    websocket: WebSocket,
    token: token({ sub: 'traveller' }),
    minReconnectDelay: 50,
    maxReconnectDelay: 200,
  });
  const sub = c.newSubscription(channel);
  const got = [];
  const contexts = [];
  sub.on('publication', (ctx) => got.push(ctx.data.n));
  sub.on('subscribed', (ctx) => contexts.push(ctx));
  const subscribed = once(sub, 'subscribed');
  sub.subscribe();
  c.connect();
  await subscribed;

  const N = 300;
  let resets = 0;
  for (let n = 1; n <= N; n++) {
    const r = await server.api('publish', { channel, data: { n } });
    assert.equal(r.status, 200, r.text);
    if (n % 100 === 50) {  // the link drops at 50, 150 and 250
      const down = once(c, 'connecting');
      relay.reset();
      await down;
      resets++;
    }
  }
  await waitUntil(() => got.length >= N, `${N} publications`);
  assert.deepEqual(got, Array.from({ length: N }, (_, i) => i + 1));
  assert.equal(resets, 3);
  // One subscribe, then one recovering resubscribe per drop.
  assert.equal(contexts.length, 4);
  for (const ctx of contexts.slice(1)) {
    assert.equal(ctx.wasRecovering, true);
    assert.equal(ctx.recovered, true);
  }
  c.disconnect();
});
