// Puts every attempt through the resource-unit pacer, and tells the pacer what the answer said about the budget.
import type { Context } from '@microsoft/microsoft-graph-client';
import { retryAfterSeconds } from './graph-error.js';
import { ChainLink, traceOf } from './middleware.js';
import type { ResourcePacer } from './pacer.js';
import { requestMethod, requestUrl } from './request-info.js';
import { resourceUnits } from './resource-units.js';
import { answerText } from './fetch-middleware.js';

export class PacerMiddleware extends ChainLink {
  constructor(private readonly pacer: ResourcePacer) {
    super();
  }

  async execute(context: Context): Promise<void> {
    const units = resourceUnits(requestMethod(context), requestUrl(context), context.options?.body);
    const ticket = await this.pacer.acquire(units);
    const trace = traceOf(context);
    if (trace) {
      trace.units += units;
      trace.pacedMs += ticket.waitedMs;
    }
    try {
      await this.forward(context);
    } finally {
      ticket.settle();
    }
    const res = context.response;
    if (!res) return;
    const num = (name: string) => {
      const raw = res.headers.get(name);
      const n = raw === null || raw.trim() === '' ? NaN : Number(raw);
      return Number.isFinite(n) ? n : undefined;
    };
    this.pacer.observe({
      status: res.status,
      limit: num('RateLimit-Limit'),
      remaining: num('RateLimit-Remaining'),
      resetSeconds: num('RateLimit-Reset'),
      retryAfterSeconds: retryAfterSeconds(res.headers),
      budgetRefusal: res.status === 429 ? await isBudgetRefusal(res) : false,
    }, ticket);
  }
}

/** SharePoint's resource-unit refusal is a 429 with code activityLimitReached; the answer is buffered (FetchMiddleware). */
async function isBudgetRefusal(res: Response): Promise<boolean> {
  try {
    const body = JSON.parse(await answerText(res)) as { error?: { code?: unknown } };
    return body.error?.code === 'activityLimitReached';
  } catch {
    return false;
  }
}
