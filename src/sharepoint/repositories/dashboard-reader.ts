// The leader's front page in two requests: one indexed query on 'Avvik' and one on 'Tiltak', sent side by side.
//
// Two plain GETs rather than one $batch of both: the same two resource-unit charges either way,
// each query keeps the client's own retries, and the emulator's metrics count exactly two requests
// (a $batch counts itself and each part).
import type { DashboardReader, DeviationRepository, MeasureRepository, OpenWork } from '../../app/ports/index.js';

export class SharePointDashboardReader implements DashboardReader {
  constructor(
    private readonly deviations: DeviationRepository,
    private readonly measures: MeasureRepository,
    private readonly pageSize = 50,
  ) {}

  async openWorkForUnit(unitId: string): Promise<OpenWork> {
    const [deviations, measures] = await Promise.all([
      this.deviations.listOpenForUnit(unitId, { pageSize: this.pageSize }),
      this.measures.listOpenForUnit(unitId, { pageSize: this.pageSize }),
    ]);
    return { deviations, measures };
  }
}
