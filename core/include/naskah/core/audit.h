// The audit log (DATA/audit/): who did what — sign-ins, uploads, views and downloads of an
// agreement, corrections, user and token changes, reindexes. Append-only JSON lines, one file
// per month (audit-2026-12.jsonl), never rewritten:
//
//   {"seq":41,"time":"2026-12-03T10:15:02Z","action":"agreement.view","who":"vera",
//    "subject":"<id>","address":"10.0.0.7","details":{...},"prev":"<hash of line 40>",
//    "hash":"<sha256 of prev and this line without its hash>"}
//
// Each line is chained to the one before it (across months too), so a line edited, removed
// or put in between breaks the chain; `head` (the last line's number and hash, replaced
// atomically after each append) catches lines cut off the end. verify() names the first bad
// line. Thread- and process-safe: appends take a lock file (flock) in the folder.
#pragma once

#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "naskah/core/error.h"

namespace naskah {

// The actions, spelled once: the UI and filters use these names.
namespace audit {
inline constexpr const char* k_sign_in = "auth.sign-in";
inline constexpr const char* k_sign_in_failed = "auth.sign-in-failed";
inline constexpr const char* k_sign_out = "auth.sign-out";
inline constexpr const char* k_upload = "agreement.upload";
inline constexpr const char* k_view = "agreement.view";
inline constexpr const char* k_download = "agreement.download";
inline constexpr const char* k_correct = "agreement.correct";
inline constexpr const char* k_user_change = "user.change";  // details.change: add, passwd...
inline constexpr const char* k_reindex = "index.reindex";
inline constexpr const char* k_remind = "remind.sent";  // subject: the recipient's address
}  // namespace audit

struct AuditEvent {
  std::string action;   // one of audit::
  std::string who;      // a user name; "cli:<login>" for the command line
  std::string subject;  // what it concerns: an agreement id, a user name; may be empty
  std::string address;  // the client's address (web); empty otherwise
  nlohmann::ordered_json details = nlohmann::ordered_json::object();
};

// Which lines to read: from the day `since` (YYYY-MM-DD) on, of one action, by one user;
// empty: any.
struct AuditQuery {
  std::string since;
  std::string action;
  std::string who;
};

struct AuditCheck {
  bool intact = true;
  std::uint64_t lines = 0;  // lines read
  // The first bad line (when not intact): its file, line number in it, and what is wrong.
  std::string file;
  std::uint64_t line = 0;
  std::string reason;
};

class AuditLog {
 public:
  explicit AuditLog(std::string dir);

  // Appends one line, durably (fsync), chained to the last. Fails with io.write.
  [[nodiscard]] Result<void> append(const AuditEvent& event);

  // The lines `query` asks for, oldest first, as written.
  [[nodiscard]] Result<std::vector<nlohmann::ordered_json>> read(
      const AuditQuery& query = {}) const;

  // Walks the whole chain.
  [[nodiscard]] Result<AuditCheck> verify() const;

  [[nodiscard]] const std::string& dir() const { return m_dir; }

 private:
  std::string m_dir;
  std::mutex m_mutex;  // one append at a time in this process (the flock covers others)
};

// `lines` as CSV (core/csv.h) under the header seq,time,action,who,subject,address,details.
[[nodiscard]] std::string audit_csv(const std::vector<nlohmann::ordered_json>& lines);

// `who` for an action taken on the command line: "cli:" and the login name.
[[nodiscard]] std::string command_line_user();

}  // namespace naskah
