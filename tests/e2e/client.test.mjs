// The official centrifuge client against the real binary: connect, subscribe, publish, rpc.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Centrifuge } from 'centrifuge';
import WebSocket from 'ws';
import { startServer, token, now } from './lib/server.mjs';

let server;

before(async () => {
  server = await startServer([
    'rpc.echo=true',
    'channel.namespaces=[{name: chat, allow_subscribe_for_client: true, allow_publish_for_subscriber: true}, {name: news, allow_subscribe_for_client: true}]',
  ]);
});
after(async () => { await server.stop(); });

function client(claims = { sub: 'alice' }, extra = {}) {
  return new Centrifuge(server.wsUrl, { websocket: WebSocket, token: token(claims), ...extra });
}

function once(emitter, event) {
  return new Promise((resolve) => emitter.once(event, resolve));
}

test('connects with a token, subscribes and receives an API publication', async () => {
  const c = client({ sub: 'alice', exp: now() + 600 });
  const connected = once(c, 'connected');
  c.connect();
  const ctx = await connected;
  assert.match(ctx.client, /^[0-9a-f-]{36}$/);
  const sub = c.newSubscription('chat:room1');
  const subscribed = once(sub, 'subscribed');
  sub.subscribe();
  await subscribed;
  const received = once(sub, 'publication');
  const res = await server.api('publish', { channel: 'chat:room1', data: { text: 'hello' } });
  assert.equal(res.status, 200);
  assert.deepEqual(res.json, { result: {} });
  const pub = await received;
  assert.deepEqual(pub.data, { text: 'hello' });
  c.disconnect();
});

test('client publish: allowed for subscribers, denied (103) elsewhere', async () => {
  const c = client();
  c.connect();
  const chat = c.newSubscription('chat:room2');
  const got = once(chat, 'publication');
  const chatSubscribed = once(chat, 'subscribed');
  chat.subscribe();
  await chatSubscribed;
  await c.publish('chat:room2', { n: 1 });
  assert.deepEqual((await got).data, { n: 1 });
  await assert.rejects(c.publish('news:today', { n: 2 }), (e) => e.code === 103);
  c.disconnect();
});

test('unknown namespace gives 102', async () => {
  const c = client();
  c.connect();
  const sub = c.newSubscription('nope:x');
  const err = once(sub, 'unsubscribed');
  sub.subscribe();
  const ctx = await err;
  assert.equal(ctx.code, 102);
  c.disconnect();
});

test('expired token is refused with 109 and the client asks for a new one', async () => {
  let asked = false;
  const c = client({ sub: 'bob', exp: now() - 10 }, {
    getToken: async () => { asked = true; return token({ sub: 'bob', exp: now() + 600 }); },
  });
  const connected = once(c, 'connected');
  c.connect();
  await connected;
  assert.equal(asked, true);
  c.disconnect();
});

test('unsubscribe stops deliveries', async () => {
  const c = client();
  c.connect();
  const sub = c.newSubscription('chat:room3');
  const subscribed = once(sub, 'subscribed');
  sub.subscribe();
  await subscribed;
  const seen = [];
  sub.on('publication', (p) => seen.push(p.data));
  const unsubscribed = once(sub, 'unsubscribed');
  sub.unsubscribe();
  await unsubscribed;
  // A marker on another subscription proves later publications were processed.
  const marker = c.newSubscription('chat:marker');
  const markerSubscribed = once(marker, 'subscribed');
  marker.subscribe();
  await markerSubscribed;
  const markerPub = once(marker, 'publication');
  await server.api('publish', { channel: 'chat:room3', data: { late: true } });
  await server.api('publish', { channel: 'chat:marker', data: { done: true } });
  await markerPub;
  assert.deepEqual(seen, []);
  c.disconnect();
});

test('server-side subscription from the token channels claim', async () => {
  const c = client({ sub: 'carol', channels: ['news:carol'] });
  const pub = once(c, 'publication');
  const subscribed = once(c, 'subscribed');
  c.connect();
  const s = await subscribed;
  assert.equal(s.channel, 'news:carol');
  await server.api('publish', { channel: 'news:carol', data: { for: 'carol' } });
  const p = await pub;
  assert.equal(p.channel, 'news:carol');
  assert.deepEqual(p.data, { for: 'carol' });
  c.disconnect();
});

test('rpc: a registered method answers, an unknown one gives 104', async () => {
  const c = client();
  c.connect();
  const res = await c.rpc('echo', { x: 42 });
  assert.deepEqual(res.data, { x: 42 });
  await assert.rejects(c.rpc('missing', {}), (e) => e.code === 104);
  c.disconnect();
});

test('/metrics counts what the tests above did; /health and /ready answer', async () => {
  const text = await (await fetch(`${server.httpUrl}/metrics`)).text();
  const value = (name) => {
    const m = text.match(new RegExp(`^${name.replace(/[{}"]/g, (c) => `\\${c}`)} (\\d+)$`, 'm'));
    assert.ok(m, `${name} in /metrics`);
    return Number(m[1]);
  };
  assert.ok(value('livegate_commands_total{type="connect"}') >= 7);
  assert.ok(value('livegate_commands_total{type="subscribe"}') >= 5);
  assert.ok(value('livegate_commands_total{type="rpc"}') >= 2);
  assert.ok(value('livegate_reply_errors_by_code_total{code="103"}') >= 1);
  assert.ok(value('livegate_reply_errors_by_code_total{code="104"}') >= 1);
  assert.ok(value('livegate_publications_total') >= 4);
  assert.ok(value('livegate_deliveries_total') >= 4);
  assert.ok(value('livegate_client_bytes_out_total') > 0);
  assert.ok(value('livegate_connections_accepted_total') >= 7);
  assert.equal(value('livegate_shard_queue_depth{shard="0"}') >= 0, true);
  assert.equal((await fetch(`${server.httpUrl}/health`)).status, 200);
  assert.equal((await fetch(`${server.httpUrl}/ready`)).status, 200);
});
