// …/content: simple upload (PUT, up to 250 MB, a new version when the file exists) and download (GET, a 302 to a pre-authenticated URL).
import { invalidRequest, itemNotFound, nameAlreadyExists } from '../../../errors.js';
import { json } from '../../../request.js';
import type { Router } from '../../../router.js';
import type { EmulatorContext } from '../../../server.js';
import { putBuffer, unpin } from '../../../store/blobs.js';
import { redirectToContent } from '../download.js';
import { itemFrom } from '../items.js';
import { driveContext, driveItemResource } from '../item-resource.js';
import { checkIfMatch, conflictBehavior, driveFrom, parseAddress, resolvePartial } from '../resolve.js';
import { collect, commitFile } from '../writes.js';

export function registerItemContentRoutes(r: Router, ctx: EmulatorContext, base: string): void {
  r.add('GET', `${base}/content`, 1, (_req, params) => {
    const { item } = itemFrom(ctx, params);
    if (item.isFolder || !item.blob) throw itemNotFound('The item is a folder and has no content to download.');
    return redirectToContent(ctx, item.blob, item.name);
  });

  r.add('PUT', `${base}/content`, 2, async (req, params) => {
    const scope = driveFrom(ctx, params);
    const addr = parseAddress(scope, params);
    // Graph's default for PUT is to replace a file of the same name.
    const conflict = conflictBehavior(req.query.get('@microsoft.graph.conflictBehavior') ?? undefined, 'replace');
    const ifMatch = req.headers['if-match'];
    // Refuse what can be refused before the bytes are stored; the transaction checks again afterwards.
    const { item, missing } = resolvePartial(ctx, scope, addr);
    const target = addr.segments.length === 0 ? { itemId: item.id } : addr;
    if (missing.length === 0) {
      if (item.isFolder && addr.segments.length === 0) throw invalidRequest('The item is a folder; content can only be uploaded to a file.');
      if (addr.segments.length > 0 && (item.isFolder || conflict === 'fail')) throw nameAlreadyExists(`The specified item name '${item.name}' already exists.`);
      checkIfMatch(item, ifMatch);
    } else {
      checkIfMatch(undefined, ifMatch);
    }

    const blob = await putBuffer(ctx.blobDir, req.body);
    try {
      const written = commitFile(ctx, scope, target, blob, conflict, req.caller, ifMatch);
      return json(written.created ? 201 : 200, {
        '@odata.context': driveContext(req, `drives('${scope.drive.id}')/items/$entity`),
        ...driveItemResource(ctx, scope, written.item),
      });
    } finally {
      unpin(blob.sha256);
      collect(ctx, [blob.sha256]);
    }
  });
}
