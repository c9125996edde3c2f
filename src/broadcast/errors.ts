/**
 * The errors of the SendCall client. None of them ever carries credentials: messages are
 * written here from known parts (operation, URL without user info, status, fault fields),
 * never copied from request headers.
 *
 * @module
 */
import type { Diagnostic } from '../validate/diagnostic.js';
import { formatCompact } from '../validate/report/compact.js';
import type { RequestProblem } from './request-check.js';
import type { FaultCode } from './types.js';

/**
 * A SOAP fault from the service: CallFire's `ServiceFaultInfo` (FaultCode, Message, Detail).
 *
 * @example
 * ```ts
 * try { await client.sendCall(request); }
 * catch (e) { if (e instanceof SoapFaultError && e.faultCode === 'BAD_REQUEST') console.error(e.detail); }
 * ```
 * @category Errors
 */
export class SoapFaultError extends Error {
  override readonly name = 'SoapFaultError';
  /** The fault code; `undefined` when the fault carried no ServiceFaultInfo. */
  readonly faultCode: FaultCode | undefined;
  readonly detail: string | undefined;
  /** The SOAP 1.2 `Code/Value`, such as `env:Sender`. */
  readonly soapCode: string | undefined;
  readonly operation: string;
  readonly status: number;

  constructor(init: { operation: string; status: number; faultCode?: FaultCode | undefined; message: string; detail?: string | undefined; soapCode?: string | undefined }) {
    super(`${init.operation} failed: ${init.faultCode ?? 'SOAP fault'}: ${init.message}${init.detail ? ` (${init.detail})` : ''}`);
    this.operation = init.operation;
    this.status = init.status;
    this.faultCode = init.faultCode;
    this.detail = init.detail;
    this.soapCode = init.soapCode;
  }

  /**
   * Whether trying again may help: the service said UNAVAILABLE or TIMEOUT, or it failed
   * itself (HTTP 5xx, SOAP `Receiver`) without saying why in a ServiceFaultInfo, which is what
   * a server in trouble answers.
   */
  get retryable(): boolean {
    if (this.faultCode === 'UNAVAILABLE' || this.faultCode === 'TIMEOUT') return true;
    return this.faultCode === undefined && this.status >= 500 && /(^|:)Receiver$/.test(this.soapCode ?? '');
  }
}

/** HTTP 401 or missing credentials: the API login and password were refused or not given. @category Errors */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
}

/**
 * The service could not be reached or answered with something that is not SOAP: connection
 * refused or dropped, timeout, an HTTP error without a fault. `attempts` says how often it
 * was tried.
 * @category Errors
 */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly attempts: number;

  constructor(message: string, init: { status?: number | undefined; code?: string | undefined; attempts?: number } = {}) {
    super(message);
    this.status = init.status;
    this.code = init.code;
    this.attempts = init.attempts ?? 1;
  }
}

/**
 * A request refused before anything was sent: the SendCall request does not match the
 * schema, or the dialplan has errors.
 * @category Errors
 */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
  readonly problems: readonly RequestProblem[];
  /** Validation and lint findings of the dialplan (errors and warnings). */
  readonly dialplan: readonly Diagnostic[];

  constructor(init: { problems?: readonly RequestProblem[]; dialplan?: readonly Diagnostic[] }) {
    const problems = init.problems ?? [];
    const dialplan = init.dialplan ?? [];
    const errors = dialplan.filter((d) => d.severity === 'error');
    const parts = [...problems.map((p) => `request ${formatCompact(p)}`), ...errors.map((d) => `DialplanXml ${formatCompact(d)}`)];
    super(`nothing was sent: ${parts.length} problem(s)\n  ${parts.slice(0, 20).join('\n  ')}${parts.length > 20 ? `\n  ... and ${parts.length - 20} more` : ''}`);
    this.problems = problems;
    this.dialplan = dialplan;
  }
}
