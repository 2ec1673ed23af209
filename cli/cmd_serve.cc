// naskah serve: the web UI and JSON API (web/server.h), wired to the archive for records
// and originals, to worker processes for page images, and running the inbox watcher in the
// same process (unless --no-watch, or while a `naskah watch` runs) so that uploads become
// searchable without a second daemon.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "commands.h"
#include "naskah/core/file.h"
#include "naskah/core/sha256.h"
#include "naskah/extract/extractor.h"
#include "naskah/ingest/archive.h"
#include "naskah/ingest/corrections.h"
#include "naskah/ingest/pipeline.h"
#include "naskah/ingest/quarantine.h"
#include "naskah/ingest/watcher.h"
#include "naskah/ingest/worker.h"
#include "naskah/web/server.h"
#include "options.h"
#include "signals.h"

namespace naskah::cli {
namespace {

namespace fs = std::filesystem;

struct ServeArgs {
  std::string listen;
  bool watch = true;
};

// The pipeline's counters for /metrics, kept by the in-process watcher (--watch).
struct PipelineCounters {
  std::mutex mutex;
  web::PipelineFigures figures;  // inbox_files is counted when asked
};

web::Services services_for(const config::Settings& settings,
                           std::shared_ptr<PipelineCounters> counters) {
  auto archive = std::make_shared<ingest::Archive>(DataDir{settings.data_dir}.archive());
  const std::string failed = DataDir{settings.data_dir}.failed();
  const std::vector<std::string> inboxes = ingest::inboxes_of(watch_options(settings));
  const std::uint64_t max_bytes = mebibytes(settings.limits.max_file_mb);
  const extract::Options extract = extract_options(settings);
  web::Services s;
  s.load_record = [archive](const std::string& id) -> Result<nlohmann::json> {
    if (!archive->has_record(id)) return fail("agreement.unknown", "There is no such agreement.");
    auto stored = archive->load_effective(id);
    if (!stored) return tl::unexpected(stored.error());
    return nlohmann::json(to_json(stored->record, true));
  };
  s.original = [archive](const std::string& id) -> Result<web::StoredFile> {
    auto path = archive->original_path(id);
    auto stored = archive->load(id);
    if (!path || !stored) return fail("agreement.unknown", "There is no such agreement.");
    const std::string given = fs::path(stored->record.source.path).filename().string();
    return web::StoredFile{*path, stored->record.source.mime,
                           given.empty() ? fs::path(*path).filename().string() : given};
  };
  // Page images are drawn in worker processes, like extraction: a page built to attack
  // readers costs a worker (killed at its time or memory limit), not the server.
  ingest::WorkerLimits limits;
  limits.memory_bytes = mebibytes(settings.web.render_memory_mb);
  limits.cpu_per_file = std::chrono::seconds(settings.web.render_timeout_seconds);
  limits.wall_per_file = std::chrono::seconds(settings.web.render_timeout_seconds);
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto drawers = std::make_shared<ingest::WorkerPool>(
      settings.web.render_workers > 0 ? settings.web.render_workers : std::max(2, cores),
      std::vector<std::string>{"/proc/self/exe", "worker"}, extract, limits);
  s.page_rotation = [archive](const std::string& id, int page) {
    auto stored = archive->load(id);
    if (!stored) return 0;
    const std::vector<int>& turned = stored->record.page_rotations;
    return page >= 1 && static_cast<std::size_t>(page) <= turned.size()
               ? turned[static_cast<std::size_t>(page) - 1]
               : 0;
  };
  s.render_page = [archive, drawers, max_bytes](const std::string& id, int page, int dpi,
                                                int rotation) -> Result<std::string> {
    auto path = archive->original_path(id);
    if (!path) return fail("agreement.unknown", "There is no such agreement.");
    auto bytes = read_file(*path, max_bytes);
    if (!bytes) return tl::unexpected(bytes.error());
    return drawers->render(*bytes, page - 1, dpi, rotation);
  };
  s.drop_upload = [inbox = inboxes.front(), data = DataDir{settings.data_dir}](
                      std::string_view bytes, const std::string& given,
                      const std::string& extension, const std::string& who) -> Result<std::string> {
    // Noted first: the watcher may take the file the moment it is in the inbox.
    if (auto noted = ingest::note_upload(data, sha256_hex(bytes), who, given); !noted) {
      return tl::unexpected(noted.error());
    }
    return ingest::drop_into(inbox, bytes, given, extension);
  };
  s.correct = [data = DataDir{settings.data_dir},
               lock_timeout = std::chrono::seconds(settings.index.lock_timeout_seconds)](
                  const std::string& id, const nlohmann::json& changes, const std::string& who,
                  const std::string& reason) -> Result<nlohmann::json> {
    ingest::CorrectionRequest request{id, {}, who, reason};
    for (const auto& [field, value] : changes.items()) request.changes.emplace_back(field, value);
    auto record = ingest::correct(data, request, lock_timeout);
    if (!record) return tl::unexpected(record.error());
    return nlohmann::json(to_json(*record, false));
  };
  s.history = [data = DataDir{settings.data_dir}](const std::string& id) -> Result<nlohmann::json> {
    if (!ingest::Archive(data.archive()).has_record(id)) {
      return fail("agreement.unknown", "There is no such agreement.");
    }
    auto history = ingest::history(data, id);
    if (!history) return tl::unexpected(history.error());
    return nlohmann::json(*history);
  };
  s.upload_state = [archive, failed](const std::string& sha) {
    if (archive->has_record(sha)) return web::UploadState{"archived", std::nullopt, {}};
    if (auto report = ingest::find_refusal(failed, sha)) {
      const nlohmann::json& message = (*report)["message"];
      return web::UploadState{
          "refused",
          Error{report->value("code", "refused"), message.value("en", ""), {}},
          message.value("id", "")};
    }
    return web::UploadState{"queued", std::nullopt, {}};
  };
  s.pipeline_figures = [counters, inboxes] {
    web::PipelineFigures figures;
    {
      const std::lock_guard lock(counters->mutex);
      figures = counters->figures;
    }
    for (const std::string& inbox : inboxes) {
      std::error_code ec;
      if (fs::is_directory(inbox, ec)) figures.inbox_files += ingest::collect_files({inbox}).size();
    }
    return figures;
  };
  return s;
}

Result<std::pair<std::string, int>> parse_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  int port = -1;
  if (colon != std::string::npos) {
    try {
      port = std::stoi(listen.substr(colon + 1));
    } catch (const std::exception&) {
      port = -1;
    }
  }
  if (colon == std::string::npos || colon == 0 || port < 0 || port > 65535) {
    return fail(codes::k_usage_invalid, "--listen wants HOST:PORT, e.g. 127.0.0.1:8080");
  }
  return std::pair{listen.substr(0, colon), port};
}

int run_serve(const ServeArgs& args, Globals& globals) {
  auto config = globals.load();
  if (!config) return report_error(config.error(), false, "configuration");
  const config::Settings& settings = config->settings();
  auto address = parse_listen(args.listen.empty() ? settings.web.listen : args.listen);
  if (!address) return report_error(address.error(), false, "serve");
  if (auto shards = search_shards(settings); !shards) {
    return report_error(shards.error(), false, "configuration");
  }
  web::ServerOptions options = web_options(settings);
  options.host = address->first;
  options.port = address->second;

  auto counters = std::make_shared<PipelineCounters>();
  auto loaded = web::load_server(options, services_for(settings, counters));
  if (!loaded) return report_error(loaded.error(), false, "serve");
  web::Service& server = **loaded;
  if (auto bound = server.bind(); !bound) return report_error(bound.error(), false, "serve");
  install_stop_handlers();
  const std::string scheme = options.cert_file.empty() ? "http" : "https";
  spdlog::info("serving on {}://{}:{}", scheme, options.host, server.port());

  // Uploads are always taken: this process watches the inbox itself, unless a `naskah watch`
  // already does (then it waits to take over when that one stops), or --no-watch.
  std::thread watcher;
  if (args.watch) {
    ingest::WatchOptions watch = watch_options(settings);
    watch.ingest.worker_command = {"/proc/self/exe", "worker"};
    watch.on_file = [counters](const ingest::FileResult& result) {
      const std::lock_guard lock(counters->mutex);
      ++counters->figures.files[ingest::to_string(result.outcome)];
      counters->figures.extract_seconds += result.seconds;
    };
    watcher = std::thread([watch] {
      if (auto stats = ingest::watch(watch, stop_requested()); !stats) {
        spdlog::error("watch: {}; uploads wait in the inbox until a `naskah watch` runs",
                      stats.error().message);
      }
    });
  }
  std::thread stopper([&server] {
    while (!stop_requested()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.stop();
  });
  server.run();
  request_stop();
  stopper.join();
  if (watcher.joinable()) watcher.join();
  spdlog::info("stopped");
  return k_ok;
}

}  // namespace

void add_serve(CLI::App& app, Globals& globals, int& exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "web UI and JSON API for staff (default 127.0.0.1:8080); sign-in needed "
               "(naskah user add)");
  globals.add_to(*cmd);
  cmd->add_option("--listen", args->listen, "HOST:PORT to listen on (default: web.listen)");
  cmd->add_flag("--watch,!--no-watch", args->watch,
                "take the inbox in this process too (the default): uploads become searchable "
                "without a separate `naskah watch`; with one running, this waits to take over "
                "when it stops");
  cmd->callback([args, &globals, &exit_code] { exit_code = run_serve(*args, globals); });
}

}  // namespace naskah::cli
