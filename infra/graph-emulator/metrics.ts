// Counts what the emulator served: requests per method and route, statuses, resource units per app.
export class Metrics {
  private requests = new Map<string, number>();
  private statuses = new Map<string, number>();
  private units = new Map<string, number>();
  private totalUnits = 0;
  private throttled = 0;

  record(method: string, route: string, status: number, units: number, appId: string): void {
    const key = `${method} ${route}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    this.statuses.set(String(status), (this.statuses.get(String(status)) ?? 0) + 1);
    if (status === 429 || status === 503) this.throttled++;
    if (units > 0) {
      this.units.set(appId, (this.units.get(appId) ?? 0) + units);
      this.totalUnits += units;
    }
  }

  snapshot() {
    const total = [...this.requests.values()].reduce((a, b) => a + b, 0);
    return {
      requests: { total, byRoute: Object.fromEntries([...this.requests].sort()) },
      statuses: Object.fromEntries(this.statuses),
      throttled: this.throttled,
      resourceUnits: { total: this.totalUnits, byApp: Object.fromEntries(this.units) },
    };
  }

  reset(): void {
    this.requests.clear();
    this.statuses.clear();
    this.units.clear();
    this.totalUnits = 0;
    this.throttled = 0;
  }
}
