// Clients of the transports besides WebSocket, built on what a browser has: fetch streams
// (HTTP streaming), the npm `eventsource` EventSource (SSE) and npm `ws` (uni_websocket).
// Each collects parsed messages and waits for conditions (no sleeps).
import { EventSource } from 'eventsource';
import WebSocket from 'ws';
import { Waitable } from './wait.mjs';

class Collector extends Waitable {
  constructor() {
    super();
    this.messages = [];
    this.closed = false;
  }

  push(msg) {
    this.messages.push(msg);
    this.notify();
  }

  describe() {
    return `got ${this.messages.length} messages, last ` +
      `${JSON.stringify(this.messages.slice(-3)).slice(0, 400)} closed=${this.closed}`;
  }

  // Bare pushes of a unidirectional stream.
  connectPush(index = 0) {
    return this.waitFor(() => this.messages.filter((m) => m.connect)[index], `connect push ${index}`);
  }

  // Publication data of `channel`, live and recovered (in connect pushes), in arrival order.
  pubs(channel) {
    const out = [];
    for (const m of this.messages) {
      if (m.connect?.subs?.[channel]?.publications) out.push(...m.connect.subs[channel].publications);
      if (m.pub && m.channel === channel) out.push(m.pub);
    }
    return out;
  }
}

// POST /connection/uni_http_stream with a connect request; newline-delimited pushes.
export function uniHttpStream(baseUrl, connectRequest, { headers = {} } = {}) {
  const c = new Collector();
  const abort = new AbortController();
  c.response = fetch(`${baseUrl}/connection/uni_http_stream`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(connectRequest),
    signal: abort.signal,
  }).then(async (res) => {
    c.status = res.status;
    if (res.status !== 200) {
      c.body = await res.text();
      c.closed = true;
      c.notify();
      return res;
    }
    readLines(res.body, (line) => c.push(JSON.parse(line))).finally(() => {
      c.closed = true;
      c.notify();
    });
    return res;
  });
  c.close = () => abort.abort();
  return c;
}

async function readLines(body, onLine) {
  const decoder = new TextDecoder();
  let rest = '';
  try {
    for await (const chunk of body) {
      rest += decoder.decode(chunk, { stream: true });
      let nl;
      while ((nl = rest.indexOf('\n')) >= 0) {
        const line = rest.slice(0, nl);
        rest = rest.slice(nl + 1);
        if (line) onLine(line);
      }
    }
  } catch {
    // aborted by the test
  }
}

// A native EventSource on /connection/uni_sse. `requests` records each request's headers, so
// a test can see the Last-Event-ID of a reconnect.
export function uniSse(url) {
  const c = new Collector();
  c.requests = [];
  c.errors = 0;
  const recordingFetch = (input, init) => {
    c.requests.push({ ...(init?.headers ?? {}) });
    return fetch(input, init);
  };
  c.es = new EventSource(url, { fetch: recordingFetch });
  c.es.onmessage = (e) => {
    const msg = JSON.parse(e.data);
    msg.lastEventId = e.lastEventId;
    c.push(msg);
  };
  c.es.onerror = () => {
    c.errors++;
    c.notify();
  };
  c.close = () => c.es.close();
  return c;
}

// /connection/uni_websocket: the first text message is the connect request; one push per frame.
export function uniWebSocket(url, connectRequest) {
  const c = new Collector();
  c.frames = 0;
  c.ws = new WebSocket(url);
  c.ws.on('open', () => c.ws.send(JSON.stringify(connectRequest)));
  c.ws.on('message', (data) => {
    c.frames++;
    c.push(JSON.parse(data.toString()));  // exactly one JSON push per frame
  });
  c.ws.on('close', (code) => {
    c.closed = true;
    c.closeCode = code;
    c.notify();
  });
  c.ws.on('error', () => {});
  c.close = () => c.ws.terminate();
  return c;
}

export { EventSource };
