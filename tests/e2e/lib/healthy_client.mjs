// A well-behaved client that stays connected while a suite throws bad input at the server;
// at the end it must still be connected and still receive publications.
import assert from 'node:assert/strict';
import { token } from './server.mjs';
import { RawClient } from './raw_client.mjs';

export async function connectHealthyClient(server) {
  const healthy = new RawClient(server.wsUrl);
  await healthy.opened;
  await healthy.command({ id: 1, connect: { token: token({ sub: 'healthy' }) } });
  await healthy.command({ id: 2, subscribe: { channel: 'healthy' } });
  return healthy;
}

export async function assertStillServed(server, healthy) {
  const before = healthy.pubs('healthy').length;
  await server.api('publish', { channel: 'healthy', data: { still: 'here' } });
  await healthy.waitFor(() => healthy.pubs('healthy').length === before + 1, 'healthy publication');
  assert.equal(healthy.closed, null);
  healthy.close();
}
