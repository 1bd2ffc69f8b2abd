/**
 * The server as a cluster (Node's `cluster` module): `node dist/server/entry.mjs` starts the
 * primary, which keeps the listening socket and runs one worker on the build the site serves.
 * Publishing switches builds without dropping a request: a worker on the new build starts and
 * listens, then the old one stops accepting connections, finishes what it serves, and exits.
 *
 * This module is the worker's side and the decision of which side a process is;
 * primary.ts is the other side.
 */
import cluster from 'node:cluster';
import type http from 'node:http';

/** Messages between the primary and its workers. */
export type ClusterMessage = { kc: 'publish' } | { kc: 'drain' };

const isMessage = (m: unknown): m is ClusterMessage => typeof m === 'object' && m !== null && 'kc' in m;

/** Whether this process should run as the primary (cluster on, and not already a worker). */
export function shouldRunPrimary(): boolean {
  if (!cluster.isPrimary) return false;
  const setting = (process.env['CLUSTER'] ?? 'true').toLowerCase();
  return !['0', 'false', 'no'].includes(setting);
}

/** Whether this process is a worker of the cluster (publishing works only then). */
export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/** The build this worker serves (its id, or null for the deployment's own build). */
export function servedBuildId(): string | null {
  return process.env['KC_BUILD_ID'] || null;
}

/** Asks the primary to work through queued publications. */
export function notifyPrimary(message: ClusterMessage): void {
  if (cluster.isWorker) process.send?.(message);
}

/** Calls `handler` when the primary asks this worker to drain (its build is being replaced). */
export function onDrainRequest(handler: () => void): void {
  if (!cluster.isWorker) return;
  process.on('message', (message: unknown) => {
    if (isMessage(message) && message.kc === 'drain') handler();
  });
}

/**
 * Stops a server without dropping a request: new connections go to the other worker (closing
 * the server takes this worker out of the primary's round robin), every further response on
 * an open connection says `Connection: close` so that its client reconnects — to the new
 * build — once it has its answer, and keep-alive connections that stay idle end at their
 * keep-alive timeout instead of being cut while a request may be on its way. `done` runs when
 * the last connection has closed, or after `graceMs` (connections still open are then closed).
 */
export function drainServer(server: http.Server, graceMs: number, done: () => void): void {
  server.prependListener('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.shouldKeepAlive = false;
  });
  // http.Server#close() closes idle connections first (Node ≥ 19); a client may be writing
  // its next request on one of them at that moment. Leave them to the keep-alive timeout.
  server.closeIdleConnections = () => undefined;
  const timer = setTimeout(() => server.closeAllConnections(), graceMs);
  timer.unref();
  server.close(() => {
    clearTimeout(timer);
    done();
  });
}
