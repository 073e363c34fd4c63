// Bad input on the streaming endpoints and /emulation gets a clear HTTP error with a JSON
// body; cross-site requests are refused; a healthy WebSocket client is served throughout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startServer, token } from './lib/server.mjs';
import { assertStillServed, connectHealthyClient } from './lib/healthy_client.mjs';

const ALLOWED = 'https://app.example';
const EVIL = 'https://evil.example';
let server;
let healthy;

before(async () => {
  server = await startServer([
    'uni_websocket.enabled=true', 'uni_sse.enabled=true', 'uni_http_stream.enabled=true',
    'sse.enabled=true', 'http_stream.enabled=true',
    `client.allowed_origins=${ALLOWED}`,
    'channel.without_namespace.allow_subscribe_for_client=true',
    'http.max_body_bytes=65536',
  ]);
  healthy = await connectHealthyClient(server);
});

after(async () => {
  // The healthy client saw every bad input happen and is still served.
  await assertStillServed(server, healthy);
  await server.stop();
});

const url = (path) => `${server.httpUrl}${path}`;
const cf = (obj) => encodeURIComponent(typeof obj === 'string' ? obj : JSON.stringify(obj));

async function expectJson(resPromise, status, check) {
  const res = await resPromise;
  const text = await res.text();
  assert.equal(res.status, status, text);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  const body = JSON.parse(text);
  if (check) check(body);
  return res;
}

test('malformed cf_connect on uni_sse → 400 with the disconnect code', async () => {
  await expectJson(fetch(url(`/connection/uni_sse?cf_connect=${cf('{bad')}`)), 400,
    (b) => assert.deepEqual(b, { code: 3501, reason: 'bad request' }));
  await expectJson(fetch(url(`/connection/uni_sse?cf_connect=${cf({ token: 5 })}`)), 400);
  await expectJson(fetch(url('/connection/uni_sse?cf_connect=%ZZ')), 400);
});

test('an invalid token or Last-Event-ID stops a native EventSource (no 200)', async () => {
  await expectJson(fetch(url(`/connection/uni_sse?cf_connect=${cf({ token: 'not.a.jwt' })}`)), 401,
    (b) => assert.equal(b.code, 3500));
  const good = cf({ token: token({ sub: 'u', channels: ['x'] }) });
  await expectJson(fetch(url(`/connection/uni_sse?cf_connect=${good}`), {
    headers: { 'Last-Event-ID': 'garbage' },
  }), 400);
});

test('streams without their connect request → 400; wrong methods → 405', async () => {
  await expectJson(fetch(url('/connection/sse')), 400, (b) => assert.match(b.error, /cf_connect/));
  await expectJson(fetch(url('/connection/uni_sse')), 400);
  await expectJson(fetch(url('/connection/http_stream'), { method: 'POST', body: '' }), 400);
  await expectJson(fetch(url('/connection/http_stream')), 405);
  await expectJson(fetch(url('/connection/uni_http_stream'), { method: 'PUT', body: '{}' }), 405);
  await expectJson(fetch(url('/emulation')), 405);
  // A first command that is not connect ends the emulated connection before it starts.
  await expectJson(fetch(url('/connection/http_stream'), {
    method: 'POST', body: JSON.stringify({ id: 1, subscribe: { channel: 'x' } }),
  }), 400);
  await expectJson(fetch(url('/connection/uni_http_stream'), { method: 'POST', body: '[1,2' }), 400);
});

test('/emulation: malformed body → 400, unknown session → 404, oversized body → 413', async () => {
  await expectJson(fetch(url('/emulation'), { method: 'POST', body: '{"session":' }), 400);
  await expectJson(fetch(url('/emulation'), { method: 'POST', body: JSON.stringify({ session: 1, data: 2 }) }), 400);
  await expectJson(fetch(url('/emulation'), {
    method: 'POST', body: JSON.stringify({ session: 'no-such-session', node: 'n', data: '{}' }),
  }), 404, (b) => assert.equal(b.error, 'unknown session'));
  const huge = JSON.stringify({ session: 's', node: 'n', data: 'x'.repeat(70000) });
  await expectJson(fetch(url('/emulation'), { method: 'POST', body: huge }), 413);
});

test('a wrong Origin is refused on every browser-facing endpoint (403)', async () => {
  const headers = { Origin: EVIL };
  const good = cf({ token: token({ sub: 'u' }) });
  await expectJson(fetch(url(`/connection/uni_sse?cf_connect=${good}`), { headers }), 403);
  await expectJson(fetch(url(`/connection/sse?cf_connect=${cf({ id: 1, connect: {} })}`), { headers }), 403);
  await expectJson(fetch(url('/connection/uni_http_stream'), { method: 'POST', headers, body: '{}' }), 403);
  await expectJson(fetch(url('/connection/http_stream'), { method: 'POST', headers, body: '{}' }), 403);
  await expectJson(fetch(url('/emulation'), { method: 'POST', headers, body: '{}' }), 403);
  await expectJson(fetch(url('/connection/http_stream'), {
    method: 'OPTIONS', headers: { ...headers, 'Access-Control-Request-Method': 'POST' },
  }), 403);
  for (const path of ['/connection/websocket', '/connection/uni_websocket']) {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers: { Origin: EVIL } });
    const status = await new Promise((resolve) => {
      ws.once('unexpected-response', (req, res) => resolve(res.statusCode));
      ws.once('open', () => resolve('open'));
      ws.once('error', () => {});
    });
    assert.equal(status, 403, path);
  }
});

test('an allowed Origin gets CORS headers, preflight included', async () => {
  const pre = await fetch(url('/connection/http_stream'), {
    method: 'OPTIONS',
    headers: { Origin: ALLOWED, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
  });
  assert.equal(pre.status, 200);
  assert.equal(pre.headers.get('access-control-allow-origin'), ALLOWED);
  assert.match(pre.headers.get('access-control-allow-methods'), /POST/);
  assert.equal(pre.headers.get('access-control-allow-headers'), 'content-type');
  const abort = new AbortController();
  const res = await fetch(url('/connection/uni_http_stream'), {
    method: 'POST', headers: { Origin: ALLOWED }, body: JSON.stringify({ token: token({ sub: 'c' }) }),
    signal: abort.signal,
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), ALLOWED);
  assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
  const reader = res.body.getReader();
  const { value } = await reader.read();
  assert.match(new TextDecoder().decode(value), /^\{"connect":\{"client":/);
  abort.abort();
});

test('a transport that is not enabled answers 404', async () => {
  const plain = await startServer([]);
  try {
    for (const path of ['/connection/uni_sse?cf_connect=%7B%7D', '/connection/sse?cf_connect=%7B%7D', '/emulation']) {
      await expectJson(fetch(`${plain.httpUrl}${path}`, { method: path === '/emulation' ? 'POST' : 'GET' }), 404,
        (b) => assert.equal(b.error, 'transport not enabled'));
    }
  } finally {
    await plain.stop();
  }
});
