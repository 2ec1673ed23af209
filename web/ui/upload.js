// naskah web UI — the upload page (/upload): drop zone and file picker, uploads sent with
// XMLHttpRequest (for progress) two at a time, then polled until searchable or refused.
import {
  ID_RE, state, t, has, h, clear, icon, $, fmtBytes, codeMessage, agreementHref,
  canUpload, main, setTitle, errorBlock
} from './common.js';
import { api, loadMe } from './api.js';
import { goToLogin } from './router.js';

const UPLOAD_EXT = ['pdf', 'tif', 'tiff', 'png', 'jpg', 'jpeg'];
const UPLOAD_FINAL = new Set(['searchable', 'refused', 'error']);
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
  xhr.setRequestHeader('X-CSRF-Token', (state.me && state.me.csrf) || '');
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
    if (xhr.status === 401) { state.me = null; goToLogin(); u.state = 'error'; u.error = { message: t('err.generic', { code: 401 }) }; return; }
    u.state = xhr.status >= 400 && xhr.status < 500 ? 'refused' : 'error';
    if (xhr.status === 413) u.error = err && err.code ? err : { code: 'input.too-large' };
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
  if (!state.me || !uploads.includes(u)) return;
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
      failed && u.error ? h('p', { class: 'upload-error', role: 'alert' }, u.error.code ? codeMessage(u.error) : u.error.message) : null),
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

export { viewUpload, uploads };
