// JSON calls to the app's API as signed-in people, for the HTTP tests over an AppStack: one sign-in per person for the
// whole file, and every answer as its status and parsed body (null when empty).
//
//   let stack: AppStack;
//   const { as, get, post } = apiClient(() => stack);   // the stack is started later, in beforeAll
//   const { status, body } = await get<CasePage>('tl-a', '/api/cases');
import type { AppStack } from './app-stack.js';

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

export function apiClient(stackOf: () => AppStack) {
  const tokens: Record<string, string> = {};
  /** The person's bearer token, signed in on first use. */
  const as = async (personId: string): Promise<string> => (tokens[personId] ??= await stackOf().signIn(personId));

  async function call<T>(personId: string, path: string, init: RequestInit & { json?: unknown } = {}): Promise<ApiAnswer<T>> {
    const res = await stackOf().api(await as(personId), path, init);
    const text = await res.text();
    return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as T };
  }

  return {
    as,
    call,
    get: <T>(personId: string, path: string) => call<T>(personId, path),
    post: <T>(personId: string, path: string, json: unknown) => call<T>(personId, path, { method: 'POST', json }),
    put: <T>(personId: string, path: string, json: unknown) => call<T>(personId, path, { method: 'PUT', json }),
    patch: <T>(personId: string, path: string, json: unknown) => call<T>(personId, path, { method: 'PATCH', json }),
  };
}

/** Requests the app made to Graph during `work`, the indexes' own background delta rounds left out. */
export async function graphRequestsDuring(stack: AppStack, work: () => Promise<unknown>): Promise<number> {
  const read = async () => ((await (await fetch(`${stack.emulator.url}/_emulator/metrics`)).json()) as { requests: { total: number; byRoute: Record<string, number> } }).requests;
  const delta = (r: { byRoute: Record<string, number> }) => Object.entries(r.byRoute).filter(([route]) => route.includes('delta')).reduce((n, [, v]) => n + v, 0);
  const before = await read();
  await work();
  const after = await read();
  return after.total - before.total - (delta(after) - delta(before));
}
