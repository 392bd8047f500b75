// The committee pages' routes (pure): the list, one committee, a meeting's agenda preparation, its side panel and stage,
// and the Teams meeting tab's own entry (which finds its meeting from the meeting chat).
export type CommitteeRoute =
  | { view: 'list' }
  | { view: 'committee'; id: string }
  | { view: 'agenda'; meetingId: string }
  | { view: 'panel'; meetingId: string }
  | { view: 'stage'; meetingId: string }
  /** The meeting tab's content URL inside Teams: the side panel or the stage by frame context; the meeting by id, or by
   *  the Teams meeting chat (from the context), or the committee's current meeting. */
  | { view: 'inMeeting'; meetingId: string | null; committeeId: string | null };

function decode(segment: string): string | null {
  try {
    const value = decodeURIComponent(segment);
    return value.trim() === '' ? null : value;
  } catch {
    return null;
  }
}

/**
 * The committee route for a path (without a trailing slash) and query, or null when it is none of them. Meetings live
 * under /committees/meetings/:id (the URL the server's cards link to) and, shorter, /meetings/:id.
 */
export function parseCommitteeRoute(path: string, query: URLSearchParams): CommitteeRoute | null {
  if (path === '/committees') return { view: 'list' };
  if (path === '/committees/in-meeting') return { view: 'inMeeting', meetingId: query.get('meetingId') || null, committeeId: query.get('committeeId') || null };
  const m = /^(?:\/committees)?\/meetings\/([^/]+)(?:\/(panel|stage))?$/.exec(path);
  if (m?.[1]) {
    const meetingId = decode(m[1]);
    if (!meetingId) return null;
    return m[2] === 'panel' ? { view: 'panel', meetingId } : m[2] === 'stage' ? { view: 'stage', meetingId } : { view: 'agenda', meetingId };
  }
  const c = /^\/committees\/([^/]+)$/.exec(path);
  if (c?.[1]) {
    const id = decode(c[1]);
    return id ? { view: 'committee', id } : null;
  }
  return null;
}

export const committeesHref = '/committees';

export function committeeHref(id: string): string {
  return `/committees/${encodeURIComponent(id)}`;
}

export function meetingHref(id: string, view: 'agenda' | 'panel' | 'stage' = 'agenda'): string {
  const base = `/committees/meetings/${encodeURIComponent(id)}`;
  return view === 'agenda' ? base : `${base}/${view}`;
}

/** The Teams meeting tab's content URL: absolute, with the meeting when the config page knew it. */
export function inMeetingContentUrl(origin: string, meetingId: string | null): string {
  return `${origin}/committees/in-meeting${meetingId ? `?meetingId=${encodeURIComponent(meetingId)}` : ''}`;
}
