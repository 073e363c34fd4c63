// A TCP relay in front of livegate that can fail like a network does: `cut()` stops relaying
// and keeps both sockets open (the server sees neither FIN nor close frame: a laptop lid, a
// dead NAT entry); `reset()` destroys the relayed connections at once (a dropped link) while
// new connections keep working.
import net from 'node:net';

export async function startRelay(targetPort) {
  const pairs = new Set();
  let cut = false;
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    const pair = { client, upstream };
    pairs.add(pair);
    client.on('data', (d) => { if (!cut) upstream.write(d); });
    upstream.on('data', (d) => { if (!cut) client.write(d); });
    const drop = () => { client.destroy(); upstream.destroy(); pairs.delete(pair); };
    client.on('close', drop);
    upstream.on('close', drop);
    client.on('error', () => {});
    upstream.on('error', () => {});
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    cut() { cut = true; },
    reset() {
      for (const { client, upstream } of pairs) {
        client.resetAndDestroy();
        upstream.resetAndDestroy();
      }
      pairs.clear();
    },
    close() {
      for (const { client, upstream } of pairs) { client.destroy(); upstream.destroy(); }
      server.close();
    },
  };
}
