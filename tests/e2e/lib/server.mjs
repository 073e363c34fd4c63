// Starts the real livegate binary on a free port for a test and stops it afterwards.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';

export const SECRET = 'e2e-secret';
export const API_KEY = 'e2e-api-key';

const BIN = process.env.LIVEGATE_BIN;
if (!BIN) throw new Error('LIVEGATE_BIN must point at the livegate binary');

// Starts livegate with test defaults plus `flags` ("key=value" strings); resolves once it
// listens. The port is chosen by the kernel (http.port=0) and read from the log line.
export async function startServer(flags = [], { env = {} } = {}) {
  const args = [
    '--http.address=127.0.0.1',
    '--http.port=0',
    `--client.token.hmac_secret_key=${SECRET}`,
    `--http_api.key=${API_KEY}`,
    '--log_level=info',
    ...flags.map((f) => `--${f}`),
  ];
  const proc = spawn(BIN, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const port = await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      log += chunk.toString();
      const m = log.match(/listening on [^\s]+:(\d+)/);
      if (m) resolve(Number(m[1]));
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`livegate exited with ${code} before listening:\n${log}`)));
  });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    port,
    proc,
    exited,
    log: () => log,
    wsUrl: `ws://127.0.0.1:${port}/connection/websocket`,
    httpUrl: `http://127.0.0.1:${port}`,
    api: (method, body, headers = {}) => api(port, method, body, headers),
    async stop() {
      if (proc.exitCode !== null) return exited;
      proc.kill('SIGTERM');
      return exited;
    },
  };
}

export async function api(port, method, body, headers = {}) {
  const res = await fetch(`http://127.0.0.1:${port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-API-Key': API_KEY, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, json, text };
}

function b64url(data) {
  return Buffer.from(data).toString('base64url');
}

// An HS256 JWT signed with the test secret.
export function token(claims, { secret = SECRET, alg = 'HS256' } = {}) {
  const header = b64url(JSON.stringify({ alg, typ: 'JWT' }));
  const payload = b64url(JSON.stringify(claims));
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg];
  const sig = createHmac(hash, secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${sig}`;
}

export const now = () => Math.floor(Date.now() / 1000);
