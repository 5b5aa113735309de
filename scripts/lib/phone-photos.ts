/**
 * Phone photos for the weak-signal tests and benchmark (issue 19): 4000×3000 JPEGs of about
 * 1,8 MB, as a phone camera writes them: a smooth scene with sensor grain, each different
 * (seeded), the left half of the sensor tinted red and the right half blue so that a test can
 * tell which way up a photo was stored. With `orientation: 6` the pixels are stored as the
 * sensor saw them and the EXIF tag says "turn 90° clockwise to show" (a phone held upright):
 * shown right, its top is red and its bottom blue.
 */
import sharp from 'sharp';

export const PHOTO_WIDTH = 4000;
export const PHOTO_HEIGHT = 3000;

export async function phonePhoto(seed: number, o: { orientation?: number; grain?: number; width?: number; height?: number; quality?: number } = {}): Promise<Buffer> {
  const W = o.width ?? PHOTO_WIDTH;
  const H = o.height ?? PHOTO_HEIGHT;
  let x = (seed * 2654435761) >>> 0 || 1;
  const rnd = () => (x = (x * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const sw = 64;
  const sh = 48;
  const small = Buffer.alloc(sw * sh * 3);
  for (let i = 0; i < small.length; i += 3) {
    const left = (i / 3) % sw < sw / 2;
    small[i] = 40 + Math.floor(rnd() * 110) + (left ? 80 : 0);
    small[i + 1] = 40 + Math.floor(rnd() * 110);
    small[i + 2] = 40 + Math.floor(rnd() * 110) + (left ? 0 : 80);
  }
  const scene = await sharp(small, { raw: { width: sw, height: sh, channels: 3 } }).resize(W, H, { kernel: 'cubic' }).raw().toBuffer();
  // Sensor grain: libvips' gaussian noise (fast), laid over the scene.
  const grain = await sharp({ create: { width: W, height: H, channels: 3, background: { r: 128, g: 128, b: 128 }, noise: { type: 'gaussian', mean: 128, sigma: o.grain ?? 7 } } }).raw().toBuffer();
  const img = sharp(scene, { raw: { width: W, height: H, channels: 3 } }).composite([{ input: grain, raw: { width: W, height: H, channels: 3 }, blend: 'overlay' }]);
  const q = o.quality ?? 88;
  const jpeg = await img.jpeg({ quality: q }).toBuffer();
  return o.orientation ? sharp(jpeg).withMetadata({ orientation: o.orientation }).jpeg({ quality: q }).toBuffer() : jpeg;
}

/** Whether a stored photo's top is the red half and its bottom the blue (a photo with orientation 6, stored upright). */
export async function redOnTop(jpeg: Buffer): Promise<boolean> {
  const { data, info } = await sharp(jpeg).resize(8, 8, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
  const at = (row: number) => {
    let r = 0;
    let b = 0;
    for (let c = 0; c < 8; c++) {
      const i = (row * 8 + c) * info.channels;
      r += data[i]!;
      b += data[i + 2]!;
    }
    return r - b;
  };
  return at(0) > 0 && at(7) < 0;
}
