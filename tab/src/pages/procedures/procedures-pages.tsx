// The procedure pages (issue 8), loaded lazily as one chunk: the sub-menu and the page the route names.
import type { ProcedureRoute } from './procedure-routes';
import { ApprovalsPage } from './approvals-page';
import { CoveragePage } from './coverage-page';
import { DocumentPage } from './document-page';
import { NewDocumentPage } from './new-document-page';
import { ProceduresNav } from './procedures-nav';
import { ReadingListPage } from './reading-list-page';
import { ReviewsPage } from './reviews-page';
import { SearchPage } from './search-page';
import { SelfAssessmentPage } from './self-assessment-page';

export function ProceduresPages({ route, narrow }: { route: ProcedureRoute; narrow: boolean }) {
  let page;
  switch (route.view) {
    case 'search':
      page = <SearchPage narrow={narrow} />;
      break;
    case 'new':
      page = <NewDocumentPage />;
      break;
    case 'document':
      page = <DocumentPage key={route.id} id={route.id} narrow={narrow} />;
      break;
    case 'approvals':
      page = <ApprovalsPage />;
      break;
    case 'reviews':
      page = <ReviewsPage narrow={narrow} />;
      break;
    case 'selfAssessment':
      page = <SelfAssessmentPage />;
      break;
    case 'readingList':
      page = <ReadingListPage />;
      break;
    case 'coverage':
      page = <CoveragePage />;
      break;
  }
  return (
    <>
      <ProceduresNav view={route.view} />
      {page}
    </>
  );
}

export default ProceduresPages;
