/**
 * Where uploaded files live. Local disk now; an object store (COS, OSS, S3) later implements the
 * same three calls. Keys are opaque and chosen by the storage.
 */
export interface FileStorage {
  put(bytes: Buffer, contentType: string): Promise<string>;
  /** null when nothing is stored under the key */
  get(key: string): Promise<Buffer | null>;
  /** Removes the file; nothing stored under the key is not an error (a repeated delete). */
  delete(key: string): Promise<void>;
}
