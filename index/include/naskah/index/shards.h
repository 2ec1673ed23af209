// Shards (DESIGN.md "Scale"): the databases one search reads as one. A shard is
//
//   an index folder of naskah    /srv/naskah/index    (follows its generations)
//   a Xapian database folder     /srv/shards/part-1   (reindex --out, naskah compact)
//   a remote database            tcp://10.0.0.7:33333 (served by Debian's xapian-tcpsrv)
//
// Xapian combines them: ranking uses the statistics of all, facets count over all. A shard
// that cannot be opened or stops answering is left out, with a warning naming it, and tried
// again after `retry`; the search goes on over the others, so its results are partial but
// never an error while one shard answers.
//
// Xapian 1.4's remote backend serves neither synonyms nor spelling data, so the query parser
// reads them from a vocabulary database: the local shards, plus, when any shard is remote,
// an in-memory database holding the built-in synonyms (index/synonyms.txt) the shards were
// indexed with.
//
// Not thread-safe: one ShardSet per thread.
#pragma once

#include <xapian.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "naskah/core/error.h"

namespace naskah::index {

struct ShardOptions {
  std::chrono::milliseconds timeout{10'000};  // longest wait for a remote shard's answer
  std::chrono::milliseconds retry{10'000};    // a shard left out is tried again after this
};

// "tcp://HOST:PORT" -> {HOST, PORT}; nullopt for anything else (a folder).
struct RemoteAddress {
  std::string host;
  unsigned port = 0;
};
[[nodiscard]] std::optional<RemoteAddress> parse_remote(const std::string& shard);

// Checks a list of shards as given in settings: fails with usage.invalid naming the bad one
// (an empty entry, tcp:// without a valid port, the same shard twice).
[[nodiscard]] Result<void> check_shards(const std::vector<std::string>& shards);

class ShardSet {
 public:
  explicit ShardSet(std::vector<std::string> shards, ShardOptions options = {});

  // Every shard that answers, as one database at its latest revision. Fails when none does:
  // with index.missing when nothing has been indexed yet (a lone index folder), else with
  // index.unavailable (or the one shard's own error).
  [[nodiscard]] Result<Xapian::Database*> database();

  // Synonyms and spelling for the query parser; valid after a database() that succeeded.
  [[nodiscard]] const Xapian::Database& vocabulary() const { return m_vocabulary; }

  // One line per shard left out of the last database(): which, and why. Empty = complete.
  [[nodiscard]] const std::vector<std::string>& warnings() const { return m_warnings; }

  // Text that changes whenever the contents change (a commit, a swapped generation, a
  // shard left out or back): answers computed on one state may be reused until it changes.
  // Call after database().
  [[nodiscard]] std::string state() const;

  // After a Xapian::NetworkError: drops the remote connections, so the next database()
  // connects again and leaves out the shards that do not answer.
  void reconnect();
  // After a DatabaseOpeningError (a generation removed under us): opens everything afresh.
  void reset();

  [[nodiscard]] std::size_t size() const { return m_shards.size(); }

  // Whether any shard is remote: a match spy of our own cannot run there, and Xapian
  // 1.4.22 miscounts its stock spies over a combination in which a remote shard is not the
  // first (counts above the matches; seen in ShardsE2E), so they run shard by shard.
  [[nodiscard]] bool any_remote() const { return m_any_remote; }
  // The shards of the last database(), to run them on.
  [[nodiscard]] const std::vector<Xapian::Database>& open_shards() const { return m_open; }

 private:
  struct Shard {
    std::string spec;  // as given
    std::optional<RemoteAddress> remote;
    std::optional<Xapian::Database> db;
    std::string generation;  // an index folder's live generation when opened
    std::string error;       // why it was left out
    std::chrono::steady_clock::time_point retry_at{};
  };
  [[nodiscard]] Result<void> open(Shard& shard);
  void combine();

  std::vector<Shard> m_shards;
  ShardOptions m_options;
  Xapian::Database m_combined;
  std::vector<Xapian::Database> m_open;  // the shards in m_combined
  Xapian::Database m_vocabulary;
  std::optional<Xapian::Database> m_synonyms;  // with remote shards: the built-in synonyms
  std::vector<std::string> m_warnings;
  bool m_any_remote = false;
};

}  // namespace naskah::index
