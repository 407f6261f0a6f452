import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, TEST_SECRET_KEY } from '../../config.ts';
import { type Agent, multipart } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer, makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';
import { cleanName } from './service.ts';
import { TextCheck } from './sniff.ts';

describeAuthz(authz);

const png = (w = 800, h = 600) =>
  sharp({ create: { width: w, height: h, channels: 3, background: '#c33' } })
    .png()
    .toBuffer();
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function upload(
  agent: Agent,
  file: { name: string; content: Buffer | string; type?: string },
  fields: Record<string, string>,
) {
  const body = multipart(fields, { file });
  return agent.request('POST', '/api/v1/files', body.payload, { headers: body.headers });
}

async function chunkRows(t: TestContext, id: string) {
  const r = await t.database.db.execute(`SELECT count(*)::int AS n FROM file_chunks WHERE file_id = '${id}'`);
  return (r.rows[0] as { n: number }).n;
}
async function allChunkRows(t: TestContext) {
  const r = await t.database.db.execute('SELECT count(*)::int AS n FROM file_chunks');
  return (r.rows[0] as { n: number }).n;
}

describe('files on a customer (database storage)', () => {
  let t: TestContext;
  let admin: Agent;
  let customer: { id: string };
  const on = () => ({ entity: 'customers', entityId: customer.id });

  beforeAll(async () => {
    t = await createTestContext();
    admin = await t.admin();
    customer = await makeCustomer(admin);
  });
  afterAll(() => t.close());

  it('uploads, lists, downloads and deletes a PNG, with its thumbnail, size and SHA-256', async () => {
    const image = await png();
    const res = await upload(admin, { name: '现场照片.png', content: image, type: 'image/png' }, on());
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({
      name: '现场照片.png',
      size: image.length,
      mimeType: 'image/png',
      sha256: sha256(image),
      width: 800,
      height: 600,
      hasThumbnail: true,
      entity: 'customers',
      entityId: customer.id,
      createdBy: admin.user.id,
    });
    expect(file.createdByName).toBeTruthy();

    const list = await admin.get(`/api/v1/files?entity=customers&entityId=${customer.id}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().data.map((f: { id: string }) => f.id)).toContain(file.id);

    const down = await admin.get(`/api/v1/files/${file.id}/content`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(image)).toBe(true);
    expect(down.headers['content-type']).toBe('image/png');
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(down.headers['content-disposition']).toBe(
      `attachment; filename="____.png"; filename*=UTF-8''${encodeURIComponent('现场照片.png')}`,
    );

    const thumb = await admin.get(`/api/v1/files/${file.id}/content?thumbnail=1`);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(thumb.headers['content-disposition']).toMatch(/^inline;/);
    const meta = await sharp(thumb.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([320, 240]);

    const del = await admin.delete(`/api/v1/files/${file.id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect((await admin.get(`/api/v1/files/${file.id}/content`)).statusCode).toBe(404);
    expect(await chunkRows(t, file.id)).toBe(0);
    const audit = await t.database.db.execute(
      `SELECT action FROM audit_logs WHERE entity = 'files' AND entity_id = '${file.id}' ORDER BY id`,
    );
    expect(audit.rows.map((r) => (r as { action: string }).action).sort()).toEqual(['create', 'delete']);
  });

  it('stores a PDF without a thumbnail; ?thumbnail=1 is 404', async () => {
    const res = await upload(admin, { name: 'contract.pdf', content: pdf }, on());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ mimeType: 'application/pdf', hasThumbnail: false, width: null });
    expect((await admin.get(`/api/v1/files/${res.json().id}/content?thumbnail=1`)).statusCode).toBe(404);
    const down = await admin.get(`/api/v1/files/${res.json().id}/content?inline=1`);
    expect(down.headers['content-disposition']).toMatch(/^attachment;/); // only images show in place
  });

  it('types by magic bytes, not by the name or the client', async () => {
    const asText = await upload(
      admin,
      { name: 'notes.txt', content: await png(40, 30), type: 'text/plain' },
      on(),
    );
    expect(asText.statusCode, asText.body).toBe(201);
    expect(asText.json().mimeType).toBe('image/png');

    const htmlAsJpg = await upload(
      admin,
      { name: 'photo.jpg', content: '<!doctype html><script>alert(1)</script>', type: 'image/jpeg' },
      on(),
    );
    expect(htmlAsJpg.statusCode).toBe(400);
    expect(htmlAsJpg.json().code).toBe('FILE_TYPE_NOT_ALLOWED');

    for (const svg of [
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>',
      '\uFEFF  <html><body>hi</body></html>',
      'just text, then <script>alert(1)</script>',
    ]) {
      const res = await upload(admin, { name: 'logo.png', content: svg }, on());
      expect(res.json().code, svg).toBe('FILE_TYPE_NOT_ALLOWED');
    }

    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    expect((await upload(admin, { name: 'a.pdf', content: exe }, on())).json().code).toBe(
      'FILE_TYPE_NOT_ALLOWED',
    );
    const binary = Buffer.from([0x41, 0x00, 0x42, 0x43]);
    expect((await upload(admin, { name: 'a.txt', content: binary }, on())).json().code).toBe(
      'FILE_TYPE_NOT_ALLOWED',
    );
  });

  it('accepts UTF-8 and GB18030 text as text/plain, refuses bytes that are neither', async () => {
    const utf8 = await upload(admin, { name: '客户.csv', content: '名称,电话\n华为,13800000000\n' }, on());
    expect(utf8.statusCode, utf8.body).toBe(201);
    expect(utf8.json().mimeType).toBe('text/plain');
    const gbk = Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x2c, 0x0d, 0x0a]); // 你好,
    const gb = await upload(admin, { name: 'gbk.csv', content: gbk }, on());
    expect(gb.statusCode, gb.body).toBe(201);
    const neither = Buffer.from([0x41, 0xff, 0xff, 0x80, 0x42]);
    expect((await upload(admin, { name: 'x.txt', content: neither }, on())).json().code).toBe(
      'FILE_TYPE_NOT_ALLOWED',
    );
  });

  it('refuses a file over the tenant limit with 413, storing nothing', async () => {
    const tenant = (await admin.get('/api/v1/tenant')).json();
    expect(tenant.fileMaxBytes).toBe(20 * 1024 * 1024);
    const lowered = await admin.patch('/api/v1/tenant', { version: tenant.version, fileMaxBytes: 100_000 });
    expect(lowered.statusCode, lowered.body).toBe(200);
    try {
      const before = await allChunkRows(t);
      const big = Buffer.concat([pdf, Buffer.alloc(300_000, 0x20)]);
      const res = await upload(admin, { name: 'big.pdf', content: big }, on());
      expect(res.statusCode).toBe(413);
      expect(res.json().code).toBe('FILE_TOO_LARGE');
      expect(await allChunkRows(t)).toBe(before);
      const list = (await admin.get(`/api/v1/files?entity=customers&entityId=${customer.id}`)).json();
      expect(list.data.some((f: { name: string }) => f.name === 'big.pdf')).toBe(false);
      // over real HTTP too: the answer comes while the client is still sending, nothing hangs
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const form = new FormData();
      form.set('entity', 'customers');
      form.set('entityId', customer.id);
      form.set('file', new Blob([pdf, Buffer.alloc(8 * 1024 * 1024, 0x20)]), 'huge.pdf');
      const http = await fetch(`${address}/api/v1/files`, {
        method: 'POST',
        body: form,
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      });
      expect(http.status).toBe(413);
      expect((await http.json()).code).toBe('FILE_TOO_LARGE');
      expect(await allChunkRows(t)).toBe(before);
      const fits = await upload(
        admin,
        { name: 'fits.pdf', content: Buffer.concat([pdf, Buffer.alloc(90_000, 0x20)]) },
        on(),
      );
      expect(fits.statusCode).toBe(201);
    } finally {
      const now = (await admin.get('/api/v1/tenant')).json();
      await admin.patch('/api/v1/tenant', { version: now.version, fileMaxBytes: 20 * 1024 * 1024 });
    }
  });

  it('answers 400 for an unknown entity, a missing file or field', async () => {
    const res = await upload(
      admin,
      { name: 'a.pdf', content: pdf },
      { entity: 'widgets', entityId: customer.id },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect((await admin.get(`/api/v1/files?entity=widgets&entityId=${customer.id}`)).json().code).toBe(
      'VALIDATION_FAILED',
    );
    const noEntityId = await upload(admin, { name: 'a.pdf', content: pdf }, { entity: 'customers' });
    expect(noEntityId.statusCode).toBe(400);
    const body = multipart(on(), {});
    const noFile = await admin.request('POST', '/api/v1/files', body.payload, { headers: body.headers });
    expect(noFile.statusCode).toBe(400);
    const json = await admin.post('/api/v1/files', on());
    expect(json.statusCode).toBe(415);
  });

  it('reads the fields after the file too, and keeps a clean name', async () => {
    const boundary = '----guanxiAfter';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a\\b/报价单.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      pdf,
      Buffer.from(
        `\r\n--${boundary}\r\nContent-Disposition: form-data; name="entity"\r\n\r\ncustomers\r\n--${boundary}\r\nContent-Disposition: form-data; name="entityId"\r\n\r\n${customer.id}\r\n--${boundary}--\r\n`,
      ),
    ]);
    const res = await admin.request('POST', '/api/v1/files', payload, {
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().name).toBe('报价单.pdf');
    expect(cleanName('..\\..\\x\u0001y.txt')).toBe('xy.txt');
    expect(cleanName('')).toBe('file');
  });

  it("moves with a merge and shows on the surviving customer's timeline", async () => {
    const source = await makeCustomer(admin);
    const target = await makeCustomer(admin);
    const up = await upload(
      admin,
      { name: '合同.pdf', content: pdf },
      { entity: 'customers', entityId: source.id },
    );
    expect(up.statusCode).toBe(201);
    const merged = await admin.post(`/api/v1/customers/${target.id}/merge`, { sourceId: source.id });
    expect(merged.statusCode, merged.body).toBe(200);
    const list = (await admin.get(`/api/v1/files?entity=customers&entityId=${target.id}`)).json();
    expect(list.data.map((f: { id: string }) => f.id)).toContain(up.json().id);
    const timeline = (await admin.get(`/api/v1/customers/${target.id}/timeline`)).json();
    expect(timeline.data).toContainEqual(
      expect.objectContaining({ entity: 'files', action: 'create', summary: '合同.pdf' }),
    );
  });

  it('takes a file of a few MB (the 1 MiB JSON body limit is not the upload limit)', async () => {
    const big = Buffer.concat([pdf, Buffer.alloc(3 * 1024 * 1024, 0x20)]);
    const res = await upload(admin, { name: 'scan.pdf', content: big }, on());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ size: big.length, sha256: sha256(big) });
    const down = await admin.get(`/api/v1/files/${res.json().id}/content`);
    expect(sha256(down.rawPayload)).toBe(sha256(big));
    expect(await chunkRows(t, res.json().id)).toBe(13); // 256 KiB rows
  });

  describe('a file follows its record', () => {
    let mine: { id: string };
    let theirs: { id: string };
    let theirFile: string;
    let myFile: string;
    let seller: Agent;
    let viewer: Agent;

    beforeAll(async () => {
      const editRole = await makeRole(admin, ['customers:view', 'customers:edit', 'customers:create'], {
        customers: 'own',
      });
      const viewRole = await makeRole(admin, ['customers:view'], { customers: 'all' });
      const s = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [editRole.id] });
      const v = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [viewRole.id] });
      seller = await t.login(s.username);
      viewer = await t.login(v.username);
      mine = await makeCustomer(admin, { ownerId: s.id });
      theirs = await makeCustomer(admin);
      theirFile = (
        await upload(admin, { name: 't.pdf', content: pdf }, { entity: 'customers', entityId: theirs.id })
      ).json().id;
      myFile = (
        await upload(admin, { name: 'm.pdf', content: pdf }, { entity: 'customers', entityId: mine.id })
      ).json().id;
    });

    it('out of scope: 404 for list, content, thumbnail, delete and upload', async () => {
      const on = { entity: 'customers', entityId: theirs.id };
      expect((await seller.get(`/api/v1/files?entity=customers&entityId=${theirs.id}`)).statusCode).toBe(404);
      expect((await seller.get(`/api/v1/files/${theirFile}/content`)).statusCode).toBe(404);
      expect((await seller.get(`/api/v1/files/${theirFile}/content?thumbnail=1`)).statusCode).toBe(404);
      expect((await seller.delete(`/api/v1/files/${theirFile}`)).statusCode).toBe(404);
      const up = await upload(seller, { name: 'x.pdf', content: pdf }, on);
      expect(up.statusCode).toBe(404);
      expect(up.json().code).toBe('NOT_FOUND');
      // an id that is nobody's is the same answer
      expect(
        (await seller.get('/api/v1/files/01000000-0000-7000-8000-000000000000/content')).statusCode,
      ).toBe(404);
    });

    it('in scope with edit: list, download, upload and delete', async () => {
      const list = await seller.get(`/api/v1/files?entity=customers&entityId=${mine.id}`);
      expect(list.json().data.map((f: { id: string }) => f.id)).toEqual([myFile]);
      expect((await seller.get(`/api/v1/files/${myFile}/content`)).statusCode).toBe(200);
      const up = await upload(
        seller,
        { name: 'y.pdf', content: pdf },
        { entity: 'customers', entityId: mine.id },
      );
      expect(up.statusCode, up.body).toBe(201);
      expect((await seller.delete(`/api/v1/files/${up.json().id}`)).statusCode).toBe(200);
    });

    it('view only: lists and downloads, but 403 on upload and delete', async () => {
      expect((await viewer.get(`/api/v1/files?entity=customers&entityId=${theirs.id}`)).statusCode).toBe(200);
      expect((await viewer.get(`/api/v1/files/${theirFile}/content`)).statusCode).toBe(200);
      const up = await upload(
        viewer,
        { name: 'x.pdf', content: pdf },
        { entity: 'customers', entityId: theirs.id },
      );
      expect(up.statusCode).toBe(403);
      expect((await viewer.delete(`/api/v1/files/${theirFile}`)).statusCode).toBe(403);
      expect((await admin.get(`/api/v1/files/${theirFile}/content`)).statusCode).toBe(200);
    });

    it('another tenant sees nothing', async () => {
      const other = await t.login('admin', undefined, t.other.code);
      expect((await other.get(`/api/v1/files/${theirFile}/content`)).statusCode).toBe(404);
      expect((await other.get(`/api/v1/files?entity=customers&entityId=${theirs.id}`)).statusCode).toBe(404);
    });
  });
});

