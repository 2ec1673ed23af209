#include "naskah/core/audit.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

#include "naskah/core/clock.h"
#include "naskah/core/csv.h"
#include "naskah/core/file.h"
#include "naskah/core/sha256.h"

namespace naskah {
namespace fs = std::filesystem;
namespace {

using ordered_json = nlohmann::ordered_json;

constexpr const char* k_prefix = "audit-";
constexpr const char* k_suffix = ".jsonl";
constexpr const char* k_head = "head";
const std::string k_genesis(64, '0');  // the "prev" of the very first line
// Each line ends so: ,"hash":"<64 hex>"}
constexpr std::size_t k_hash_tail = 9 + 64 + 2;

struct Link {
  std::uint64_t seq = 0;
  std::string hash = k_genesis;
};

tl::unexpected<Error> audit_error(const std::string& where, const char* doing) {
  return fail(codes::k_io_write,
              std::string("the audit log cannot be written (") + doing + "): " +
                  std::strerror(errno) + "; check that the data folder is writable and not full",
              where);
}

// A member as text: strings as they are, anything else as JSON.
std::string text_of(const ordered_json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end()) return {};
  return it->is_string() ? it->get<std::string>() : it->dump();
}

// The month files, oldest first.
std::vector<std::string> month_files(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(k_prefix) && name.ends_with(k_suffix)) files.push_back(name);
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The text a line's hash covers: the line without its hash member.
std::optional<std::string> hashed_text(const std::string& line) {
  if (line.size() < k_hash_tail + 2 || !line.ends_with("\"}")) return std::nullopt;
  if (line.compare(line.size() - k_hash_tail, 9, ",\"hash\":\"") != 0) return std::nullopt;
  return line.substr(0, line.size() - k_hash_tail) + "}";
}

std::string hash_of(const std::string& prev, const std::string& text) {
  return sha256_hex(prev + "\n" + text);
}

// The last line of `path` (without its newline), read from the end; "" when empty.
std::string last_line(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return {};
  const std::streamoff size = in.tellg();
  for (std::streamoff chunk = 4096;; chunk *= 4) {
    const std::streamoff from = std::max<std::streamoff>(0, size - chunk);
    std::string tail(static_cast<std::size_t>(size - from), '\0');
    in.seekg(from);
    in.read(tail.data(), static_cast<std::streamsize>(tail.size()));
    while (!tail.empty() && tail.back() == '\n') tail.pop_back();
    const auto newline = tail.rfind('\n');
    if (newline != std::string::npos) return tail.substr(newline + 1);
    if (from == 0) return tail;
  }
}

std::optional<Link> link_of(const std::string& line) {
  const auto j = nlohmann::json::parse(line, nullptr, false);
  if (!j.is_object() || !j.contains("seq") || !j["seq"].is_number_unsigned() ||
      !j.contains("hash") || !j["hash"].is_string()) {
    return std::nullopt;
  }
  return Link{j["seq"].get<std::uint64_t>(), j["hash"].get<std::string>()};
}

std::optional<Link> read_head(const std::string& dir) {
  std::ifstream in(dir + "/" + k_head);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.empty()) return std::nullopt;
  return link_of(text);
}

