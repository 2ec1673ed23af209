// A run of `naskah remind`: lock, read what was sent, plan, send each digest, record it.
#include "naskah/remind/remind.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/file.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "naskah/core/audit.h"
#include "naskah/core/clock.h"
#include "naskah/core/file.h"

namespace naskah::remind {
namespace {

constexpr const char* k_state_name = "state.json";
// Reminders about periods that ended this long ago are forgotten: the state stays small.
constexpr int k_forget_after_days = 400;

Result<State> load_state(const std::string& dir) {
  const std::string path = dir + "/" + k_state_name;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return State{};
  auto text = read_file(path, 64ULL << 20);
  if (!text) return tl::unexpected(text.error());
  const auto json = nlohmann::json::parse(*text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return fail(codes::k_remind_state_damaged,
                "the reminder state is not JSON; move it aside to start afresh (reminders already "
                "sent would be sent again)",
                path);
  }
  // Only what has the right shape is kept: a hand-edited entry of another shape is dropped
  // (its reminders may go once more) rather than stop every send being recorded.
  State state;
  if (json.contains("sent") && json["sent"].is_object()) {
    for (const auto& [channel, keys] : json["sent"].items()) {
      if (!keys.is_object()) continue;
      for (const auto& [key, when] : keys.items()) {
        if (when.is_string()) state.sent[channel][key] = when;
      }
    }
  }
  if (json.contains("last_run") && json["last_run"].is_object()) {
    for (const auto& [channel, when] : json["last_run"].items()) {
      if (when.is_string()) state.last_run[channel] = when;
    }
  }
  return state;
}

Result<void> save_state(const std::string& dir, State state, const std::string& today) {
  // Keys are "<id>|<end>|<window>": those whose end is long gone are dropped.
  const std::string horizon = add_days(today, -k_forget_after_days);
  for (auto& [channel, keys] : state.sent.items()) {
    for (auto it = keys.begin(); it != keys.end();) {
      const std::string& key = it.key();
      const auto first = key.find('|');
      const std::string end = first == std::string::npos ? "" : key.substr(first + 1, 10);
      it = end < horizon ? keys.erase(it) : std::next(it);
    }
  }
  const nlohmann::json json = {{"sent", state.sent}, {"last_run", state.last_run}};
  return write_file_atomic(dir + "/" + k_state_name, json.dump(1));
}

// One run at a time: the timer's and one started by hand must not both send.
class RunLock {
 public:
  static Result<RunLock> take(const std::string& dir) {
    const std::string path = dir + "/lock";
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
      return fail(codes::k_io_write, std::string("cannot open ") + std::strerror(errno), path);
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd);
      return fail(codes::k_remind_busy,
                  "another naskah remind is running; try again when it is done", path);
    }
    return RunLock(fd);
  }
  RunLock(RunLock&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
  RunLock& operator=(RunLock&&) = delete;
  RunLock(const RunLock&) = delete;
  ~RunLock() {
    if (m_fd >= 0) ::close(m_fd);
  }

 private:
  explicit RunLock(int fd) : m_fd(fd) {}
  int m_fd;
};

Result<void> send(const Digest& d, const Options& options) {
  const Recipient& r = d.recipient;
  if (!r.email.empty()) {
    return send_email(options.smtp, options.ca_file, options.timeout_seconds, r.email, d.subject,
                      d.text);
  }
  return send_webhook(r.webhook, options.ca_file, options.timeout_seconds, d.json.dump());
}

}  // namespace

Result<std::vector<Outcome>> run(search::Searcher& searcher, const Options& options,
                                 AuditLog* audit, std::vector<Digest>* digests) {
  if (options.windows.empty()) return fail(codes::k_usage_invalid, "remind.days is empty");
  const std::string today = options.today.empty() ? today_iso() : options.today;
  if (add_days(today, 0) != today || days_between(today, add_days(today, 1)) != 1) {
    return fail(codes::k_usage_invalid, "today must be a date written 2025-01-31");
  }
  std::optional<RunLock> lock;
  if (!options.dry_run) {
    std::error_code ec;
    std::filesystem::create_directories(options.state_dir, ec);
    if (ec)
      return fail(codes::k_io_write, "cannot make the folder: " + ec.message(), options.state_dir);
    auto taken = RunLock::take(options.state_dir);
    if (!taken) return tl::unexpected(taken.error());
    lock.emplace(std::move(*taken));
  }
  auto state = load_state(options.state_dir);
  if (!state) return tl::unexpected(state.error());
  const int widest = *std::max_element(options.windows.begin(), options.windows.end());
  auto report = search::make_report(searcher, today, widest);
  if (!report) return tl::unexpected(report.error());
  Options dated = options;
  dated.today = today;
  std::vector<Digest> due = plan(*report, *state, dated);

  std::vector<Outcome> outcomes;
  for (const Digest& d : due) {
    Outcome outcome{d.recipient.channel(), d.ending.size(), d.ended.size(), false, std::nullopt};
    if (options.dry_run) {
      outcomes.push_back(std::move(outcome));
      continue;
    }
    if (auto sent = send(d, options); !sent) {
      spdlog::error("reminder to {} not sent: {}", outcome.channel, sent.error().message);
      outcome.error = sent.error();
      outcomes.push_back(std::move(outcome));
      continue;
    }
    outcome.sent = true;
    spdlog::info("reminder sent to {}: {} ending, {} ended", outcome.channel, d.ending.size(),
                 d.ended.size());
    // Recorded at once, so a crash after the save does not send it again. A state that
    // cannot be saved ends the run: what was sent would go again next time, and the same
    // would happen to every further recipient.
    nlohmann::json& keys = state->sent[outcome.channel];
    if (!keys.is_object()) keys = nlohmann::json::object();
    std::vector<std::string> ids;
    for (const auto* list : {&d.ending, &d.ended}) {
      for (const Item& item : *list) {
        keys[reminder_key(item)] = today;
        ids.push_back(item.record.sha256);
      }
    }
    state->last_run[outcome.channel] = today;
    if (auto saved = save_state(options.state_dir, *state, today); !saved) {
      return tl::unexpected(saved.error());
    }
    if (audit != nullptr) {
      AuditEvent event{audit::k_remind, "naskah-remind", outcome.channel, {}, {}};
      event.details = {{"ending", d.ending.size()}, {"ended", d.ended.size()}, {"agreements", ids}};
      if (auto written = audit->append(event); !written) {
        spdlog::error("the audit log could not be written: {}", written.error().message);
      }
    }
    outcomes.push_back(std::move(outcome));
  }
  if (digests != nullptr) *digests = std::move(due);
  return outcomes;
}

}  // namespace naskah::remind
