// Presence with the real centrifuge client: three members are listed, join/leave pushes
// arrive, and a client whose network dies (no FIN, no close frame) leaves presence within the
// configured TTL while live members, refreshing, stay. Online status of users (user_status).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Centrifuge } from 'centrifuge';
import WebSocket from 'ws';
import { startServer, token } from './lib/server.mjs';
import { RawClient } from './lib/raw_client.mjs';
import { startRelay } from './lib/relay.mjs';
import { once, waitUntil } from './lib/wait.mjs';

const PRESENCE_TTL_MS = 5000;
let server;
before(async () => {
  server = await startServer([
    'channel.namespaces=[{name: room, allow_subscribe_for_client: true, presence: true, ' +
      'join_leave: true, allow_presence_for_subscriber: true}]',
    `channel.presence_ttl=${PRESENCE_TTL_MS}ms`,
    'client.presence_update_interval=500ms',
    'client.ping_interval=1s',
    'client.pong_timeout=1s',
  ]);
});
after(async () => { await server.stop(); });

async function presenceUsers(channel) {
  const r = await server.api('presence', { channel });
  assert.equal(r.status, 200, r.text);
  return Object.values(r.json.result.presence).map((i) => i.user).sort();
}

function member(user, channel) {
  const c = new Centrifuge(server.wsUrl, { websocket: WebSocket, token: token({ sub: user }) });
  const sub = c.newSubscription(channel, { joinLeave: true });
  const events = [];
  sub.on('join', (ctx) => events.push(`join ${ctx.info.user}`));
  sub.on('leave', (ctx) => events.push(`leave ${ctx.info.user}`));
  const subscribed = once(sub, 'subscribed');
  sub.subscribe();
  c.connect();
  return { c, sub, events, subscribed };
}

test('three members are listed; join and leave pushes arrive', async () => {
  const channel = 'room:three';
  const alice = member('alice', channel);
  await alice.subscribed;
  const bob = member('bob', channel);
  const carol = member('carol', channel);
  await Promise.all([bob.subscribed, carol.subscribed]);
  const presence = await alice.sub.presence();
  assert.deepEqual(Object.values(presence.clients).map((i) => i.user).sort(), ['alice', 'bob', 'carol']);
  assert.deepEqual(await alice.sub.presenceStats(), { numClients: 3, numUsers: 3 });
  await waitUntil(() => alice.events.includes('join bob') && alice.events.includes('join carol'), 'joins');
  carol.c.disconnect();
  await waitUntil(() => alice.events.includes('leave carol'), 'leave of carol');
  assert.deepEqual(await presenceUsers(channel), ['alice', 'bob']);
  alice.c.disconnect();
  bob.c.disconnect();
});

test('a client whose network dies disappears from presence within the presence TTL', async () => {
  const channel = 'room:cable';
  const live = member('live', channel);
  await live.subscribed;
  const relay = await startRelay(server.port);
  const doomed = new RawClient(`ws://127.0.0.1:${relay.port}/connection/websocket`);
  await doomed.opened;
  await doomed.command({ id: 1, connect: { token: token({ sub: 'doomed' }) } });
  await doomed.command({ id: 2, subscribe: { channel } });
  assert.deepEqual(await presenceUsers(channel), ['doomed', 'live']);

  relay.cut();
  const cutAt = Date.now();
  await waitUntil(async () => !(await presenceUsers(channel)).includes('doomed'),
    'the dead client to leave presence', PRESENCE_TTL_MS + 2000);
  const gone = Date.now() - cutAt;
  assert.ok(gone <= PRESENCE_TTL_MS + 1000, `left after ${gone} ms`);
  await waitUntil(() => live.events.includes('leave doomed'), 'leave pushed to the live member');
  // The live member keeps refreshing its entry: still listed after more than one TTL.
  await waitUntil(() => Date.now() - cutAt > PRESENCE_TTL_MS + 500, 'one TTL to pass');
  assert.deepEqual(await presenceUsers(channel), ['live']);
  relay.close();
  live.c.disconnect();
});

test('user_status tells whether users are online and on how many connections', async () => {
  const a1 = member('ann', 'room:status');
  const a2 = member('ann', 'room:status');
  const b = member('ben', 'room:status');
  await Promise.all([a1.subscribed, a2.subscribed, b.subscribed]);
  let r = await server.api('user_status', { users: ['ann', 'ben', 'dora'] });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.result.statuses, [
    { user: 'ann', online: true, connections: 2 },
    { user: 'ben', online: true, connections: 1 },
    { user: 'dora', online: false, connections: 0 },
  ]);
  const gone = once(b.c, 'disconnected');
  b.c.disconnect();
  await gone;
  await waitUntil(async () => {
    r = await server.api('user_status', { users: ['ben'] });
    return r.json.result.statuses[0].online === false;
  }, 'ben offline');
  for (const bad of [{}, { users: 'ann' }, { users: [] }, { users: [1] }]) {
    r = await server.api('user_status', bad);
    assert.equal(r.json.error.code, 107, JSON.stringify(bad));
  }
  a1.c.disconnect();
  a2.c.disconnect();
});
