import Taro from '@tarojs/taro';

/** Small string storage over Taro's (wx storage on weapp, localStorage on H5). */
export function readStored(key: string): string | undefined {
  try {
    const value: unknown = Taro.getStorageSync(key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined;
  }
}

export function writeStored(key: string, value: string): void {
  Taro.setStorageSync(key, value);
}

export function removeStored(key: string): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    // nothing stored is the state we wanted
  }
}
