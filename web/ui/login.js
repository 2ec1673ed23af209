// naskah web UI — the sign-in page (/login): the form, wrong-password and throttling
// messages, and the way back to ?next= once signed in.
import { state, t, h, svg, codeMessage, main, setTitle, isAbort } from './common.js';
import { api } from './api.js';
import { navigate, safeNext } from './router.js';

function viewLogin(ctx) {
  setTitle(t('login.title'));
  const params = new URLSearchParams(location.search);
  const next = safeNext(params.get('next')) || '/search';
  if (state.me) { navigate(next, { replace: true }); return null; }

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
      state.me = { user: res.user, role: res.role, csrf: res.csrf };
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
    ['id', 'en'].map((l) => h('button', { type: 'button', class: 'lang-btn', dataset: { lang: l }, lang: l, 'aria-pressed': String(l === state.lang) }, l.toUpperCase())));

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

export { viewLogin };
