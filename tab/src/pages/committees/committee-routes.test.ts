// The committee pages' URLs: the list, a committee, a meeting's agenda, side panel and stage, and the Teams meeting tab.
import { describe, expect, it } from 'vitest';
import { committeeHref, inMeetingContentUrl, meetingHref, parseCommitteeRoute } from './committee-routes';

const parse = (path: string, search = '') => parseCommitteeRoute(path, new URLSearchParams(search));

describe('committee routes', () => {
  it('knows the list and a committee', () => {
    expect(parse('/committees')).toEqual({ view: 'list' });
    expect(parse(committeeHref('committee-kul'))).toEqual({ view: 'committee', id: 'committee-kul' });
    expect(parse(committeeHref('a/b'))).toEqual({ view: 'committee', id: 'a/b' });
  });

  it('knows a meeting under /committees/meetings (the cards’ link) and under /meetings, with its panel and stage', () => {
    expect(parse(meetingHref('m 1'))).toEqual({ view: 'agenda', meetingId: 'm 1' });
    expect(parse('/meetings/m-1')).toEqual({ view: 'agenda', meetingId: 'm-1' });
    expect(parse(meetingHref('m-1', 'panel'))).toEqual({ view: 'panel', meetingId: 'm-1' });
    expect(parse('/meetings/m-1/stage')).toEqual({ view: 'stage', meetingId: 'm-1' });
  });

  it('knows the Teams meeting tab, with or without a meeting or committee', () => {
    expect(parse('/committees/in-meeting')).toEqual({ view: 'inMeeting', meetingId: null, committeeId: null });
    expect(parse('/committees/in-meeting', '?meetingId=m-1')).toEqual({ view: 'inMeeting', meetingId: 'm-1', committeeId: null });
    expect(parse('/committees/in-meeting', '?committeeId=kul')).toEqual({ view: 'inMeeting', meetingId: null, committeeId: 'kul' });
    expect(inMeetingContentUrl('https://varde.example', 'm 1')).toBe('https://varde.example/committees/in-meeting?meetingId=m%201');
    expect(inMeetingContentUrl('https://varde.example', null)).toBe('https://varde.example/committees/in-meeting');
  });

  it('says null for anything else, and for a broken escape', () => {
    expect(parse('/committees/a/b')).toBeNull();
    expect(parse('/meetings')).toBeNull();
    expect(parse('/meetings/m-1/other')).toBeNull();
    expect(parse('/committees/%E0%A4%A')).toBeNull();
    expect(parse('/meetings/%20')).toBeNull();
  });
});
