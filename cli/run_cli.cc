#include "run_cli.h"

#include <cstdlib>
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "commands.h"
#include "naskah/extract/extractor.h"

namespace naskah {

int run_cli(int argc, char** argv) {
  // Tesseract must use one thread per engine: we run one engine per worker ourselves.
  // libgomp reads this as it loads, which happens with the OCR plugin, after this line.
  ::setenv("OMP_THREAD_LIMIT", "1", 1);
  cli::start_logging("info");
  extract::route_library_logs();

  CLI::App app("naskah: archive, read and search scanned cooperation agreements "
               "(MoU, PKS, addenda)",
               "naskah");
  app.require_subcommand(1);
  app.set_version_flag("--version", "naskah 0.1.0");
  cli::Globals globals;
  globals.add_to(app);
  int exit_code = cli::k_ok;
  cli::add_extract(app, globals, exit_code);
  cli::add_ingest(app, globals, exit_code);
  cli::add_search(app, globals, exit_code);
  cli::add_reindex(app, globals, exit_code);
  cli::add_compact(app, globals, exit_code);
  cli::add_report(app, globals, exit_code);
  cli::add_remind(app, globals, exit_code);
  cli::add_watch(app, globals, exit_code);
  cli::add_fetch(app, globals, exit_code);
  cli::add_worker(app, globals, exit_code);
  cli::add_serve(app, globals, exit_code);
  cli::add_user(app, globals, exit_code);
  cli::add_audit(app, globals, exit_code);
  cli::add_correct(app, globals, exit_code);
  cli::add_config(app, globals, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int printed = app.exit(e);
    return printed == 0 ? cli::k_ok : cli::k_usage;
  } catch (const std::exception& e) {
    std::cerr << "naskah: internal error: " << e.what() << '\n';
    return cli::k_failure;
  }
  return exit_code;
}

}  // namespace naskah