describe('files in an S3-compatible bucket (s3rver)', () => {
  let t: TestContext;
  let admin: Agent;
  let server: S3rver;
  let dir: string;
  let bucket: S3Client;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-s3rver-'));
    server = new S3rver({
      port: 0,
      address: '127.0.0.1',
      directory: dir,
      silent: true,
      configureBuckets: [{ name: 'guanxi' }],
    });
    const { port } = await server.run();
    bucket = new S3Client({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    t = await createTestContext({
      s3: {
        endpoint: `http://127.0.0.1:${port}`,
        bucket: 'guanxi',
        region: 'us-east-1',
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
      },
    });
    admin = await t.admin();
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips a file and its thumbnail through the bucket and deletes both', async () => {
    const customer = await makeCustomer(admin);
    const image = await png(1000, 500);
    const res = await upload(
      admin,
      { name: 'a.png', content: image },
      { entity: 'customers', entityId: customer.id },
    );
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect(await chunkRows(t, id)).toBe(0); // nothing in the database
    const objects = async () =>
      (
        (await bucket.send(new ListObjectsV2Command({ Bucket: 'guanxi', Prefix: `${t.tenant.id}/` })))
          .Contents ?? []
      ).map((o) => o.Key);
    expect((await objects()).filter((k) => k?.includes(id))).toEqual([`${t.tenant.id}/${id}`]);
    expect(await objects()).toHaveLength(2); // the file and its thumbnail
    const down = await admin.get(`/api/v1/files/${id}/content`);
    expect(down.statusCode).toBe(200);
    expect(sha256(down.rawPayload)).toBe(sha256(image));
    const thumb = await admin.get(`/api/v1/files/${id}/content?thumbnail=1`);
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(320);
    expect((await admin.delete(`/api/v1/files/${id}`)).statusCode).toBe(200);
    expect(await objects()).toEqual([]);
  });
});

