#include "naskah/index/shards.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "naskah/core/warnings.h"
#include "naskah/index/store.h"
#include "naskah/index/synonyms.h"

namespace naskah::index {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view k_tcp = "tcp://";

// The synonyms every shard was indexed with, for a query parser that cannot read them from
// remote shards. Xapian's in-memory backend keeps no synonyms either, so this is a small
// on-disk database in a temporary folder, removed once open (the open files stay readable).
Xapian::Database synonyms_database() {
  std::string folder = (fs::temp_directory_path() / "naskah-synonyms-XXXXXX").string();
  if (::mkdtemp(folder.data()) == nullptr) {
    throw Xapian::DatabaseCreateError("cannot create a temporary folder for the synonyms");
  }
  try {
    Xapian::WritableDatabase writable(folder, Xapian::DB_CREATE_OR_OVERWRITE);
    add_synonyms(writable, builtin_synonyms());
    writable.commit();
    writable.close();
    Xapian::Database db(folder);
    db.synonym_keys_begin();  // opens the synonym table's file before it is removed
    std::error_code ec;
    fs::remove_all(folder, ec);
    return db;
  } catch (...) {
    std::error_code ec;
    fs::remove_all(folder, ec);
    throw;
  }
}

std::string describe(const Xapian::Error& e) {
  std::string text = e.get_msg();
  if (!e.get_context().empty()) text += " (" + e.get_context() + ")";
  if (e.get_error_string() != nullptr) text += std::string(": ") + e.get_error_string();
  return text;
}

}  // namespace

std::optional<RemoteAddress> parse_remote(const std::string& shard) {
  if (!shard.starts_with(k_tcp)) return std::nullopt;
  const std::string rest = shard.substr(k_tcp.size());
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  RemoteAddress address;
  address.host = rest.substr(0, colon);
  if (address.host.size() > 2 && address.host.front() == '[' && address.host.back() == ']') {
    address.host = address.host.substr(1, address.host.size() - 2);  // [::1]
  }
  const std::string port = rest.substr(colon + 1);
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), address.port);
  if (ec != std::errc() || end != port.data() + port.size() || address.port == 0 ||
      address.port > 65535) {
    return std::nullopt;
  }
  return address;
}

Result<void> check_shards(const std::vector<std::string>& shards) {
  std::set<std::string> seen;
  for (const std::string& shard : shards) {
    if (shard.empty()) return fail(codes::k_usage_invalid, "a shard is an empty text");
    if (shard.starts_with(k_tcp) && !parse_remote(shard)) {
      return fail(codes::k_usage_invalid,
                  "a remote shard is written tcp://HOST:PORT (xapian-tcpsrv's address); got '" +
                      shard + "'");
    }
    if (!seen.insert(shard).second) {
      return fail(codes::k_usage_invalid, "the shard '" + shard + "' is listed twice");
    }
  }
  return {};
}

ShardSet::ShardSet(std::vector<std::string> shards, ShardOptions options) : m_options(options) {
  for (std::string& spec : shards) {
    Shard shard;
    shard.remote = parse_remote(spec);
    m_any_remote = m_any_remote || shard.remote.has_value();
    shard.spec = std::move(spec);
    m_shards.push_back(std::move(shard));
  }
}

Result<void> ShardSet::open(Shard& shard) {
  if (shard.remote) {
    try {
      const auto ms = static_cast<unsigned>(m_options.timeout.count());
      shard.db =
          Xapian::Remote::open(shard.remote->host, shard.remote->port, ms, std::min(ms, 5000U));
      return {};
    } catch (const Xapian::Error& e) {
      return fail(codes::k_index_unavailable, "the shard did not answer: " + describe(e),
                  shard.spec);
    }
  }
  if (is_index_folder(shard.spec)) {
    shard.generation = live_generation(shard.spec);
    auto db = open_for_search(shard.spec);
    if (!db) return tl::unexpected(db.error());
    shard.db = std::move(*db);
    return {};
  }
  std::error_code ec;
  if (m_shards.size() == 1 && !fs::exists(shard.spec, ec)) {
    // The data folder's own index before the first ingest.
    return fail(codes::k_index_missing,
                "nothing has been indexed yet; add documents with naskah ingest", shard.spec);
  }
  try {
    shard.db = Xapian::Database(shard.spec);
    return {};
  } catch (const Xapian::Error& e) {
    return fail(codes::k_index_unavailable, "the shard could not be opened: " + describe(e),
                shard.spec);
  }
}

