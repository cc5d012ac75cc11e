// Draws the Teams app icons (a shield with a keyhole: "is it the credential?") and writes them to
// deploy/appPackage. Run once after changing the drawing: `npx ts-node --transpile-only scripts/make-icons.ts`.
// The PNGs are committed; the packaging script only copies them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { COLOR_ICON_SIZE, OUTLINE_ICON_SIZE } from './iconRules';

export const ACCENT_COLOR = '#0F5C9E';
const ACCENT = [0x0f, 0x5c, 0x9e] as const;

/** Shield silhouette in unit coordinates (0..1, y down), shrunk inwards by `inset`. */
function inShield(x: number, y: number, inset = 0): boolean {
  const top = 0.16 + inset;
  const mid = 0.5;
  const bottom = 0.86 - inset * 1.6;
  const half = 0.3 - inset;
  if (y < top || y > bottom || half <= 0) return false;
  const dx = Math.abs(x - 0.5);
  if (y <= mid) return dx <= half;
  // Lower half narrows along an ellipse to the tip.
  const t = (y - mid) / (bottom - mid);
  return dx <= half * Math.sqrt(Math.max(0, 1 - t * t));
}

/** Keyhole: a round head and a tapering slot. */
function inKeyhole(x: number, y: number, scale = 1): boolean {
  const cx = 0.5;
  const cy = 0.44;
  const r = 0.075 * scale;
  if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) return true;
  const slotTop = cy;
  const slotBottom = 0.66;
  if (y < slotTop || y > slotBottom) return false;
  const t = (y - slotTop) / (slotBottom - slotTop);
  const half = (0.03 + 0.03 * t) * scale;
  return Math.abs(x - cx) <= half;
}

/** Fraction of `samples`x`samples` sub-pixels of pixel (px,py) where `inside` holds. */
function coverage(px: number, py: number, size: number, samples: number, inside: (x: number, y: number) => boolean): number {
  let hit = 0;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      const x = (px + (sx + 0.5) / samples) / size;
      const y = (py + (sy + 0.5) / samples) / size;
      if (inside(x, y)) hit++;
    }
  }
  return hit / (samples * samples);
}

/** 192x192: accent background, white shield, keyhole in the accent colour; anti-aliased. */
export function renderColorIcon(): Buffer {
  const size = COLOR_ICON_SIZE;
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const c = coverage(px, py, size, 4, (x, y) => inShield(x, y) && !inKeyhole(x, y));
      const i = (py * size + px) * 4;
      for (let k = 0; k < 3; k++) png.data[i + k] = Math.round(ACCENT[k] * (1 - c) + 255 * c);
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/**
 * 32x32: white shield outline and keyhole on transparent. No anti-aliasing: Teams wants every
 * pixel fully transparent or opaque white, so coverage is thresholded.
 */
export function renderOutlineIcon(): Buffer {
  const size = OUTLINE_ICON_SIZE;
  const png = new PNG({ width: size, height: size });
  const stroke = 2.2 / size;
  const inside = (x: number, y: number): boolean => (inShield(x, y) && !inShield(x, y, stroke)) || inKeyhole(x, y, 1.15);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const on = coverage(px, py, size, 4, inside) >= 0.5;
      const i = (py * size + px) * 4;
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = on ? 255 : 0;
    }
  }
  return PNG.sync.write(png);
}

export function writeIcons(dir: string): void {
  writeFileSync(join(dir, 'color.png'), renderColorIcon());
  writeFileSync(join(dir, 'outline.png'), renderOutlineIcon());
}

if (require.main === module) {
  const dir = join(__dirname, '..', 'deploy', 'appPackage');
  writeIcons(dir);
  console.log(`wrote color.png and outline.png to ${dir}`);
}
