// …/checkout and …/checkin: check a file out, and back in — as published, which makes a draft the next major version
// in a library that keeps minor versions ('0.3' → '1.0', '1.2' → '2.0').
// https://learn.microsoft.com/graph/api/driveitem-checkout, https://learn.microsoft.com/graph/api/driveitem-checkin
import { GraphError, invalidRequest } from '../../../errors.js';
import { jsonBody, noContent } from '../../../request.js';
import type { Router } from '../../../router.js';
import type { EmulatorContext } from '../../../server.js';
import { checkIn, checkOut, checkedOutBy, publishCurrentVersion } from '../../../store/drives.js';
import { itemFrom } from '../items.js';

const locked = (message: string) => new GraphError(423, 'resourceLocked', message);

/** Both change the file's state: charged as writes. */
export function registerItemCheckInRoutes(r: Router, ctx: EmulatorContext, base: string): void {
  r.add('POST', `${base}/checkout`, 2, (req, params) => {
    const { item } = itemFrom(ctx, params);
    if (item.isFolder) throw invalidRequest('Only files can be checked out.');
    const holder = checkedOutBy(ctx.db, item.id);
    if (holder && holder.appId !== req.caller.appId) throw locked('The file is checked out by someone else.');
    checkOut(ctx.db, item.id, req.caller);
    return noContent();
  });

  r.add('POST', `${base}/checkin`, 2, (req, params) => {
    const { item } = itemFrom(ctx, params);
    const body = req.body.length ? jsonBody(req, true) : {};
    const as = body.checkInAs ?? 'unspecified';
    if (as !== 'published' && as !== 'unspecified') throw invalidRequest("checkInAs must be 'published' or 'unspecified'.");
    if (body.comment !== undefined && typeof body.comment !== 'string') throw invalidRequest('comment must be a string.');
    const holder = checkedOutBy(ctx.db, item.id);
    if (!holder) throw invalidRequest('The file is not checked out.');
    if (holder.appId !== req.caller.appId) throw locked('The file is checked out by someone else.');
    ctx.db.transaction(() => {
      if (as === 'published') publishCurrentVersion(ctx.db, item.id);
      checkIn(ctx.db, item.id);
    })();
    return noContent();
  });
}
