import qrcode from 'qrcode-generator';
import { qrDataUrl } from './qr-image';

describe('QR image of a check-in token', () => {
  it('when a token is drawn, then it is a GIF data URL whose size grows with the data', () => {
    const short = qrDataUrl('v1.abcdef0123456789');
    const long = qrDataUrl(`v1.${'x'.repeat(200)}`);
    expect(short).toMatch(/^data:image\/gif;base64,[A-Za-z0-9+/=]+$/);
    expect(Buffer.from(short.split(',')[1]!, 'base64').subarray(0, 6).toString('latin1')).toBe('GIF87a');
    expect(long.length).toBeGreaterThan(short.length);
  });

  it('when the same token is encoded twice, then the modules are the same (the image is a function of the token)', () => {
    const matrix = (text: string) => {
      const qr = qrcode(0, 'M');
      qr.addData(text, 'Byte');
      qr.make();
      const n = qr.getModuleCount();
      return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => (qr.isDark(r, c) ? 1 : 0)).join('')).join('\n');
    };
    expect(matrix('token-a-0123456789')).toBe(matrix('token-a-0123456789'));
    expect(matrix('token-a-0123456789')).not.toBe(matrix('token-b-0123456789'));
    expect(qrDataUrl('token-a-0123456789')).toBe(qrDataUrl('token-a-0123456789'));
  });
});
