/**
 * Where uploaded files live. Local disk now; an object store (COS, OSS, S3) later implements the
 * same two calls. Keys are opaque and chosen by the storage.
 */
export interface FileStorage {
  put(bytes: Buffer, contentType: string): Promise<string>;
  /** null when nothing is stored under the key */
  get(key: string): Promise<Buffer | null>;
}
