// naskah web UI — correcting an agreement (operators and admins): the edit form beside the
// page viewer, checked here before it is sent (dates are dates, the end after the start) and
// again by the server (PATCH /api/agreements/<id>); the history of each field (who changed
// what, when, why); and the review queue ("Perlu diperiksa") that takes a reviewer from one
// flagged agreement to the next.
import { t, h, clear, icon, fmtDate, typeLabel, partyRoleLabel, reasonLabel, main, setTitle, loadingBlock, errorBlock, isAbort, toast, ID_RE, codeMessage } from './common.js';
import { api } from './api.js';

const QUEUE_KEY = 'naskah.review-queue';

const TEXT_FIELDS = ['title', 'place', 'office'];
const DATE_FIELDS = ['signed_date', 'effective_date', 'end_date'];
const LIST_FIELDS = ['numbers', 'references'];
const ROLES = ['first', 'second', 'third', 'fourth'];

function isDate(s) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(s + 'T00:00:00Z');
  return !isNaN(d) && d.toISOString().slice(0, 10) === s;
}

function same(a, b) { return JSON.stringify(a === undefined ? null : a) === JSON.stringify(b === undefined ? null : b); }

// The form: returns {el}; `onSaved(record)` after the server took the changes.
function editForm(rec, id, onSaved, onCancel) {
  const errors = h('div', { class: 'form-errors', id: 'edit-errors', role: 'alert', hidden: true });
  const inputs = {};
  const rows = [];
  const field = (name, control, hint) => {
    rows.push(h('div', { class: 'form-row', dataset: { field: name } },
      h('label', { for: 'edit-' + name }, t('edit.f.' + name)), control, hint ? h('small', { class: 'muted' }, hint) : null));
  };

  const type = h('select', { class: 'select', id: 'edit-doc_type' },
    h('option', { value: '' }, '—'),
    ['mou', 'pks', 'addendum', 'other'].map((k) => h('option', { value: k }, typeLabel(k, true))));
  type.value = rec.doc_type || '';
  inputs.doc_type = () => type.value || null;
  field('doc_type', type);

  for (const name of TEXT_FIELDS) {
    const input = h('input', { class: 'input', id: 'edit-' + name, type: 'text', maxlength: '1000', value: rec[name] || '' });
    inputs[name] = () => input.value.trim() || null;
    field(name, input);
  }
  for (const name of DATE_FIELDS) {
    const input = h('input', { class: 'input', id: 'edit-' + name, type: 'date', value: rec[name] || '' });
    inputs[name] = () => input.value || null;
    field(name, input);
  }
  for (const name of LIST_FIELDS) {
    const area = h('textarea', { class: 'input', id: 'edit-' + name, rows: '3' });
    area.value = (rec[name] || []).join('\n');
    inputs[name] = () => area.value.split('\n').map((x) => x.trim()).filter(Boolean);
    field(name, area, t('edit.one_per_line'));
  }

  // Parties: one row each, added and removed.
  const partyRows = h('div', { class: 'party-rows', id: 'edit-parties' });
  const addParty = (p) => {
    p = p || {};
    const role = h('select', { class: 'select select-sm', 'aria-label': t('ag.party_role') },
      h('option', { value: '' }, '—'), ROLES.map((r) => h('option', { value: r }, partyRoleLabel(r) || r)));
    role.value = p.role || '';
    const row = h('div', { class: 'party-row' },
      h('input', { class: 'input party-name', type: 'text', placeholder: t('ag.party_name'), 'aria-label': t('ag.party_name'), value: p.name || '' }),
      role,
      h('input', { class: 'input party-signatory', type: 'text', placeholder: t('ag.signatory'), 'aria-label': t('ag.signatory'), value: p.signatory || '' }),
      h('input', { class: 'input party-position', type: 'text', placeholder: t('ag.position'), 'aria-label': t('ag.position'), value: p.position || '' }),
      h('button', { type: 'button', class: 'btn btn-secondary btn-sm', 'aria-label': t('edit.remove_party'), title: t('edit.remove_party'), onclick: () => row.remove() }, '×'));
    row.role = role;
    partyRows.append(row);
  };
  (rec.parties || []).forEach(addParty);
  inputs.parties = () => Array.from(partyRows.children).map((row) => {
    const v = (sel) => row.querySelector(sel).value.trim() || null;
    return { name: v('.party-name'), role: row.role.value || null, signatory: v('.party-signatory'), position: v('.party-position') };
  }).filter((p) => p.name || p.signatory || p.position);
  rows.push(h('div', { class: 'form-row', dataset: { field: 'parties' } }, h('span', { class: 'label' }, t('edit.f.parties')), partyRows,
    h('button', { type: 'button', class: 'btn btn-secondary btn-sm', id: 'edit-add-party', onclick: () => addParty() }, t('edit.add_party'))));

  const notAgreement = h('input', { type: 'checkbox', id: 'edit-not_agreement' });
  notAgreement.checked = !!rec.not_agreement;
  inputs.not_agreement = () => notAgreement.checked;
  rows.push(h('div', { class: 'form-row form-check' }, notAgreement, h('label', { for: 'edit-not_agreement' }, t('edit.f.not_agreement'))));
  const duplicate = h('input', { class: 'input mono', id: 'edit-duplicate_of', type: 'text', maxlength: '64', value: rec.duplicate_of || '' });
  inputs.duplicate_of = () => duplicate.value.trim() || null;
  field('duplicate_of', duplicate, t('edit.duplicate_hint'));
  const parent = h('input', { class: 'input mono', id: 'edit-parent', type: 'text', maxlength: '64', value: rec.parent || '' });
  inputs.parent = () => parent.value.trim() || null;
  field('parent', parent, t('edit.parent_hint'));

  const reason = h('input', { class: 'input', id: 'edit-reason', type: 'text', maxlength: '500', placeholder: t('edit.reason_hint') });
  rows.push(h('div', { class: 'form-row' }, h('label', { for: 'edit-reason' }, t('edit.reason')), reason));

  const save = h('button', { type: 'submit', class: 'btn btn-primary', id: 'edit-save' }, t('edit.save'));
  const cancel = h('button', { type: 'button', class: 'btn btn-secondary', id: 'edit-cancel', onclick: onCancel }, t('edit.cancel'));

  // What changed, and what is wrong with it (in the UI's language).
  function collect() {
    const changes = {};
    const problems = [];
    for (const [name, read] of Object.entries(inputs)) {
      const value = read();
      const before = name === 'not_agreement' ? !!rec[name] : (rec[name] === undefined ? (LIST_FIELDS.includes(name) || name === 'parties' ? [] : null) : rec[name]);
      if (!same(value, before)) changes[name] = value;
    }
    for (const name of DATE_FIELDS) {
      const v = inputs[name]();
      if (v && !isDate(v)) problems.push(t('edit.err.date', { field: t('edit.f.' + name) }));
    }
    const start = inputs.effective_date() || inputs.signed_date();
    const end = inputs.end_date();
    if (start && end && isDate(start) && isDate(end) && end < start) problems.push(t('edit.err.end_before_start'));
    if (inputs.parties().some((p) => !p.name)) problems.push(t('edit.err.party_name'));
    const dup = inputs.duplicate_of();
    if (dup && (!ID_RE.test(dup) || dup === id)) problems.push(t('edit.err.duplicate'));
    const up = inputs.parent();
    if (up && (!ID_RE.test(up) || up === id)) problems.push(t('edit.err.parent'));
    return { changes, problems };
  }
  function showErrors(list) {
    clear(errors);
    errors.hidden = !list.length;
    if (list.length) errors.append(h('ul', null, list.map((m) => h('li', null, icon('warn'), h('span', null, m)))));
  }

  const form = h('form', { class: 'card card-pad edit-form', id: 'edit-form', novalidate: true },
    h('h2', { class: 'section-title' }, t('edit.title')), errors, rows, h('div', { class: 'form-actions' }, save, cancel));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const { changes, problems } = collect();
    if (problems.length) return showErrors(problems);
    if (!Object.keys(changes).length) return showErrors([t('edit.err.nothing')]);
    showErrors([]);
    save.disabled = true;
    try {
      const record = await api('/api/agreements/' + encodeURIComponent(id), { method: 'PATCH', body: { changes, reason: reason.value.trim() } });
      toast(t('edit.saved'));
      onSaved(record);
    } catch (err) {
      if (isAbort(err)) return;
      showErrors([err.status === 400 ? t('edit.err.refused', { why: codeMessage(err) }) : (err.status === 403 ? t('edit.err.forbidden') : t('edit.err.failed'))]);
    } finally {
      save.disabled = false;
    }
  });
  return { el: form };
}

