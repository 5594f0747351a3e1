import { readStored, removeStored, writeStored } from '../platform/storage';

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
}

export interface SessionStore {
  read(): SessionTokens | undefined;
  write(tokens: SessionTokens): void;
  clear(): void;
}

const ACCESS_KEY = 'gz.accessToken';
const REFRESH_KEY = 'gz.refreshToken';

/** Tokens in Taro storage, so a login survives closing the mini-program. */
export function createStoredSession(): SessionStore {
  return {
    read() {
      const accessToken = readStored(ACCESS_KEY);
      const refreshToken = readStored(REFRESH_KEY);
      return accessToken && refreshToken ? { accessToken, refreshToken } : undefined;
    },
    write(tokens) {
      writeStored(ACCESS_KEY, tokens.accessToken);
      writeStored(REFRESH_KEY, tokens.refreshToken);
    },
    clear() {
      removeStored(ACCESS_KEY);
      removeStored(REFRESH_KEY);
    },
  };
}
