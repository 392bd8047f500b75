// Words for the procedure API's code values in the person's language (the keys are typed: a value without a text fails typecheck).
import type { Role } from '../../../../src/domain/index.js';
import type { ChecklistAnswer, DocumentKindDto, DocumentStatusDto, DocumentTypeDto } from '../../../../src/server/api/contract-procedures.js';
import type { Translate } from '../../i18n/catalogue';
import type { ReviewOutcome, SelfAssessmentOutcome } from './procedure-values';

export interface ProcedureLabels {
  kind(k: DocumentKindDto): string;
  type(t: DocumentTypeDto): string;
  status(s: DocumentStatusDto): string;
  role(r: Role): string;
  reviewOutcome(o: ReviewOutcome): string;
  answer(a: ChecklistAnswer): string;
  selfOutcome(o: SelfAssessmentOutcome): string;
}

export function procedureLabels(t: Translate): ProcedureLabels {
  return {
    kind: (k) => t(`proc.kind.${k}` as const),
    type: (x) => t(`proc.type.${x}` as const),
    status: (s) => t(`proc.status.${s}` as const),
    role: (r) => t(`proc.role.${r}` as const),
    reviewOutcome: (o) => t(`proc.reviewOutcome.${o}` as const),
    answer: (a) => t(`proc.answer.${a}` as const),
    selfOutcome: (o) => t(`proc.selfOutcome.${o}` as const),
  };
}
