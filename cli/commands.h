// The sub-commands, one file each. Each `add_*` registers its sub-command on `app`; the
// callback it installs stores the exit code in `exit_code`.
#pragma once

#include "globals.h"

namespace naskah::cli {

void add_extract(CLI::App& app, Globals& globals, int& exit_code);
void add_config(CLI::App& app, Globals& globals, int& exit_code);
void add_ingest(CLI::App& app, Globals& globals, int& exit_code);
void add_search(CLI::App& app, Globals& globals, int& exit_code);
void add_reindex(CLI::App& app, Globals& globals, int& exit_code);
void add_compact(CLI::App& app, Globals& globals, int& exit_code);
void add_report(CLI::App& app, Globals& globals, int& exit_code);
void add_remind(CLI::App& app, Globals& globals, int& exit_code);
void add_watch(CLI::App& app, Globals& globals, int& exit_code);
void add_fetch(CLI::App& app, Globals& globals, int& exit_code);
void add_worker(CLI::App& app, Globals& globals, int& exit_code);
void add_serve(CLI::App& app, Globals& globals, int& exit_code);
void add_user(CLI::App& app, Globals& globals, int& exit_code);
void add_audit(CLI::App& app, Globals& globals, int& exit_code);
void add_correct(CLI::App& app, Globals& globals, int& exit_code);

}  // namespace naskah::cli
