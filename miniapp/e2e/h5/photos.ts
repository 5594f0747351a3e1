import type { Locator, Page } from 'playwright-core';

/** A 1×1 PNG: the upload endpoint checks the magic bytes, not the file name. */
export const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Presses a PhotoField's 添加照片 (within `scope`) and gives the browser's file chooser the PNG. */
export async function addPhoto(page: Page, scope: Page | Locator = page, name = 'photo.png'): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await scope.getByRole('button', { name: '添加照片' }).click();
  await (await chooser).setFiles({ name, mimeType: 'image/png', buffer: PHOTO });
}
