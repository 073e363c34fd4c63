import { startServer, token } from '/work/main/tests/e2e/lib/server.mjs';
const server = await startServer(['uni_websocket.enabled=true', 'uni_sse.enabled=true', 'uni_http_stream.enabled=true',
    'sse.enabled=true', 'http_stream.enabled=true', 'client.allowed_origins=https://app.example',
    'channel.without_namespace.allow_subscribe_for_client=true', 'http.max_body_bytes=65536']);
const cf = (obj) => encodeURIComponent(typeof obj === 'string' ? obj : JSON.stringify(obj));
let fails = 0;
for (let i = 0; i < 30; i++) {
  const out = [];
  for (const q of [cf('{bad'), cf({ token: 5 }), '%ZZ', cf({ token: 'not.a.jwt' })]) {
    const r = await fetch(`${server.httpUrl}/connection/uni_sse?cf_connect=${q}`); out.push(`${r.status} ${await r.text()}`);
  }
  if (!out[3].startsWith('401')) { fails++; console.log(out); }
}
console.log('fails', fails);
await server.stop();
