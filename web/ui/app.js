// naskah web UI — one page, no framework, no build step.
//
// Security rules kept throughout this file (the server sends a strict CSP, and the documents
// are hostile input):
//  * server data never goes through innerHTML / insertAdjacentHTML / outerHTML / document.write;
//    every node is built with createElement + textContent (see h() and svg());
//  * search snippets are rebuilt from text nodes and <mark> elements (renderSnippet);
//  * agreement ids must match [0-9a-f]{64}; everything put in a URL is encodeURIComponent-ed;
//  * no inline style attributes: layout is done with classes; bar lengths are SVG attributes.
'use strict';
(function () {
  const I18N = window.NASKAH_I18N || {};
  const LANG_KEY = 'naskah.lang';
  const LAST_SEARCH_KEY = 'naskah.lastSearch';
  const PAGE_SIZE = 20;
  const ID_RE = /^[0-9a-f]{64}$/;
  const FACETS = [ // [facet key in results, URL/API parameter]
    ['doc_type', 'type'], ['status', 'status'], ['year', 'year'], ['party', 'party'], ['office', 'office']
  ];
  const FACET_PARAMS = FACETS.map((f) => f[1]);
  const TYPE_ORDER = ['mou', 'pks', 'addendum', 'other'];
  const STATUS_ORDER = ['active', 'expiring', 'expired', 'unknown'];
  const SORTS = ['relevance', '-signed', 'signed', 'end'];
  const UPLOAD_EXT = ['pdf', 'tif', 'tiff', 'png', 'jpg', 'jpeg'];
  const UPLOAD_FINAL = new Set(['searchable', 'refused', 'error']);

  // ---------------------------------------------------------------- i18n

  let lang = 'id';
  try { if (localStorage.getItem(LANG_KEY) === 'en') lang = 'en'; } catch (e) { /* storage off */ }

  function t(key, vars) {
    const entry = I18N[key];
    let s = entry ? (entry[lang] != null ? entry[lang] : entry.id) : key;
    if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (Object.prototype.hasOwnProperty.call(vars, k) ? String(vars[k]) : m));
    return s;
  }
  function has(key) { return Object.prototype.hasOwnProperty.call(I18N, key); }
  function locale() { return lang === 'en' ? 'en-GB' : 'id-ID'; }

  function applyStaticI18n(root) {
    root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    root.querySelectorAll('[data-i18n-aria]').forEach((el) => { el.setAttribute('aria-label', t(el.dataset.i18nAria)); });
    document.documentElement.lang = lang;
    document.querySelectorAll('.lang-btn').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === lang)));
  }

  // ---------------------------------------------------------------- DOM helpers

  function h(tag, attrs) {
    const el = document.createElement(tag);
    if (attrs) setAttrs(el, attrs);
    for (let i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }
  const SVG_NS = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs) {
    const el = document.createElementNS(SVG_NS, tag);
    if (attrs) setAttrs(el, attrs);
    for (let i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }
  function setAttrs(el, attrs) {
    for (const k of Object.keys(attrs)) {
      const v = attrs[k];
      if (v == null || v === false) continue;
      if (k === 'class') el.setAttribute('class', v);
      else if (k === 'text') el.textContent = String(v);
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k.slice(0, 2) === 'on' && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'style') throw new Error('inline styles are not allowed (CSP)');
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  function append(el, c) {
    if (c == null || c === false) return;
    if (Array.isArray(c)) { c.forEach((x) => append(el, x)); return; }
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }
  function icon(name, cls) {
    return svg('svg', { class: 'icon' + (cls ? ' ' + cls : ''), 'aria-hidden': 'true', focusable: 'false' },
      svg('use', { href: '#i-' + name }));
  }
  function $(sel, root) { return (root || document).querySelector(sel); }

  // Decodes the few HTML entities the server's snippet escaping produces, without innerHTML.
  const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  function decodeEntities(s) {
    return s.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp));/g, (m, dec, hex, name) => {
      if (name) return NAMED[name];
      const cp = dec ? parseInt(dec, 10) : parseInt(hex, 16);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    });
  }
  // Snippet: HTML in which everything but <mark> and </mark> is escaped. Rebuilt as text nodes.
  function renderSnippet(str) {
    const frag = document.createDocumentFragment();
    let marked = false;
    for (const part of String(str || '').split(/(<mark>|<\/mark>)/)) {
      if (part === '<mark>') { marked = true; continue; }
      if (part === '</mark>') { marked = false; continue; }
      if (!part) continue;
      const text = decodeEntities(part);
      frag.append(marked ? h('mark', null, text) : document.createTextNode(text));
    }
    return frag;
  }

  // ---------------------------------------------------------------- formatting

  function fmtInt(n) { return new Intl.NumberFormat(locale()).format(n || 0); }
  function parseISODate(s) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s || '');
    if (!m) return null;
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return isNaN(d) ? null : d;
  }
  function fmtDate(s, short) {
    if (!s) return '';
    const d = parseISODate(s);
    if (!d) return String(s);
    return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: short ? 'short' : 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
  }
  function daysBetween(fromISO, toISO) {
    const a = parseISODate(fromISO), b = parseISODate(toISO);
    if (!a || !b) return null;
    return Math.round((b - a) / 86400000);
  }
  function todayISO() {
    const d = new Date();
    return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
  }
  function groupDigits(intStr, sep) { return intStr.replace(/\B(?=(\d{3})+(?!\d))/g, sep); }
  // Rupiah the Indonesian way, whatever the UI language: Rp150.000.000,00
  function fmtMoney(a) {
    if (!a || typeof a.value !== 'number' || !isFinite(a.value)) return a && a.text ? String(a.text) : '';
    const cur = (a.currency || 'IDR').toUpperCase();
    const neg = a.value < 0;
    const parts = Math.abs(a.value).toFixed(2).split('.');
    if (cur === 'IDR') return (neg ? '-' : '') + 'Rp' + groupDigits(parts[0], '.') + ',' + parts[1];
    try {
      return new Intl.NumberFormat(locale(), { style: 'currency', currency: cur }).format(a.value);
    } catch (e) {
      return cur + ' ' + (neg ? '-' : '') + groupDigits(parts[0], lang === 'en' ? ',' : '.') + (lang === 'en' ? '.' : ',') + parts[1];
    }
  }
  function fmtBytes(n) {
    if (typeof n !== 'number' || !isFinite(n)) return '';
    if (n < 1024) return t('unit.bytes', { n: fmtInt(n) });
    const units = ['KB', 'MB', 'GB'];
    let v = n / 1024, i = 0;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return new Intl.NumberFormat(locale(), { maximumFractionDigits: v < 10 ? 1 : 0 }).format(v) + ' ' + units[i];
  }
  function fmtPercent(p) { return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(p); }
  function fmtDuration(d) {
    if (!d) return '';
    const out = [];
    if (d.years) out.push(t('dur.years', { n: d.years }));
    if (d.months) out.push(t('dur.months', { n: d.months }));
    if (d.days) out.push(t('dur.days', { n: d.days }));
    return out.join(' ');
  }
  function typeLabel(v, long) { const k = 'type.' + v + (long ? '.long' : ''); return has(k) ? t(k) : String(v); }
  function statusLabel(v) { return has('status.' + v) ? t('status.' + v) : String(v); }
  function partyRoleLabel(r) { return r == null ? '' : (has('prole.' + r) ? t('prole.' + r) : String(r)); }
  function reasonLabel(r) { return has('reason.' + r) ? t('reason.' + r) : String(r); }
  function codeMessage(err) {
    if (!err) return '';
    if (err.code && has('code.' + err.code)) return t('code.' + err.code);
    return err.message || t('err.generic', { code: err.code || '?' });
  }
  function recordTitle(rec) {
    if (rec && rec.title) return rec.title;
    if (rec && rec.numbers && rec.numbers.length) return rec.numbers[0];
    return t('hit.untitled');
  }

  function typeChip(v) {
    if (!v) return null;
    const cls = TYPE_ORDER.includes(v) ? v : 'other';
    return h('span', { class: 'chip chip-type chip-' + cls, title: typeLabel(v, true) }, typeLabel(v));
  }
  function statusBadge(v) {
    if (!v) return null;
    const cls = STATUS_ORDER.includes(v) ? v : 'unknown';
    return h('span', { class: 'badge badge-' + cls, dataset: { status: cls } }, h('span', { class: 'badge-dot', 'aria-hidden': 'true' }), statusLabel(v));
  }
  function agreementHref(id) { return ID_RE.test(id || '') ? '/agreement/' + encodeURIComponent(id) : null; }

  // ---------------------------------------------------------------- API

  class ApiError extends Error {
    constructor(status, code, message, retryAfter) {
      super(message || code);
      this.status = status; this.code = code; this.retryAfter = retryAfter;
    }
  }
  let me = null; // {user, role, csrf}
  const cache = new Map(); // GET responses of the current page, kept only for a language switch

  async function api(path, opts) {
    opts = opts || {};
    const method = opts.method || 'GET';
    if (method === 'GET' && opts.cache && cache.has(path)) return cache.get(path);
    const headers = { Accept: 'application/json' };
    let body;
    if (method !== 'GET') headers['X-CSRF-Token'] = (me && me.csrf) || '';
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
        me = null;
        goToLogin();
        throw new ApiError(401, code, err.message);
      }
      if (r.status === 403 && /csrf/i.test(code) && method !== 'GET' && !opts.retried) {
        await loadMe();
        return api(path, Object.assign({}, opts, { retried: true }));
      }
      throw new ApiError(r.status, code, err.message || r.statusText, r.headers.get('Retry-After'));
    }
    if (method === 'GET' && opts.cache) cache.set(path, data);
    return data;
  }

  async function loadMe() {
    try {
      me = await api('/api/me', { noAuthRedirect: true });
    } catch (e) {
      if (e.status === 401) me = null;
      else throw e;
    }
    return me;
  }
  function canUpload() { return !!me && (me.role === 'operator' || me.role === 'admin'); }

  // ---------------------------------------------------------------- routing

  const main = $('#main');
  const ROUTES = [
    { re: /^\/(?:search\/?)?$/, view: viewSearch, name: 'search' },
    { re: /^\/agreement\/([^/]+)\/?$/, view: viewAgreement, name: 'agreement' },
    { re: /^\/dashboard\/?$/, view: viewDashboard, name: 'dashboard' },
    { re: /^\/upload\/?$/, view: viewUpload, name: 'upload' },
    { re: /^\/login\/?$/, view: viewLogin, name: 'login', public: true }
  ];
  let current = null; // {route, ctl: AbortController, view: {update?, cleanup?}}

  function matchRoute(pathname) {
    for (const r of ROUTES) { const m = r.re.exec(pathname); if (m) return { route: r, params: m.slice(1) }; }
    return null;
  }
  function isUiPath(pathname) { return !!matchRoute(pathname); }

  // A path we may go to after login: one leading "/", never "//" or "/\" (open redirect).
  function safeNext(next) {
    if (typeof next !== 'string' || next.length > 2000) return null;
    if (next[0] !== '/' || next[1] === '/' || next[1] === '\\') return null;
    if (/[\u0000-\u001f\u007f\\]/.test(next)) return null;
    try {
      const u = new URL(next, location.origin);
      if (u.origin !== location.origin) return null;
      if (u.pathname.startsWith('/login')) return null;
      return u.pathname + u.search + u.hash;
    } catch (e) { return null; }
  }

  function navigate(url, opts) {
    opts = opts || {};
    const u = new URL(url, location.href);
    if (u.origin !== location.origin) return;
    const target = u.pathname + u.search + u.hash;
    if (opts.replace) history.replaceState(null, '', target);
    else if (target !== location.pathname + location.search + location.hash) history.pushState(null, '', target);
    route();
  }
  function goToLogin() {
    if (location.pathname === '/login') return;
    navigate('/login?next=' + encodeURIComponent(location.pathname + location.search), { replace: true });
  }

  function route(opts) {
    opts = opts || {};
    const found = matchRoute(location.pathname);
    if (!opts.keepCache) cache.clear();
    // The same view only changes its state (search: back/forward between queries).
    if (found && current && current.route === found.route && current.view && current.view.update && !opts.remount) {
      current.view.update(found.params);
      renderChrome(found.route);
      return;
    }
    if (current) {
      current.ctl.abort();
      if (current.view && current.view.cleanup) { try { current.view.cleanup(); } catch (e) { console.warn(e); } }
    }
    if (found && !found.route.public && !me) { current = null; goToLogin(); return; }
    const ctl = new AbortController();
    const cur = current = { route: found ? found.route : null, ctl, view: null };
    clear(main);
    main.className = 'main main-' + (found ? found.route.name : 'notfound');
    renderChrome(found ? found.route : null);
    if (!found) { cur.view = viewNotFound(); return; }
    // (a view may navigate away at once, e.g. the login page when already signed in)
    cur.view = found.route.view({ params: found.params, signal: ctl.signal }) || null;
    if (cur !== current) return;
    if (!opts.keepFocus && !opts.keepScroll) window.scrollTo(0, 0);
  }

  function setTitle(s) { document.title = s ? s + ' · ' + t('app.name') : t('app.name'); }

  function renderChrome(r) {
    const bar = $('#topbar');
    const signedIn = !!me && !(r && r.public);
    bar.hidden = !signedIn;
    $('#footer').hidden = !signedIn;
    if (!signedIn) return;
    $('#user-name').textContent = me.user || '';
    $('#user-role').textContent = has('role.' + me.role) ? t('role.' + me.role) : (me.role || '');
    $('#userchip').title = t('nav.signed_in_as', { user: me.user || '', role: $('#user-role').textContent });
    $('#nav-upload').hidden = !canUpload();
    document.querySelectorAll('#mainnav a').forEach((a) => {
      if (r && a.dataset.route === r.name) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
  }

  function setLang(l) {
    if (l !== 'id' && l !== 'en') return;
    lang = l;
    try { localStorage.setItem(LANG_KEY, l); } catch (e) { /* storage off */ }
    applyStaticI18n(document);
    route({ remount: true, keepCache: true, keepScroll: true });
  }

  // Links inside the app navigate without a reload; /api/... links (downloads) are left alone.
  document.addEventListener('click', (e) => {
    const langBtn = e.target.closest && e.target.closest('.lang-btn');
    if (langBtn) { e.preventDefault(); setLang(langBtn.dataset.lang); return; }
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target.closest && e.target.closest('a[href]');
    if (!a || a.target || a.hasAttribute('download')) return;
    const u = new URL(a.href, location.href);
    if (u.origin !== location.origin || !isUiPath(u.pathname)) return;
    if (u.hash && u.pathname === location.pathname && u.search === location.search) return; // in-page anchor
    e.preventDefault();
    navigate(u.pathname + u.search + u.hash);
  });
  window.addEventListener('popstate', () => route());
  $('#logout').addEventListener('click', logout);

  async function logout() {
    const btn = $('#logout');
    btn.disabled = true;
    try { await api('/api/logout', { method: 'POST', noAuthRedirect: true }); } catch (e) { /* the session is gone either way */ }
    btn.disabled = false;
    me = null;
    uploads.length = 0;
    try { sessionStorage.removeItem(LAST_SEARCH_KEY); } catch (e) { /* ignore */ }
    navigate('/login', { replace: true });
  }

  // ---------------------------------------------------------------- shared view pieces

  function loadingBlock() { return h('div', { class: 'loading-block', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', null, t('app.loading'))); }
  function errorBlock(err, retry) {
    let msg;
    if (err && err.status === 403) msg = t('err.forbidden');
    else if (err && err.status === 404) msg = t('err.notfound');
    else if (err && err.code === 'network') msg = t('err.network');
    else msg = codeMessage(err);
    return h('div', { class: 'state-block state-error', role: 'alert' },
      icon('warn', 'state-icon'),
      h('h2', null, t('err.title')),
      h('p', null, msg),
      retry ? h('button', { type: 'button', class: 'btn btn-secondary', onclick: retry }, t('err.retry')) : null);
  }
  function isAbort(e) { return e && e.name === 'AbortError'; }

  function toast(msg, kind) {
    const el = h('div', { class: 'toast' + (kind ? ' toast-' + kind : '') }, msg);
    $('#toasts').append(el);
    setTimeout(() => el.classList.add('toast-out'), 3500);
    setTimeout(() => el.remove(), 4000);
  }

  function viewNotFound() {
    setTitle(t('app.notfound.title'));
    main.append(h('div', { class: 'container' }, h('div', { class: 'state-block' },
      icon('empty', 'state-icon'), h('h1', null, t('app.notfound.title')),
      h('p', null, h('a', { href: '/search' }, t('app.notfound.text'))))));
    return null;
  }

  // ---------------------------------------------------------------- login

  function viewLogin(ctx) {
    setTitle(t('login.title'));
    const params = new URLSearchParams(location.search);
    const next = safeNext(params.get('next')) || '/search';
    if (me) { navigate(next, { replace: true }); return null; }

    let timer = null;
    const errBox = h('div', { class: 'form-error', id: 'login-error', role: 'alert', hidden: true });
    const user = h('input', { id: 'login-user', name: 'user', type: 'text', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true });
    const pass = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
    const show = h('input', { id: 'login-show', type: 'checkbox' });
    show.addEventListener('change', () => { pass.type = show.checked ? 'text' : 'password'; });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'login-submit' }, t('login.submit'));
    const form = h('form', { class: 'login-form', id: 'login-form', novalidate: true },
      h('div', { class: 'field' }, h('label', { for: 'login-user' }, t('login.user')), user),
      h('div', { class: 'field' }, h('label', { for: 'login-password' }, t('login.password')), pass),
      h('label', { class: 'check', for: 'login-show' }, show, h('span', null, t('login.show_password'))),
      errBox, submit);

    function showError(msg) { errBox.textContent = msg; errBox.hidden = false; }
    function throttled(seconds) {
      clearInterval(timer);
      let left = Math.max(1, Math.ceil(seconds));
      submit.disabled = true;
      showError(t('login.throttled', { n: left }));
      timer = setInterval(() => {
        left -= 1;
        if (left <= 0) { clearInterval(timer); timer = null; submit.disabled = false; errBox.hidden = true; return; }
        showError(t('login.throttled', { n: left }));
      }, 1000);
    }

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (submit.disabled) return;
      errBox.hidden = true;
      if (!user.value.trim() || !pass.value) { showError(t('login.required')); (user.value.trim() ? pass : user).focus(); return; }
      submit.disabled = true;
      submit.textContent = t('login.busy');
      form.setAttribute('aria-busy', 'true');
      try {
        const res = await api('/api/login', { method: 'POST', body: { user: user.value.trim(), password: pass.value }, noAuthRedirect: true, signal: ctx.signal });
        me = { user: res.user, role: res.role, csrf: res.csrf };
        navigate(next, { replace: true });
        return;
      } catch (err) {
        if (isAbort(err)) return;
        pass.value = '';
        if (err.status === 429 || err.code === 'auth.throttled') {
          const ra = parseInt(err.retryAfter, 10);
          submit.textContent = t('login.submit');
          form.removeAttribute('aria-busy');
          if (ra > 0) { throttled(ra); return; }
          showError(t('login.throttled_later'));
        } else if (err.status === 401) {
          showError(t('login.failed'));
          pass.focus();
        } else if (err.code === 'network') {
          showError(t('err.network'));
        } else {
          showError(codeMessage(err));
        }
      }
      submit.disabled = false;
      submit.textContent = t('login.submit');
      form.removeAttribute('aria-busy');
    });

    const langSwitch = h('div', { class: 'langswitch langswitch-dark', role: 'group', 'aria-label': t('lang.switch') },
      ['id', 'en'].map((l) => h('button', { type: 'button', class: 'lang-btn', dataset: { lang: l }, lang: l, 'aria-pressed': String(l === lang) }, l.toUpperCase())));

    main.append(h('div', { class: 'login-page' },
      h('div', { class: 'login-card card' },
        h('div', { class: 'login-top' }, langSwitch),
        h('div', { class: 'login-brand' },
          svg('svg', { class: 'login-logo', 'aria-hidden': 'true', focusable: 'false' }, svg('use', { href: '#i-logo' })),
          h('h1', { class: 'login-name' }, t('app.name')),
          h('p', { class: 'login-tagline' }, t('app.tagline'))),
        h('h2', { class: 'login-title' }, t('login.title')),
        h('p', { class: 'login-intro' }, t('login.intro')),
        form,
        h('p', { class: 'login-note' }, t('login.note')))));
    user.focus();
    return { cleanup() { clearInterval(timer); } };
  }

  // ---------------------------------------------------------------- search

  function readSearchState() {
    const p = new URLSearchParams(location.search);
    const st = { q: p.get('q') || '', sort: p.get('sort') || '', offset: Math.max(0, parseInt(p.get('offset'), 10) || 0), filters: {} };
    if (!SORTS.includes(st.sort)) st.sort = '';
    for (const name of FACET_PARAMS) st.filters[name] = [...new Set(p.getAll(name).filter(Boolean))];
    return st;
  }
  function searchParams(st, forApi) {
    const p = new URLSearchParams();
    if (st.q) p.set('q', st.q);
    for (const name of FACET_PARAMS) for (const v of st.filters[name]) p.append(name, v);
    if (st.sort) p.set('sort', st.sort);
    if (st.offset) p.set('offset', String(st.offset));
    if (forApi) p.set('limit', String(PAGE_SIZE));
    return p.toString();
  }
  function filterCount(st) { return FACET_PARAMS.reduce((n, k) => n + st.filters[k].length, 0); }
  function rememberSearch(url) { try { sessionStorage.setItem(LAST_SEARCH_KEY, url); } catch (e) { /* ignore */ } }
  function lastSearch() {
    try { const s = sessionStorage.getItem(LAST_SEARCH_KEY); if (s && safeNext(s) && s.startsWith('/search')) return s; } catch (e) { /* ignore */ }
    return '/search';
  }
  function facetValueLabel(facet, v) {
    if (facet === 'doc_type' || facet === 'type') return typeLabel(v);
    if (facet === 'status') return statusLabel(v);
    return v;
  }

  function viewSearch(ctx) {
    let st = readSearchState();
    let reqCtl = null;
    let debounce = null;
    let lastData = null;
    const expanded = new Set();

    setTitle(t('search.title'));
    const input = h('input', {
      id: 'q', class: 'search-input', type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'false',
      placeholder: t('search.placeholder'), 'aria-label': t('search.label'), enterkeyhint: 'search', value: st.q
    });
    const form = h('form', { class: 'searchbar', role: 'search', id: 'search-form' },
      icon('search', 'searchbar-icon'), input,
      h('button', { type: 'submit', class: 'btn btn-primary searchbar-btn' }, t('search.button')));
    const suggestion = h('p', { class: 'suggestion', id: 'suggestion', hidden: true });
    const facetsBox = h('div', { class: 'facets-body', id: 'facets' });
    const clearBtn = h('button', { type: 'button', class: 'link-btn', id: 'clear-filters', hidden: true }, t('search.clear'));
    const filterToggle = h('button', { type: 'button', class: 'btn btn-secondary filter-toggle', 'aria-expanded': 'false', 'aria-controls': 'facet-panel' }, icon('filter'), h('span', null, t('search.filters')));
    const aside = h('aside', { class: 'facets card', id: 'facet-panel', 'aria-label': t('search.filters') },
      h('div', { class: 'facets-head' }, h('h2', null, t('search.filters')), clearBtn), facetsBox);
    const summary = h('p', { class: 'result-summary', id: 'result-summary', 'aria-live': 'polite' });
    const sortSel = h('select', { id: 'sort', class: 'select' },
      SORTS.map((s) => h('option', { value: s === 'relevance' ? '' : s }, t('sort.' + s))));
    sortSel.value = st.sort;
    const chips = h('div', { class: 'active-filters', id: 'active-filters' });
    const list = h('ol', { class: 'hit-list', id: 'hits' });
    const stateBox = h('div', { class: 'results-state', id: 'results-state' });
    const pager = h('nav', { class: 'pager', id: 'pager', 'aria-label': t('results.pages') });
    const results = h('section', { class: 'results', id: 'results', dataset: { state: 'loading' }, 'aria-busy': 'true' },
      h('div', { class: 'results-bar' }, summary,
        h('label', { class: 'sort-label', for: 'sort' }, h('span', null, t('search.sort')), sortSel)),
      chips, stateBox, list, pager);

    main.append(h('div', { class: 'container' },
      h('section', { class: 'search-hero' },
        h('h1', { class: 'visually-hidden' }, t('search.title')),
        form,
        h('p', { class: 'search-hint' }, t('search.hint')),
        suggestion),
      h('div', { class: 'search-layout' }, h('div', { class: 'facets-col' }, filterToggle, aside), results)));

    filterToggle.addEventListener('click', () => {
      const open = aside.classList.toggle('open');
      filterToggle.setAttribute('aria-expanded', String(open));
    });

    function commit(push) {
      const qs = searchParams(st, false);
      const url = '/search' + (qs ? '?' + qs : '');
      if (url !== location.pathname + location.search) {
        if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
      }
      rememberSearch(url);
      run();
    }

    input.addEventListener('input', () => {
      clearTimeout(debounce);
      debounce = setTimeout(() => {
        const q = input.value.trim();
        if (q === st.q) return;
        st.q = q; st.offset = 0;
        commit(false);
      }, 250);
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      clearTimeout(debounce);
      st.q = input.value.trim(); st.offset = 0;
      commit(true);
    });
    sortSel.addEventListener('change', () => { st.sort = sortSel.value; st.offset = 0; commit(true); });
    clearBtn.addEventListener('click', () => {
      for (const k of FACET_PARAMS) st.filters[k] = [];
      st.offset = 0; commit(true);
    });
    const onKey = (e) => {
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !/^(INPUT|TEXTAREA|SELECT)$/.test((document.activeElement || {}).tagName || '')) {
        e.preventDefault(); input.focus(); input.select();
      }
    };
    document.addEventListener('keydown', onKey);

    function toggleFilter(param, value, on) {
      const arr = st.filters[param];
      const i = arr.indexOf(value);
      if (on && i < 0) arr.push(value);
      if (!on && i >= 0) arr.splice(i, 1);
      st.offset = 0;
      commit(true);
    }

    async function run() {
      if (reqCtl) reqCtl.abort();
      reqCtl = new AbortController();
      const myCtl = reqCtl;
      results.dataset.state = 'loading';
      results.setAttribute('aria-busy', 'true');
      if (!lastData) { clear(stateBox).append(loadingBlock()); }
      const path = '/api/search?' + searchParams(st, true);
      try {
        const data = await api(path, { signal: myCtl.signal, cache: true });
        if (myCtl.signal.aborted) return;
        lastData = data;
        render(data);
      } catch (err) {
        if (isAbort(err) || myCtl.signal.aborted) return;
        lastData = null;
        clear(list); clear(pager); summary.textContent = '';
        if (err.status === 400 && !st.q && !filterCount(st)) { // a server that wants words before it lists anything
          clear(stateBox).append(h('div', { class: 'state-block', id: 'search-start' }, icon('search', 'state-icon'), h('h2', null, t('search.start'))));
          results.dataset.state = 'empty';
          results.removeAttribute('aria-busy');
          return;
        }
        clear(stateBox).append(errorBlock(err, run));
        results.dataset.state = 'error';
        results.removeAttribute('aria-busy');
      }
    }

    function render(data) {
      const hits = Array.isArray(data.hits) ? data.hits : [];
      const total = typeof data.total === 'number' ? data.total : hits.length;
      const offset = typeof data.offset === 'number' ? data.offset : st.offset;
      results.dataset.total = String(total);
      results.removeAttribute('aria-busy');

      // suggestion
      clear(suggestion);
      if (data.suggestion && typeof data.suggestion === 'string' && data.suggestion !== st.q) {
        const sug = data.suggestion;
        const a = h('a', { href: '/search?' + new URLSearchParams({ q: sug }).toString(), class: 'suggestion-link', id: 'suggestion-link' }, sug);
        a.addEventListener('click', (e) => { e.preventDefault(); input.value = sug; st.q = sug; st.offset = 0; commit(true); });
        suggestion.append(h('span', null, t('results.suggestion') + ' '), a);
        suggestion.hidden = false;
      } else suggestion.hidden = true;

      // summary
      if (total > 0 && hits.length) {
        const from = offset + 1, to = offset + hits.length;
        summary.textContent = t(data.estimated ? 'results.range_est' : 'results.range', { from: fmtInt(from), to: fmtInt(to), total: fmtInt(total) });
      } else summary.textContent = '';

      renderFacets(data.facets || {});
      renderChips();

      clear(list); clear(stateBox);
      if (!hits.length) {
        stateBox.append(h('div', { class: 'state-block state-empty', id: 'no-results' },
          icon('empty', 'state-icon'), h('h2', null, t('results.none')), h('p', null, t('results.none_hint'))));
        results.dataset.state = 'empty';
      } else {
        hits.forEach((hit) => list.append(renderHit(hit)));
        results.dataset.state = 'ready';
      }
      renderPager(total, offset, hits.length);
    }

    function renderHit(hit) {
      const rec = hit.record || {};
      const href = agreementHref(hit.id);
      const title = recordTitle(rec);
      const titleEl = href ? h('a', { class: 'hit-title', href }, title) : h('span', { class: 'hit-title' }, title);
      const parties = (rec.parties || []).map((p) => p && p.name).filter(Boolean);
      const facts = h('dl', { class: 'hit-facts' });
      function fact(label, value, cls) { if (value) facts.append(h('div', { class: 'fact' + (cls ? ' ' + cls : '') }, h('dt', null, label), h('dd', null, value))); }
      fact(t('hit.numbers'), (rec.numbers || []).join(' · '), 'fact-numbers');
      fact(t('hit.signed'), rec.signed_date ? fmtDate(rec.signed_date, true) + (rec.place ? ', ' + rec.place : '') : '');
      fact(t('hit.ends'), rec.end_date ? fmtDate(rec.end_date, true) : '');
      const snippet = hit.snippet ? h('p', { class: 'snippet' }, renderSnippet(hit.snippet)) : null;
      return h('li', { class: 'hit', dataset: { id: ID_RE.test(hit.id || '') ? hit.id : '' } },
        h('article', { class: 'hit-card' },
          h('div', { class: 'hit-tags' }, typeChip(rec.doc_type), statusBadge(hit.status), rec.office ? h('span', { class: 'hit-office' }, rec.office) : null),
          h('h3', { class: 'hit-heading' }, titleEl),
          h('p', { class: 'hit-parties' + (parties.length ? '' : ' muted') }, parties.length ? parties.join(' · ') : t('hit.no_parties')),
          facts, snippet));
    }

    function renderFacets(facets) {
      const active = document.activeElement;
      const refocus = active && active.matches && active.matches('input[data-facet]') ? [active.dataset.facet, active.dataset.value] : null;
      clear(facetsBox);
      let shown = 0;
      for (const [key, param] of FACETS) {
        const counts = Object.assign({}, facets[key] || {});
        for (const v of st.filters[param]) if (!(v in counts)) counts[v] = 0;
        let values = Object.keys(counts);
        if (!values.length) continue;
        if (key === 'doc_type') values.sort((a, b) => rank(TYPE_ORDER, a) - rank(TYPE_ORDER, b));
        else if (key === 'status') values.sort((a, b) => rank(STATUS_ORDER, a) - rank(STATUS_ORDER, b));
        else if (key === 'year') values.sort((a, b) => String(b).localeCompare(String(a), undefined, { numeric: true }));
        else values.sort((a, b) => (counts[b] - counts[a]) || a.localeCompare(b, locale()));
        const limit = 6;
        const isOpen = expanded.has(key);
        const hiddenCount = Math.max(0, values.length - limit);
        const visible = isOpen ? values : values.slice(0, limit);
        // selected values are always visible
        for (const v of st.filters[param]) if (!visible.includes(v)) visible.push(v);
        const ul = h('ul', { class: 'facet-list' });
        for (const v of visible) {
          const checked = st.filters[param].includes(v);
          const id = 'f-' + param + '-' + (++shown);
          const cb = h('input', { type: 'checkbox', id, dataset: { facet: param, value: v } });
          cb.checked = checked;
          cb.addEventListener('change', () => toggleFilter(param, v, cb.checked));
          const labelChildren = [cb];
          if (key === 'status') labelChildren.push(h('span', { class: 'dot dot-' + (STATUS_ORDER.includes(v) ? v : 'unknown'), 'aria-hidden': 'true' }));
          labelChildren.push(h('span', { class: 'facet-label', title: facetValueLabel(key, v) }, facetValueLabel(key, v)));
          labelChildren.push(h('span', { class: 'facet-count' }, fmtInt(counts[v])));
          ul.append(h('li', { class: checked ? 'checked' : null }, h('label', { for: id, class: 'facet-option' }, labelChildren)));
        }
        const group = h('fieldset', { class: 'facet', dataset: { facet: key } }, h('legend', null, t('facet.' + key)), ul);
        if (hiddenCount > 0) {
          const more = h('button', { type: 'button', class: 'link-btn facet-more' }, isOpen ? t('facet.less') : t('facet.more', { n: hiddenCount }));
          more.addEventListener('click', () => { if (expanded.has(key)) expanded.delete(key); else expanded.add(key); renderFacets(facets); });
          group.append(more);
        }
        facetsBox.append(group);
      }
      if (!facetsBox.firstChild) facetsBox.append(h('p', { class: 'muted small' }, t('facet.empty')));
      const n = filterCount(st);
      clearBtn.hidden = n === 0;
      filterToggle.lastChild.textContent = n ? t('search.filters_n', { n }) : t('search.filters');
      if (refocus) {
        const el = facetsBox.querySelector('input[data-facet="' + cssEscape(refocus[0]) + '"][data-value="' + cssEscape(refocus[1]) + '"]');
        if (el) el.focus();
      }
    }

    function renderChips() {
      clear(chips);
      for (const [key, param] of FACETS) {
        for (const v of st.filters[param]) {
          const label = t('facet.' + key) + ': ' + facetValueLabel(key, v);
          const b = h('button', { type: 'button', class: 'filter-chip', 'aria-label': t('search.remove_filter', { name: label }) },
            h('span', null, label), icon('x'));
          b.addEventListener('click', () => toggleFilter(param, v, false));
          chips.append(b);
        }
      }
      chips.hidden = !chips.firstChild;
    }

    function renderPager(total, offset, count) {
      clear(pager);
      if (total <= PAGE_SIZE && offset === 0) return;
      const page = Math.floor(offset / PAGE_SIZE) + 1;
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const prev = h('button', { type: 'button', class: 'btn btn-secondary', id: 'page-prev', disabled: offset <= 0 }, icon('left'), h('span', null, t('results.prev')));
      const next = h('button', { type: 'button', class: 'btn btn-secondary', id: 'page-next', disabled: offset + count >= total }, h('span', null, t('results.next')), icon('right'));
      prev.addEventListener('click', () => { st.offset = Math.max(0, offset - PAGE_SIZE); commit(true); scrollToResults(); });
      next.addEventListener('click', () => { st.offset = offset + PAGE_SIZE; commit(true); scrollToResults(); });
      pager.append(prev, h('span', { class: 'pager-info' }, t('results.page_of', { n: fmtInt(page), total: fmtInt(pages) })), next);
    }
    function scrollToResults() { results.scrollIntoView({ block: 'start', behavior: 'smooth' }); }

    const initialUrl = location.pathname + location.search;
    rememberSearch(initialUrl.startsWith('/search') ? initialUrl : '/search' + location.search);
    run();
    if (!st.q) input.focus();

    return {
      update() {
        st = readSearchState();
        if (input.value.trim() !== st.q) input.value = st.q;
        sortSel.value = st.sort;
        rememberSearch(location.pathname + location.search);
        run();
      },
      cleanup() {
        clearTimeout(debounce);
        if (reqCtl) reqCtl.abort();
        document.removeEventListener('keydown', onKey);
      }
    };
  }
  function rank(order, v) { const i = order.indexOf(v); return i < 0 ? order.length : i; }
  function cssEscape(s) { return window.CSS && CSS.escape ? CSS.escape(s) : String(s).replace(/["\\]/g, '\\$&'); }

  // ---------------------------------------------------------------- agreement

  function viewAgreement(ctx) {
    const id = ctx.params[0];
    const wrap = h('div', { class: 'container container-narrow-gap' });
    main.append(wrap);
    const back = h('nav', { class: 'crumbs' }, h('a', { href: lastSearch(), class: 'back-link' }, icon('left'), t('ag.back')));
    wrap.append(back);
    if (!ID_RE.test(id)) {
      setTitle(t('err.bad_id'));
      wrap.append(errorBlock({ code: 'bad-id', message: t('err.bad_id') }));
      return null;
    }
    const body = h('div', { id: 'agreement', dataset: { state: 'loading' } }, loadingBlock());
    wrap.append(body);
    let viewer = null;

    async function load() {
      clear(body).append(loadingBlock());
      body.dataset.state = 'loading';
      try {
        const rec = await api('/api/agreements/' + encodeURIComponent(id), { signal: ctx.signal, cache: true });
        if (ctx.signal.aborted) return;
        clear(body);
        renderAgreement(rec);
        body.dataset.state = 'ready';
      } catch (err) {
        if (isAbort(err) || ctx.signal.aborted) return;
        setTitle(t('err.title'));
        clear(body).append(errorBlock(err, err.status === 404 ? null : load));
        body.dataset.state = 'error';
      }
    }

    function renderAgreement(rec) {
      const title = recordTitle(rec);
      setTitle(title);
      const subBits = [];
      if (rec.numbers && rec.numbers.length && rec.title) subBits.push(rec.numbers[0]);
      if (rec.signed_date) subBits.push(t('ag.signed') + ' ' + fmtDate(rec.signed_date) + (rec.place ? ', ' + rec.place : ''));
      const download = h('a', {
        class: 'btn btn-primary', id: 'download', href: '/api/agreements/' + encodeURIComponent(id) + '/file', download: ''
      }, icon('download'), h('span', null, t('ag.download')));
      body.append(h('header', { class: 'doc-head card' },
        h('div', { class: 'doc-head-main' },
          h('div', { class: 'doc-tags' }, typeChip(rec.doc_type), statusBadge(rec.status), endHint(rec), warnChip(rec)),
          h('h1', { class: 'doc-title', id: 'agreement-title' }, title),
          subBits.length ? h('p', { class: 'doc-sub' }, subBits.join(' · ')) : null),
        h('div', { class: 'doc-actions' }, download)));


      body.append(h('section', { class: 'card card-pad' }, h('h2', { class: 'section-title' }, t('ag.details')), fieldsTable(rec)));
      viewer = textViewer(rec);
      body.append(viewer.el);
    }

    function warnChip(rec) {
      const n = (rec.warnings || []).filter(Boolean).length;
      if (!n) return null;
      return h('a', { class: 'warn-chip', href: '#field-warnings', id: 'warn-chip' }, icon('warn'), t('ag.warn_count', { n: fmtInt(n) }));
    }
    function endHint(rec) {
      if (!rec.end_date) return null;
      const d = daysBetween(todayISO(), rec.end_date);
      if (d == null) return null;
      if (d === 0) return h('span', { class: 'end-hint' }, t('ag.today'));
      return h('span', { class: 'end-hint' }, d > 0 ? t('ag.days_left', { n: fmtInt(d) }) : t('ag.days_ago', { n: fmtInt(-d) }));
    }

    function fieldsTable(rec) {
      const tbody = h('tbody');
      const none = () => h('span', { class: 'muted' }, t('ag.none'));
      function row(key, content, cls) {
        const empty = content == null || content === '' || (Array.isArray(content) && !content.length);
        tbody.append(h('tr', { class: cls || null, id: 'field-' + key.slice(3), dataset: { field: key } }, h('th', { scope: 'row' }, t(key)), h('td', null, empty ? none() : content)));
      }
      const list = (items, cls) => (items && items.length ? h('ul', { class: 'plain-list' + (cls ? ' ' + cls : '') }, items.map((x) => h('li', null, x))) : null);

      row('ag.type', rec.doc_type ? h('span', null, typeChip(rec.doc_type), ' ', typeLabel(rec.doc_type, true)) : null);
      row('ag.title', rec.title || null);
      row('ag.numbers', list(rec.numbers, 'mono-list'));
      const parties = (rec.parties || []).filter(Boolean);
      row('ag.parties', parties.length ? h('div', { class: 'table-scroll' }, h('table', { class: 'subtable' },
        h('thead', null, h('tr', null, ['ag.party_name', 'ag.party_role', 'ag.signatory', 'ag.position'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, parties.map((p) => h('tr', null,
          h('td', { class: 'strong', dataset: { label: t('ag.party_name') } }, p.name || '—'),
          h('td', { dataset: { label: t('ag.party_role') } }, partyRoleLabel(p.role) || '—'),
          h('td', { dataset: { label: t('ag.signatory') } }, p.signatory || '—'),
          h('td', { dataset: { label: t('ag.position') } }, p.position || '—')))))) : null);
      row('ag.signed', rec.signed_date || rec.place ? [rec.signed_date ? fmtDate(rec.signed_date) : '', rec.place ? (rec.signed_date ? ' ' : '') + t('ag.place', { place: rec.place }) : ''].join('') : null);
      row('ag.effective', rec.effective_date ? fmtDate(rec.effective_date) : null);
      row('ag.end', rec.end_date ? h('span', null, fmtDate(rec.end_date), ' ', statusBadge(rec.status)) : null);
      row('ag.duration', fmtDuration(rec.duration) || null);
      row('ag.amounts', list((rec.amounts || []).map((a) => h('span', { title: a.text || '' }, h('span', { class: 'money' }, fmtMoney(a)),
        a.text && a.text !== fmtMoney(a) ? h('span', { class: 'muted small' }, ' (' + a.text + ')') : null))));
      row('ag.references', list(rec.references, 'mono-list'));
      row('ag.dates', (rec.dates || []).length ? h('ul', { class: 'inline-list' }, rec.dates.map((d) => h('li', { title: d.text || '' }, fmtDate(d.value, true)))) : null);
      if (rec.office) row('ag.office', rec.office);
      if (typeof rec.ocr_confidence === 'number') {
        const low = rec.ocr_confidence < 70;
        row('ag.ocr', h('span', { class: low ? 'warn-text' : null },
          new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(rec.ocr_confidence) + '%',
          low ? ' — ' + t('ag.ocr_low') : ''), low ? 'row-warn' : null);
      } else row('ag.ocr', rec.text_source === 'text-layer' ? h('span', { class: 'muted' }, t('ag.not_applicable')) : null);
      row('ag.text_source', rec.text_source ? (has('ts.' + rec.text_source) ? t('ts.' + rec.text_source) : rec.text_source) : null);
      row('ag.language', rec.language ? (has('langname.' + rec.language) ? t('langname.' + rec.language) : rec.language) : null);
      row('ag.pages', typeof rec.pages === 'number' ? fmtInt(rec.pages) : null);
      const src = rec.source || {};
      const srcBits = [src.path ? String(src.path).split(/[\\/]/).pop() : '', typeof src.bytes === 'number' ? fmtBytes(src.bytes) : '', src.mime || ''].filter(Boolean);
      row('ag.source', srcBits.length ? srcBits.join(' · ') : null);
      row('ag.sha', h('code', { class: 'hash' }, rec.sha256 || id));
      const warnings = (rec.warnings || []).filter(Boolean).map(String);
      row('ag.warnings', warnings.length ? h('ul', { class: 'warn-list' }, warnings.map((w) => h('li', null, icon('warn'), h('span', null, w))))
        : h('span', { class: 'muted' }, t('ag.no_warnings')), warnings.length ? 'row-warn' : null);
      return h('div', { class: 'table-scroll' }, h('table', { class: 'fields', id: 'fields' }, tbody));
    }

    function textViewer(rec) {
      const texts = typeof rec.text === 'string' ? rec.text.split('\f') : [];
      if (texts.length > 1 && texts[texts.length - 1].trim() === '') texts.pop();
      const imgPages = typeof rec.pages === 'number' && rec.pages > 0 ? rec.pages : 0;
      const total = Math.max(imgPages, texts.length, 1);
      let page = Math.min(total, Math.max(1, parseInt(new URLSearchParams(location.search).get('page'), 10) || 1));
      let all = false;

      const img = h('img', { class: 'page-img', id: 'page-img', loading: 'lazy', decoding: 'async', alt: '' });
      const imgStatus = h('div', { class: 'scan-status' });
      const imgLink = h('a', { class: 'scan-open', target: '_blank', rel: 'noopener' }, t('ag.scan_open'));
      const figure = h('figure', { class: 'scan' + (imgPages ? '' : ' scan-none') }, h('div', { class: 'scan-frame' }, img, imgStatus), h('figcaption', null, imgLink));
      const pre = h('pre', { class: 'page-text', id: 'page-text', tabindex: '0' });
      const pageInfo = h('span', { class: 'pager-info', id: 'page-info', 'aria-live': 'polite' });
      const prev = h('button', { type: 'button', class: 'btn btn-secondary btn-icon', id: 'page-prev', 'aria-label': t('ag.prev_page'), title: t('ag.prev_page') }, icon('left'));
      const next = h('button', { type: 'button', class: 'btn btn-secondary btn-icon', id: 'page-next', 'aria-label': t('ag.next_page'), title: t('ag.next_page') }, icon('right'));
      const select = h('select', { class: 'select select-sm', id: 'page-select', 'aria-label': t('ag.page_select') });
      for (let i = 1; i <= total; i++) select.append(h('option', { value: String(i) }, String(i)));
      const mode = h('button', { type: 'button', class: 'btn btn-secondary btn-sm', id: 'text-mode', 'aria-pressed': 'false' }, t('ag.all_text'));

      img.addEventListener('load', () => { figure.classList.remove('is-loading', 'is-error'); imgStatus.textContent = ''; });
      img.addEventListener('error', () => {
        if (!img.getAttribute('src')) return;
        figure.classList.remove('is-loading'); figure.classList.add('is-error');
        imgStatus.textContent = t('ag.scan_error');
      });

      function pageSrc(n) { return '/api/agreements/' + encodeURIComponent(id) + '/pages/' + encodeURIComponent(String(n)); }
      function show(n, fromUser) {
        page = Math.min(total, Math.max(1, n));
        pageInfo.textContent = t('ag.page_of', { n: fmtInt(page), total: fmtInt(total) });
        prev.disabled = page <= 1; next.disabled = page >= total;
        select.value = String(page);
        if (imgPages && page <= imgPages) {
          const src = pageSrc(page);
          if (img.getAttribute('src') !== src) {
            figure.classList.add('is-loading'); figure.classList.remove('is-error');
            imgStatus.textContent = t('ag.scan_loading');
            img.alt = t('ag.scan_alt', { n: page });
            img.src = src;
          }
          imgLink.href = src; imgLink.hidden = false;
        } else {
          img.removeAttribute('src'); imgLink.hidden = true;
          figure.classList.remove('is-loading'); figure.classList.add('is-error');
          imgStatus.textContent = t('ag.no_scan');
        }
        renderText();
        if (fromUser) {
          const p = new URLSearchParams(location.search);
          if (page > 1) p.set('page', String(page)); else p.delete('page');
          const qs = p.toString();
          history.replaceState(null, '', location.pathname + (qs ? '?' + qs : ''));
        }
      }
      function renderText() {
        clear(pre);
        if (all) {
          texts.forEach((tx, i) => {
            pre.append(h('span', { class: 'page-sep' + (i + 1 === page ? ' current' : '') }, t('ag.page_sep', { n: i + 1 })), '\n', tx.replace(/\s+$/, ''), '\n\n');
          });
          if (!texts.length) pre.append(h('span', { class: 'muted' }, t('ag.no_text')));
          return;
        }
        const tx = texts[page - 1] || '';
        if (tx.trim()) pre.textContent = tx.replace(/\s+$/, '');
        else pre.append(h('span', { class: 'muted' }, t('ag.no_text')));
      }
      prev.addEventListener('click', () => show(page - 1, true));
      next.addEventListener('click', () => show(page + 1, true));
      select.addEventListener('change', () => show(parseInt(select.value, 10), true));
      mode.addEventListener('click', () => {
        all = !all;
        mode.setAttribute('aria-pressed', String(all));
        mode.textContent = all ? t('ag.page_text') : t('ag.all_text');
        renderText();
      });

      const el = h('section', { class: 'card viewer', id: 'viewer' },
        h('div', { class: 'viewer-head' },
          h('h2', { class: 'section-title' }, t('ag.viewer')),
          h('div', { class: 'viewer-tools' }, prev, select, pageInfo, next, mode)),
        h('div', { class: 'viewer-body' + (imgPages ? '' : ' no-scan') },
          h('div', { class: 'viewer-col' }, h('h3', { class: 'col-label' }, t('ag.scan')), figure),
          h('div', { class: 'viewer-col' }, h('h3', { class: 'col-label' }, t('ag.text')), pre)));
      show(page, false);
      return { el };
    }

    load();
    return null;
  }

  // ---------------------------------------------------------------- dashboard

  function viewDashboard(ctx) {
    setTitle(t('dash.title'));
    const wrap = h('div', { class: 'container', id: 'dashboard', dataset: { state: 'loading' } });
    main.append(wrap);

    async function load() {
      clear(wrap).append(loadingBlock());
      wrap.dataset.state = 'loading';
      try {
        const s = await api('/api/stats', { signal: ctx.signal, cache: true });
        if (ctx.signal.aborted) return;
        clear(wrap);
        render(s || {});
        wrap.dataset.state = 'ready';
      } catch (err) {
        if (isAbort(err) || ctx.signal.aborted) return;
        clear(wrap).append(errorBlock(err, load));
        wrap.dataset.state = 'error';
      }
    }

    function render(s) {
      const days = s.days || 90;
      const today = s.today || todayISO();
      const st = s.status || {};
      const total = typeof s.total === 'number' ? s.total : STATUS_ORDER.reduce((n, k) => n + (st[k] || 0), 0);
      wrap.append(h('div', { class: 'page-head' },
        h('div', null, h('h1', null, t('dash.title')), h('p', { class: 'page-sub' }, t('dash.subtitle', { date: fmtDate(today) })))));

      const share = (n) => (total ? t('dash.share', { p: fmtPercent(n / total) }) : '');
      function tile(key, n, note, href, cls) {
        return h('a', { class: 'tile tile-' + cls, href, dataset: { tile: cls } },
          h('span', { class: 'tile-label' }, cls !== 'total' ? h('span', { class: 'dot dot-' + cls, 'aria-hidden': 'true' }) : null, t(key)),
          h('span', { class: 'tile-value' }, fmtInt(n || 0)),
          h('span', { class: 'tile-note' }, note));
      }
      wrap.append(h('div', { class: 'tiles' },
        tile('dash.total', total, t('dash.see_all') + ' →', '/search', 'total'),
        tile('dash.active', st.active, share(st.active || 0), '/search?status=active', 'active'),
        tile('dash.expiring', st.expiring, t('dash.expiring_note', { days }), '/search?status=expiring&sort=end', 'expiring'),
        tile('dash.expired', st.expired, share(st.expired || 0), '/search?status=expired', 'expired'),
        tile('dash.unknown', st.unknown, t('dash.unknown_note'), '/search?status=unknown', 'unknown')));

      if (total > 0) {
        const bar = svg('svg', { class: 'stackbar', viewBox: '0 0 1000 14', preserveAspectRatio: 'none', role: 'img', 'aria-label': t('dash.status_mix') });
        let x = 0;
        for (const k of STATUS_ORDER) {
          const w = ((st[k] || 0) / total) * 1000;
          if (w <= 0) continue;
          bar.append(svg('rect', { class: 'seg seg-' + k, x: x.toFixed(2), y: 0, width: w.toFixed(2), height: 14 }, svg('title', null, statusLabel(k) + ': ' + fmtInt(st[k]))));
          x += w;
        }
        const legend = h('ul', { class: 'legend' }, STATUS_ORDER.map((k) => h('li', null, h('span', { class: 'dot dot-' + k, 'aria-hidden': 'true' }), statusLabel(k) + ' ', h('strong', null, fmtInt(st[k] || 0)))));
        wrap.append(h('section', { class: 'card card-pad mix' }, h('h2', { class: 'section-title' }, t('dash.status_mix')), bar, legend));
      }

      const typeEntries = sortedEntries(s.doc_type, (a, b) => rank(TYPE_ORDER, a[0]) - rank(TYPE_ORDER, b[0]));
      const yearEntries = sortedEntries(s.year, (a, b) => String(a[0]).localeCompare(String(b[0]), undefined, { numeric: true }));
      const officeEntries = sortedEntries(s.office, (a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10);
      const partyEntries = sortedEntries(s.party, (a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10);
      wrap.append(h('div', { class: 'chart-grid' },
        chartCard('dash.by_type', hbars(typeEntries.map(([k, v]) => [typeLabel(k, true), v, '/search?type=' + encodeURIComponent(k), 'type-' + (TYPE_ORDER.includes(k) ? k : 'other')]))),
        chartCard('dash.by_year', columns(yearEntries.slice(-12))),
        chartCard('dash.by_office', hbars(officeEntries.map(([k, v]) => [k, v, '/search?office=' + encodeURIComponent(k)]))),
        chartCard('dash.by_party', hbars(partyEntries.map(([k, v]) => [k, v, '/search?party=' + encodeURIComponent(k)])))));

      const expiring = (s.expiring || []).slice().sort((a, b) => String(a.record && a.record.end_date || '9999').localeCompare(String(b.record && b.record.end_date || '9999')));
      const expired = (s.expired || []).slice().sort((a, b) => String(b.record && b.record.end_date || '').localeCompare(String(a.record && a.record.end_date || '')));
      wrap.append(h('div', { class: 'table-grid' },
        rowsCard('dash-expiring', t('dash.expiring_table', { days }), null, expiring, t('dash.empty_expiring'),
          [t('dash.col.agreement'), t('dash.col.end'), t('dash.col.left')],
          (row) => {
            const d = daysBetween(today, row.record && row.record.end_date);
            const urg = d == null ? '' : d <= 30 ? ' urgent' : d <= 60 ? ' soon' : '';
            return [h('td', { class: 'col-date' }, fmtDate(row.record && row.record.end_date, true)),
              h('td', { class: 'num' }, d == null ? '—' : h('span', { class: 'days-pill' + urg }, d === 0 ? t('dash.today') : t('dash.days_left', { n: fmtInt(d) })))];
          }, '/search?status=expiring&sort=end'),
        rowsCard('dash-expired', t('dash.expired_table'), null, expired, t('dash.empty_expired'),
          [t('dash.col.agreement'), t('dash.col.end'), t('dash.col.ago')],
          (row) => {
            const d = daysBetween(row.record && row.record.end_date, today);
            return [h('td', { class: 'col-date' }, fmtDate(row.record && row.record.end_date, true)),
              h('td', { class: 'num muted' }, d == null ? '—' : d === 0 ? t('dash.today') : t('dash.days_ago', { n: fmtInt(d) }))];
          }, '/search?status=expired&sort=-signed')));
      wrap.append(rowsCard('dash-suspicious', t('dash.suspicious_table'), t('dash.suspicious_intro'), s.suspicious || [], t('dash.empty_suspicious'),
        [t('dash.col.agreement'), t('dash.col.signed'), t('dash.col.reasons')],
        (row) => [h('td', { class: 'col-date' }, row.record && row.record.signed_date ? fmtDate(row.record.signed_date, true) : h('span', { class: 'muted' }, '—')),
          h('td', null, h('ul', { class: 'reason-list' }, (row.reasons || []).map((r) => h('li', { class: 'reason', dataset: { reason: String(r) } }, icon('warn'), reasonLabel(r)))))],
        null, 'wide'));
    }

    function sortedEntries(obj, cmp) {
      return Object.entries(obj || {}).filter((e) => typeof e[1] === 'number').sort(cmp);
    }
    function chartCard(key, content) {
      return h('section', { class: 'card card-pad chart-card' }, h('h2', { class: 'section-title' }, t(key)), content);
    }
    // Horizontal bars; the bar is an SVG rect whose width is an attribute (no inline style: CSP).
    function hbars(entries) {
      if (!entries.length) return h('p', { class: 'muted' }, t('dash.no_data'));
      const max = Math.max(...entries.map((e) => e[1]), 1);
      return h('ul', { class: 'hbars' }, entries.map(([label, n, href, cls]) => {
        const pct = Math.max(n > 0 ? 1.5 : 0, (n / max) * 100);
        const inner = [
          h('span', { class: 'hbar-label', title: label }, label),
          h('span', { class: 'hbar-track' }, svg('svg', { class: 'hbar-svg', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true' },
            svg('rect', { class: 'hbar-fill ' + (cls || ''), x: 0, y: 0, width: pct.toFixed(2), height: 10, rx: 0 }))),
          h('span', { class: 'hbar-value' }, fmtInt(n))];
        return h('li', null, href ? h('a', { class: 'hbar', href }, inner) : h('div', { class: 'hbar' }, inner));
      }));
    }
    // Vertical columns (years) as one inline SVG with links.
    function columns(entries) {
      if (!entries.length) return h('p', { class: 'muted' }, t('dash.no_data'));
      const max = Math.max(...entries.map((e) => e[1]), 1);
      const W = 600, H = 220, top = 22, bottom = 28, gap = 10;
      const bw = Math.min(64, (W - gap * (entries.length + 1)) / entries.length);
      const totalW = entries.length * bw + (entries.length + 1) * gap;
      const x0 = (W - totalW) / 2;
      const el = svg('svg', { class: 'columns', viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': t('dash.by_year') });
      el.append(svg('line', { class: 'axis', x1: 0, x2: W, y1: H - bottom + 0.5, y2: H - bottom + 0.5 }));
      entries.forEach(([year, n], i) => {
        const hgt = Math.max(n > 0 ? 2 : 0, ((H - top - bottom) * n) / max);
        const x = x0 + gap + i * (bw + gap);
        const y = H - bottom - hgt;
        const a = svg('a', { href: '/search?year=' + encodeURIComponent(year) },
          svg('title', null, year + ': ' + fmtInt(n)),
          svg('rect', { class: 'col', x: x.toFixed(1), y: y.toFixed(1), width: bw.toFixed(1), height: hgt.toFixed(1), rx: 3 }),
          svg('text', { class: 'col-value', x: (x + bw / 2).toFixed(1), y: (y - 6).toFixed(1), 'text-anchor': 'middle' }, fmtInt(n)),
          svg('text', { class: 'col-label', x: (x + bw / 2).toFixed(1), y: H - 8, 'text-anchor': 'middle' }, String(year)));
        el.append(a);
      });
      return h('div', { class: 'columns-wrap' }, el);
    }
    function agreementCell(rec) {
      const id = rec && rec.sha256;
      const href = agreementHref(id);
      const title = recordTitle(rec || {});
      const parties = ((rec && rec.parties) || []).map((p) => p && p.name).filter(Boolean);
      return h('td', { class: 'cell-agreement' },
        h('div', { class: 'cell-title' }, typeChip(rec && rec.doc_type), href ? h('a', { href }, title) : h('span', null, title)),
        parties.length ? h('div', { class: 'cell-sub' }, parties.slice(0, 2).join(' · ') + (parties.length > 2 ? ' …' : '')) : null);
    }
    function rowsCard(id, title, intro, rows, empty, heads, cells, seeAll, wide) {
      const card = h('section', { class: 'card table-card' + (wide ? ' table-card-wide' : ''), id },
        h('div', { class: 'table-card-head' }, h('h2', { class: 'section-title' }, title, ' ', h('span', { class: 'count-pill' }, fmtInt(rows.length))),
          seeAll && rows.length ? h('a', { href: seeAll, class: 'see-all' }, t('dash.see_all')) : null),
        intro ? h('p', { class: 'table-card-intro muted' }, intro) : null);
      if (!rows.length) { card.append(h('p', { class: 'table-empty' }, icon('check'), empty)); return card; }
      card.append(h('div', { class: 'table-scroll' }, h('table', { class: 'data-table' },
        h('thead', null, h('tr', null, heads.map((x, i) => h('th', { scope: 'col', class: i === 1 ? 'col-date' : i === heads.length - 1 && !wide ? 'num' : null }, x)))),
        h('tbody', null, rows.map((row) => h('tr', null, agreementCell(row.record), cells(row)))))));
      return card;
    }

    load();
    return null;
  }

  // ---------------------------------------------------------------- upload

  // Upload rows live outside the view so that they survive navigation and a language switch.
  const uploads = []; // {key, file, name, size, state, progress, sha256, error, xhr, timer}
  let uploadSeq = 0;
  let activeUploads = 0;
  let uploadListEl = null; // the mounted list, if the upload view is open
  const MAX_PARALLEL = 2;

  window.addEventListener('beforeunload', (e) => {
    if (uploads.some((u) => u.state === 'uploading' || u.state === 'waiting')) { e.preventDefault(); e.returnValue = ''; }
  });

  function extOf(name) { const m = /\.([^.]+)$/.exec(name || ''); return m ? m[1].toLowerCase() : ''; }

  function addFiles(files) {
    for (const file of files) {
      const u = { key: ++uploadSeq, file, name: file.name, size: file.size, state: 'waiting', progress: 0, sha256: null, error: null };
      if (!UPLOAD_EXT.includes(extOf(file.name))) { u.state = 'refused'; u.error = { message: t('up.bad_type') }; }
      else if (!file.size) { u.state = 'refused'; u.error = { message: t('up.empty_file') }; }
      uploads.unshift(u);
    }
    pumpUploads();
    renderUploads();
  }

  function pumpUploads() {
    while (activeUploads < MAX_PARALLEL) {
      const u = uploads.slice().reverse().find((x) => x.state === 'waiting');
      if (!u) return;
      startUpload(u);
    }
  }

  function startUpload(u, retried) {
    activeUploads++;
    u.state = 'uploading'; u.progress = 0;
    const xhr = new XMLHttpRequest();
    u.xhr = xhr;
    xhr.open('POST', '/api/upload');
    xhr.withCredentials = true;
    xhr.responseType = 'text';
    xhr.setRequestHeader('X-CSRF-Token', (me && me.csrf) || '');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) { u.progress = e.loaded / e.total; updateUploadRow(u); } };
    const done = () => { activeUploads--; u.xhr = null; pumpUploads(); };
    xhr.onerror = () => { done(); u.state = 'error'; u.error = { message: t('err.network') }; updateUploadRow(u); };
    xhr.onabort = () => { done(); };
    xhr.onload = async () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText || 'null'); } catch (e) { data = null; }
      const err = (data && data.error) || null;
      if (xhr.status === 403 && err && /csrf/i.test(err.code || '') && !retried) {
        activeUploads--;
        try { await loadMe(); } catch (e) { /* fall through */ }
        startUpload(u, true);
        return;
      }
      done();
      if (xhr.status === 202 || xhr.status === 200 || xhr.status === 201) {
        u.progress = 1;
        u.sha256 = data && typeof data.sha256 === 'string' && ID_RE.test(data.sha256) ? data.sha256 : null;
        u.state = data && data.state ? String(data.state) : 'queued';
        if (u.state === 'refused') u.error = err || (data && data.error) || null;
        if (!u.sha256 && !UPLOAD_FINAL.has(u.state)) { u.state = 'error'; u.error = { message: t('up.lost') }; }
        updateUploadRow(u);
        if (!UPLOAD_FINAL.has(u.state)) schedulePoll(u);
        return;
      }
      if (xhr.status === 401) { me = null; goToLogin(); u.state = 'error'; u.error = { code: 'auth' , message: t('err.generic', { code: 401 }) }; return; }
      u.state = xhr.status >= 400 && xhr.status < 500 ? 'refused' : 'error';
      if (xhr.status === 413) u.error = { message: (err && err.code && has('code.' + err.code)) ? t('code.' + err.code) : t('up.too_large') };
      else if (xhr.status === 403) u.error = { message: t('up.forbidden') };
      else u.error = err || { message: t('err.generic', { code: 'HTTP ' + xhr.status }) };
      updateUploadRow(u);
    };
    const fd = new FormData();
    fd.append('file', u.file, u.name);
    xhr.send(fd);
    updateUploadRow(u);
  }

  function schedulePoll(u) {
    clearTimeout(u.timer);
    u.timer = setTimeout(() => pollUpload(u), 1500);
  }
  async function pollUpload(u) {
    if (!me || !uploads.includes(u)) return;
    try {
      const s = await api('/api/uploads/' + encodeURIComponent(u.sha256));
      if (s && s.state) u.state = String(s.state);
      if (u.state === 'refused') u.error = (s && s.error) || u.error;
      u.polls = 0;
    } catch (e) {
      if (e.status === 401) return;
      u.polls = (u.polls || 0) + 1;
      if (e.status === 404 && u.polls > 20) { u.state = 'error'; u.error = { message: t('up.lost') }; }
    }
    updateUploadRow(u);
    if (!UPLOAD_FINAL.has(u.state)) schedulePoll(u);
  }

  const STEPS = ['uploading', 'queued', 'processing', 'archived', 'searchable'];
  function uploadRow(u) {
    const li = h('li', { class: 'upload-row', dataset: { key: String(u.key) } });
    fillUploadRow(li, u);
    return li;
  }
  function fillUploadRow(li, u) {
    clear(li);
    li.dataset.state = u.state;
    li.dataset.name = u.name;
    if (u.sha256) li.dataset.sha256 = u.sha256;
    const failed = u.state === 'refused' || u.state === 'error';
    const stepIdx = STEPS.indexOf(u.state);
    const steps = h('ol', { class: 'steps', 'aria-label': t('up.steps') }, STEPS.map((s, i) => {
      let cls = 'step';
      if (failed) cls += ' step-off';
      else if (i < stepIdx || u.state === 'searchable') cls += ' step-done';
      else if (i === stepIdx) cls += ' step-current';
      return h('li', { class: cls, 'aria-current': i === stepIdx ? 'step' : null }, h('span', { class: 'step-dot', 'aria-hidden': 'true' }), h('span', { class: 'step-label' }, t('up.state.' + s)));
    }));
    const stateLabel = has('up.state.' + u.state) ? t('up.state.' + u.state) : u.state;
    const pill = h('span', { class: 'state-pill state-' + (failed ? 'bad' : u.state === 'searchable' ? 'good' : 'busy'), dataset: { role: 'state' } },
      failed ? icon('x') : u.state === 'searchable' ? icon('check') : h('span', { class: 'spinner spinner-sm', 'aria-hidden': 'true' }), stateLabel);
    const pct = Math.round((u.progress || 0) * 100);
    const progress = u.state === 'uploading' || u.state === 'waiting'
      ? h('progress', { class: 'upload-progress', max: '100', value: String(pct), 'aria-label': t('up.progress', { name: u.name }) }, pct + '%')
      : null;
    const href = u.state === 'searchable' ? agreementHref(u.sha256) : null;
    li.append(
      h('div', { class: 'upload-icon' }, icon('file')),
      h('div', { class: 'upload-main' },
        h('div', { class: 'upload-line' },
          h('span', { class: 'upload-name', title: u.name }, u.name),
          h('span', { class: 'upload-size muted' }, fmtBytes(u.size)),
          pill),
        progress,
        failed ? null : steps,
        failed && u.error ? h('p', { class: 'upload-error', role: 'alert' }, codeMessage(u.error),
          u.error.code && has('code.' + u.error.code) && u.error.message ? h('span', { class: 'upload-error-detail' }, u.error.message) : null) : null),
      h('div', { class: 'upload-actions' }, href ? h('a', { class: 'btn btn-secondary btn-sm upload-open', href }, t('up.open')) : null));
  }
  function updateUploadRow(u) {
    if (!uploadListEl) return;
    const li = uploadListEl.querySelector('li[data-key="' + u.key + '"]');
    if (li) fillUploadRow(li, u); else renderUploads();
  }
  function renderUploads() {
    if (!uploadListEl) return;
    clear(uploadListEl);
    if (!uploads.length) { uploadListEl.append(h('li', { class: 'upload-empty muted' }, t('up.empty'))); }
    else uploads.forEach((u) => uploadListEl.append(uploadRow(u)));
    const clearBtn = $('#upload-clear');
    if (clearBtn) clearBtn.hidden = !uploads.some((u) => UPLOAD_FINAL.has(u.state));
  }

  function viewUpload() {
    setTitle(t('up.title'));
    if (!canUpload()) {
      main.append(h('div', { class: 'container' }, errorBlock({ status: 403 })));
      return null;
    }
    const input = h('input', { type: 'file', id: 'file-input', class: 'visually-hidden', multiple: true, accept: '.pdf,.tif,.tiff,.png,.jpg,.jpeg,application/pdf,image/tiff,image/png,image/jpeg' });
    const dropText = h('span', { class: 'drop-title' }, t('up.drop'));
    const zone = h('div', { class: 'dropzone', id: 'dropzone' },
      icon('cloud', 'drop-icon'), dropText,
      h('span', { class: 'drop-or muted' }, t('up.or')),
      h('label', { for: 'file-input', class: 'btn btn-primary', id: 'pick-files', tabindex: '0', role: 'button' }, icon('upload'), h('span', null, t('up.pick'))),
      h('span', { class: 'drop-types muted' }, t('up.types')),
      input);
    input.addEventListener('change', () => { if (input.files && input.files.length) addFiles([...input.files]); input.value = ''; });
    zone.querySelector('label').addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } });
    let depth = 0;
    const setActive = (on) => { zone.classList.toggle('is-over', on); dropText.textContent = on ? t('up.drop_active') : t('up.drop'); };
    zone.addEventListener('dragenter', (e) => { e.preventDefault(); depth++; setActive(true); });
    zone.addEventListener('dragover', (e) => { e.preventDefault(); if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'; });
    zone.addEventListener('dragleave', () => { depth = Math.max(0, depth - 1); if (!depth) setActive(false); });
    zone.addEventListener('drop', (e) => {
      e.preventDefault(); depth = 0; setActive(false);
      const files = e.dataTransfer && e.dataTransfer.files ? [...e.dataTransfer.files] : [];
      if (files.length) addFiles(files);
    });
    // A file dropped beside the zone must not make the browser open it.
    const stopDrop = (e) => { if (!zone.contains(e.target)) e.preventDefault(); };
    window.addEventListener('dragover', stopDrop);
    window.addEventListener('drop', stopDrop);

    const clearBtn = h('button', { type: 'button', class: 'link-btn', id: 'upload-clear', hidden: true }, t('up.clear'));
    clearBtn.addEventListener('click', () => {
      for (let i = uploads.length - 1; i >= 0; i--) if (UPLOAD_FINAL.has(uploads[i].state)) { clearTimeout(uploads[i].timer); uploads.splice(i, 1); }
      renderUploads();
    });
    uploadListEl = h('ul', { class: 'upload-list', id: 'upload-list', 'aria-live': 'polite' });
    main.append(h('div', { class: 'container container-mid' },
      h('div', { class: 'page-head' }, h('div', null, h('h1', null, t('up.title')), h('p', { class: 'page-sub' }, t('up.intro')))),
      zone,
      h('section', { class: 'card upload-card' },
        h('div', { class: 'table-card-head' }, h('h2', { class: 'section-title' }, t('up.list')), clearBtn),
        uploadListEl)));
    renderUploads();
    return {
      cleanup() {
        uploadListEl = null;
        window.removeEventListener('dragover', stopDrop);
        window.removeEventListener('drop', stopDrop);
      }
    };
  }

  // ---------------------------------------------------------------- boot

  async function boot() {
    applyStaticI18n(document);
    const bootEl = $('#boot-loading');
    try {
      await loadMe();
    } catch (err) {
      if (bootEl) bootEl.remove();
      document.body.classList.remove('booting');
      main.append(h('div', { class: 'container' }, errorBlock(err, () => location.reload())));
      return;
    }
    if (bootEl) bootEl.remove();
    document.body.classList.remove('booting');
    if (location.pathname === '/') history.replaceState(null, '', '/search' + location.search);
    route();
  }
  boot();
})();
