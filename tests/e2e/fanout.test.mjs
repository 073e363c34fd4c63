// 1000 clients on one channel each receive all of 200 publications exactly once, in order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startServer, token } from './lib/server.mjs';

const CLIENTS = 1000;
const PUBLICATIONS = 200;
let server;

before(async () => {
  server = await startServer(['channel.without_namespace.allow_subscribe_for_client=true']);
});
after(async () => { await server.stop(); });

// A lean subscriber: counts publications and checks their order without keeping them.
function subscriber(url, jwt) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const state = { ws, next: 0, errors: [], done: null };
    state.finished = new Promise((r) => { state.done = r; });
    ws.on('open', () => {
      ws.send(JSON.stringify({ id: 1, connect: { token: jwt } }) + '\n' +
              JSON.stringify({ id: 2, subscribe: { channel: 'fan' } }));
    });
    ws.on('message', (data) => {
      for (const line of data.toString().split('\n')) {
        if (!line) continue;
        const m = JSON.parse(line);
        if (m.id === 2) {
          if (m.error) reject(new Error(JSON.stringify(m.error)));
          else resolve(state);
        } else if (m.push?.pub) {
          const seq = m.push.pub.data.seq;
          if (seq !== state.next) state.errors.push(`expected ${state.next} got ${seq}`);
          state.next = seq + 1;
          if (state.next === PUBLICATIONS) state.done();
        } else if (Object.keys(m).length === 0) {
          ws.send('{}');
        }
      }
    });
    ws.on('error', reject);
    ws.on('close', (code) => state.errors.push(`closed ${code}`));
  });
}

test(`${CLIENTS} clients each receive ${PUBLICATIONS} publications once and in order`, async () => {
  const jwt = token({ sub: 'fan' });
  const subs = [];
  for (let i = 0; i < CLIENTS; i += 100) {
    subs.push(...await Promise.all(Array.from({ length: 100 }, () => subscriber(server.wsUrl, jwt))));
  }
  for (let seq = 0; seq < PUBLICATIONS; seq++) {
    const r = await server.api('publish', { channel: 'fan', data: { seq } });
    assert.equal(r.status, 200, r.text);
  }
  await Promise.all(subs.map((s) => s.finished));
  for (const s of subs) {
    assert.deepEqual(s.errors, []);
    assert.equal(s.next, PUBLICATIONS);
  }
  for (const s of subs) s.ws.terminate();
});
