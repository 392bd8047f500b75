// Registers every emulated Graph operation; files mirror Graph's URLs so a request's code is found by its path.
import type { Router } from '../router.js';
import type { EmulatorContext } from '../server.js';
import { registerBatchRoute } from './batch.js';
import { registerControlRoutes } from './control.js';
import { registerDriveRoutes, registerContentRoutes } from './drives.js';
import { registerMeRoutes } from './me.js';
import { registerSiteRoutes } from './sites.js';
import { registerListRoutes } from './sites/lists.js';
import { registerItemRoutes } from './sites/lists/items.js';
import { registerDeltaRoutes } from './sites/lists/items/delta.js';
import { registerVersionRoutes } from './sites/lists/items/versions.js';

export function registerRoutes(r: Router, ctx: EmulatorContext): void {
  registerBatchRoute(r, ctx);
  registerSiteRoutes(r, ctx);
  registerListRoutes(r, ctx);
  // delta before items/{id}: the literal segment must win over the id parameter.
  registerDeltaRoutes(r, ctx);
  registerItemRoutes(r, ctx);
  registerVersionRoutes(r, ctx);
  registerDriveRoutes(r, ctx);
  registerMeRoutes(r, ctx);
}

export function registerControl(r: Router, ctx: EmulatorContext): void {
  registerControlRoutes(r, ctx);
  registerContentRoutes(r, ctx);
}
