/**
 * `callfire-dialplan/sandbox`: a local stand-in for CallFire's SendCall service (API 1.1 SOAP
 * and API 2.0 REST) that checks each request and plays the broadcast's calls through the
 * simulator.
 *
 * @module callfire-dialplan/sandbox
 */
export { startSandbox, type Sandbox, type SandboxOptions } from '../broadcast/sandbox/server.js';
export type { Credentials } from '../broadcast/sandbox/auth.js';
export { SANDBOX_BUDGET, type SimulationBudget } from '../broadcast/sandbox/ivr-calls.js';
