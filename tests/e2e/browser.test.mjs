// The demo pages in a real browser (Debian chromium driven by playwright-core): the no-SDK
// page receives publications through the browser's own EventSource and WebSocket, and the
// SDK page (npm centrifuge) through its WebSocket client. The server runs the demo config.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, token } from './lib/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let server;
let browser;
before(async () => {
  server = await startServer([
    `config=${root}/config/demo.yaml`,
    `http.static_dir=${root}/web`,
  ]);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});
after(async () => {
  await browser?.close();
  await server.stop();
});

async function publish(data) {
  const r = await server.api('publish', { channel: 'news', data });
  assert.equal(r.status, 200, r.text);
}

test('plain.html: EventSource and WebSocket without an SDK show publications', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.httpUrl}/plain.html`);
  await page.waitForFunction(() => document.getElementById('sse').textContent.includes('connected as') &&
    document.getElementById('ws').textContent.includes('connected as'));
  await publish({ text: 'hello from the API' });
  await page.waitForFunction(() => ['sse', 'ws'].every((id) =>
    document.getElementById(id).textContent.includes('news: {"text":"hello from the API"}')));
  // The EventSource reconnects after the server ends its stream and recovers what it missed.
  const r = await server.api('disconnect', { user: '', disconnect: { code: 3011, reason: 'force reconnect' } });
  assert.equal(r.status, 200, r.text);
  await page.waitForFunction(() => document.getElementById('sse').textContent.includes('disconnected: force reconnect'));
  await publish({ text: 'while away' });
  // Published right after the stream ended, long before the browser's reconnect delay (~3 s):
  // it can only arrive through the Last-Event-ID recovery in the new connect push.
  await page.waitForFunction(
    () => document.getElementById('sse').textContent.includes('news (recovered): {"text":"while away"}'),
    null, { timeout: 30000 });
  await page.close();
});

test('index.html: the centrifuge SDK page receives a publication', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.httpUrl}/`);
  await page.fill('#token', token({ sub: 'alice' }));
  await page.click('#connect');
  await page.waitForFunction(() => document.getElementById('log').textContent.includes('subscribed to news'));
  await publish({ text: 'to the SDK' });
  await page.waitForFunction(() => document.getElementById('log').textContent.includes('news: {"text":"to the SDK"}'));
  await page.close();
});
