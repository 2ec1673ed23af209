// naskah web UI — administration (/admin, admins only): the accounts (add, change the role,
// reset the password, deactivate or activate, remove; a change ends that account's
// sessions) and the audit log of who did what, filtered, with a CSV export.
import { state, t, h, clear, main, setTitle, loadingBlock, errorBlock, isAbort, toast, codeMessage } from './common.js';
import { api } from './api.js';

const ROLES = ['viewer', 'operator', 'admin'];

function viewAdmin(ctx) {
  setTitle(t('admin.title'));
  const wrap = h('div', { class: 'container' }, h('h1', { class: 'page-title' }, t('admin.title')));
  main.append(wrap);
  if (!state.me || state.me.role !== 'admin') {
    wrap.append(errorBlock({ code: 'auth.forbidden', message: t('admin.forbidden') }));
    return null;
  }
  const users = h('section', { class: 'card card-pad', id: 'admin-users', dataset: { state: 'loading' } });
  const audit = h('section', { class: 'card card-pad', id: 'admin-audit', dataset: { state: 'loading' } });
  wrap.append(users, audit);

  async function change(name, body, done) {
    try {
      await api('/api/users/' + encodeURIComponent(name), { method: 'PATCH', body });
      toast(done);
      loadUsers();
      loadAudit();
    } catch (err) {
      if (!isAbort(err)) toast(codeMessage(err), 'error');
    }
  }

  async function loadUsers() {
    clear(users).append(h('h2', { class: 'section-title' }, t('admin.users')), loadingBlock());
    try {
      const data = await api('/api/users', { signal: ctx.signal });
      clear(users).append(h('h2', { class: 'section-title' }, t('admin.users')));
      const rows = (data.users || []).map((u) => {
        const role = h('select', { class: 'select select-sm', 'aria-label': t('admin.role') }, ROLES.map((r) => h('option', { value: r }, t('role.' + r))));
        role.value = u.role;
        role.addEventListener('change', () => change(u.name, { role: role.value }, t('admin.role_changed')));
        const reset = h('button', { type: 'button', class: 'btn btn-secondary btn-sm', onclick: () => {
          const pw = window.prompt(t('admin.new_password', { user: u.name }));
          if (pw) change(u.name, { password: pw }, t('admin.password_changed'));
        } }, t('admin.reset_password'));
        const active = h('button', { type: 'button', class: 'btn btn-secondary btn-sm', dataset: { action: u.active ? 'deactivate' : 'activate' },
          onclick: () => change(u.name, { active: !u.active }, u.active ? t('admin.deactivated') : t('admin.activated')) },
        u.active ? t('admin.deactivate') : t('admin.activate'));
        const remove = h('button', { type: 'button', class: 'btn btn-secondary btn-sm', onclick: async () => {
          try { await api('/api/users/' + encodeURIComponent(u.name), { method: 'DELETE' }); toast(t('admin.removed')); loadUsers(); loadAudit(); } catch (err) { toast(codeMessage(err), 'error'); }
        } }, t('admin.remove'));
        return h('tr', { dataset: { user: u.name, active: String(u.active) } },
          h('td', { class: 'strong' }, u.name), h('td', null, role), h('td', null, u.active ? t('admin.active') : t('admin.inactive')),
          h('td', { class: 'muted small' }, u.created || ''), h('td', { class: 'row-actions' }, reset, active, remove));
      });
      users.append(h('div', { class: 'table-scroll' }, h('table', { class: 'fields', id: 'users-table' },
        h('thead', null, h('tr', null, ['admin.name', 'admin.role', 'admin.state', 'admin.created', 'admin.actions'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, rows))));
      const name = h('input', { class: 'input', id: 'new-user-name', type: 'text', placeholder: t('admin.name'), 'aria-label': t('admin.name'), autocomplete: 'off' });
      const role = h('select', { class: 'select', id: 'new-user-role', 'aria-label': t('admin.role') }, ROLES.map((r) => h('option', { value: r }, t('role.' + r))));
      const pw = h('input', { class: 'input', id: 'new-user-password', type: 'password', placeholder: t('login.password'), 'aria-label': t('login.password'), autocomplete: 'new-password' });
      const form = h('form', { class: 'inline-form', id: 'add-user' }, name, role, pw, h('button', { type: 'submit', class: 'btn btn-primary' }, t('admin.add')));
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        try {
          await api('/api/users', { method: 'POST', body: { name: name.value.trim(), role: role.value, password: pw.value } });
          toast(t('admin.added'));
          loadUsers();
          loadAudit();
        } catch (err) { if (!isAbort(err)) toast(codeMessage(err), 'error'); }
      });
      users.append(h('h3', null, t('admin.add_user')), form);
      users.dataset.state = 'ready';
    } catch (err) {
      if (isAbort(err)) return;
      clear(users).append(errorBlock(err, loadUsers));
      users.dataset.state = 'error';
    }
  }

  const since = h('input', { class: 'input', type: 'date', id: 'audit-since', 'aria-label': t('admin.since') });
  const action = h('input', { class: 'input', type: 'text', id: 'audit-action', placeholder: t('admin.action'), 'aria-label': t('admin.action') });
  const who = h('input', { class: 'input', type: 'text', id: 'audit-who', placeholder: t('admin.who'), 'aria-label': t('admin.who') });
  const csv = h('a', { class: 'btn btn-secondary', id: 'audit-csv', download: '' }, t('admin.export_csv'));
  const table = h('div', { class: 'table-scroll' });
  function query(extra) {
    const p = new URLSearchParams();
    if (since.value) p.set('since', since.value);
    if (action.value.trim()) p.set('action', action.value.trim());
    if (who.value.trim()) p.set('who', who.value.trim());
    if (extra) p.set('format', extra);
    return '/api/audit?' + p.toString();
  }
  async function loadAudit() {
    csv.href = query('csv');
    clear(table).append(loadingBlock());
    audit.dataset.state = 'loading';
    try {
      const data = await api(query(), { signal: ctx.signal });
      clear(table).append(h('table', { class: 'fields', id: 'audit-table' },
        h('thead', null, h('tr', null, ['admin.time', 'admin.action', 'admin.who', 'admin.subject', 'admin.address'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, (data.events || []).map((e) => h('tr', { dataset: { action: e.action } },
          h('td', { class: 'small' }, e.time ? new Date(e.time).toLocaleString() : ''), h('td', null, e.action), h('td', null, e.who),
          h('td', { class: 'mono small' }, e.subject || ''), h('td', { class: 'small' }, e.address || ''))))));
      audit.dataset.state = 'ready';
    } catch (err) {
      if (isAbort(err)) return;
      clear(table).append(errorBlock(err, loadAudit));
      audit.dataset.state = 'error';
    }
  }
  const filter = h('form', { class: 'inline-form', id: 'audit-filter' }, since, action, who, h('button', { type: 'submit', class: 'btn btn-primary' }, t('admin.filter')), csv);
  filter.addEventListener('submit', (e) => { e.preventDefault(); loadAudit(); });
  audit.append(h('h2', { class: 'section-title' }, t('admin.audit')), h('p', { class: 'muted' }, t('admin.audit_intro')), filter, table);

  loadUsers();
  loadAudit();
  return null;
}

export { viewAdmin };
