// naskah web UI — the search page (/search): query box, facets, active-filter chips, sorting,
// paging, hits with their snippets; the search state lives in the URL.
import {
  ID_RE, LAST_SEARCH_KEY, TYPE_ORDER, STATUS_ORDER, t, locale, h, clear, icon,
  fmtInt, fmtDate, typeLabel, statusLabel, recordTitle, typeChip, statusBadge, agreementHref,
  main, setTitle, loadingBlock, errorBlock, partialNotice, isAbort, rank
} from './common.js';
import { api } from './api.js';
import { safeNext } from './router.js';

const PAGE_SIZE = 20;
const FACETS = [ // [facet key in results, URL/API parameter]
  ['doc_type', 'type'], ['status', 'status'], ['year', 'year'], ['party', 'party'], ['office', 'office']
];
const FACET_PARAMS = FACETS.map((f) => f[1]);
const SORTS = ['relevance', '-signed', 'signed', 'end'];

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
  const partial = h('div', { id: 'partial' });
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
  // The whole result (every page) for a spreadsheet, with the same columns as the report.
  const exportCsv = h('a', { class: 'btn btn-secondary btn-sm', id: 'export-csv', download: '' }, t('export.csv'));
  const exportXlsx = h('a', { class: 'btn btn-secondary btn-sm', id: 'export-xlsx', download: '' }, t('export.xlsx'));
  const exportLinks = h('span', { class: 'export-links', hidden: true }, exportCsv, exportXlsx);
  const results = h('section', { class: 'results', id: 'results', dataset: { state: 'loading' }, 'aria-busy': 'true' },
    h('div', { class: 'results-bar' }, summary, exportLinks,
      h('label', { class: 'sort-label', for: 'sort' }, h('span', null, t('search.sort')), sortSel)),
    partial, chips, stateBox, list, pager);

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

    clear(partial).append(partialNotice(data) || '');
    // suggestion
    clear(suggestion);
    if (data.suggestion && typeof data.suggestion === 'string' && data.suggestion !== st.q) {
      const sug = data.suggestion;
      const a = h('a', { href: '/search?' + new URLSearchParams({ q: sug }).toString(), class: 'suggestion-link', id: 'suggestion-link' }, sug);
      a.addEventListener('click', (e) => { e.preventDefault(); input.value = sug; st.q = sug; st.offset = 0; commit(true); });
      suggestion.append(h('span', null, t('results.suggestion') + ' '), a);
      suggestion.hidden = false;
    } else suggestion.hidden = true;

    // exports of the whole result
    const exportParams = new URLSearchParams(searchParams(st, true));
    exportParams.delete('offset'); exportParams.delete('limit');
    exportParams.set('list', 'search');
    exportParams.set('format', 'csv');
    exportCsv.href = '/api/export?' + exportParams.toString();
    exportParams.set('format', 'xlsx');
    exportXlsx.href = '/api/export?' + exportParams.toString();
    exportLinks.hidden = !(total > 0);

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
    // The first page, small, drawn once and cached; a file with no page shows none.
    const thumb = href && rec.pages > 0
      ? h('a', { class: 'hit-thumb', href, tabindex: '-1', 'aria-hidden': 'true' },
        h('img', { src: '/api/agreements/' + encodeURIComponent(hit.id) + '/thumbnail', alt: '', loading: 'lazy', decoding: 'async', onerror: (e) => { e.target.parentNode.hidden = true; } }))
      : null;
    return h('li', { class: 'hit', dataset: { id: ID_RE.test(hit.id || '') ? hit.id : '' } },
      h('article', { class: 'hit-card' + (thumb ? ' has-thumb' : '') }, thumb,
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
function cssEscape(s) { return window.CSS && CSS.escape ? CSS.escape(s) : String(s).replace(/["\\]/g, '\\$&'); }

export { viewSearch, lastSearch };