// An exclusive lock on DATA/audit/.lock for one append.
class FolderLock {
 public:
  explicit FolderLock(const std::string& dir)
      : m_fd(::open((dir + "/.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640)) {
    if (m_fd >= 0) {
      while (::flock(m_fd, LOCK_EX) != 0 && errno == EINTR) {
      }
    }
  }
  ~FolderLock() {
    if (m_fd >= 0) ::close(m_fd);
  }
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;
  [[nodiscard]] bool held() const { return m_fd >= 0; }

 private:
  int m_fd;
};

}  // namespace

AuditLog::AuditLog(std::string dir) : m_dir(std::move(dir)) {}

Result<void> AuditLog::append(const AuditEvent& event) {
  const std::lock_guard guard(m_mutex);
  std::error_code ec;
  fs::create_directories(m_dir, ec);
  if (ec) return fail(codes::k_io_write, "cannot create the audit folder: " + ec.message(), m_dir);
  const FolderLock lock(m_dir);
  if (!lock.held()) return audit_error(m_dir + "/.lock", "locking");

  // The chain goes on from the last line written, or from `head` when lines were cut off
  // the end: the gap then stays visible to verify().
  Link last;
  const auto files = month_files(m_dir);
  if (!files.empty()) {
    if (auto link = link_of(last_line(m_dir + "/" + files.back()))) last = *link;
  }
  if (const auto head = read_head(m_dir); head && head->seq > last.seq) last = *head;

  const std::string time = utc_now_iso();
  ordered_json line = {{"seq", last.seq + 1},      {"time", time},
                       {"action", event.action},   {"who", event.who},
                       {"subject", event.subject}, {"address", event.address},
                       {"details", event.details}, {"prev", last.hash}};
  const std::string text = line.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
  const std::string hash = hash_of(last.hash, text);
  const std::string stored = text.substr(0, text.size() - 1) + ",\"hash\":\"" + hash + "\"}";
  const std::string file = m_dir + "/" + k_prefix + time.substr(0, 7) + k_suffix;
  if (auto written = append_line(file, stored); !written) return written;
  return write_file_atomic(m_dir + "/" + k_head,
                           ordered_json{{"seq", last.seq + 1}, {"hash", hash}}.dump() + "\n");
}

Result<std::vector<ordered_json>> AuditLog::read(const AuditQuery& query) const {
  const std::string& since = query.since;
  std::vector<ordered_json> out;
  for (const std::string& name : month_files(m_dir)) {
    // audit-YYYY-MM.jsonl: skip whole months before `since`.
    if (!since.empty() && name.substr(6, 7) < since.substr(0, 7)) continue;
    std::ifstream in(m_dir + "/" + name);
    if (!in)
      return fail(codes::k_input_unreadable, "cannot read the audit log", m_dir + "/" + name);
    std::string line;
    while (std::getline(in, line)) {
      auto j = ordered_json::parse(line, nullptr, false);
      if (!j.is_object()) continue;  // verify() reports it
      if (!since.empty() && text_of(j, "time") < since) continue;
      if (!query.action.empty() && text_of(j, "action") != query.action) continue;
      if (!query.who.empty() && text_of(j, "who") != query.who) continue;
      out.push_back(std::move(j));
    }
  }
  return out;
}

std::string audit_csv(const std::vector<ordered_json>& lines) {
  std::string csv = "seq,time,action,who,subject,address,details\n";
  for (const auto& e : lines) {
    csv += text_of(e, "seq") + ',' + text_of(e, "time");
    for (const char* key : {"action", "who", "subject", "address", "details"}) {
      csv += ',' + csv_field(text_of(e, key));
    }
    csv += '\n';
  }
  return csv;
}

Result<AuditCheck> AuditLog::verify() const {
  AuditCheck check;
  Link expected;  // what the next line must carry as seq - 1 and prev
  std::string last_file;
  std::uint64_t last_file_lines = 0;
  auto bad = [&](const std::string& file, std::uint64_t line, std::string reason) {
    check.intact = false;
    check.file = file;
    check.line = line;
    check.reason = std::move(reason);
    return check;
  };
  for (const std::string& name : month_files(m_dir)) {
    const std::string path = m_dir + "/" + name;
    std::ifstream in(path);
    if (!in) return fail(codes::k_input_unreadable, "cannot read the audit log", path);
    last_file = path;
    std::string line;
    std::uint64_t number = 0;
    last_file_lines = 0;
    while (std::getline(in, line)) {
      ++number;
      ++check.lines;
      const auto link = link_of(line);
      const auto text = hashed_text(line);
      if (!link || !text) return bad(path, number, "not a line of the audit log");
      const auto j = nlohmann::json::parse(line);
      if (j.value("prev", "") != expected.hash || link->seq != expected.seq + 1) {
        return bad(path, number,
                   "does not follow the line before it: line " + std::to_string(expected.seq + 1) +
                       " of the log was removed or changed");
      }
      if (hash_of(expected.hash, *text) != link->hash) {
        return bad(path, number, "was changed after it was written");
      }
      expected = *link;
      last_file_lines = number;
    }
  }
  const auto head = read_head(m_dir);
  if (!head && expected.seq > 0) {
    return bad(m_dir + "/" + k_head, 0, "the head file is missing");
  }
  // One line past the head: an append stopped between its line and the head (a crash).
  if (head && !(head->seq == expected.seq && head->hash == expected.hash) &&
      !(head->seq + 1 == expected.seq)) {
    if (head->seq > expected.seq) {
      return bad(last_file.empty() ? m_dir : last_file, last_file_lines + 1,
                 "is missing: the log ends at line " + std::to_string(expected.seq) + " but " +
                     std::to_string(head->seq) + " were written");
    }
    return bad(m_dir + "/" + k_head, 0, "does not match the last line of the log");
  }
  return check;
}

std::string command_line_user() {
  if (const passwd* pw = ::getpwuid(::geteuid()); pw != nullptr && pw->pw_name != nullptr) {
    return std::string("cli:") + pw->pw_name;
  }
  return "cli:" + std::to_string(::geteuid());
}

}  // namespace naskah
