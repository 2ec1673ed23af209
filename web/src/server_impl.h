// Inside the web server: what the route handlers share. Internal to web/.
#pragma once

#include <httplib.h>

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "connection.h"
#include "metrics.h"
#include "naskah/core/audit.h"
#include "naskah/search/search.h"
#include "naskah/web/auth.h"
#include "naskah/web/server.h"
#include "places.h"
#include "result_cache.h"

namespace naskah::web {

// Who sent the request in hand (set by the auth gate, read by the handlers on the same
// thread: cpp-httplib answers a request on one thread from routing to logging).
struct Identity {
  User user;
  std::optional<Session> session;  // signed in with a cookie; nullopt: an API token
};

struct Server::Impl {
  Impl(ServerOptions o, Services s);

  ServerOptions options;
  Services services;
  UserStore users;
  Sessions sessions;
  LoginThrottle throttle;
  Metrics metrics;
  ResultCache answers;
  AuditLog audit;
  // Requests worked on at once (web.threads): a connection's thread takes a place from
  // routing until its handler is done, so that more connections than cores can wait for
  // their clients without more searches running at once than the machine does well.
  std::unique_ptr<Places> working;
  std::unique_ptr<ConnectionGuard> guard;  // before http: it serves http's connections
  std::unique_ptr<httplib::Server> http;
  std::vector<std::string> hosts;  // allowed_hosts() of the options
  int port = 0;
  std::mutex uploads_mutex;
  std::map<std::string, std::string> uploads;  // sha256 -> name, accepted by this server

  // The calling thread's Searcher over options.index_dir.
  search::Searcher& searcher();

  // Writes `action` on `subject` by the request's user into the audit log; a log that
  // cannot be written is an error in the server's log, not a refused request.
  void audit_event(const httplib::Request& req, const char* action, const std::string& subject,
                   nlohmann::ordered_json details = nlohmann::ordered_json::object(),
                   const std::string& who = {});

  // `record` (an agreement's JSON, from the archive) with what the index adds: its family
  // (parent, children, the tree), its period after the addenda, every check's finding
  // ("checks", core/checks.h) and its status. An index that cannot be read leaves the record
  // as it is, with the status of its own end date.
  void with_family(const std::string& id, nlohmann::json& record);
  // Page `page` of agreement `id` as a PNG at `dpi` (the page view, thumbnails).
  void send_page_image(httplib::Response& res, const std::string& id, int page, int dpi);

  void install_gate();
  void install_ui_routes();
  void install_session_routes();
  void install_api_routes();
  // The body of /api/stats for an expiry window of `days`.
  [[nodiscard]] Result<std::string> stats_body(int days);
  void install_upload_routes();
  void install_admin_routes();
};

// The identity of the request being answered on this thread (set by the gate).
[[nodiscard]] const Identity& current_identity();
void set_current_identity(std::optional<Identity> identity);

// Sends `body` as JSON with `status`.
void send_json(httplib::Response& res, int status, const nlohmann::ordered_json& body);
void send_json(httplib::Response& res, int status, const nlohmann::json& body);
// Sends {"error": {"code", "message", "params"}} with `status`: the message in English for
// logs and scripts, the code and its params for the UI to say in its language.
void send_error(httplib::Response& res, int status, std::string_view code, std::string_view message,
                const nlohmann::ordered_json& params = {});
// The HTTP status an error of naskah's calls for (usage.invalid 400, too-large 413...).
[[nodiscard]] int status_for(const Error& error);
// Whether `role` may do what needs `needed`; answers 403 when not.
[[nodiscard]] bool require_role(httplib::Response& res, Role needed);

[[nodiscard]] bool is_sha256(std::string_view text);

}  // namespace naskah::web
