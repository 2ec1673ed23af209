// naskah web UI — one page, no framework, no build step. This is the entry module: the route
// table, the top bar (language switch, logout), in-app link handling, and start-up.
// The other modules: common.js (helpers, i18n glue, formatting), api.js (fetch + CSRF),
// router.js (navigation, mounting views), and one module per view: search.js, agreement.js,
// dashboard.js, upload.js, login.js, edit.js (corrections, history, the review queue) and
// admin.js (accounts, the audit log). The security rules all of them keep are in common.js.
import { LANG_KEY, LAST_SEARCH_KEY, state, applyStaticI18n, h, $, main, errorBlock } from './common.js';
import { api, loadMe } from './api.js';
import { setRoutes, isUiPath, navigate, route } from './router.js';
import { viewSearch } from './search.js';
import { viewAgreement } from './agreement.js';
import { viewDashboard } from './dashboard.js';
import { viewUpload, uploads } from './upload.js';
import { viewLogin } from './login.js';
import { viewReview } from './edit.js';
import { viewAdmin } from './admin.js';

setRoutes([
  { re: /^\/(?:search\/?)?$/, view: viewSearch, name: 'search' },
  { re: /^\/agreement\/([^/]+)\/?$/, view: viewAgreement, name: 'agreement' },
  { re: /^\/dashboard\/?$/, view: viewDashboard, name: 'dashboard' },
  { re: /^\/upload\/?$/, view: viewUpload, name: 'upload' },
  { re: /^\/review\/?$/, view: viewReview, name: 'review' },
  { re: /^\/admin\/?$/, view: viewAdmin, name: 'admin' },
  { re: /^\/login\/?$/, view: viewLogin, name: 'login', public: true }
]);

// ---------------------------------------------------------------- top bar

function setLang(l) {
  if (l !== 'id' && l !== 'en') return;
  state.lang = l;
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
  state.me = null;
  uploads.length = 0;
  try { sessionStorage.removeItem(LAST_SEARCH_KEY); } catch (e) { /* ignore */ }
  navigate('/login', { replace: true });
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
