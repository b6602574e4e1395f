#!/usr/bin/env bash
# Draws Junction's icon (two lines joining into one, on an indigo-to-teal square) and writes every
# size the platforms want. Needs ImageMagick 6 (`apt-get install imagemagick`) and Node. The
# outputs are committed; run this only to change the icon.
#   icon.png            512 (the window icon in development, and electron-builder's fallback)
#   icons/NxN.png       Linux hicolor sizes, 16–1024 (electron-builder's linux.icon directory)
#   icon.ico            Windows, 16–256
#   icon.icns           macOS, PNG-encoded entries 16–1024
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

S=1024
# Background: a rounded square (macOS-style 7% margin) with a diagonal gradient.
convert -size 896x896 -define gradient:angle=135 gradient:'#6366f1-#0d9488' "$tmp/gradient.png"
convert -size 896x896 xc:none -fill white -draw "roundrectangle 0,0 895,895 200,200" "$tmp/mask.png"
convert "$tmp/gradient.png" "$tmp/mask.png" -compose DstIn -composite \
  -compose Over -background none -gravity center -extent ${S}x${S} PNG32:"$tmp/bg.png"
# Foreground: two inputs curving into one output, the output a ring (the connected account).
# The curves are stamped as discs along each cubic Bézier: ImageMagick's own thick Bézier
# strokes come out kinked.
stroke=$(node -e '
  const curves = [[[300, 344], [470, 344], [470, 512], [640, 512]], [[300, 680], [470, 680], [470, 512], [640, 512]]];
  const at = (p, t) => [0, 1].map((i) => (1 - t) ** 3 * p[0][i] + 3 * (1 - t) ** 2 * t * p[1][i] + 3 * (1 - t) * t ** 2 * p[2][i] + t ** 3 * p[3][i]);
  const out = [];
  for (const curve of curves) for (let k = 0; k <= 400; k += 1) {
    const [x, y] = at(curve, k / 400);
    out.push(`circle ${x.toFixed(2)},${y.toFixed(2)} ${(x + 32).toFixed(2)},${y.toFixed(2)}`);
  }
  process.stdout.write(out.join(" "));
')
convert -size ${S}x${S} xc:none -stroke none -fill white -draw "$stroke" \
  -draw "rectangle 630,480 700,544" \
  -draw "circle 300,344 300,396" -draw "circle 300,680 300,732" -draw "circle 740,512 740,600" \
  -fill '#0f766e' -draw "circle 740,512 740,556" PNG32:"$tmp/fg.png"
convert "$tmp/bg.png" "$tmp/fg.png" -compose Over -composite PNG32:"$tmp/1024.png"

mkdir -p icons
cp "$tmp/1024.png" icons/1024x1024.png
for size in 16 24 32 48 64 128 256 512; do
  convert "$tmp/1024.png" -filter Lanczos -resize ${size}x${size} PNG32:"icons/${size}x${size}.png"
done
convert icons/16x16.png icons/24x24.png icons/32x32.png icons/48x48.png icons/64x64.png icons/128x128.png icons/256x256.png icon.ico
cp icons/512x512.png icon.png

# ICNS: an 'icns' header, then one PNG per entry type (macOS 10.7+ reads PNG-encoded entries).
node - "$tmp" <<'JS'
const fs = require('node:fs');
const [dir] = process.argv.slice(2);
const entries = [['icp4', '16x16'], ['icp5', '32x32'], ['icp6', '64x64'], ['ic07', '128x128'], ['ic08', '256x256'], ['ic09', '512x512'], ['ic10', null]];
const parts = entries.map(([type, size]) => {
  const png = fs.readFileSync(size ? `icons/${size}.png` : `${dir}/1024.png`);
  const head = Buffer.alloc(8);
  head.write(type, 0, 'ascii');
  head.writeUInt32BE(png.length + 8, 4);
  return Buffer.concat([head, png]);
});
const body = Buffer.concat(parts);
const head = Buffer.alloc(8);
head.write('icns', 0, 'ascii');
head.writeUInt32BE(body.length + 8, 4);
fs.writeFileSync('icon.icns', Buffer.concat([head, body]));
JS
echo "icons written"
