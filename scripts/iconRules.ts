// Teams app icon rules, checked by `npm run package:teams` before it zips and by the deploy tests.
// Teams rejects (or renders badly) a color icon that is not 192x192 and an outline icon that is not
// 32x32 pure white on a fully transparent background.
import { PNG } from 'pngjs';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

/** Decode a PNG, or say in one line why it is not one. */
export function decodePng(bytes: Buffer): PNG | string {
  try {
    return PNG.sync.read(bytes);
  } catch (err) {
    return `not a readable PNG (${err instanceof Error ? err.message : String(err)})`;
  }
}

/** Problems with a color icon (empty when it is fine). */
export function checkColorIcon(bytes: Buffer): string[] {
  const png = decodePng(bytes);
  if (typeof png === 'string') return [`color icon: ${png}`];
  if (png.width !== COLOR_ICON_SIZE || png.height !== COLOR_ICON_SIZE) {
    return [`color icon must be ${COLOR_ICON_SIZE}x${COLOR_ICON_SIZE}, is ${png.width}x${png.height}`];
  }
  return [];
}

/**
 * Problems with an outline icon (empty when it is fine): 32x32, every pixel either fully transparent
 * or opaque white, and at least one white pixel (a blank icon passes the other rules but shows nothing).
 */
export function checkOutlineIcon(bytes: Buffer): string[] {
  const png = decodePng(bytes);
  if (typeof png === 'string') return [`outline icon: ${png}`];
  if (png.width !== OUTLINE_ICON_SIZE || png.height !== OUTLINE_ICON_SIZE) {
    return [`outline icon must be ${OUTLINE_ICON_SIZE}x${OUTLINE_ICON_SIZE}, is ${png.width}x${png.height}`];
  }
  let white = 0;
  let partial = 0;
  let coloured = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b, a] = [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]];
    if (a === 0) continue;
    if (a !== 255) partial++;
    else if (r !== 255 || g !== 255 || b !== 255) coloured++;
    else white++;
  }
  const problems: string[] = [];
  if (partial > 0) problems.push(`outline icon has ${partial} semi-transparent pixel(s); alpha must be 0 or 255`);
  if (coloured > 0) problems.push(`outline icon has ${coloured} opaque pixel(s) that are not white`);
  if (white === 0) problems.push('outline icon has no white pixels');
  return problems;
}
