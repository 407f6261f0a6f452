import { type PreparedFile, prepareFile, type Storages } from '../files/record-files-service.ts';
import { type Stamp, watermark } from './watermark.ts';

/**
 * A check-in photo's two files, stored (no rows yet): the original byte for byte — the evidence,
 * without a thumbnail, lists show the copy's — and the copy stamped by the server.
 */
export async function storePhotoFiles(
  storages: Storages,
  tenantId: string,
  checkInId: string,
  photo: { data: Buffer; mimeType: string; width: number; height: number },
  stamp: Stamp,
): Promise<[original: PreparedFile, copy: PreparedFile]> {
  const { data, mimeType, width, height } = photo;
  const stamped = await watermark(data, { width, height }, stamp);
  const original = await prepareFile(storages, tenantId, {
    name: `checkin-${checkInId}-original.${mimeType.split('/')[1]}`,
    data,
    mimeType,
    width,
    height,
    thumbnail: false,
  });
  const copy = await prepareFile(storages, tenantId, {
    name: `checkin-${checkInId}.jpg`,
    data: stamped.data,
    mimeType: 'image/jpeg',
    width: stamped.width,
    height: stamped.height,
  });
  return [original, copy];
}
