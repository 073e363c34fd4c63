// Bad input gets the documented error or disconnect, and a healthy client connected the
// whole time keeps being served.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, token } from './lib/server.mjs';
import { RawClient } from './lib/raw_client.mjs';
import { assertStillServed, connectHealthyClient } from './lib/healthy_client.mjs';

let server;
let healthy;

before(async () => {
  server = await startServer([
    'channel.without_namespace.allow_subscribe_for_client=true',
    'client.max_commands_per_message=1000',
    'client.message_size_limit=1048576',
    'client.ping_interval=1s',
    'client.pong_timeout=1s',
    'client.stale_close_delay=2s',
    'http.request_timeout=1s',
  ]);
  healthy = await connectHealthyClient(server);
});

after(async () => {
  // The healthy client saw every bad input happen and is still served.
  await assertStillServed(server, healthy);
  await server.stop();
});

async function connected() {
  const c = new RawClient(server.wsUrl);
  await c.opened;
  await c.command({ id: 1, connect: { token: token({ sub: 'bad' }) } });
  return c;
}

async function expectClose(c, code) {
  const closed = await c.waitClose();
  assert.equal(closed.code, code, JSON.stringify(closed));
}

test('malformed JSON → 3501', async () => {
  const c = await connected();
  c.send('{"id":2,"subscribe":');
  await expectClose(c, 3501);
});

test('unknown command → 3501', async () => {
  const c = await connected();
  c.send({ id: 2, frobnicate: {} });
  await expectClose(c, 3501);
});

test('first command not connect → 3501', async () => {
  const c = new RawClient(server.wsUrl);
  await c.opened;
  c.send({ id: 1, subscribe: { channel: 'x' } });
  await expectClose(c, 3501);
});

test('no connect within stale_close_delay → 3502', async () => {
  const c = new RawClient(server.wsUrl);
  await c.opened;
  await expectClose(c, 3502);
});

test('message over the size limit → 1009', async () => {
  const c = await connected();
  c.send('x'.repeat(1048577));
  await expectClose(c, 1009);
});

test('binary frame in JSON mode → 1003', async () => {
  const c = await connected();
  c.ws.send(Buffer.from('{"id":2}'), { binary: true });
  await expectClose(c, 1003);
});

test('invalid UTF-8 → 1007', async () => {
  const c = await connected();
  c.ws.send(Buffer.from([0x7b, 0xc0, 0xaf, 0x7d]), { binary: false });
  await expectClose(c, 1007);
});

test('10 000 commands in one frame → 3501 after the per-message limit', async () => {
  const c = await connected();
  const lines = Array.from({ length: 10000 }, (_, i) => JSON.stringify({ id: i + 2, presence_stats: { channel: 'x' } }));
  c.send(lines.join('\n'));
  await expectClose(c, 3501);
  // The first 1000 commands were answered before the disconnect.
  assert.ok(c.messages.filter((m) => m.id >= 2).length <= 1000);
});

test('a half-open WebSocket (client silent, never pongs) is dropped with 3012', async () => {
  const c = await connected();
  c.autoPong = false;
  await expectClose(c, 3012);
});

test('a TCP connection that never sends a request is closed by the request timeout', async () => {
  const sock = net.connect(server.port, '127.0.0.1');
  await new Promise((resolve) => sock.on('connect', resolve));
  await new Promise((resolve) => sock.on('close', resolve));
});

test('HTTP request smuggling on the API port is refused', async () => {
  const body = '0\r\n\r\nPOST /api/publish HTTP/1.1\r\nHost: x\r\nX-API-Key: e2e-api-key\r\n' +
               'Content-Type: application/json\r\nContent-Length: 46\r\n\r\n' +
               '{"channel":"healthy","data":{"smuggled":true}}';
  const raw = 'POST /api/info HTTP/1.1\r\nHost: x\r\nX-API-Key: e2e-api-key\r\n' +
              `Content-Length: ${body.length}\r\nTransfer-Encoding: chunked\r\n\r\n` + body;
  const reply = await new Promise((resolve) => {
    const sock = net.connect(server.port, '127.0.0.1', () => sock.write(raw));
    let data = '';
    sock.on('data', (d) => { data += d; });
    sock.on('close', () => resolve(data));
  });
  assert.match(reply, /^HTTP\/1\.1 400 /);
  assert.equal((reply.match(/HTTP\/1\.1/g) || []).length, 1, 'only one response');
  const info = await server.api('publish', { channel: 'healthy', data: { marker: true } });
  assert.equal(info.status, 200);
  await healthy.waitFor(() => healthy.pubs('healthy').some((p) => p.data.marker), 'marker');
  assert.equal(healthy.pubs('healthy').some((p) => p.data.smuggled), false);
});

test('a wrong API key gets 401 with a JSON body', async () => {
  const r = await server.api('publish', { channel: 'healthy', data: {} }, { 'X-API-Key': 'wrong' });
  assert.equal(r.status, 401);
  assert.deepEqual(r.json, { error: 'unauthorized' });
});

test('API errors: unknown method 104, bad JSON 400, unknown namespace 102', async () => {
  let r = await server.api('nosuch', {});
  assert.equal(r.json.error.code, 104);
  r = await server.api('publish', '{not json');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 107);
  r = await server.api('publish', { channel: 'zz:top', data: {} });
  assert.equal(r.json.error.code, 102);
});

async function metric(name) {
  const res = await fetch(`${server.httpUrl}/metrics`);
  const text = await res.text();
  const m = text.match(new RegExp(`^${name} (\\d+)$`, 'm'));
  return m ? Number(m[1]) : 0;
}
