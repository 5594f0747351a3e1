// Tints Tabler icons (MIT, @tabler/icons-png, 240×240 black RGBA) into the colours the tab bar and the
// home grid use, and writes them to src/assets/icons/. Run once when the set changes:
//   node scripts/tint-icons.mjs <path to @tabler/icons-png/icons>
// WeChat's tab bar takes only PNG/JPG files (no SVG, no CSS tint), hence files per colour.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const GREY = [0x59, 0x59, 0x59]; // the tab bar's text colour, 7:1 on white
const RED = [0xa5, 0x0f, 0x1f]; // the primary colour (tokens.css), 5.9:1 on white

/** name in src/assets/icons ← [tabler style, tabler name, colour] */
const ICONS = {
  'tab-home': ['outline', 'home', GREY],
  'tab-home-active': ['filled', 'home', RED],
  'tab-mine': ['outline', 'user', GREY],
  'tab-mine-active': ['filled', 'user', RED],
  complaints: ['outline', 'speakerphone', RED],
  polls: ['outline', 'clipboard-list', RED],
  'mutual-aid': ['outline', 'heart-handshake', RED],
  volunteers: ['outline', 'users', RED],
  activities: ['outline', 'calendar-event', RED],
  enterprise: ['outline', 'briefcase', RED],
  overview: ['outline', 'chart-bar', RED],
};

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
};

/** Decodes an 8-bit RGBA, non-interlaced PNG (what Tabler ships) into width, height and pixels. */
function decode(file) {
  const png = readFileSync(file);
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error(`${file}: not a PNG`);
  let width = 0, height = 0;
  const idat = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 6 || data[12] !== 0) throw new Error(`${file}: expected 8-bit RGBA, non-interlaced`);
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const byte = raw[y * (stride + 1) + 1 + x];
      const a = x >= 4 ? pixels[y * stride + x - 4] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predicted = [0, a, b, (a + b) >> 1, paeth][filter];
      if (predicted === undefined) throw new Error(`${file}: unknown filter ${filter}`);
      pixels[y * stride + x] = (byte + predicted) & 0xff;
    }
  }
  return { width, height, pixels };
}

/** opacity steps kept from the 256 of the source */
const LEVELS = 32;

/** Halves the image, averaging each 2×2 block's alpha: 120 px is 2.4 device px per CSS px at the home grid's 50 px. */
function halveAlpha({ width, height, pixels }) {
  const w = width >> 1;
  const h = height >> 1;
  const alpha = Buffer.alloc(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) sum += pixels[((2 * y + dy) * width + 2 * x + dx) * 4 + 3];
      alpha[y * w + x] = Math.round((sum / 4 / 255) * (LEVELS - 1));
    }
  return { width: w, height: h, alpha };
}

/**
 * An indexed PNG of one colour: palette entry i is the colour at opacity i/(LEVELS-1), so each pixel
 * is one byte instead of four and repeats well; a third of the RGBA file, the edges as smooth to the eye.
 */
function encode({ width, height, alpha }, [r, g, b]) {
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) alpha.copy(raw, y * (width + 1) + 1, y * width, (y + 1) * width);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 3, 0, 0, 0], 8);
  const palette = Buffer.alloc(LEVELS * 3);
  for (let i = 0; i < LEVELS; i++) palette.set([r, g, b], i * 3);
  const opacity = Buffer.from(Array.from({ length: LEVELS }, (_, i) => Math.round((i * 255) / (LEVELS - 1))));
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('PLTE', palette),
    chunk('tRNS', opacity),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const source = process.argv[2];
if (!source) throw new Error('usage: node scripts/tint-icons.mjs <@tabler/icons-png/icons>');
const out = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'src', 'assets', 'icons');
for (const [name, [style, icon, colour]] of Object.entries(ICONS)) {
  // the shape is in the alpha channel; every pixel takes the colour and keeps its alpha
  const image = halveAlpha(decode(path.join(source, style, `${icon}.png`)));
  writeFileSync(path.join(out, `${name}.png`), encode(image, colour));
}
