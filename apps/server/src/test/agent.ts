import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A signed-in client for `app.inject`: sends the session cookie and the CSRF header. */
export class Agent {
  constructor(
    readonly app: FastifyInstance,
    readonly cookie: string,
    public csrfToken: string,
    readonly user: { id: string; username: string },
    readonly headers: Record<string, string> = {},
  ) {}

  static async login(
    app: FastifyInstance,
    username: string,
    password: string,
    tenant?: string,
  ): Promise<Agent> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password, tenant },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'guanxi_sid');
    const body = res.json();
    return new Agent(app, `guanxi_sid=${cookie!.value}`, body.csrfToken, body.user);
  }

  /** The same session with other headers (e.g. `accept-language`). */
  with(headers: Record<string, string>): Agent {
    return new Agent(this.app, this.cookie, this.csrfToken, this.user, { ...this.headers, ...headers });
  }

  request(
    method: Method,
    url: string,
    payload?: unknown,
    extra: InjectOptions = {},
  ): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url,
      payload: payload as InjectOptions['payload'],
      ...extra,
      headers: {
        cookie: this.cookie,
        'x-csrf-token': this.csrfToken,
        ...this.headers,
        ...(extra.headers as Record<string, string>),
      },
    });
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  patch = (url: string, body: unknown) => this.request('PATCH', url, body);
  put = (url: string, body: unknown) => this.request('PUT', url, body);
  delete = (url: string) => this.request('DELETE', url);
}

/** A multipart/form-data body: text fields and files, for upload routes. */
export function multipart(
  fields: Record<string, string>,
  files: Record<string, { name: string; content: Buffer | string; type?: string }>,
) {
  const boundary = `----guanxi${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const [name, file] of Object.entries(files)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
