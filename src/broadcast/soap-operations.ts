/**
 * The SOAP operations the client speaks and the envelope it sends, apart from the `soap`
 * package that writes them (soap-client.ts): the public declarations of
 * `callfire-dialplan/broadcast` name these, and a declaration that imported soap-client would
 * make every consumer type-check soap's own declarations, which need `@types/sax` (a
 * `skipLibCheck: false` project would fail on them).
 *
 * @module
 */

/** The SOAP operations of the client, with the service (endpoint suffix) each lives on. */
export const OPERATIONS = {
  SendCall: 'call',
  QueryCalls: 'call',
  GetCall: 'call',
  CreateSound: 'call',
  GetBroadcast: 'broadcast',
  GetBroadcastStats: 'broadcast',
  QueryBroadcasts: 'broadcast',
  ControlBroadcast: 'broadcast',
  ConfigureNumber: 'number',
  GetNumber: 'number',
} as const;

/** An operation name. @category API 1.1 (SOAP) */
export type Operation = keyof typeof OPERATIONS;

/** An envelope and the headers soap chose for it (Content-Type with the SOAP 1.2 action). */
export interface Envelope {
  readonly operation: Operation;
  readonly service: (typeof OPERATIONS)[Operation];
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}
