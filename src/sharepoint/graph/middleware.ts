// Plumbing shared by our middleware: a base for links in the graph client's chain, and the per-request trace they write to.
import type { Context, Middleware, MiddlewareOptions } from '@microsoft/microsoft-graph-client';
import type { GraphFailure } from './graph-error.js';

/** One link in the chain; the client calls setNext when it builds the chain. */
export abstract class ChainLink implements Middleware {
  protected next: Middleware | undefined;

  abstract execute(context: Context): Promise<void>;

  setNext(next: Middleware): void {
    this.next = next;
  }

  protected async forward(context: Context): Promise<void> {
    if (!this.next) throw new Error(`${this.constructor.name} is the last link of the Graph middleware chain; a fetch link must follow it.`);
    await this.next.execute(context);
  }
}

/**
 * Travels with one request through the chain (as a middleware option) and collects what happened:
 * attempts, units, waits, and the typed failure a link raised. The SDK's GraphRequest wraps anything
 * thrown in the chain into its own GraphError, so the facade reads the typed failure from here.
 */
export class RequestTrace implements MiddlewareOptions {
  /** HTTP attempts sent (throttling and connection retries included). */
  attempts = 0;
  /** Resource units charged by the pacer. */
  units = 0;
  /** Milliseconds spent waiting for the pacer. */
  pacedMs = 0;
  /** Connection failures that were retried. */
  connectionRetries = 0;
  failure: GraphFailure | undefined;
  /** Stable across retries; sent as client-request-id so Graph's logs and ours can be matched. */
  readonly clientRequestId: string = crypto.randomUUID();
}

export function traceOf(context: Context): RequestTrace | undefined {
  return context.middlewareControl?.getMiddlewareOptions(RequestTrace) as RequestTrace | undefined;
}
