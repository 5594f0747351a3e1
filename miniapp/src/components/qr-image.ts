import qrcode from 'qrcode-generator';

/**
 * The token as a QR image in a data URL (a GIF the library encodes itself), which an <Image> shows
 * on both weapp and H5 without a canvas. Error correction M: a phone screen read by a phone camera.
 */
export function qrDataUrl(text: string, cellSize = 8): string {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  return qr.createDataURL(cellSize, cellSize * 4);
}
