import { useEffect, useState } from 'react';
import { readStored, writeStored } from '../platform/storage';

const KEY = 'gz.largeText';
const listeners = new Set<(on: boolean) => void>();

/** Large-text mode (适老化): remembered across launches, shared by every open page. */
export function isLargeText(): boolean {
  return readStored(KEY) === '1';
}

export function setLargeText(on: boolean): void {
  writeStored(KEY, on ? '1' : '0');
  listeners.forEach((listener) => listener(on));
}

export function useLargeText(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(isLargeText);
  useEffect(() => {
    listeners.add(setOn);
    setOn(isLargeText());
    return () => {
      listeners.delete(setOn);
    };
  }, []);
  return [on, setLargeText];
}
