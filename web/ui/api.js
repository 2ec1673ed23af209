// naskah web UI — talking to the server: api() wraps fetch (JSON, the CSRF header on writes,
// one retry after a refreshed CSRF token, the sign-in page on 401, errors as ApiError), and
// loadMe() asks who is signed in (state.me).
import { state, t, cache } from './common.js';
import { goToLogin } from './router.js';

class ApiError extends Error {
  // message: the server's English, for the console only; the UI says code and params.
  constructor(status, code, message, retryAfter, params) {
    super(message || code);
    this.status = status; this.code = code; this.retryAfter = retryAfter;
    this.params = params && typeof params === 'object' ? params : {};
  }
}

async function api(path, opts) {
  opts = opts || {};
  const method = opts.method || 'GET';
  if (method === 'GET' && opts.cache && cache.has(path)) return cache.get(path);
  const headers = { Accept: 'application/json' };
  let body;
  if (method !== 'GET') headers['X-CSRF-Token'] = (state.me && state.me.csrf) || '';
  if (opts.body !== undefined) { headers['Content-Type'] = 'application/json'; body = JSON.stringify(opts.body); }
  let r;
  try {
    r = await fetch(path, { method, headers, body, signal: opts.signal, credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', t('err.network'));
  }
  let data = null;
  if ((r.headers.get('Content-Type') || '').includes('json')) {
    try { data = await r.json(); } catch (e) { if (e && e.name === 'AbortError') throw e; data = null; }
  }
  if (!r.ok) {
    const err = (data && data.error) || {};
    const code = err.code || 'http.' + r.status;
    if (r.status === 401 && !opts.noAuthRedirect) {
      state.me = null;
      goToLogin();
      throw new ApiError(401, code, err.message, null, err.params);
    }
    if (r.status === 403 && /csrf/i.test(code) && method !== 'GET' && !opts.retried) {
      await loadMe();
      return api(path, Object.assign({}, opts, { retried: true }));
    }
    throw new ApiError(r.status, code, err.message || r.statusText, r.headers.get('Retry-After'), err.params);
  }
  if (method === 'GET' && opts.cache) cache.set(path, data);
  return data;
}

async function loadMe() {
  try {
    state.me = await api('/api/me', { noAuthRedirect: true });
  } catch (e) {
    if (e.status === 401) state.me = null;
    else throw e;
  }
  return state.me;
}

export { ApiError, api, loadMe };
