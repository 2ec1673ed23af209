// naskah user add|passwd|role|deactivate|activate|del|list|token|revoke-tokens: the people
// and scripts that may use the web UI and API, kept in DATA/users.json. A change to an
// account ends its sessions in a running `naskah serve` at its next request.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "naskah/core/audit.h"
#include "naskah/core/data_dir.h"
#include "naskah/web/auth.h"

namespace naskah::cli {
namespace {

struct UserArgs {
  std::string name;
  std::string role;
  std::string label;
  bool password_stdin = false;
  bool json = false;
};

// Like report_error, but a bad user name or password is a usage error (exit 2).
int report_user_error(const Error& error, bool json, const std::string& subject) {
  const int code = report_error(error, json, subject);
  return error.code == web::codes::k_user_invalid ? k_usage : code;
}

// One line of standard input, without its line ending.
Result<std::string> password_from_stdin() {
  std::string line;
  if (!std::getline(std::cin, line) && line.empty()) {
    return fail(web::codes::k_user_invalid,
                "no password on standard input; pipe it in, e.g. "
                "`printf '%s\\n' \"$PASSWORD\" | naskah user add ...`");
  }
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  return line;
}

int print_users(const std::vector<web::User>& users, bool json) {
  if (json) {
    nlohmann::ordered_json out = {{"users", nlohmann::ordered_json::array()}};
    for (const web::User& u : users) {
      out["users"].push_back({{"name", u.name},
                              {"role", web::role_name(u.role)},
                              {"created", u.created},
                              {"active", u.active}});
    }
    std::cout << out.dump(2) << '\n';
    return k_ok;
  }
  if (users.empty()) {
    std::cout << "no users yet; add one with `naskah user add NAME --role admin "
                 "--password-stdin`\n";
    return k_ok;
  }
  for (const web::User& u : users) {
    std::cout << std::left << std::setw(24) << u.name << std::setw(10) << web::role_name(u.role)
              << u.created << (u.active ? "" : "  (deactivated)") << '\n';
  }
  return k_ok;
}

// Runs sub-command `what` (add, passwd, ...) on the users file; returns the exit code.
int run_user(const std::string& what, const UserArgs& args, const Globals& globals) {
  auto config = globals.load();
  if (!config) return report_user_error(config.error(), args.json, "configuration");
  web::UserStore store(DataDir{config->settings().data_dir}.users());
  const std::string subject = "user " + what;
  // Every change to an account or a token is on the record.
  auto audit_change = [&] {
    nlohmann::ordered_json details = {{"change", what}};
    if (!args.role.empty()) details["role"] = args.role;
    if (!args.label.empty()) details["label"] = args.label;
    audit_cli(config->settings(), audit::k_user_change, args.name, details);
  };
  Result<void> done;
  if (what == "add" || what == "passwd") {
    auto password = password_from_stdin();
    if (!password) return report_user_error(password.error(), false, subject);
    if (what == "add") {
      auto role = web::parse_role(args.role);
      if (!role) return report_user_error(role.error(), false, subject);
      done = store.add(args.name, *role, *password);
      if (done) std::cout << "added user " << args.name << " (" << args.role << ")\n";
    } else {
      done = store.set_password(args.name, *password);
      if (done) std::cout << "changed the password of " << args.name << '\n';
    }
  } else if (what == "role") {
    auto role = web::parse_role(args.role);
    if (!role) return report_user_error(role.error(), false, subject);
    done = store.set_role(args.name, *role);
    if (done) std::cout << args.name << " is now " << args.role << " (signed out)\n";
  } else if (what == "deactivate" || what == "activate") {
    done = store.set_active(args.name, what == "activate");
    if (done) std::cout << what << "d user " << args.name << '\n';
  } else if (what == "del") {
    done = store.remove(args.name);
    if (done) std::cout << "removed user " << args.name << " and their API tokens\n";
  } else if (what == "list") {
    auto users = store.list();
    if (!users) return report_user_error(users.error(), args.json, subject);
    return print_users(*users, args.json);
  } else if (what == "token") {
    auto token = store.add_token(args.name, args.label);
    if (!token) return report_user_error(token.error(), false, subject);
    audit_change();
    std::cout << *token << '\n';
    std::cerr << "naskah: this token is shown only once; send it as `Authorization: Bearer "
                 "<token>`\n";
    return k_ok;
  } else if (what == "revoke-tokens") {
    auto removed = store.revoke_tokens(args.name);
    if (!removed) return report_user_error(removed.error(), false, subject);
    audit_change();
    std::cout << "revoked " << *removed << " API token" << (*removed == 1 ? "" : "s") << " of "
              << args.name << '\n';
    return k_ok;
  }
  if (!done) return report_user_error(done.error(), false, subject);
  audit_change();
  return k_ok;
}

CLI::App* add_user_action(CLI::App& user, Globals& globals, int& exit_code,
                          const std::shared_ptr<UserArgs>& args, const std::string& what,
                          const std::string& help) {
  CLI::App* cmd = user.add_subcommand(what, help);
  globals.add_to(*cmd);
  if (what != "list") cmd->add_option("NAME", args->name, "the user name")->required();
  cmd->callback([args, what, &globals, &exit_code] { exit_code = run_user(what, *args, globals); });
  return cmd;
}

}  // namespace

void add_user(CLI::App& app, Globals& globals, int& exit_code) {
  auto args = std::make_shared<UserArgs>();
  CLI::App* user =
      app.add_subcommand("user", "manage who may use the web UI and API (DATA/users.json)");
  user->require_subcommand(1);
  globals.add_to(*user);
  const char* k_password_help = "read the password from the first line of standard input";
  const char* k_name_rule = " (names: 1-64 of a-z 0-9 . _ -; passwords: at least 8 characters)";

  CLI::App* add = add_user_action(*user, globals, exit_code, args, "add",
                                  std::string("add a user") + k_name_rule);
  add->add_option("--role", args->role,
                  "viewer (search, read), operator (also upload) or "
                  "admin (also metrics)")
      ->required()
      ->check(CLI::IsMember({"viewer", "operator", "admin"}));
  add->add_flag("--password-stdin", args->password_stdin, k_password_help)->required();

  CLI::App* passwd =
      add_user_action(*user, globals, exit_code, args, "passwd", "change a user's password");
  passwd->add_flag("--password-stdin", args->password_stdin, k_password_help)->required();

  CLI::App* role = add_user_action(*user, globals, exit_code, args, "role",
                                   "change a user's role (their sessions end)");
  role->add_option("--role", args->role, "viewer, operator or admin")
      ->required()
      ->check(CLI::IsMember({"viewer", "operator", "admin"}));
  add_user_action(*user, globals, exit_code, args, "deactivate",
                  "stop a user signing in or using their tokens (sessions end); nothing is "
                  "deleted");
  add_user_action(*user, globals, exit_code, args, "activate", "let a deactivated user in again");
  add_user_action(*user, globals, exit_code, args, "del", "remove a user and their API tokens");

  CLI::App* list = add_user_action(*user, globals, exit_code, args, "list",
                                   "list the users: name, role, created");
  list->add_flag("--json", args->json, "print as JSON");

  CLI::App* token = add_user_action(*user, globals, exit_code, args, "token",
                                    "make a new API token for a user and print it (once)");
  token->add_option("--label", args->label, "what the token is for (e.g. the script's name)");

  add_user_action(*user, globals, exit_code, args, "revoke-tokens",
                  "revoke every API token of a user");
}

}  // namespace naskah::cli
