// The app's two icons, drawn in code (a varde: a cairn of stones marking the way), and the checks Teams' icon rules need.
//
// Teams wants a 192×192 full-colour icon and a 32×32 outline icon that is white on a transparent background
// (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package).
// `npx tsx scripts/app-package/make-icons.ts` redraws appPackage/color.png and outline.png from this file.
import { PNG } from 'pngjs';

export const COLOR_SIZE = 192;
export const OUTLINE_SIZE = 32;
/** The manifest's accentColor and the colour icon's background. */
export const ACCENT = { r: 0x1f, g: 0x5c, b: 0x73 } as const;
const STONE = { r: 0xff, g: 0xff, b: 0xff } as const;
const CAP_STONE = { r: 0xf2, g: 0xb8, b: 0x4b } as const;

interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

/** Three stones on a 32×32 grid, bottom to top, with a clear gap between them at that size. */
const STONES: readonly Ellipse[] = [
  { cx: 16, cy: 25, rx: 11, ry: 4 },
  { cx: 15.5, cy: 16.5, rx: 8, ry: 3.2 },
  { cx: 16.5, cy: 9, rx: 5, ry: 2.6 },
];

/** Share of a pixel's area inside the ellipse, by 8×8 supersampling (anti-aliased edges). */
function coverage(e: Ellipse, x: number, y: number): number {
  const n = 8;
  let inside = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const px = x + (i + 0.5) / n;
      const py = y + (j + 0.5) / n;
      const dx = (px - e.cx) / e.rx;
      const dy = (py - e.cy) / e.ry;
      if (dx * dx + dy * dy <= 1) inside++;
    }
  }
  return inside / (n * n);
}

function scaled(e: Ellipse, factor: number, size: number): Ellipse {
  // The stones span x 5–27 and y 6.4–29 on the 32 grid: centre that on the larger canvas.
  const centre = { x: 16, y: 17.7 };
  return { cx: size / 2 + (e.cx - centre.x) * factor, cy: size / 2 + (e.cy - centre.y) * factor, rx: e.rx * factor, ry: e.ry * factor };
}

/** 192×192, opaque: white stones with a golden cap stone on the accent colour. */
export function drawColorIcon(): PNG {
  const png = new PNG({ width: COLOR_SIZE, height: COLOR_SIZE });
  const stones = STONES.map((s) => scaled(s, 4.5, COLOR_SIZE));
  for (let y = 0; y < COLOR_SIZE; y++) {
    for (let x = 0; x < COLOR_SIZE; x++) {
      let colour: { r: number; g: number; b: number } = ACCENT;
      for (const [index, stone] of stones.entries()) {
        const c = coverage(stone, x, y);
        if (c > 0) {
          const fill = index === stones.length - 1 ? CAP_STONE : STONE;
          colour = { r: mix(ACCENT.r, fill.r, c), g: mix(ACCENT.g, fill.g, c), b: mix(ACCENT.b, fill.b, c) };
          break;
        }
      }
      const o = (y * COLOR_SIZE + x) * 4;
      png.data[o] = colour.r;
      png.data[o + 1] = colour.g;
      png.data[o + 2] = colour.b;
      png.data[o + 3] = 255;
    }
  }
  return png;
}

/** 32×32: white stones, anti-aliased through alpha only, on a fully transparent background. */
export function drawOutlineIcon(): PNG {
  const png = new PNG({ width: OUTLINE_SIZE, height: OUTLINE_SIZE });
  for (let y = 0; y < OUTLINE_SIZE; y++) {
    for (let x = 0; x < OUTLINE_SIZE; x++) {
      const c = Math.min(1, STONES.reduce((sum, stone) => sum + coverage(stone, x, y), 0));
      const o = (y * OUTLINE_SIZE + x) * 4;
      png.data[o] = 255;
      png.data[o + 1] = 255;
      png.data[o + 2] = 255;
      png.data[o + 3] = Math.round(c * 255);
    }
  }
  return png;
}

function mix(a: number, b: number, share: number): number {
  return Math.round(a + (b - a) * share);
}

export function encodePng(png: PNG): Buffer {
  return PNG.sync.write(png, { colorType: 6 });
}

export interface DecodedImage {
  width: number;
  height: number;
  /** RGBA, 8 bits a channel, whatever the file's own colour type. */
  data: Uint8Array;
}

/** Decodes a PNG, or returns why the bytes are not one. */
export function decodePng(bytes: Uint8Array): DecodedImage | { error: string } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 8 || signature.some((b, i) => bytes[i] !== b)) return { error: 'is not a PNG file' };
  try {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height, data: png.data };
  } catch (err) {
    return { error: `is not a readable PNG (${err instanceof Error ? err.message : String(err)})` };
  }
}

/** Problems with a PNG that must be `size`×`size`: not a PNG, or another size. */
export function pngSizeProblems(name: string, bytes: Uint8Array, size: number, what: string): string[] {
  const image = decodePng(bytes);
  if ('error' in image) return [`${name} ${image.error}`];
  if (image.width !== size || image.height !== size) return [`${name} is ${image.width}×${image.height} pixels; Teams needs ${what} to be ${size}×${size}`];
  return [];
}

/** Problems with the colour icon: its size (any background, transparent or not, is allowed). */
export function colorIconProblems(name: string, bytes: Uint8Array): string[] {
  return pngSizeProblems(name, bytes, COLOR_SIZE, 'the colour icon');
}

/** Problems with an outline icon: size, a transparent background, white only, not empty. */
export function outlineIconProblems(name: string, bytes: Uint8Array): string[] {
  const sizeProblems = pngSizeProblems(name, bytes, OUTLINE_SIZE, 'the outline icon');
  if (sizeProblems.length > 0) return sizeProblems;
  const image = decodePng(bytes);
  if ('error' in image) return [`${name} ${image.error}`];
  const problems: string[] = [];
  const { width, height, data } = image;
  const alpha = (x: number, y: number) => data[(y * width + x) * 4 + 3] ?? 0;
  const corners = [alpha(0, 0), alpha(width - 1, 0), alpha(0, height - 1), alpha(width - 1, height - 1)];
  let transparent = 0;
  let visible = 0;
  let coloured = 0;
  for (let o = 0; o < data.length; o += 4) {
    const a = data[o + 3] ?? 0;
    if (a === 0) transparent++;
    else visible++;
    // Anti-aliased edges stay white with partial alpha; a faint colour cast under alpha 16 is invisible.
    if (a >= 16 && Math.min(data[o] ?? 0, data[o + 1] ?? 0, data[o + 2] ?? 0) < 230) coloured++;
  }
  if (corners.some((a) => a !== 0) || transparent < (width * height) / 4) {
    problems.push(`${name} must have a transparent background (its corners or most of it are opaque); Teams draws the outline icon in white on its own background`);
  }
  if (coloured > 0) problems.push(`${name} has ${coloured} pixel(s) that are not white; the outline icon must be white on transparent`);
  if (visible === 0) problems.push(`${name} is fully transparent; the outline icon must show the app's symbol in white`);
  return problems;
}
