// Redraws the Teams app's icons (appPackage/color.png, appPackage/outline.png) from scripts/app-package/icons.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawColorIcon, drawOutlineIcon, encodePng } from './icons.js';
import { APP_PACKAGE_DIR } from './paths.js';

for (const [file, png] of [
  ['color.png', drawColorIcon()],
  ['outline.png', drawOutlineIcon()],
] as const) {
  writeFileSync(join(APP_PACKAGE_DIR, file), encodePng(png));
  console.log(`Skrev appPackage/${file} (${png.width}×${png.height})`);
}
