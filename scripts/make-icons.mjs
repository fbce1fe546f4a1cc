#!/usr/bin/env node
// Draws the app icons (a card with a contact chip) as PNGs without any image dependency.
// Run once when the design changes: `node scripts/make-icons.mjs`; the PNGs are committed.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

const BLUE = [0x0b, 0x3d, 0x91, 255];
const WHITE = [255, 255, 255, 255];
const GOLD = [0xe0, 0xb0, 0x3a, 255];
const CLEAR = [0, 0, 0, 0];

function crc32(buf) {
  let c,
    crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function inRoundRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function draw(size, maskable) {
  const s = size / 512;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      // Maskable icons fill the square (safe zone = inner 80%); "any" icons get rounded corners.
      let px = maskable || inRoundRect(x, y, 0, 0, size - 1, size - 1, 96 * s) ? BLUE : CLEAR;
      const inset = maskable ? 1.25 : 1;
      const c = (v) => 256 + (v - 256) / inset;
      if (inRoundRect(x, y, c(96) * s, c(150) * s, c(416) * s, c(362) * s, 24 * s)) px = WHITE;
      if (inRoundRect(x, y, c(136) * s, c(210) * s, c(216) * s, c(270) * s, 10 * s)) px = GOLD;
      raw.set(px, y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync('public/icons', { recursive: true });
writeFileSync('public/icons/icon-192.png', draw(192, false));
writeFileSync('public/icons/icon-512.png', draw(512, false));
writeFileSync('public/icons/icon-maskable-512.png', draw(512, true));
writeFileSync('public/icons/apple-touch-icon.png', draw(180, true));
writeFileSync('public/favicon.png', draw(48, false));
console.info('icons written to public/icons');
