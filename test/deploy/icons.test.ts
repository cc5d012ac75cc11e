// Teams icon rules: color 192x192; outline 32x32, white on transparent with alpha only 0 or 255.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { checkColorIcon, checkOutlineIcon } from '../../scripts/iconRules';
import { renderColorIcon, renderOutlineIcon } from '../../scripts/make-icons';

const APP_PACKAGE = join(__dirname, '..', '..', 'deploy', 'appPackage');

function png(width: number, height: number, fill: [number, number, number, number]): PNG {
  const p = new PNG({ width, height });
  for (let i = 0; i < p.data.length; i += 4) p.data.set(fill, i);
  return p;
}

function outlineWith(pixel: [number, number, number, number]): Buffer {
  const p = png(32, 32, [255, 255, 255, 0]);
  p.data.set([255, 255, 255, 255], 0); // one white pixel so "no white pixels" does not mask the rule under test
  p.data.set(pixel, 4 * 40);
  return PNG.sync.write(p);
}

describe('committed app icons', () => {
  const color = readFileSync(join(APP_PACKAGE, 'color.png'));
  const outline = readFileSync(join(APP_PACKAGE, 'outline.png'));

  it('color.png is 192x192', () => {
    expect(checkColorIcon(color)).toEqual([]);
    const p = PNG.sync.read(color);
    expect([p.width, p.height]).toEqual([192, 192]);
  });

  it('outline.png is 32x32, white on transparent, alpha only 0 or 255', () => {
    expect(checkOutlineIcon(outline)).toEqual([]);
    const p = PNG.sync.read(outline);
    expect([p.width, p.height]).toEqual([32, 32]);
    const alphas = new Set<number>();
    for (let i = 0; i < p.data.length; i += 4) {
      alphas.add(p.data[i + 3]);
      if (p.data[i + 3] === 255) expect([p.data[i], p.data[i + 1], p.data[i + 2]]).toEqual([255, 255, 255]);
    }
    expect([...alphas].sort()).toEqual([0, 255]);
  });

  it('are exactly what scripts/make-icons.ts draws (regenerate them after changing the drawing)', () => {
    expect(PNG.sync.read(renderColorIcon()).data.equals(PNG.sync.read(color).data)).toBe(true);
    expect(PNG.sync.read(renderOutlineIcon()).data.equals(PNG.sync.read(outline).data)).toBe(true);
  });
});

describe('icon rules', () => {
  it('reject a color icon of the wrong size', () => {
    expect(checkColorIcon(PNG.sync.write(png(96, 96, [0, 0, 255, 255])))).toEqual([expect.stringMatching(/192x192/)]);
  });

  it('reject an outline icon of the wrong size', () => {
    expect(checkOutlineIcon(PNG.sync.write(png(192, 192, [255, 255, 255, 0])))).toEqual([expect.stringMatching(/32x32/)]);
  });

  it('reject a semi-transparent outline pixel', () => {
    expect(checkOutlineIcon(outlineWith([255, 255, 255, 128]))).toEqual([expect.stringMatching(/semi-transparent/)]);
  });

  it('reject an opaque outline pixel that is not white', () => {
    expect(checkOutlineIcon(outlineWith([200, 200, 200, 255]))).toEqual([expect.stringMatching(/not white/)]);
  });

  it('reject a blank outline icon', () => {
    expect(checkOutlineIcon(PNG.sync.write(png(32, 32, [255, 255, 255, 0])))).toEqual([expect.stringMatching(/no white/)]);
  });

  it('reject bytes that are not a PNG', () => {
    expect(checkColorIcon(Buffer.from('GIF89a'))[0]).toMatch(/not a readable PNG/);
  });
});
