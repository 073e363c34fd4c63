// The transports besides bidirectional WebSocket: uni_websocket, uni_sse, uni_http_stream for
// clients without an SDK, and the SSE / HTTP-streaming emulation that the centrifuge client
// falls back to. Every one must deliver the same publications exactly once and in order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Centrifuge } from 'centrifuge';
import WebSocket from 'ws';
import { startServer, token } from './lib/server.mjs';
import { EventSource, uniHttpStream, uniSse, uniWebSocket } from './lib/streams.mjs';
import { once, waitUntil } from './lib/wait.mjs';

const FLAGS = [
  'uni_websocket.enabled=true', 'uni_sse.enabled=true', 'uni_http_stream.enabled=true',
  'sse.enabled=true', 'http_stream.enabled=true', 'rpc.echo=true',
  'channel.namespaces=[{name: feed, allow_subscribe_for_client: true, ' +
    'allow_publish_for_subscriber: true, allow_history_for_subscriber: true, history_size: 2000, history_ttl: 300s, force_recovery: true}, ' +
    '{name: open, allow_subscribe_for_client: true, allow_subscribe_for_anonymous: true}]',
  'client.allow_anonymous_connect_without_token=true',
];
let server;
before(async () => { server = await startServer(FLAGS); });
after(async () => { await server.stop(); });

function emulatedClient(transport, user) {
  const endpoint = `${server.httpUrl}/connection/${transport}`;
  return new Centrifuge([{ transport, endpoint }], {
    token: token({ sub: user }),
    emulationEndpoint: `${server.httpUrl}/emulation`,
    eventsource: EventSource,
    fetch,
    readableStream: ReadableStream,
  });
}

async function publish(channel, from, to) {
  for (let n = from; n <= to; n++) {
    const r = await server.api('publish', { channel, data: { n } });
    assert.equal(r.status, 200, r.text);
  }
}

const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

test('every transport receives the same 1000 publications exactly once and in order', async () => {
  const channel = 'feed:all';
  const N = 1000;
  const connectRequest = { token: token({ sub: 'uni', channels: [channel] }) };
  const cfConnect = encodeURIComponent(JSON.stringify(connectRequest));
  const uniClients = {
    uni_sse: uniSse(`${server.httpUrl}/connection/uni_sse?cf_connect=${cfConnect}`),
    uni_http_stream: uniHttpStream(server.httpUrl, connectRequest),
    uni_websocket: uniWebSocket(`ws://127.0.0.1:${server.port}/connection/uni_websocket`, connectRequest),
  };
  const sdkClients = {
    websocket: new Centrifuge(server.wsUrl, { websocket: WebSocket, token: token({ sub: 'w' }) }),
    http_stream: emulatedClient('http_stream', 'h'),
    sse: emulatedClient('sse', 's'),
  };
  const received = {};
  const subscribed = [];
  for (const [name, c] of Object.entries(sdkClients)) {
    received[name] = [];
    const sub = c.newSubscription(channel);
    sub.on('publication', (ctx) => received[name].push(ctx.data.n));
    subscribed.push(once(sub, 'subscribed').then((ctx) => assert.equal(ctx.recoverable, true)));
    sub.subscribe();
    c.connect();
  }
  for (const [name, c] of Object.entries(uniClients)) {
    const push = await c.connectPush();
    assert.ok(push.connect.client, name);
    assert.equal(push.connect.subs[channel].recoverable, true, name);
    assert.ok(push.connect.session, `${name}: session in the connect push`);
  }
  await Promise.all(subscribed);
  assert.equal(sdkClients.http_stream.state, 'connected');
  assert.equal(sdkClients.sse.state, 'connected');

  await publish(channel, 1, N);

  for (const [name, c] of Object.entries(uniClients)) {
    await c.waitFor(() => c.pubs(channel).length >= N, `${name}: ${N} publications`);
    assert.deepEqual(c.pubs(channel).map((p) => p.data.n), range(1, N), name);
  }
  await waitUntil(() => Object.values(received).every((r) => r.length >= N), 'SDK clients', 60000);
  for (const [name, r] of Object.entries(received)) assert.deepEqual(r, range(1, N), name);
  // uni_websocket sends one push per frame (plain WebSocket users parse each frame as JSON).
  assert.ok(uniClients.uni_websocket.frames >= N + 1);
  // uni_sse events carry the stream position as their id.
  const last = uniClients.uni_sse.messages.filter((m) => m.pub).at(-1);
  assert.match(last.lastEventId, new RegExp(`^${N}:[a-z0-9]+:${channel}$`));

  for (const c of Object.values(uniClients)) c.close();
  for (const c of Object.values(sdkClients)) c.disconnect();
});