Result<Xapian::Database*> ShardSet::database() {
  const auto now = std::chrono::steady_clock::now();
  bool changed = m_combined.size() == 0;
  std::optional<Error> last_error;
  m_warnings.clear();
  for (Shard& shard : m_shards) {
    if (shard.db && !shard.generation.empty() && live_generation(shard.spec) != shard.generation) {
      shard.db.reset();  // a reindex swapped in a new generation; reopen() keeps the old
    }
    if (shard.db) {
      try {
        shard.db->reopen();  // the latest commit (cheap when there is none)
        continue;
      } catch (const Xapian::NetworkError& e) {
        shard.db.reset();
        shard.error = "the shard stopped answering: " + describe(e);
        shard.retry_at = now;  // try once more at once: it may have restarted
        spdlog::warn("shard {} {}", shard.spec, shard.error);
      }
    }
    changed = true;
    if (!shard.remote || shard.error.empty() || now >= shard.retry_at) {
      auto opened = open(shard);
      if (opened) {
        if (!shard.error.empty()) spdlog::info("shard {} answers again", shard.spec);
        shard.error.clear();
        continue;
      }
      if (shard.error.empty()) {
        // Logged once per outage (the CLI's only word on it); each answer carries it too.
        spdlog::warn("shard {} left out, results are partial: {}", shard.spec,
                     opened.error().message);
      }
      last_error = opened.error();
      shard.error = opened.error().message;
      shard.retry_at = now + m_options.retry;
    }
    m_warnings.push_back(
        warning_text(warning::k_shard_left_out, {{"shard", shard.spec}, {"why", shard.error}}));
  }
  if (changed) combine();
  if (m_combined.size() == 0) {
    m_warnings.clear();
    if (m_shards.size() == 1 && last_error) return tl::unexpected(*last_error);
    std::string why;
    for (const Shard& shard : m_shards) why += "; " + shard.spec + ": " + shard.error;
    return fail(codes::k_index_unavailable,
                "none of the " + std::to_string(m_shards.size()) + " shards can be searched" + why);
  }
  return &m_combined;
}

void ShardSet::combine() {
  m_combined = Xapian::Database();
  m_open.clear();
  Xapian::Database local;
  for (const Shard& shard : m_shards) {
    if (!shard.db) continue;
    m_combined.add_database(*shard.db);
    m_open.push_back(*shard.db);
    if (!shard.remote) local.add_database(*shard.db);
  }
  if (!m_any_remote) {
    m_vocabulary = m_combined;
    return;
  }
  if (!m_synonyms) m_synonyms = synonyms_database();  // not shared: Xapian objects are per thread
  local.add_database(*m_synonyms);
  m_vocabulary = local;
}

std::string ShardSet::state() const {
  std::string state;
  for (const Shard& shard : m_shards) {
    if (!state.empty()) state += '|';
    if (!shard.db) {
      state += "down";
    } else if (shard.remote) {
      // The remote backend gives no revision: what it does give changes with any commit
      // that adds, removes or replaces documents.
      state += shard.db->get_uuid() + ":" + std::to_string(shard.db->get_doccount()) + ":" +
               std::to_string(shard.db->get_lastdocid()) + ":" +
               std::to_string(shard.db->get_total_length());
    } else {
      state += fs::path(shard.generation).filename().string() + ":" +
               std::to_string(shard.db->get_revision());
    }
  }
  return state;
}

void ShardSet::reconnect() {
  for (Shard& shard : m_shards) {
    if (shard.remote) shard.db.reset();
  }
  m_combined = Xapian::Database();
  m_open.clear();
}

void ShardSet::reset() {
  for (Shard& shard : m_shards) shard.db.reset();
  m_combined = Xapian::Database();
  m_open.clear();
}

}  // namespace naskah::index
