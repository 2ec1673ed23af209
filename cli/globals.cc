#include "globals.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "naskah/core/audit.h"
#include "naskah/core/data_dir.h"

namespace naskah::cli {

void audit_cli(const config::Settings& settings, const char* action, const std::string& subject,
               const nlohmann::ordered_json& details) {
  AuditLog log(DataDir{settings.data_dir}.audit());
  if (auto written = log.append({action, command_line_user(), subject, {}, details}); !written) {
    spdlog::warn("audit log: {}", written.error().message);
  }
}

void Globals::add_to(CLI::App& app) {
  app.add_option("--config", config_file, "settings file (TOML); see config/naskah.example.toml")
      ->check(CLI::ExistingFile)
      ->configurable(false);
  app.add_option("--data", data_dir, "data folder (default ./naskah-data)");
  app.add_flag("-v,--verbose", verbose, "log debug messages");
  app.add_flag("-q,--quiet", quiet, "log errors only");
}

Result<config::Config> Globals::load() const {
  config::Sources sources;
  sources.file = config_file;
  sources.environment = config::environment_variables();
  sources.flags = flags;
  if (data_dir) sources.flags["data_dir"] = *data_dir;
  if (verbose) sources.flags["log.level"] = "debug";
  if (quiet) sources.flags["log.level"] = "error";
  auto loaded = config::Config::load(sources);
  if (loaded) {
    start_logging(loaded->settings().log_level);
    const config::LogSettings& log = loaded->settings().log;
    if (!log.file.empty()) log_to_file(log.file, log.file_max_mb, log.file_count);
  }
  return loaded;
}

void log_to_file(const std::string& path, int max_mb, int files) {
  static bool added = false;  // once per process
  if (added) return;
  try {
    auto sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
        path, static_cast<std::size_t>(max_mb) * 1024 * 1024, static_cast<std::size_t>(files));
    sink->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l [%P] %v");
    spdlog::default_logger()->sinks().push_back(std::move(sink));
    added = true;
  } catch (const spdlog::spdlog_ex& e) {
    spdlog::warn("cannot log to {}: {}", path, e.what());
  }
}

void start_logging(const std::string& level) {
  auto logger = spdlog::get("naskah");
  if (!logger) {
    logger = spdlog::stderr_color_mt("naskah");
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
    spdlog::set_default_logger(logger);
  }
  spdlog::set_level(spdlog::level::from_str(level));
}

ErrorReport error_report(const Error& error, bool json, const std::string& subject) {
  ErrorReport out;
  if (json) {
    const nlohmann::json body = {{"error", {{"code", error.code}, {"message", error.message}}}};
    out.text = body.dump() + '\n';
    out.to_stdout = true;
  } else {
    out.text = "naskah: " + (subject.empty() ? "" : subject + ": ") + error.message + " [" +
               error.code + "]\n";
  }
  if (error.code == codes::k_config_invalid || error.code == codes::k_usage_invalid) {
    out.exit_code = k_usage;  // the invocation is wrong
  } else {
    out.exit_code = error.is_refusal() ? k_refused : k_failure;
  }
  return out;
}

int report_error(const Error& error, bool json, const std::string& subject) {
  const ErrorReport report = error_report(error, json, subject);
  (report.to_stdout ? std::cout : std::cerr) << report.text;
  return report.exit_code;
}

}  // namespace naskah::cli