describe('GUANXI_S3_* settings', () => {
  const s3Of = (env: Record<string, string>) => loadConfig({ GUANXI_SECRET_KEY: TEST_SECRET_KEY, ...env }).s3;
  const keys = { GUANXI_S3_ACCESS_KEY: 'ak', GUANXI_S3_SECRET_KEY: 'sk' };

  it('none: files stay in the database', () => {
    expect(s3Of({})).toBeUndefined();
  });

  it('takes the bucket from the URL path, or from GUANXI_S3_BUCKET', () => {
    expect(s3Of({ GUANXI_S3_URL: 'https://minio.example.com:9000/guanxi/', ...keys })).toEqual({
      endpoint: 'https://minio.example.com:9000',
      bucket: 'guanxi',
      region: 'us-east-1',
      accessKeyId: 'ak',
      secretAccessKey: 'sk',
    });
    expect(
      s3Of({
        GUANXI_S3_URL: 'http://127.0.0.1:9000',
        GUANXI_S3_BUCKET: 'files',
        GUANXI_S3_REGION: 'cn-east-1',
        ...keys,
      }),
    ).toMatchObject({ endpoint: 'http://127.0.0.1:9000', bucket: 'files', region: 'cn-east-1' });
  });

  it('refuses to start without a bucket or keys, or with a URL that is not http(s)', () => {
    expect(() => s3Of({ GUANXI_S3_URL: 'http://127.0.0.1:9000', ...keys })).toThrow(/GUANXI_S3_BUCKET/);
    expect(() => s3Of({ GUANXI_S3_URL: 'http://127.0.0.1:9000/b' })).toThrow(/GUANXI_S3_ACCESS_KEY/);
    expect(() => s3Of({ GUANXI_S3_URL: 'ftp://127.0.0.1/b', ...keys })).toThrow(/GUANXI_S3_URL/);
  });
});

describe('the text rule', () => {
  const isText = (...pieces: Buffer[]) => {
    const check = new TextCheck();
    for (const p of pieces) check.push(p);
    return check.end();
  };

  it('reads UTF-8 and GB18030 split anywhere, refuses NUL, controls, UTF-16 and a cut character', () => {
    const utf8 = Buffer.from('客户名称,备注\r\n深圳市华为技术有限公司,\t重点\n');
    for (let i = 0; i < utf8.length; i++) expect(isText(utf8.subarray(0, i), utf8.subarray(i))).toBe(true);
    const gb = Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x0a, 0x81, 0x30, 0x81, 0x30]); // 你好 and a four-byte character
    for (let i = 0; i < gb.length; i++) expect(isText(gb.subarray(0, i), gb.subarray(i))).toBe(true);
    expect(isText(Buffer.from('a\u0000b'))).toBe(false);
    expect(isText(Buffer.from('a\u001bb'))).toBe(false);
    expect(isText(Buffer.from('\ufeffhi', 'utf16le'))).toBe(false);
    expect(isText(Buffer.from([0x41, 0xe4]))).toBe(false); // a character cut at the end, in either encoding
  });
});
