// The data folder's layout (DESIGN.md, "On disk"): every place naskah keeps something in it
// is named once, here, instead of by path arithmetic where it is used. Plain data.
#pragma once

#include <string>

namespace naskah {

struct DataDir {
  std::string root = "./naskah-data";

  // Watched unless [watch] inboxes says otherwise; operators and uploads write here.
  [[nodiscard]] std::string inbox() const { return root + "/inbox"; }
  // Originals and records by sha256: written once, never changed by the pipeline.
  [[nodiscard]] std::string archive() const { return root + "/archive"; }
  // The Xapian generations and the stub naming the live one.
  [[nodiscard]] std::string index() const { return root + "/index"; }
  // Refused inputs, moved out of the inbox, each with NAME.error.json.
  [[nodiscard]] std::string failed() const { return root + "/failed"; }
  // Where `naskah fetch` downloads before it ingests.
  [[nodiscard]] std::string fetched() const { return root + "/fetched"; }
  // What each [[fetch.source]] URL last sent (ETag, Last-Modified), for conditional GETs.
  [[nodiscard]] std::string fetch_state() const { return root + "/fetch-state.json"; }
  // Rendered page images for the web UI; may be deleted at any time.
  [[nodiscard]] std::string page_cache() const { return root + "/cache/pages"; }
  // Who uploaded what (<sha256>.json), until the upload is archived: then it is in the
  // record's provenance.
  [[nodiscard]] std::string uploads() const { return root + "/uploads"; }
  // The audit log: who did what (core/audit.h).
  [[nodiscard]] std::string audit() const { return root + "/audit"; }
  // What `naskah remind` sent to whom (remind/remind.h), so nothing is sent twice.
  [[nodiscard]] std::string remind() const { return root + "/remind"; }
  // The web UI's accounts.
  [[nodiscard]] std::string users() const { return root + "/users.json"; }
  // Held (flock) by the one watcher taking this data folder's inboxes: `naskah watch` or
  // `naskah serve`; another waits until it can take over.
  [[nodiscard]] std::string watch_lock() const { return root + "/watch.lock"; }
};

}  // namespace naskah
