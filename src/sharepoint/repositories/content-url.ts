// Where file bytes may go: upload and download URLs come from Graph's own answers, and even so bytes go only over https,
// or to the Graph emulator's origin when the app itself talks to Graph over plain http on this machine.

/** Whether `url` (an upload session's or a download's) may carry file bytes, for an app talking to Graph at `graphBase`. */
export function trustedContentUrl(url: string, graphBase: string): boolean {
  try {
    const u = new URL(url);
    if (u.username || u.password) return false;
    if (u.protocol === 'https:') return true;
    const graph = new URL(graphBase);
    return u.protocol === 'http:' && graph.protocol === 'http:' && u.origin === graph.origin && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}
