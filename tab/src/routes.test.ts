// URLs map to the tab's pages, the channel tab's included.
import { describe, expect, it } from 'vitest';
import { caseHref, parseRoute } from './routes';

describe('tab routes', () => {
  it('opens the inbox for the personal tab and its own path', () => {
    expect(parseRoute('/', '')).toEqual({ page: 'inbox' });
    expect(parseRoute('/inbox', '?kind=nearMiss')).toEqual({ page: 'inbox' });
    expect(parseRoute('/inbox/', '')).toEqual({ page: 'inbox' });
  });

  it('opens the channel view for a channel tab, with or without a unit in the URL', () => {
    expect(parseRoute('/', '?unitId=u-1')).toEqual({ page: 'channel', unitId: 'u-1' });
    expect(parseRoute('/channel', '?unitId=u-1')).toEqual({ page: 'channel', unitId: 'u-1' });
    expect(parseRoute('/channel', '')).toEqual({ page: 'channel', unitId: null });
  });

  it('knows cases, the action list, the dashboard and the config page', () => {
    expect(parseRoute(caseHref('AV 1/2'), '')).toEqual({ page: 'case', id: 'AV 1/2' });
    expect(parseRoute('/actions', '')).toEqual({ page: 'actions' });
    expect(parseRoute('/dashboard', '?unitId=x')).toEqual({ page: 'dashboard' });
    expect(parseRoute('/config', '')).toEqual({ page: 'config' });
  });

  it('knows the risk pages (issue 7)', () => {
    expect(parseRoute('/risk', '?year=2026')).toEqual({ page: 'risk', route: { view: 'assessments' } });
    expect(parseRoute('/risk/assessments/a-1/', '')).toEqual({ page: 'risk', route: { view: 'assessment', id: 'a-1' } });
    expect(parseRoute('/risk/heatmap', '?cell=l4c5')).toEqual({ page: 'risk', route: { view: 'heatMap' } });
    expect(parseRoute('/risk/rounds/r-1', '')).toEqual({ page: 'risk', route: { view: 'round', id: 'r-1' } });
    expect(parseRoute('/risk/nothing', '')).toEqual({ page: 'notFound' });
  });

  it('knows the committee pages (issue 9), the meeting side panel and stage, and the Teams meeting tab', () => {
    expect(parseRoute('/committees', '')).toEqual({ page: 'committees', route: { view: 'list' } });
    expect(parseRoute('/committees/committee-kul/', '')).toEqual({ page: 'committees', route: { view: 'committee', id: 'committee-kul' } });
    expect(parseRoute('/committees/meetings/m-1', '')).toEqual({ page: 'committees', route: { view: 'agenda', meetingId: 'm-1' } });
    expect(parseRoute('/meetings/m-1/panel', '')).toEqual({ page: 'committees', route: { view: 'panel', meetingId: 'm-1' } });
    expect(parseRoute('/committees/meetings/m-1/stage', '')).toEqual({ page: 'committees', route: { view: 'stage', meetingId: 'm-1' } });
    expect(parseRoute('/committees/in-meeting', '?meetingId=m-1')).toEqual({ page: 'committees', route: { view: 'inMeeting', meetingId: 'm-1', committeeId: null } });
    expect(parseRoute('/committees/a/b', '')).toEqual({ page: 'notFound' });
  });

  it('says not found for anything else', () => {
    expect(parseRoute('/cases', '')).toEqual({ page: 'notFound' });
    expect(parseRoute('/cases/%E0%A4%A', '')).toEqual({ page: 'notFound' });
    expect(parseRoute('/admin', '')).toEqual({ page: 'notFound' });
  });
});
