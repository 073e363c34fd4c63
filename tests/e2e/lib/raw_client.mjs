// A raw protocol client over npm `ws`: sends JSON commands, collects every reply and push,
// and waits for conditions (no sleeps).
import WebSocket from 'ws';
import { Waitable } from './wait.mjs';

export class RawClient extends Waitable {
  constructor(url, options = {}) {
    super();
    this.messages = [];
    this.closed = null;
    this.autoPong = options.autoPong ?? true;
    this.ws = new WebSocket(url, options.wsOptions);
    this.ws.on('message', (data, isBinary) => {
      const text = data.toString();
      for (const line of text.split('\n')) {
        if (!line) continue;
        const msg = JSON.parse(line);
        // An empty object is the server's ping: answer with an empty command.
        if (Object.keys(msg).length === 0 && this.autoPong) this.ws.send('{}');
        this.messages.push(msg);
      }
      this.notify();
    });
    this.ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.notify();
    });
    this.ws.on('error', () => {});
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', resolve);
      this.ws.once('unexpected-response', (req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      this.ws.once('error', reject);
    });
  }

  describe() {
    return `got ${JSON.stringify(this.messages).slice(0, 500)} closed=${JSON.stringify(this.closed)}`;
  }

  send(obj) {
    this.ws.send(typeof obj === 'string' ? obj : JSON.stringify(obj));
  }

  reply(id) {
    return this.waitFor(() => this.messages.find((m) => m.id === id), `reply ${id}`);
  }

  async command(obj) {
    this.send(obj);
    return this.reply(obj.id);
  }

  waitClose(timeoutMs = 30000) {
    return this.waitFor(() => this.closed, 'close', timeoutMs);
  }

  pubs(channel) {
    return this.messages.filter((m) => m.push?.pub && m.push.channel === channel).map((m) => m.push.pub);
  }

  close() {
    this.ws.terminate();
  }
}
