// Namespace options presence, join_leave (+ force_push_join_leave), history_size/history_ttl:
// presence and presence_stats, join/leave pushes, history through the client and the API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, token } from './lib/server.mjs';
import { RawClient } from './lib/raw_client.mjs';

let server;
before(async () => {
  server = await startServer([
    'channel.namespaces=[{name: room, allow_subscribe_for_client: true, presence: true, ' +
      'allow_presence_for_subscriber: true, join_leave: true, force_push_join_leave: true, ' +
      'history_size: 3, history_ttl: 60s, allow_history_for_subscriber: true}, ' +
      '{name: plain, allow_subscribe_for_client: true}, ' +
      '{name: lobby, allow_subscribe_for_client: true, presence: true, join_leave: true, ' +
      'allow_presence_for_subscriber: true}]',
  ]);
});
after(async () => { await server.stop(); });

async function member(user, channel, subscribeOptions = {}) {
  const c = new RawClient(server.wsUrl);
  await c.opened;
  await c.command({ id: 1, connect: { token: token({ sub: user, info: { name: user } }) } });
  const r = await c.command({ id: 2, subscribe: { channel, ...subscribeOptions } });
  assert.ok(r.subscribe, JSON.stringify(r));
  return c;
}

test('presence lists every subscriber; join and leave are pushed', async () => {
  const a = await member('ann', 'room:1');
  const b = await member('ben', 'room:1');
  await a.waitFor(() => a.messages.some((m) => m.push?.join?.info?.user === 'ben'), 'join of ben');
  const benJoin = a.messages.find((m) => m.push?.join?.info?.user === 'ben');
  assert.deepEqual(benJoin.push.join.info.conn_info, { name: 'ben' });
  const p = await a.command({ id: 3, presence: { channel: 'room:1' } });
  const users = Object.values(p.presence.presence).map((i) => i.user).sort();
  assert.deepEqual(users, ['ann', 'ben']);
  const s = await a.command({ id: 4, presence_stats: { channel: 'room:1' } });
  assert.deepEqual(s.presence_stats, { num_clients: 2, num_users: 2 });
  b.close();
  await a.waitFor(() => a.messages.some((m) => m.push?.leave?.info?.user === 'ben'), 'leave of ben');
  const api = await server.api('presence_stats', { channel: 'room:1' });
  assert.deepEqual(api.json, { result: { num_clients: 1, num_users: 1 } });
  a.close();
});

test('presence and history are not available where the namespace has them off (108)', async () => {
  const c = await member('cat', 'plain:x');
  const p = await c.command({ id: 3, presence: { channel: 'plain:x' } });
  assert.equal(p.error.code, 108);
  const h = await c.command({ id: 4, history: { channel: 'plain:x', limit: -1 } });
  assert.equal(h.error.code, 108);
  c.close();
});

test('history keeps the last history_size publications with offsets and an epoch', async () => {
  for (let i = 1; i <= 5; i++) {
    const r = await server.api('publish', { channel: 'room:h', data: { i } });
    assert.equal(r.json.result.offset, i);
    assert.ok(r.json.result.epoch);
  }
  const c = await member('dan', 'room:h');
  const h = await c.command({ id: 3, history: { channel: 'room:h', limit: -1 } });
  assert.deepEqual(h.history.publications.map((p) => [p.offset, p.data.i]), [[3, 3], [4, 4], [5, 5]]);
  assert.equal(h.history.offset, 5);
  const since = await c.command({ id: 4, history: { channel: 'room:h', limit: 10, since: { offset: 4, epoch: h.history.epoch } } });
  assert.deepEqual(since.history.publications.map((p) => p.offset), [5]);
  const wrong = await c.command({ id: 5, history: { channel: 'room:h', limit: 10, since: { offset: 4, epoch: 'nope' } } });
  assert.equal(wrong.error.code, 112);
  const api = await server.api('history', { channel: 'room:h', limit: 2, reverse: true });
  assert.deepEqual(api.json.result.publications.map((p) => p.offset), [5, 4]);
  await server.api('history_remove', { channel: 'room:h' });
  const empty = await server.api('history', { channel: 'room:h', limit: -1 });
  assert.deepEqual(empty.json.result.publications, []);
  assert.equal(empty.json.result.offset, 5);
  c.close();
});

test('without force_push_join_leave only clients that ask get join/leave pushes', async () => {
  const asks = await member('eve', 'lobby:1', { join_leave: true });
  const silent = await member('fay', 'lobby:1');
  await member('gus', 'lobby:1').then((g) => g.close());
  await asks.waitFor(() => asks.messages.some((m) => m.push?.leave?.info?.user === 'gus'), 'leave of gus');
  assert.ok(asks.messages.some((m) => m.push?.join?.info?.user === 'fay'));
  // A publication after gus left proves fay had processed everything up to it.
  await server.api('publish', { channel: 'lobby:1', data: { after: true } });
  await silent.waitFor(() => silent.pubs('lobby:1').length === 1, 'publication');
  assert.equal(silent.messages.some((m) => m.push?.join || m.push?.leave), false);
  asks.close();
  silent.close();
});

test('a publish repeated with the same idempotency_key is delivered once', async () => {
  const c = await member('ida', 'room:idem');
  const first = await server.api('publish', { channel: 'room:idem', data: { n: 1 }, idempotency_key: 'k1' });
  const again = await server.api('publish', { channel: 'room:idem', data: { n: 1 }, idempotency_key: 'k1' });
  assert.deepEqual(again.json, first.json, 'the repeat answers with the first result');
  const other = await server.api('publish', { channel: 'room:idem', data: { n: 2 }, idempotency_key: 'k2' });
  assert.equal(other.json.result.offset, first.json.result.offset + 1);
  await c.waitFor(() => c.pubs('room:idem').length === 2, 'two publications');
  assert.deepEqual(c.pubs('room:idem').map((p) => p.data.n), [1, 2]);
  const bad = await server.api('publish', { channel: 'room:idem', data: {}, idempotency_key: 5 });
  assert.equal(bad.json.error.code, 107);
  c.close();
});
