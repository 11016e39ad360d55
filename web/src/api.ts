/** Fetch wrapper for the JSON API: cookies ride along, errors become ApiError with the server's code, message and field. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | boolean | undefined | null | string[]>;

/** Build `path?query`, dropping empty values. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

let onUnauthenticated: (() => void) | null = null;
/** Called when a staff request answers 401 (session expired): the app sends the user to the login page. */
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  /** Do not trigger the session-expired redirect (login page, portal). */
  quiet401?: boolean;
}

/** Call the API; resolves with the parsed JSON body or throws ApiError. */
export async function api<T = unknown>(path: string, opts: RequestOptions = {}): Promise<T> {
  const init: RequestInit = { method: opts.method ?? 'GET', credentials: 'same-origin', headers: {} };
  if (opts.body instanceof FormData) {
    init.body = opts.body;
  } else if (opts.body !== undefined) {
    init.body = JSON.stringify(opts.body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  } else if (init.method === 'POST') {
    init.body = '{}';
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), init);
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  return settle<T>(res.status, await res.text(), opts.quiet401);
}

/** The parsed body of a finished request, or the ApiError it stands for. */
function settle<T>(status: number, text: string, quiet401?: boolean): T {
  let data: any = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (status < 200 || status >= 300) {
    if (status === 401 && !quiet401) onUnauthenticated?.();
    const msg = (data && typeof data === 'object' && data.message) || `请求失败（${status}）`;
    throw new ApiError(status, data?.error ?? 'HTTP_' + status, stripField(msg, data?.field), data?.field, data?.details);
  }
  return data as T;
}

/**
 * POST a multipart form and report the upload's progress (0–100), which
 * fetch cannot do: large files (imports, recordings) then show how far along they are.
 */
export function upload<T = unknown>(path: string, body: FormData, opts: { query?: Query; onProgress?: (percent: number) => void; quiet401?: boolean } = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', withQuery(path, opts.query));
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      try {
        resolve(settle<T>(xhr.status, xhr.responseText, opts.quiet401));
      } catch (e) {
        reject(e);
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试'));
    xhr.send(body);
  });
}

/** Server messages read "field: 说明"; the form already shows which field, so keep only the explanation. */
function stripField(message: string, field?: string): string {
  if (field && message.startsWith(`${field}: `)) return message.slice(field.length + 2);
  return message;
}

/** True when the API path does not exist (yet) on this server: the page degrades instead of failing. */
export function isMissing(e: unknown): boolean {
  return e instanceof ApiError && e.status === 404 && /不存在$/.test(e.message) && e.code === 'NOT_FOUND' && e.message.includes('/api/');
}
