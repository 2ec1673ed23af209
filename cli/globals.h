// What every sub-command shares: the global flags, loading the settings they select, and
// logging. Used on the main thread only.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "naskah/config/config.h"
#include "naskah/core/error.h"

namespace CLI {
class App;
}

namespace naskah::cli {

enum ExitCode : int { k_ok = 0, k_failure = 1, k_usage = 2, k_refused = 3 };

struct Globals {
  std::optional<std::string> config_file;
  std::optional<std::string> data_dir;
  bool verbose = false;
  bool quiet = false;
  std::map<std::string, std::string> flags;  // config key -> value, set by sub-commands

  // Adds --config, --data, --verbose and --quiet to `app` (inherited by sub-commands).
  void add_to(CLI::App& app);
  // Settings from defaults, the file, NASKAH_* variables and flags; sets the log level.
  [[nodiscard]] Result<config::Config> load() const;
};

// Logs to stderr through spdlog at `level` ("info", "debug"...).
void start_logging(const std::string& level);
// Also logs to `path`, rotated at `max_mb` MiB keeping `files` old ones (log.file).
void log_to_file(const std::string& path, int max_mb, int files);

// Writes what an operator did on the command line into the data folder's audit log
// (core/audit.h), as "cli:<login>"; a log that cannot be written is a warning.
void audit_cli(const config::Settings& settings, const char* action, const std::string& subject,
               const nlohmann::ordered_json& details);

// Prints `error` for a person on stderr or, with `json`, as CONTRACT JSON on stdout;
// returns the exit code it calls for.
int report_error(const Error& error, bool json, const std::string& subject);

// What report_error prints: the text, and whether it goes to stdout (JSON) or stderr.
struct ErrorReport {
  std::string text;
  bool to_stdout = false;
  int exit_code = 1;
};
[[nodiscard]] ErrorReport error_report(const Error& error, bool json, const std::string& subject);

}  // namespace naskah::cli
