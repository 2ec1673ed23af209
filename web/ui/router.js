// naskah web UI — the router: which view a path shows (the route table comes from app.js),
// navigation without reloads (navigate, goToLogin, safeNext for ?next=), mounting and
// unmounting views, the top bar's signed-in state, and the not-found page.
import { state, t, has, h, clear, icon, $, cache, canUpload, main, setTitle } from './common.js';

let routes = []; // [{re, view, name, public?}], set once by app.js
let current = null; // {route, ctl: AbortController, view: {update?, cleanup?}}

function setRoutes(list) { routes = list; }

function matchRoute(pathname) {
  for (const r of routes) { const m = r.re.exec(pathname); if (m) return { route: r, params: m.slice(1) }; }
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
  // Signed out, any address but the public ones leads to the sign-in page (and back after).
  if ((!found || !found.route.public) && !state.me) { current = null; goToLogin(); return; }
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
function renderChrome(r) {
  const bar = $('#topbar');
  const signedIn = !!state.me && !(r && r.public);
  bar.hidden = !signedIn;
  $('#footer').hidden = !signedIn;
  if (!signedIn) return;
  $('#user-name').textContent = state.me.user || '';
  $('#user-role').textContent = has('role.' + state.me.role) ? t('role.' + state.me.role) : (state.me.role || '');
  $('#userchip').title = t('nav.signed_in_as', { user: state.me.user || '', role: $('#user-role').textContent });
  $('#nav-upload').hidden = !canUpload();
  $('#nav-admin').hidden = state.me.role !== 'admin';
  document.querySelectorAll('#mainnav a').forEach((a) => {
    if (r && a.dataset.route === r.name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}
function viewNotFound() {
  setTitle(t('app.notfound.title'));
  main.append(h('div', { class: 'container' }, h('div', { class: 'state-block' },
    icon('empty', 'state-icon'), h('h1', null, t('app.notfound.title')),
    h('p', null, h('a', { href: '/search' }, t('app.notfound.text'))))));
  return null;
}

export { setRoutes, isUiPath, safeNext, navigate, goToLogin, route };
