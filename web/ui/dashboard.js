// naskah web UI — the dashboard (/dashboard): status tiles, charts by type, year, office and
// party (SVG, no inline styles), and the expiring / expired / suspicious tables.
import {
  TYPE_ORDER, STATUS_ORDER, t, h, svg, clear, icon, fmtInt, fmtDate, daysBetween, todayISO, fmtPercent,
  typeLabel, statusLabel, reasonLabel, recordTitle, typeChip, agreementHref,
  main, setTitle, loadingBlock, errorBlock, partialNotice, isAbort, rank
} from './common.js';
import { api } from './api.js';

const PAGE_ROWS = 10;

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

  let exportDays = 90; // the window of the lists shown, for their exports

  function render(s) {
    const days = s.days || 90;
    exportDays = days;
    const today = s.today || todayISO();
    const st = s.status || {};
    const total = typeof s.total === 'number' ? s.total : STATUS_ORDER.reduce((n, k) => n + (st[k] || 0), 0);
    wrap.append(h('div', { class: 'page-head' },
      h('div', null, h('h1', null, t('dash.title')), h('p', { class: 'page-sub' }, t('dash.subtitle', { date: fmtDate(today) })))));
    const partial = partialNotice(s);
    if (partial) wrap.append(partial);

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

    const counts = s.counts || {};
    const expiring = (s.expiring || []).slice().sort((a, b) => String(a.record && a.record.end_date || '9999').localeCompare(String(b.record && b.record.end_date || '9999')));
    const expired = (s.expired || []).slice().sort((a, b) => String(b.record && b.record.end_date || '').localeCompare(String(a.record && a.record.end_date || '')));
    wrap.append(h('div', { class: 'table-grid' },
      rowsCard('dash-expiring', t('dash.expiring_table', { days }), null, expiring, counts.expiring, t('dash.empty_expiring'),
        [t('dash.col.agreement'), t('dash.col.end'), t('dash.col.left')],
        (row) => {
          const d = daysBetween(today, row.record && row.record.end_date);
          const urg = d == null ? '' : d <= 30 ? ' urgent' : d <= 60 ? ' soon' : '';
          return [h('td', { class: 'col-date' }, fmtDate(row.record && row.record.end_date, true)),
            h('td', { class: 'num' }, d == null ? '—' : h('span', { class: 'days-pill' + urg }, d === 0 ? t('dash.today') : t('dash.days_left', { n: fmtInt(d) })))];
        }, '/search?status=expiring&sort=end'),
      rowsCard('dash-expired', t('dash.expired_table', { days }), null, expired, counts.expired, t('dash.empty_expired'),
        [t('dash.col.agreement'), t('dash.col.end'), t('dash.col.ago')],
        (row) => {
          const d = daysBetween(row.record && row.record.end_date, today);
          return [h('td', { class: 'col-date' }, fmtDate(row.record && row.record.end_date, true)),
            h('td', { class: 'num muted' }, d == null ? '—' : d === 0 ? t('dash.today') : t('dash.days_ago', { n: fmtInt(d) }))];
        }, '/search?status=expired&sort=-signed')));
    wrap.append(rowsCard('dash-suspicious', t('dash.suspicious_table'), t('dash.suspicious_intro'), s.suspicious || [], counts.suspicious, t('dash.empty_suspicious'),
      [t('dash.col.agreement'), t('dash.col.signed'), t('dash.col.reasons')],
      (row) => [h('td', { class: 'col-date' }, row.record && row.record.signed_date ? fmtDate(row.record.signed_date, true) : h('span', { class: 'muted' }, '—')),
        h('td', null, h('ul', { class: 'reason-list' }, (row.checks || row.reasons || []).map((r) => h('li', { class: 'reason', dataset: { reason: String(r.flag || r), code: String(r.code || '') } }, icon('warn'), reasonLabel(r)))))],
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
  // The whole list (not only the rows shown) for a spreadsheet: CSV and XLSX.
  function exportLinks(list) {
    const href = (format) => '/api/export?' + new URLSearchParams({ list, format, days: String(exportDays) }).toString();
    return h('span', { class: 'export-links' },
      h('a', { class: 'btn btn-secondary btn-sm', href: href('csv'), download: '', dataset: { export: list + '-csv' } }, t('export.csv')),
      h('a', { class: 'btn btn-secondary btn-sm', href: href('xlsx'), download: '', dataset: { export: list + '-xlsx' } }, t('export.xlsx')));
  }
  // A list a page at a time (PAGE_ROWS rows): the server sends at most its first rows, the
  // count is the whole list's; "see all" and the exports have every one.
  function rowsCard(id, title, intro, rows, count, empty, heads, cells, seeAll, wide) {
    const n = typeof count === 'number' ? count : rows.length;
    const card = h('section', { class: 'card table-card' + (wide ? ' table-card-wide' : ''), id },
      h('div', { class: 'table-card-head' }, h('h2', { class: 'section-title' }, title, ' ', h('span', { class: 'count-pill' }, fmtInt(n))),
        seeAll && rows.length ? h('a', { href: seeAll, class: 'see-all' }, t('dash.see_all')) : null,
        rows.length ? exportLinks(id.replace(/^dash-/, '')) : null),
      intro ? h('p', { class: 'table-card-intro muted' }, intro) : null);
    if (!rows.length) { card.append(h('p', { class: 'table-empty' }, icon('check'), empty)); return card; }
    const tbody = h('tbody');
    const info = h('span', { class: 'pager-info', 'aria-live': 'polite' });
    const prev = h('button', { type: 'button', class: 'btn btn-secondary btn-sm btn-icon rows-prev', 'aria-label': t('results.prev'), title: t('results.prev') }, icon('left'));
    const next = h('button', { type: 'button', class: 'btn btn-secondary btn-sm btn-icon rows-next', 'aria-label': t('results.next'), title: t('results.next') }, icon('right'));
    let at = 0;
    function show(from) {
      at = Math.max(0, Math.min(from, Math.floor((rows.length - 1) / PAGE_ROWS) * PAGE_ROWS));
      const shown = rows.slice(at, at + PAGE_ROWS);
      clear(tbody).append(...shown.map((row) => h('tr', null, agreementCell(row.record), cells(row))));
      info.textContent = t('dash.rows_range', { from: fmtInt(at + 1), to: fmtInt(at + shown.length), total: fmtInt(n) });
      prev.disabled = at === 0;
      next.disabled = at + PAGE_ROWS >= rows.length;
    }
    prev.addEventListener('click', () => show(at - PAGE_ROWS));
    next.addEventListener('click', () => show(at + PAGE_ROWS));
    card.append(h('div', { class: 'table-scroll' }, h('table', { class: 'data-table' },
      h('thead', null, h('tr', null, heads.map((x, i) => h('th', { scope: 'col', class: i === 1 ? 'col-date' : i === heads.length - 1 && !wide ? 'num' : null }, x)))),
      tbody)));
    if (rows.length > PAGE_ROWS || n > rows.length) card.append(h('div', { class: 'rows-pager' }, prev, info, next));
    show(0);
    return card;
  }

  load();
  return null;
}

export { viewDashboard };