// Confirms the flagged fields as they are: each becomes "corrected" (checked by a person).
async function confirmFlagged(rec, id) {
  const fields = Array.from(new Set((rec.needs_review || []).map((f) => f.field).filter(Boolean)));
  const changes = {};
  for (const f of fields) changes[f] = rec[f] === undefined ? null : rec[f];
  return api('/api/agreements/' + encodeURIComponent(id), { method: 'PATCH', body: { changes, reason: t('edit.confirmed_reason') } });
}

// The history: per field, what the parser read and each correction.
function historyPanel(id, signal) {
  const list = h('div', { id: 'history' }, loadingBlock());
  const el = h('section', { class: 'card card-pad' }, h('h2', { class: 'section-title' }, t('edit.history')), list);
  api('/api/agreements/' + encodeURIComponent(id) + '/history', { signal }).then((hist) => {
    clear(list);
    const show = (v) => (v === null || v === undefined || (Array.isArray(v) && !v.length) ? t('ag.none')
      : typeof v === 'string' ? (/^\d{4}-\d{2}-\d{2}$/.test(v) ? fmtDate(v) : v)
      : Array.isArray(v) ? v.map((x) => (x && typeof x === 'object' ? x.name || JSON.stringify(x) : String(x))).join('; ')
      : typeof v === 'boolean' ? (v ? t('edit.yes') : t('edit.no')) : JSON.stringify(v));
    const items = [];
    for (const [field, entry] of Object.entries(hist.fields || {})) {
      for (const c of entry.corrections || []) {
        items.push(h('li', { class: 'history-item', dataset: { field } },
          h('strong', null, t('edit.f.' + field)), ': ',
          h('span', { class: 'old' }, show(c.old)), ' → ', h('span', { class: 'new' }, show(c.value)),
          h('span', { class: 'muted small' }, ' — ' + t('edit.by', { who: c.who || '?', when: c.when ? new Date(c.when).toLocaleString() : '' })),
          c.reason ? h('span', { class: 'muted small' }, ' (' + c.reason + ')') : null,
          h('div', { class: 'muted small' }, t('edit.parsed', { value: show(entry.parsed) }))));
      }
    }
    list.append(items.length ? h('ul', { class: 'plain-list' }, items) : h('p', { class: 'muted' }, t('edit.no_history')));
  }).catch((err) => {
    if (isAbort(err)) return;
    clear(list).append(errorBlock(err));
  });
  return el;
}

