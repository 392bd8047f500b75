// The Teams host through teams-js v2: initialise (with a short time-out, so a plain browser falls back to local sign-in), context, theme, SSO token, config page.
//
// teams-js is imported only when the tab is framed (./teams-sdk): on import it fetches Teams' list of valid origins
// from res.cdn.office.net, which a plain browser outside Teams has no use for. scripts/tab-size.ts counts the chunk as
// initial JavaScript all the same, since inside Teams it loads at once.
import { cachedTokens } from './token-cache';

export type TeamsTheme = 'default' | 'dark' | 'contrast';

export interface TeamsHost {
  theme: TeamsTheme;
  locale: string;
  /** 'content', 'settings' (the config page), 'sidePanel' (a meeting's side panel) … */
  frameContext: string;
  channelId: string | null;
  /** The chat the tab sits in: for a meeting tab (side panel, stage) the meeting's chat, '19:meeting_…@thread.v2'. */
  chatId?: string | null;
  /** Teams SSO: an Entra token for the app, which the server validates; `fresh` after a 401. */
  token(fresh: boolean): Promise<string>;
  onThemeChange(handler: (theme: TeamsTheme) => void): void;
}

export function themeName(value: string | undefined): TeamsTheme {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

/** Teams always frames a tab; a top-level window is a plain browser and needs no wait. */
export function isFramed(): boolean {
  try {
    return window.self !== window.top;
  } catch {
    return true;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Null outside Teams (not framed, or the host did not answer within `timeoutMs`). */
export async function connectTeams(timeoutMs = 3000): Promise<TeamsHost | null> {
  if (!isFramed()) return null;
  try {
    const { app, authentication } = await import('./teams-sdk');
    await withTimeout(app.initialize(), timeoutMs);
    const context = await withTimeout(app.getContext(), timeoutMs);
    void app.notifySuccess().catch(() => undefined);
    return {
      theme: themeName(context.app.theme),
      locale: context.app.locale,
      frameContext: String(context.page.frameContext ?? 'content'),
      channelId: context.channel?.id ?? null,
      chatId: context.chat?.id ?? null,
      token: cachedTokens(() => authentication.getAuthToken()),
      onThemeChange: (handler) => app.registerOnThemeChangeHandler((t) => handler(themeName(t))),
    };
  } catch {
    return null;
  }
}

export interface ChannelTabConfig {
  contentUrl: string;
  entityId: string;
  suggestedDisplayName: string;
}

/** The configurable channel tab's config page: Save is enabled once a unit is picked, and saves its content URL. */
export const teamsConfig = {
  async setValid(valid: boolean): Promise<void> {
    const { pages } = await import('./teams-sdk');
    pages.config.setValidityState(valid);
  },
  async onSave(config: () => ChannelTabConfig): Promise<void> {
    const { pages } = await import('./teams-sdk');
    pages.config.registerOnSaveHandler((event) => {
      const c = config();
      pages.config
        .setConfig({ contentUrl: c.contentUrl, websiteUrl: c.contentUrl, entityId: c.entityId, suggestedDisplayName: c.suggestedDisplayName })
        .then(
          () => event.notifySuccess(),
          (err: unknown) => event.notifyFailure(err instanceof Error ? err.message : 'setConfig failed'),
        );
    });
  },
};