for (const transport of ['http_stream', 'sse']) {
  test(`the centrifuge client over ${transport} emulation connects, subscribes, publishes and calls rpc`, async () => {
    const channel = `feed:${transport}`;
    const c = emulatedClient(transport, `user-${transport}`);
    const sub = c.newSubscription(channel);
    const got = [];
    sub.on('publication', (ctx) => got.push(ctx.data));
    const connected = once(c, 'connected');
    const subscribed = once(sub, 'subscribed');
    sub.subscribe();
    c.connect();
    const ctx = await connected;
    assert.equal(ctx.transport, transport);
    await subscribed;
    await sub.publish({ text: 'hello' });
    const rpc = await c.rpc('echo', { ping: transport });
    assert.deepEqual(rpc.data, { ping: transport });
    const history = await sub.history({ limit: 10 });
    assert.deepEqual(history.publications.map((p) => p.data), [{ text: 'hello' }]);
    await waitUntil(() => got.length >= 1, 'the publication');
    assert.deepEqual(got, [{ text: 'hello' }]);
    // A server-side disconnect reaches the emulated client as a disconnect push.
    const disconnected = once(c, 'disconnected');
    const r = await server.api('disconnect', {
      user: `user-${transport}`, disconnect: { code: 4500, reason: 'bye' },
    });
    assert.equal(r.status, 200, r.text);
    const d = await disconnected;
    assert.equal(d.code, 4500);
  });
}

test('a native EventSource reconnects with Last-Event-ID and recovers what it missed', async () => {
  const channel = 'feed:resume';
  const connectRequest = { token: token({ sub: 'es-user', channels: [channel] }) };
  const cfConnect = encodeURIComponent(JSON.stringify(connectRequest));
  const es = uniSse(`${server.httpUrl}/connection/uni_sse?cf_connect=${cfConnect}`);
  await es.connectPush(0);
  await publish(channel, 1, 5);
  await es.waitFor(() => es.pubs(channel).length === 5, 'five live publications');
  // The server drops the stream with a reconnect code; EventSource retries after ~3 s.
  const r = await server.api('disconnect', {
    user: 'es-user', disconnect: { code: 3011, reason: 'force reconnect' },
  });
  assert.equal(r.status, 200, r.text);
  await es.waitFor(() => es.errors > 0, 'the stream to end');
  await publish(channel, 6, 25);  // missed while away
  const second = await es.connectPush(1);
  await publish(channel, 26, 30);
  await es.waitFor(() => es.pubs(channel).length >= 30, 'thirty publications');
  assert.deepEqual(es.pubs(channel).map((p) => p.data.n), range(1, 30));
  assert.equal(es.requests.length, 2);
  assert.match(es.requests[1]['Last-Event-ID'], new RegExp(`^5:[a-z0-9]+:${channel}$`));
  const sub = second.connect.subs[channel];
  assert.equal(sub.was_recovering, true);
  assert.equal(sub.recovered, true);
  es.close();
});

test('uni transports subscribe to channels named in the URL under the subscribe rules', async () => {
  const es = uniSse(`${server.httpUrl}/connection/uni_sse?channel=open:news`);
  await es.connectPush();
  await publish('open:news', 1, 3);
  await es.waitFor(() => es.pubs('open:news').length === 3, 'three publications');
  es.close();
  // A channel the client may not subscribe to is refused before the stream starts.
  const res = await fetch(`${server.httpUrl}/connection/uni_sse?channel=feed:private`);
  assert.equal(res.status, 403);
  assert.deepEqual(await res.json(), { code: 3507, reason: 'permission denied' });
});
