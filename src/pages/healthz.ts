/** GET /healthz — 200 when the database answers and its migrations are current, else 503. */
import { checkHealth } from '~/lib/server/health';
import { json } from '~/lib/server/http';

export const prerender = false;

export function GET(): Response {
  const health = checkHealth();
  return json(health, health.ok ? 200 : 503);
}
