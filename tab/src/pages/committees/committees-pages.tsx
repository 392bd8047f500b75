// The committee pages (issue 9), loaded lazily as one chunk: the page the route names.
import { useLazyPageFocus } from '../../components/use-lazy-page-focus';
import { AgendaPage } from './agenda-page';
import { CommitteePage } from './committee-page';
import type { CommitteeRoute } from './committee-routes';
import { CommitteesListPage } from './committees-list-page';
import { InMeetingPage } from './in-meeting-page';
import { MeetingPanelPage } from './meeting-panel';
import { MeetingStagePage } from './meeting-stage';

export default function CommitteesPages({ route }: { route: CommitteeRoute }) {
  useLazyPageFocus();

  switch (route.view) {
    case 'list':
      return <CommitteesListPage />;
    case 'committee':
      return <CommitteePage key={route.id} id={route.id} />;
    case 'agenda':
      return <AgendaPage key={route.meetingId} meetingId={route.meetingId} />;
    case 'panel':
      return <MeetingPanelPage key={route.meetingId} meetingId={route.meetingId} />;
    case 'stage':
      return <MeetingStagePage key={route.meetingId} meetingId={route.meetingId} />;
    case 'inMeeting':
      return <InMeetingPage meetingId={route.meetingId} committeeId={route.committeeId} />;
  }
}
