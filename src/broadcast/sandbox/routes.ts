/**
 * The sandbox's routing table: which handler answers which path prefix. The HTTP front
 * (front.ts) has already checked the credentials and read the body (bounded, decoded from
 * its Content-Encoding) when a handler is called, so a handler only speaks its API.
 *
 * To mount another API beside SOAP 1.1 (such as CallFire's REST API 2.0 under `/v2/`), add
 * one entry to {@link sandboxRoutes}.
 *
 * @module
 */
import type { Route, SandboxContext } from './context.js';
import { soapRoute } from './soap-route.js';
import { v2Route } from './v2/route.js';

/** Every API the sandbox serves, longest prefix first. */
export function sandboxRoutes(ctx: SandboxContext): Route[] {
  return [soapRoute(ctx), v2Route(ctx)];
}

/** The route serving `path`, if any. */
export function routeFor(routes: readonly Route[], path: string): Route | undefined {
  return routes.find((r) => path.startsWith(r.prefix));
}
