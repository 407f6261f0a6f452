import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { deleteFile, readFile, storeFile } from '../../platform/chunk-store.ts';
import { notFound } from '../../platform/errors.ts';

/**
 * Where the bytes of attached files and thumbnails are kept, by id: the database (the chunk
 * store's `file_chunks`, the default) or an S3-compatible bucket (`GUANXI_S3_URL`). A file row
 * names its storage, so files stored before a switch are still read from where they are.
 */
export type FileStorage = {
  readonly kind: 'db' | 's3';
  put(
    tenantId: string,
    id: string,
    body: Readable | Buffer,
    size: number,
    contentType: string,
  ): Promise<void>;
  get(tenantId: string, id: string): Promise<Readable>;
  delete(tenantId: string, id: string): Promise<void>;
};

export function databaseStorage(db: Db): FileStorage {
  return {
    kind: 'db',
    async put(_tenantId, id, body) {
      await storeFile(db, 'files', id, Buffer.isBuffer(body) ? [body] : (body as AsyncIterable<Buffer>));
    },
    async get(_tenantId, id) {
      return readFile(db, 'files', id);
    },
    async delete(_tenantId, id) {
      await deleteFile(db, 'files', id);
    },
  };
}

/**
 * A bucket, path-style (MinIO, s3rver, Ceph …); keys are `<tenant id>/<file id>`. The SDK is
 * loaded on first use, so a server without a bucket never loads it.
 */
export function s3Storage(c: S3Config): FileStorage {
  let loaded: Promise<{ client: S3Client; sdk: typeof import('@aws-sdk/client-s3') }> | undefined;
  const s3 = () => {
    loaded ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        endpoint: c.endpoint,
        region: c.region,
        forcePathStyle: true,
        credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey },
        // plain bodies with Content-Length: S3-compatible servers (MinIO versions, s3rver, Ceph) do
        // not all read the SDK's default aws-chunked uploads with trailing checksums
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    }));
    return loaded;
  };
  const key = (tenantId: string, id: string) => `${tenantId}/${id}`;
  return {
    kind: 's3',
    async put(tenantId, id, body, size, contentType) {
      const { client, sdk } = await s3();
      await client.send(
        new sdk.PutObjectCommand({
          Bucket: c.bucket,
          Key: key(tenantId, id),
          Body: body,
          ContentLength: size,
          ContentType: contentType,
        }),
      );
    },
    async get(tenantId, id) {
      const { client, sdk } = await s3();
      try {
        const res = await client.send(new sdk.GetObjectCommand({ Bucket: c.bucket, Key: key(tenantId, id) }));
        return res.Body instanceof Readable ? res.Body : Readable.from(res.Body as AsyncIterable<Buffer>);
      } catch (err) {
        if (err instanceof sdk.NoSuchKey) throw notFound();
        throw err;
      }
    },
    async delete(tenantId, id) {
      const { client, sdk } = await s3();
      await client.send(new sdk.DeleteObjectCommand({ Bucket: c.bucket, Key: key(tenantId, id) }));
    },
  };
}

/** The storage new files go to, and every storage by kind (to read what is stored). */
export type Storages = { current: FileStorage; byKind: Partial<Record<'db' | 's3', FileStorage>> };

export function storagesFor(db: Db, s3: S3Config | undefined): Storages {
  const inDb = databaseStorage(db);
  const bucket = s3 ? s3Storage(s3) : undefined;
  return { current: bucket ?? inDb, byKind: { db: inDb, s3: bucket } };
}
