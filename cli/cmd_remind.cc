// naskah remind: the reminders before agreements end (remind/remind.h), run daily by the
// naskah-remind.timer the package installs.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "commands.h"
#include "naskah/core/audit.h"
#include "naskah/core/data_dir.h"
#include "naskah/core/file.h"
#include "naskah/remind/remind.h"
#include "options.h"

namespace naskah::cli {
namespace {

struct RemindArgs {
  bool dry_run = false;
  std::string today;
  bool json = false;
};

// The settings' [remind] as the module's options; usage.invalid for a wrong one.
Result<remind::Options> remind_options(const config::Settings& settings) {
  const config::RemindSettings& s = settings.remind;
  remind::Options o;
  o.windows.clear();
  for (const std::string& day : s.days) {
    int n = 0;
    try {
      n = std::stoi(day);
    } catch (const std::exception&) {
      n = 0;
    }
    if (n < 1 || n > 3650) {
      return fail(codes::k_usage_invalid,
                  "remind.days holds days before the end, 1 to 3650 each, e.g. [90, 30, 7]; got '" +
                      day + "'");
    }
    o.windows.push_back(n);
  }
  o.base_url = s.base_url;
  o.smtp.url = s.smtp_url;
  o.smtp.starttls = s.smtp_security == "starttls";
  o.smtp.user = s.smtp_user;
  o.smtp.from = s.smtp_from;
  if (!s.smtp_password_file.empty()) {
    auto password = read_file(s.smtp_password_file, 4096);
    if (!password) return tl::unexpected(password.error());
    while (!password->empty() && (password->back() == '\n' || password->back() == '\r')) {
      password->pop_back();
    }
    o.smtp.password = *password;
  }
  o.ca_file = s.ca_file;
  o.timeout_seconds = s.timeout_seconds;
  for (const config::RemindRecipient& r : s.recipients) {
    o.recipients.push_back({r.name, r.email, r.webhook, r.offices});
  }
  o.state_dir = DataDir{settings.data_dir}.remind();
  return o;
}

nlohmann::ordered_json digest_json(const remind::Digest& d, const remind::Outcome* outcome) {
  nlohmann::ordered_json out = {{"channel", d.recipient.channel()},
                                {"subject", d.subject},
                                {"ending", d.json["ending"]},
                                {"ended", d.json["ended"]}};
  if (outcome != nullptr) {
    out["sent"] = outcome->sent;
    if (outcome->error) {
      out["error"] = {{"code", outcome->error->code}, {"message", outcome->error->message}};
    }
  }
  return out;
}

int run_remind(const RemindArgs& args, Globals& globals) {
  auto config = globals.load();
  if (!config) return report_error(config.error(), args.json, "configuration");
  const auto& settings = config->settings();
  auto options = remind_options(settings);
  if (!options) return report_error(options.error(), args.json, "configuration");
  if (options->recipients.empty()) {
    return report_error(Error{codes::k_usage_invalid,
                              "no one to remind: add [[remind.recipient]] tables (email or "
                              "webhook, and office) to the settings file",
                              {}},
                        args.json, "configuration");
  }
  options->today = args.today;
  options->dry_run = args.dry_run;
  auto shards = search_shards(settings);
  if (!shards) return report_error(shards.error(), args.json, "configuration");
  search::Searcher searcher(std::move(*shards), shard_options(settings));
  AuditLog audit(DataDir{settings.data_dir}.audit());
  std::vector<remind::Digest> digests;
  auto outcomes = remind::run(searcher, *options, &audit, &digests);
  if (!outcomes) return report_error(outcomes.error(), args.json, "remind");
  bool all_sent = true;
  nlohmann::ordered_json listed = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < digests.size(); ++i) {
    const remind::Digest& d = digests[i];
    const remind::Outcome& o = (*outcomes)[i];
    all_sent = all_sent && (args.dry_run || o.sent);
    if (args.json) {
      listed.push_back(digest_json(d, &o));
    } else if (args.dry_run) {
      std::cout << "To: " << o.channel << "\nSubject: " << d.subject << "\n\n" << d.text << "\n";
    } else if (o.sent) {
      std::cout << "sent to " << o.channel << ": " << o.ending << " ending, " << o.ended
                << " ended\n";
    } else {
      std::cout << "NOT sent to " << o.channel
                << " (sent again on the next run): " << (o.error ? o.error->message : "") << "\n";
    }
  }
  if (args.json) {
    std::cout << nlohmann::ordered_json{{"dry_run", args.dry_run}, {"digests", listed}}.dump(2)
              << '\n';
  } else if (digests.empty()) {
    std::cout << "nothing to remind anyone of\n";
  }
  return all_sent ? k_ok : k_failure;
}

}  // namespace

void add_remind(CLI::App& app, Globals& globals, int& exit_code) {
  auto args = std::make_shared<RemindArgs>();
  CLI::App* cmd = app.add_subcommand(
      "remind",
      "send the expiry reminders that are due (e-mail, webhook), each once: what ends "
      "within remind.days and what ended since the last run");
  globals.add_to(*cmd);
  cmd->add_flag("--dry-run", args->dry_run, "show what would be sent; send and record nothing");
  cmd->add_option("--today", args->today, "as of this date (YYYY-MM-DD)");
  cmd->add_flag("--json", args->json, "print the digests and what became of them as JSON");
  cmd->callback([args, &globals, &exit_code] { exit_code = run_remind(*args, globals); });
}

}  // namespace naskah::cli
