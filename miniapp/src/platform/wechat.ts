import Taro from '@tarojs/taro';
import { readStored, writeStored } from './storage';

/**
 * The only place that knows which WeChat-only capabilities exist. On weapp these are the real
 * `wx.login` and phone-number button; in the H5 build a page-level stand-in produces codes the
 * WeChat simulator accepts (`dev:<name>:<nonce>`, `phone:<digits>:<nonce>:<issuedAtMs>`), so the
 * whole flow runs in a browser while the BFF stays unaware of it.
 */
export const isWeapp = process.env.TARO_ENV === 'weapp';
export const usesWechatStandIn = !isWeapp && GONGZHI_WECHAT_STANDIN;

/** Login names the simulator maps to a stable openid; a colon would break the code format. */
export const STAND_IN_LOGIN_NAME = /^[A-Za-z0-9_.-]{1,32}$/;

/** `Taro.login` on weapp; on H5 a fresh simulator code per login, since each code works once. */
export async function obtainLoginCode(standInName?: string): Promise<string> {
  if (isWeapp) {
    const { code } = await Taro.login();
    return code;
  }
  if (!standInName || !STAND_IN_LOGIN_NAME.test(standInName)) {
    throw new Error('stand-in login needs a login name');
  }
  // the stand-in for WeChat's subscribe dialog tells the simulator who accepted (standInLoginName)
  writeStored(STAND_IN_LOGIN_KEY, standInName);
  return `dev:${standInName}:${nonce()}`;
}

const STAND_IN_LOGIN_KEY = 'gongzhi.standInLogin';

/** The login name the H5 stand-in last logged in with (not personal: a name typed for the simulator). */
export function standInLoginName(): string | undefined {
  return readStored(STAND_IN_LOGIN_KEY);
}

/** The phone-number button's event carries `detail.code`; absent when the user refuses. */
export function phoneCodeFromButtonEvent(event: { detail?: { code?: string } }): string | undefined {
  const code = event.detail?.code;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

/** H5 stand-in for the phone-number button: made at submit time so it is fresh and unused. */
export function standInPhoneCode(phone: string): string {
  return `phone:${phone}:${nonce()}:${Date.now()}`;
}

function nonce(): string {
  const bytes = new Uint8Array(8);
  if (typeof globalThis.crypto?.getRandomValues === 'function') {
    globalThis.crypto.getRandomValues(bytes);
  } else {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  }
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface PickedPhoto {
  /** temp file path on weapp, blob URL on H5: both are what Taro.uploadFile takes */
  path: string;
  size: number;
  name?: string;
}

const PHOTO_TYPES = 'image/jpeg,image/png,image/webp';

/** `Taro.chooseMedia` on weapp; on H5 a file input stands in (the browser's own picker). */
export async function choosePhotos(max: number): Promise<PickedPhoto[]> {
  if (max <= 0) return [];
  if (isWeapp) {
    try {
      const result = await Taro.chooseMedia({ count: max, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] });
      return result.tempFiles.map((file) => ({ path: file.tempFilePath, size: file.size }));
    } catch {
      // the user closed the picker
      return [];
    }
  }
  return chooseFilesInBrowser(max);
}

function chooseFilesInBrowser(max: number): Promise<PickedPhoto[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = PHOTO_TYPES;
    input.multiple = max > 1;
    input.style.display = 'none';
    const finish = (photos: PickedPhoto[]) => {
      input.remove();
      resolve(photos);
    };
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []).slice(0, max);
      finish(files.map((file) => ({ path: URL.createObjectURL(file), size: file.size, name: file.name })));
    });
    input.addEventListener('cancel', () => finish([]));
    document.body.appendChild(input);
    input.click();
  });
}

export interface PickedLocation {
  point: { lat: number; lng: number };
  address: string;
}

/** H5 has no map picker: the form offers typed coordinates or these, inside the demo street (莲花街道). */
export const DEMO_LOCATION: PickedLocation = { point: { lat: 22.5531, lng: 114.0546 }, address: '莲花街道莲花社区彩田路口' };
export const usesLocationStandIn = !isWeapp;

/** `Taro.chooseLocation` (the WeChat map picker) on weapp; undefined when the user backs out. */
export async function chooseLocation(): Promise<PickedLocation | undefined> {
  if (!isWeapp) return undefined;
  try {
    const result = await Taro.chooseLocation({});
    const address = [result.address, result.name].filter(Boolean).join(' ').trim();
    return { point: { lat: result.latitude, lng: result.longitude }, address: address || '地图选点' };
  } catch {
    return undefined;
  }
}

/** H5 has no camera scanner: the volunteer pastes the code the organiser's page shows. */
export const usesScanStandIn = !isWeapp;

/** `Taro.scanCode` (camera only: a code from the album could be an old screenshot); undefined when cancelled. */
export async function scanCode(): Promise<string | undefined> {
  if (!isWeapp) return undefined;
  try {
    const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    return result.result || undefined;
  } catch {
    return undefined;
  }
}

export interface Position {
  lat: number;
  lng: number;
  accuracyM: number;
}

/** The stand-in position on H5: the demo street's point, as a phone with a good fix would report it. */
export const DEMO_POSITION: Position = { ...DEMO_LOCATION.point, accuracyM: 15 };

/**
 * `Taro.getLocation` on weapp, in GCJ-02 like the shift points the map picker gives; the demo point on
 * H5. Undefined when the user refuses the location permission.
 */
export async function currentPosition(): Promise<Position | undefined> {
  if (!isWeapp) return DEMO_POSITION;
  try {
    const result = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true });
    return { lat: result.latitude, lng: result.longitude, accuracyM: Math.min(result.accuracy ?? 5000, 5000) };
  } catch {
    return undefined;
  }
}

/** What wx.requestPayment takes (signed by the BFF, which holds the merchant key). */
export interface PaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

/**
 * WeChat's payment sheet: `wx.requestPayment` on weapp ('paid', or 'cancelled' when the payer closed
 * it). In the H5 build the WeChat Pay simulator's page stands in: the browser goes there, the tester
 * pays or cancels, and comes back to this page, which reloads and reads the result from the BFF
 * ('left').
 */
export async function requestPayment(params: PaymentParams): Promise<'paid' | 'cancelled' | 'left'> {
  if (usesWechatStandIn) {
    const prepayId = params.package.replace(/^prepay_id=/, '');
    window.location.assign(`/dev/wechatpay/pay?prepay_id=${encodeURIComponent(prepayId)}&return=${encodeURIComponent(window.location.href)}`);
    return 'left';
  }
  try {
    await Taro.requestPayment({ ...params });
    return 'paid';
  } catch (failure) {
    if (/cancel/i.test(String((failure as { errMsg?: string }).errMsg ?? ''))) return 'cancelled';
    throw failure;
  }
}
