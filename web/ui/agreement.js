// naskah web UI — one agreement (/agreement/<sha256>): its fields (marked where a person
// corrected them), the download link, the edit form and history for operators and admins
// (edit.js), the next agreement of the review queue, and the page viewer with the scanned
// page beside its text.
import {
  ID_RE, t, has, locale, h, clear, icon, fmtInt, fmtDate, daysBetween, todayISO, fmtMoney, fmtBytes,
  fmtDuration, typeLabel, partyRoleLabel, reasonLabel, warningLabel, codeMessage, recordTitle, typeChip, statusBadge,
  main, setTitle, loadingBlock, errorBlock, isAbort, canUpload, cache, toast
} from './common.js';
import { api } from './api.js';
import { editForm, confirmFlagged, historyPanel, nextInQueue } from './edit.js';
import { lastSearch } from './search.js';

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

  const inReview = new URLSearchParams(location.search).get('review') === '1';
  const recordPath = '/api/agreements/' + encodeURIComponent(id);

  async function load() {
    cache.delete(recordPath);
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
    const details = h('section', { class: 'card card-pad', id: 'details' }, h('h2', { class: 'section-title' }, t('ag.details')), fieldsTable(rec));
    const actions = [download];
    // Operators and admins correct what the parser read; viewers read only.
    if (canUpload()) {
      actions.push(h('button', { type: 'button', class: 'btn btn-secondary', id: 'edit', onclick: () => {
        const form = editForm(rec, id, () => load(), () => form.el.replaceWith(details));
        details.replaceWith(form.el);
        const first = form.el.querySelector('input, select, textarea');
        if (first) first.focus();
      } }, t('edit.button')));
      if ((rec.needs_review || []).length) {
        actions.push(h('button', { type: 'button', class: 'btn btn-secondary', id: 'confirm-flagged', onclick: async (e) => {
          e.target.disabled = true;
          try { await confirmFlagged(rec, id); toast(t('edit.confirmed')); load(); } catch (err) { e.target.disabled = false; toast(codeMessage(err), 'error'); }
        } }, t('edit.confirm_flagged')));
      }
    }
    if (inReview) {
      const next = nextInQueue(id);
      actions.push(next ? h('a', { class: 'btn btn-secondary', id: 'review-next', href: '/agreement/' + next + '?review=1' }, t('review.next'), icon('right'))
        : h('a', { class: 'btn btn-secondary', id: 'review-done', href: '/review' }, t('review.back')));
    }
    body.append(h('header', { class: 'doc-head card' },
      h('div', { class: 'doc-head-main' },
        h('div', { class: 'doc-tags' }, typeChip(rec.doc_type), statusBadge(rec.status), endHint(rec), warnChip(rec),
          rec.not_agreement ? h('span', { class: 'warn-chip', id: 'not-agreement' }, t('edit.f.not_agreement')) : null,
          rec.duplicate_of ? h('a', { class: 'warn-chip', id: 'duplicate-of', href: '/agreement/' + rec.duplicate_of }, t('edit.duplicate_chip')) : null),
        h('h1', { class: 'doc-title', id: 'agreement-title' }, title),
        subBits.length ? h('p', { class: 'doc-sub' }, subBits.join(' · ')) : null),
      h('div', { class: 'doc-actions' }, actions)));

    body.append(details);
    const family = familyCard(rec);
    if (family) body.append(family);
    viewer = textViewer(rec);
    body.append(viewer.el);
    body.append(historyPanel(id, ctx.signal));
  }

  // The family as a tree: each member under its parent, this one marked, each a link.
  function familyCard(rec) {
    const members = Array.isArray(rec.family) ? rec.family : [];
    if (members.length < 2) return null;
    const byParent = new Map();
    for (const m of members) {
      const key = m.parent && members.some((o) => o.id === m.parent) ? m.parent : '';
      if (!byParent.has(key)) byParent.set(key, []);
      byParent.get(key).push(m);
    }
    const seen = new Set();
    function branch(parentId) {
      const kids = (byParent.get(parentId) || []).filter((m) => !seen.has(m.id));
      if (!kids.length) return null;
      return h('ul', { class: 'family-tree' }, kids.map((m) => {
        seen.add(m.id);
        const label = m.title || (m.numbers || [])[0] || t('ag.family_untitled');
        const end = m.effective_end_date || m.end_date;
        const here = m.id === rec.sha256;
        return h('li', { dataset: { id: m.id }, class: here ? 'family-this' : null },
          typeChip(m.doc_type), ' ',
          here ? h('strong', null, label, ' (' + t('ag.family_this') + ')') : h('a', { href: '/agreement/' + m.id }, label),
          h('span', { class: 'muted small' }, [m.signed_date ? ' · ' + fmtDate(m.signed_date, true) : '', end ? ' – ' + fmtDate(end, true) : ''].join('')),
          ' ', statusBadge(m.status), branch(m.id));
      }));
    }
    // A loop of agreements citing each other has no top: start from this one.
    const tree = branch('') || (byParent.set('', members.filter((m) => m.id === rec.sha256)), branch(''));
    return h('section', { class: 'card card-pad', id: 'family' },
      h('h2', { class: 'section-title' }, t('ag.family')),
      h('p', { class: 'muted small' }, t('ag.family_intro')),
      tree,
      h('a', { class: 'btn btn-secondary btn-sm', id: 'family-search', href: '/search?q=' + encodeURIComponent('keluarga:' + (rec.family_root || rec.sha256)) }, t('ag.family_search')));
  }

  function warnChip(rec) {
    const n = (rec.warnings || []).filter(Boolean).length;
    if (!n) return null;
    return h('a', { class: 'warn-chip', href: '#field-warnings', id: 'warn-chip' }, icon('warn'), t('ag.warn_count', { n: fmtInt(n) }));
  }
  function endHint(rec) {
    const end = rec.effective_end_date || rec.end_date;
    if (!end) return null;
    const d = daysBetween(todayISO(), end);
    if (d == null) return null;
    if (d === 0) return h('span', { class: 'end-hint' }, t('ag.today'));
    return h('span', { class: 'end-hint' }, d > 0 ? t('ag.days_left', { n: fmtInt(d) }) : t('ag.days_ago', { n: fmtInt(-d) }));
  }

  function fieldsTable(rec) {
    const tbody = h('tbody');
    const none = () => h('span', { class: 'muted' }, t('ag.none'));
    // The record fields each row shows: a row is marked when a person corrected one of them.
    const shows = { 'ag.type': ['doc_type'], 'ag.title': ['title'], 'ag.numbers': ['numbers'], 'ag.parties': ['parties'],
      'ag.signed': ['signed_date', 'place'], 'ag.effective': ['effective_date'], 'ag.end': ['end_date'], 'ag.duration': ['duration'],
      'ag.amounts': ['amounts'], 'ag.references': ['references'], 'ag.office': ['office'], 'ag.language': ['language'] };
    const corrected = Array.isArray(rec.corrected) ? rec.corrected : [];
    function row(key, content, cls) {
      const empty = content == null || content === '' || (Array.isArray(content) && !content.length);
      const mark = (shows[key] || []).some((f) => corrected.includes(f))
        ? h('span', { class: 'corrected-chip', title: t('edit.corrected_hint') }, t('edit.corrected')) : null;
      tbody.append(h('tr', { class: cls || null, id: 'field-' + key.slice(3), dataset: { field: key } }, h('th', { scope: 'row' }, t(key), mark ? ' ' : null, mark), h('td', null, empty ? none() : content)));
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
    // The end after the addenda (what the status follows), and the end first written.
    const end = rec.effective_end_date || rec.end_date;
    row('ag.end', end ? h('span', null, fmtDate(end), ' ', statusBadge(rec.status),
      rec.end_date && end !== rec.end_date ? h('span', { class: 'muted small', id: 'end-extended' }, ' (' + t('ag.end_extended', { date: fmtDate(rec.end_date) }) + ')') : null) : null);
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
    // What the parser asks a person to check: {code, field, value} with the code translated,
    // and the reading it did not trust (a garbled number) shown beside it.
    // Every finding of the checks (the server's "checks", with its reasons), each with the
    // readings the parser did not trust (needs_review values) beside it.
    const review = (Array.isArray(rec.needs_review) ? rec.needs_review : []).filter((f) => f && f.code);
    const findings = Array.isArray(rec.checks) ? rec.checks
      : review.map((f) => ({ code: f.code, field: f.field, flag: String(f.code).replace(/^check\./, '') + (f.field ? '-' + f.field : '') }));
    if (findings.length) {
      row('ag.review', h('ul', { class: 'warn-list', id: 'review-list' }, findings.map((c) => {
        const values = review.filter((f) => f.code === c.code && (f.field || null) === (c.field || null) && f.value).map((f) => String(f.value));
        return h('li', { dataset: { code: String(c.code), field: String(c.field || '') } }, icon('warn'),
          h('span', null, reasonLabel(c)), values.map((v) => h('code', { class: 'mono' }, ' ' + v)));
      })), 'row-warn');
    }
    // Said from their codes (the server reads its English sentences back, core/warnings.h).
    const warnings = Array.isArray(rec.warning_codes) ? rec.warning_codes
      : (rec.warnings || []).filter(Boolean).map(() => ({ code: 'other' }));
    row('ag.warnings', warnings.length ? h('ul', { class: 'warn-list', id: 'warning-list' }, warnings.map((w) => h('li', { dataset: { code: String(w.code || '') } }, icon('warn'), h('span', null, warningLabel(w)))))
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

export { viewAgreement };
