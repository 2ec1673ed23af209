// naskah web UI — shared pieces used by every view: constants, the UI language and the
// signed-in user (state), i18n glue over i18n.js (t, has, locale), DOM helpers (h, svg, icon,
// clear, $), formatting of numbers, dates, money and labels, and the loading/error blocks.
//
// Security rules kept by every module of the UI (the server sends a strict CSP, and the
// documents are hostile input):
//  * server data never goes through innerHTML / insertAdjacentHTML / outerHTML / document.write;
//    every node is built with createElement + textContent (see h() and svg());
//  * search snippets are rebuilt from text nodes and <mark> elements (renderSnippet, search.js);
//  * agreement ids must match [0-9a-f]{64}; everything put in a URL is encodeURIComponent-ed;
//  * no inline style attributes: layout is done with classes; bar lengths are SVG attributes.

const I18N = window.NASKAH_I18N || {};
const LANG_KEY = 'naskah.lang';
const LAST_SEARCH_KEY = 'naskah.lastSearch';
const ID_RE = /^[0-9a-f]{64}$/;
const TYPE_ORDER = ['mou', 'pks', 'addendum', 'other'];
const STATUS_ORDER = ['active', 'expiring', 'expired', 'unknown'];

// ---------------------------------------------------------------- i18n

// The UI language and the signed-in user, shared by every module.
const state = { lang: 'id', me: null }; // me: {user, role, csrf}
try { if (localStorage.getItem(LANG_KEY) === 'en') state.lang = 'en'; } catch (e) { /* storage off */ }

function t(key, vars) {
  const entry = I18N[key];
  let s = entry ? (entry[state.lang] != null ? entry[state.lang] : entry.id) : key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (Object.prototype.hasOwnProperty.call(vars, k) ? String(vars[k]) : m));
  return s;
}
function has(key) { return Object.prototype.hasOwnProperty.call(I18N, key); }
function locale() { return state.lang === 'en' ? 'en-GB' : 'id-ID'; }

function applyStaticI18n(root) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-aria]').forEach((el) => { el.setAttribute('aria-label', t(el.dataset.i18nAria)); });
  document.documentElement.lang = state.lang;
  document.querySelectorAll('.lang-btn').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang)));
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
    return cur + ' ' + (neg ? '-' : '') + groupDigits(parts[0], state.lang === 'en' ? ',' : '.') + (state.lang === 'en' ? '.' : ',') + parts[1];
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
// A finding of the checks as the server explains it ({flag, code, field, reason: {id, en}},
// core/checks.h: the one table of reasons), in the UI's language; a bare flag as it is.
function reasonLabel(r) {
  if (r && typeof r === 'object') return (r.reason && (r.reason[state.lang] || r.reason.id)) || String(r.flag || r.code || '');
  return String(r);
}
// A server error ({code, params}) in the UI's language. Its English message is never shown:
// a code the table lacks (a newer server's) is named as a code.
function codeMessage(err) {
  if (!err) return '';
  const params = err.params && typeof err.params === 'object' ? err.params : {};
  if (err.code && has('code.' + err.code)) return t('code.' + err.code, params);
  return t('err.generic', { code: err.code || '?' });
}
// A record's warning ({code, params}, core/warnings.h) in the UI's language.
function warningLabel(w) {
  const code = w && typeof w === 'object' ? String(w.code || '') : '';
  const params = w && w.params && typeof w.params === 'object' ? w.params : {};
  if (has('warn.' + code) && code !== 'other') {
    const values = {};
    for (const [k, v] of Object.entries(params)) values[k] = /^\d{4}-\d{2}-\d{2}$/.test(String(v)) ? fmtDate(String(v)) : String(v);
    return t('warn.' + code, values);
  }
  return t('warn.other');
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

// ---------------------------------------------------------------- session and page

const cache = new Map(); // GET responses of the current page, kept only for a language switch
function canUpload() { return !!state.me && (state.me.role === 'operator' || state.me.role === 'admin'); }
const main = $('#main');
function setTitle(s) { document.title = s ? s + ' · ' + t('app.name') : t('app.name'); }

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
// A shard that did not answer: the answer is partial. Each left out is named from its
// warning's code (core/warnings.h); the server's English reason is for its log.
function partialNotice(data) {
  const coded = data && Array.isArray(data.warning_codes) ? data.warning_codes : [];
  if (!coded.length && !(data && Array.isArray(data.warnings) && data.warnings.length)) return null;
  return h('div', { class: 'partial-notice', role: 'status', id: 'partial-notice' },
    icon('warn', 'partial-icon'),
    h('div', null, h('strong', null, t('shards.partial')),
      h('ul', null, coded.map((w) => h('li', null, warningLabel(w))))));
}
function isAbort(e) { return e && e.name === 'AbortError'; }

function toast(msg, kind) {
  const el = h('div', { class: 'toast' + (kind ? ' toast-' + kind : '') }, msg);
  $('#toasts').append(el);
  setTimeout(() => el.classList.add('toast-out'), 3500);
  setTimeout(() => el.remove(), 4000);
}

// Position of v in a fixed display order (TYPE_ORDER, STATUS_ORDER); unknown values last.
function rank(order, v) { const i = order.indexOf(v); return i < 0 ? order.length : i; }

export {
  LANG_KEY, LAST_SEARCH_KEY, ID_RE, TYPE_ORDER, STATUS_ORDER, state,
  t, has, locale, applyStaticI18n,
  h, svg, clear, icon, $,
  fmtInt, fmtDate, daysBetween, todayISO, fmtMoney, fmtBytes, fmtPercent, fmtDuration,
  typeLabel, statusLabel, partyRoleLabel, reasonLabel, codeMessage, warningLabel, recordTitle, typeChip, statusBadge, agreementHref,
  cache, canUpload, main, setTitle, loadingBlock, errorBlock, partialNotice, isAbort, toast, rank
};