// The review queue, kept for the session so the agreement page knows what comes next.
function queue() {
  try { return JSON.parse(sessionStorage.getItem(QUEUE_KEY) || '[]'); } catch (e) { return []; }
}
function nextInQueue(id) {
  const q = queue();
  const i = q.indexOf(id);
  return i >= 0 && i + 1 < q.length ? q[i + 1] : null;
}

function viewReview(ctx) {
  setTitle(t('review.title'));
  const wrap = h('div', { class: 'container' }, h('h1', { class: 'page-title' }, t('review.title')), h('p', { class: 'muted' }, t('review.intro')));
  const body = h('div', { id: 'review', dataset: { state: 'loading' } }, loadingBlock());
  wrap.append(body);
  main.append(wrap);
  api('/api/review', { signal: ctx.signal }).then((data) => {
    const items = data.queue || [];
    try { sessionStorage.setItem(QUEUE_KEY, JSON.stringify(items.map((x) => x.id))); } catch (e) { /* storage off */ }
    clear(body);
    body.dataset.state = 'ready';
    if (!items.length) { body.append(h('p', { class: 'state-block' }, t('review.empty'))); return; }
    body.append(h('p', null, t('review.count', { n: items.length })),
      h('a', { class: 'btn btn-primary', id: 'review-start', href: '/agreement/' + items[0].id + '?review=1' }, t('review.start')),
      h('ol', { class: 'review-list' }, items.map((x) => h('li', null,
        h('a', { href: '/agreement/' + x.id + '?review=1' }, x.title || (x.numbers || [])[0] || x.id.slice(0, 12)),
        ' ', h('span', { class: 'muted small' }, (x.checks || x.reasons || []).map(reasonLabel).join('; '))))));
  }).catch((err) => {
    if (isAbort(err)) return;
    clear(body).append(errorBlock(err));
    body.dataset.state = 'error';
  });
  return null;
}

export { editForm, confirmFlagged, historyPanel, nextInQueue, viewReview };
