// naskah extract FILE [--json] [--text]: one file -> its agreement record, no index touched.
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <sys/time.h>
#include <unistd.h>

#include "commands.h"
#include "naskah/core/file.h"
#include "naskah/extract/extractor.h"
#include "naskah/extract/record_builder.h"
#include "options.h"

namespace naskah::cli {
namespace {

struct ExtractArgs {
  std::string file;
  bool json = false;
  bool text = false;
  int workers = -1;
};

// A last line of defence for the per-document time limit: Tesseract honours it itself,
// but a page that hangs inside Poppler cannot be interrupted, so the process ends. A timer
// signal, not a thread: starting and waking a second thread costs more than a small text
// PDF takes to read. One per process (SIGALRM is the process's).
class Watchdog {
 public:
  Watchdog(std::chrono::milliseconds limit, bool json) {
    const Error error{codes::k_extract_timeout,
                      "reading this document took longer than the time limit; it may be "
                      "damaged. Split it, or raise limits.timeout_seconds", "watchdog"};
    const ErrorReport report = error_report(error, json, "");
    s_report = report.text;  // formatted now: the handler may only write and exit
    s_fd = report.to_stdout ? STDOUT_FILENO : STDERR_FILENO;
    s_exit_code = report.exit_code;
    struct sigaction action {};
    action.sa_handler = &expired;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGALRM, &action, &m_previous);
    itimerval timer{};
    timer.it_value.tv_sec = static_cast<time_t>(limit.count() / 1000);
    timer.it_value.tv_usec = static_cast<suseconds_t>(limit.count() % 1000 * 1000);
    ::setitimer(ITIMER_REAL, &timer, nullptr);
  }
  ~Watchdog() {
    const itimerval off{};
    ::setitimer(ITIMER_REAL, &off, nullptr);
    ::sigaction(SIGALRM, &m_previous, nullptr);
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

 private:
  static void expired(int /*signal*/) {
    // Nothing was printed on stdout yet: the record comes after the extraction.
    const char* text = s_report.data();
    std::size_t left = s_report.size();
    while (left > 0) {
      const ssize_t written = ::write(s_fd, text, left);
      if (written <= 0) break;
      text += written;
      left -= static_cast<std::size_t>(written);
    }
    ::_exit(s_exit_code);
  }

  static inline std::string s_report;
  static inline int s_fd = STDERR_FILENO;
  static inline int s_exit_code = k_refused;
  struct sigaction m_previous {};
};

void print_summary(const AgreementRecord& record, double seconds) {
  std::cout << "file:           " << record.source.path << '\n'
            << "type:           " << record.source.mime << '\n'
            << "pages:          " << record.pages << '\n'
            << "text source:    " << to_string(record.text_source) << '\n'
            << "OCR confidence: "
            << (record.ocr_confidence ? std::to_string(*record.ocr_confidence).substr(0, 4) : "-")
            << '\n'
            << "language:       " << record.language.value_or("-") << '\n'
            << "sha256:         " << record.sha256 << '\n'
            << "seconds:        " << seconds << '\n';
  for (const std::string& warning : record.warnings) std::cout << "warning:        " << warning << '\n';
}

int run_extract(const ExtractArgs& args, Globals& globals) {
  if (args.workers >= 0) globals.flags["extract.workers"] = std::to_string(args.workers);
  auto config = globals.load();
  if (!config) return report_error(config.error(), args.json, "configuration");
  const auto& settings = config->settings();
  const auto started = std::chrono::steady_clock::now();

  auto bytes = read_file(args.file, mebibytes(settings.limits.max_file_mb));
  if (!bytes) return report_error(bytes.error(), args.json, args.file);
  const extract::Options options = extract_options(settings);
  Result<extract::Extraction> extraction = fail(codes::k_internal, "not run");
  {
    Watchdog watchdog(options.timeout + std::chrono::seconds(30), args.json);
    extract::Extractor extractor(options);
    extraction = extractor.extract(*bytes);
  }
  if (!extraction) return report_error(extraction.error(), args.json, args.file);
  const AgreementRecord record = extract::build_record(*extraction, *bytes, args.file);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::debug("{}: {} pages, {}, {:.2f} s", args.file, record.pages,
                to_string(record.text_source), seconds);
  if (args.json) {
    std::cout << to_json(record, args.text).dump(2) << '\n';
  } else {
    print_summary(record, seconds);
    if (args.text) std::cout << '\n' << record.text << '\n';
  }
  return k_ok;
}

}  // namespace

void add_extract(CLI::App& app, Globals& globals, int& exit_code) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* cmd = app.add_subcommand(
      "extract", "read one file (PDF, TIFF, PNG, JPEG) and print its agreement record; "
                 "touches no index");
  globals.add_to(*cmd);
  cmd->add_option("FILE", args->file, "the file to read")->required();
  cmd->add_flag("--json", args->json, "print the record as JSON (CONTRACT.md)");
  cmd->add_flag("--text", args->text, "include the full text of every page");
  cmd->add_option("--workers", args->workers, "OCR threads (default: one per core)")
      ->check(CLI::Range(0, 256));
  cmd->callback([args, &globals, &exit_code] { exit_code = run_extract(*args, globals); });
}

}  // namespace naskah::cli
