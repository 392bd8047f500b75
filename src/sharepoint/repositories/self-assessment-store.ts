// The yearly self-assessments of governing documents ('Egenvurderinger', issue 8): one per document and year, held to
// that by the unique YearKey column (documentId|year), so two people saving at once cannot both succeed.
import { DuplicateRecord, type SelfAssessmentStore } from '../../app/ports/index.js';
import type { DocumentSelfAssessment } from '../../domain/index.js';
import { type GraphClient, where } from '../graph/index.js';
import { SELF_ASSESSMENT_COLUMNS, selfAssessmentFromFields, selfAssessmentToFields, selfAssessmentYearKey } from '../mapping/procedure-document.js';
import type { ListDirectory } from './list-directory.js';
import { RecordList, type RecordListOptions } from './record-list.js';

export class SharePointSelfAssessmentStore implements SelfAssessmentStore {
  private readonly records: RecordList<DocumentSelfAssessment>;

  constructor(client: GraphClient, directory: ListDirectory, options: RecordListOptions = {}) {
    this.records = new RecordList<DocumentSelfAssessment>(
      client,
      directory,
      'selfAssessments',
      { entity: 'SelfAssessment', columns: SELF_ASSESSMENT_COLUMNS, toFields: selfAssessmentToFields, fromFields: selfAssessmentFromFields, idOf: (a) => a.id },
      options,
    );
  }

  async create(assessment: DocumentSelfAssessment): Promise<DocumentSelfAssessment> {
    // Another assessment of the same document and year (another id) meets the unique YearKey: a DuplicateRecord.
    const existing = await this.records.findOne(where.eq('YearKey', selfAssessmentYearKey(assessment.documentId, assessment.year)));
    if (existing && existing.value.id !== assessment.id) throw new DuplicateRecord('SelfAssessment', assessment.id);
    return (await this.records.create(assessment)).value;
  }

  forDocument(documentId: string): Promise<DocumentSelfAssessment[]> {
    return this.records.all(where.eq('DocumentId', documentId));
  }

  forYear(year: number): Promise<DocumentSelfAssessment[]> {
    return this.records.all(where.eq('Year', year));
  }
}
