// teams-js, in a chunk of its own: loaded only inside a frame, since importing it fetches Teams' origin list from Microsoft's CDN.
export { app, authentication, pages } from '@microsoft/teams-js';
