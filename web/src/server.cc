// The server's frame: binding, the thread pool, the auth gate (sessions, tokens, CSRF,
// same-origin), security headers, access logs, the UI's files, sign-in and sign-out.
// The data routes are in api.cc and upload.cc.
#include "naskah/web/server.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "assets.h"
#include "host.h"
#include "naskah/core/file.h"
#include "server_impl.h"

namespace naskah::web {
namespace {

constexpr std::string_view k_cookie = "naskah_session";
// An address may fail this many times login_max_failures, over all names, before it is
// locked out.
constexpr int k_names_per_address = 4;
constexpr const char* k_hsts = "max-age=31536000";
// What an upload's multipart framing adds to its file.
constexpr std::uint64_t k_multipart_overhead = 64 * 1024;
constexpr const char* k_csp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

thread_local std::optional<Identity> t_identity;
thread_local Places* t_working = nullptr;  // the place this thread holds

void leave_work() {
  if (t_working == nullptr) return;
  t_working->release();
  t_working = nullptr;
}
thread_local std::chrono::steady_clock::time_point t_started;

// The value of cookie `name` in the request's Cookie header, if any.
std::optional<std::string> cookie_value(const httplib::Request& req, std::string_view name) {
  const std::string header = req.get_header_value("Cookie");
  std::string_view rest = header;
  while (!rest.empty()) {
    const auto end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      return std::string(pair.substr(eq + 1));
    }
  }
  return std::nullopt;
}

// A browser asking for a page (not a script asking for data): answered with the app's page,
// whose router shows the sign-in page, or its own "not found" for an unknown address.
bool is_page_visit(const httplib::Request& req) {
  const std::string& p = req.path;
  return (req.method == "GET" || req.method == "HEAD") && !p.starts_with("/api/") &&
         !p.starts_with("/assets/") && p != "/metrics" && p != "/healthz" &&
         req.get_header_value("Accept").find("text/html") != std::string::npos;
}

// Routes anybody may use: the UI's pages and files, the health check, signing in.
bool is_public(const httplib::Request& req) {
  const std::string& p = req.path;
  if (req.method == "POST") return p == "/api/login";
  if (req.method != "GET" && req.method != "HEAD") return false;
  if (is_page_visit(req)) return true;
  return p == "/" || p == "/search" || p == "/login" || p == "/dashboard" || p == "/upload" ||
         p == "/review" || p == "/admin" || p == "/healthz" || p == "/favicon.ico" ||
         p.starts_with("/assets/") ||
         (p.starts_with("/agreement/") && is_sha256(std::string_view(p).substr(11)));
}

// The route's name in metrics and logs: ids and page numbers folded away.
std::string route_of(const std::string& path) {
  if (path.starts_with("/api/agreements/")) {
    if (path.ends_with("/file")) return "/api/agreements/:id/file";
    if (path.find("/pages/") != std::string::npos) return "/api/agreements/:id/pages/:n";
    if (path.ends_with("/thumbnail")) return "/api/agreements/:id/thumbnail";
    if (path.ends_with("/history")) return "/api/agreements/:id/history";
    return "/api/agreements/:id";
  }
  if (path.starts_with("/api/uploads/")) return "/api/uploads/:id";
  if (path.starts_with("/api/users/")) return "/api/users/:name";
  if (path.starts_with("/assets/")) return "/assets";
  if (path.starts_with("/agreement/")) return "/agreement/:id";
  for (const char* known :
       {"/", "/search", "/login", "/dashboard", "/upload", "/review", "/admin", "/healthz",
        "/metrics", "/api/login", "/api/logout", "/api/me", "/api/search", "/api/stats",
        "/api/upload", "/api/review", "/api/users", "/api/audit", "/api/export"}) {
    if (path == known) return path;
  }
  return "other";
}

// A state-changing request must come from our own pages: the Origin, when the browser
// sends one, names this host.
bool same_origin(const httplib::Request& req) {
  const std::string origin = req.get_header_value("Origin");
  if (origin.empty()) return true;
  const std::string host = req.get_header_value("Host");
  return origin == "http://" + host || origin == "https://" + host;
}

std::string session_cookie(const std::string& value, std::chrono::seconds max_age, bool secure) {
  return std::string(k_cookie) + "=" + value +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age.count()) +
         (secure ? "; Secure" : "");
}

nlohmann::json me_json(const Identity& identity) {
  return {{"user", identity.user.name},
          {"role", role_name(identity.user.role)},
          {"csrf", identity.session ? identity.session->csrf : ""}};
}

}  // namespace

const Identity& current_identity() {
  return *t_identity;
}
void set_current_identity(std::optional<Identity> identity) {
  t_identity = std::move(identity);
}

void send_json(httplib::Response& res, int status, const nlohmann::ordered_json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json");
}

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  send_json(res, status, nlohmann::ordered_json(body));
}

void send_error(httplib::Response& res, int status, std::string_view code, std::string_view message,
                const nlohmann::ordered_json& params) {
  nlohmann::ordered_json error = {{"code", code}, {"message", message}};
  if (params.is_object() && !params.empty()) error["params"] = params;
  send_json(res, status, nlohmann::ordered_json{{"error", std::move(error)}});
}

int status_for(const Error& error) {
  const std::string& c = error.code;
  if (c == codes::k_auth_failed || c == codes::k_auth_required) return 401;
  if (c == codes::k_auth_forbidden || c == codes::k_auth_csrf) return 403;
  if (c == naskah::codes::k_usage_invalid || c == naskah::codes::k_input_empty) return 400;
  if (c == naskah::codes::k_input_too_large) return 413;
  if (c == naskah::codes::k_input_unsupported) return 415;
  // A file whose page cannot be drawn (too slow, or it ends its worker).
  if (c == naskah::codes::k_extract_timeout || c == naskah::codes::k_extract_crashed) return 422;
  if (c.ends_with(".unknown") || c.ends_with(".missing") || c == "not-found") return 404;
  if (c == naskah::codes::k_index_locked) return 503;
  return 500;
}

bool require_role(httplib::Response& res, Role needed) {
  if (current_identity().user.role >= needed) return true;
  send_error(res, 403, codes::k_auth_forbidden,
             "Your account may not do this: it needs the role " + std::string(role_name(needed)) +
                 ". Ask an administrator.",
             {{"role", role_name(needed)}});
  return false;
}

bool is_sha256(std::string_view text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

Server::Impl::Impl(ServerOptions o, Services s)
    : options(std::move(o)),
      services(std::move(s)),
      users(options.users_file),
      sessions(options.session_ttl, options.session_max_age),
      throttle(options.login_max_failures, options.login_window, options.login_lockout),
      answers(options.result_cache_entries),
      audit(options.audit_dir) {}

void Server::Impl::audit_event(const httplib::Request& req, const char* action,
                               const std::string& subject, nlohmann::ordered_json details,
                               const std::string& who) {
  const auto& identity = current_identity();
  AuditEvent event{action, who.empty() ? identity.user.name : who, subject, req.remote_addr,
                   std::move(details)};
  if (auto written = audit.append(event); !written) {
    spdlog::error("audit log: {}", written.error().message);
  }
}

search::Searcher& Server::Impl::searcher() {
  thread_local std::unique_ptr<search::Searcher> t_searcher;
  thread_local std::vector<std::string> t_shards;
  if (!t_searcher || t_shards != options.shards) {
    t_searcher = std::make_unique<search::Searcher>(
        options.shards, search::ShardOptions{options.shard_timeout, options.shard_retry});
    t_searcher->keep_facet_tables(true);  // a server answers many searches per index state
    t_shards = options.shards;
  }
  return *t_searcher;
}

void Server::Impl::install_gate() {
  http->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    t_started = std::chrono::steady_clock::now();
    if (t_working == nullptr) {
      working->acquire();
      t_working = working.get();
    }
    t_identity.reset();
    if (const std::string host = req.get_header_value("Host"); !host_allowed(host, hosts)) {
      send_error(res, 421, "http.host",
                 "This server does not answer to the name '" + printable(host.substr(0, 100)) +
                     "'; an administrator can add it to web.allowed_hosts.");
      return httplib::Server::HandlerResponse::Handled;
    }
    const bool state_changing = req.method != "GET" && req.method != "HEAD";
    if (state_changing && !same_origin(req)) {
      send_error(res, 403, codes::k_auth_csrf,
                 "This request came from another web site and was refused.");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (is_public(req)) return httplib::Server::HandlerResponse::Unhandled;
    const std::string auth = req.get_header_value("Authorization");
    if (auth.starts_with("Bearer ")) {
      auto user = users.verify_token(auth.substr(7));
      if (!user) {
        send_error(res, 401, codes::k_auth_required, "The API token is not valid.");
        return httplib::Server::HandlerResponse::Handled;
      }
      t_identity = Identity{*user, std::nullopt};
      return httplib::Server::HandlerResponse::Unhandled;
    }
    std::optional<Session> session;
    if (auto id = cookie_value(req, k_cookie)) session = sessions.find(*id);
    if (!session) {
      send_error(res, 401, codes::k_auth_required, "Please sign in.");
      return httplib::Server::HandlerResponse::Handled;
    }
    // The account as it is now (`naskah user` may have changed it while the server runs): a
    // session ends with the account, its password or its role.
    auto account = users.current(session->user.name);
    if (!account && account.error().code != codes::k_user_unknown) {
      spdlog::error("users file: {}", account.error().message);
      send_error(res, 500, naskah::codes::k_internal, "The users file cannot be read.");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (!account || account->stamp != session->user.stamp) {
      sessions.remove(session->id);
      send_error(res, 401, codes::k_auth_required,
                 "Your account was changed or removed; please sign in again.");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (state_changing && !same_secret(req.get_header_value("X-CSRF-Token"), session->csrf)) {
      send_error(res, 403, codes::k_auth_csrf,
                 "The request lacks this session's CSRF token; reload the page and try again.");
      return httplib::Server::HandlerResponse::Handled;
    }
    t_identity = Identity{session->user, std::move(*session)};
    return httplib::Server::HandlerResponse::Unhandled;
  });

  // The answer is made: writing it out needs no place among the working.
  http->set_post_routing_handler([](const httplib::Request&, httplib::Response&) { leave_work(); });

  http->set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    const auto ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_started)
            .count();
    const std::string route = route_of(req.path);
    metrics.count_request(route, res.status);
    spdlog::info("http {} {} {} {:.1f}ms {}B user={} addr={}", printable(req.method), route,
                 res.status, ms, res.body.size(), t_identity ? t_identity->user.name : "-",
                 req.remote_addr);
  });

  http->set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    // A limit of the connection's (connection.h) refused the request: httplib saw only a
    // failed read.
    if (const RefusalAnswer refused = answer_for(current_refusal()); refused.status != 0) {
      res.set_header("Connection", "close");
      send_error(res, refused.status, refused.code, refused.message);
      return;
    }
    if (!res.body.empty()) return;
    if (res.status == 404 && is_page_visit(req)) {
      if (const Asset* index = find_asset("index.html")) {
        res.set_header("Cache-Control", "no-cache");
        res.set_content(std::string(index->bytes), std::string(index->content_type));
        return;
      }
    }
    if (res.status == 404) {
      send_error(res, 404, "not-found", "There is nothing at this address.");
    } else if (res.status == 413) {
      send_error(res, 413, naskah::codes::k_input_too_large, "The request is too large.");
    } else {
      send_error(res, res.status, "http.error",
                 "The request could not be answered (HTTP " + std::to_string(res.status) + ").");
    }
  });

  http->set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown";
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        spdlog::error("http {} {}: {}", printable(req.method), printable(req.path), what);
        send_error(res, 500, naskah::codes::k_internal, "Something went wrong on the server.");
      });

  // A too-large body announced with "Expect: 100-continue" is refused before it is sent.
  http->set_expect_100_continue_handler([](const httplib::Request&, httplib::Response&) {
    return current_refusal().what == Refusal::body_too_large ? 413 : 100;
  });

  httplib::Headers headers{{"X-Content-Type-Options", "nosniff"},
                           {"X-Frame-Options", "DENY"},
                           {"Referrer-Policy", "same-origin"},
                           {"Content-Security-Policy", k_csp}};
  // Under TLS, browsers are told to come back only over TLS.
  if (!options.cert_file.empty()) headers.emplace("Strict-Transport-Security", k_hsts);
  http->set_default_headers(std::move(headers));
}

void Server::Impl::install_ui_routes() {
  // Assets are revalidated (no-cache + ETag): a new binary's UI is seen at once, and an
  // unchanged file costs a 304.
  auto send_asset = [](const httplib::Request& req, httplib::Response& res, const Asset& asset) {
    res.set_header("ETag", std::string(asset.etag));
    res.set_header("Cache-Control", "no-cache");
    if (req.get_header_value("If-None-Match") == asset.etag) {
      res.status = 304;
      return;
    }
    res.set_content(std::string(asset.bytes), std::string(asset.content_type));
  };
  auto page = [send_asset](const httplib::Request& req, httplib::Response& res) {
    if (const Asset* index = find_asset("index.html")) {
      send_asset(req, res, *index);
    } else {
      send_error(res, 404, "not-found", "This binary was built without its web UI.");
    }
  };
  for (const char* path : {"/", "/search", "/login", "/dashboard", "/upload", "/review", "/admin",
                           R"(/agreement/[0-9a-f]{64})"}) {
    http->Get(path, page);
  }
  http->Get(R"(/assets/([A-Za-z0-9_.-]+))",
            [send_asset](const httplib::Request& req, httplib::Response& res) {
              const Asset* asset = find_asset(req.matches[1].str());
              if (asset == nullptr || asset->name == "index.html") {
                send_error(res, 404, "not-found", "There is no such file.");
                return;
              }
              send_asset(req, res, *asset);
            });
  http->Get("/favicon.ico", [send_asset](const httplib::Request& req, httplib::Response& res) {
    if (const Asset* icon = find_asset("favicon.svg")) {
      send_asset(req, res, *icon);
    } else {
      res.status = 204;
    }
  });
  http->Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
    auto documents = searcher().document_count();
    send_json(
        res, 200,
        nlohmann::ordered_json{
            {"ok", true}, {"index", documents.has_value()}, {"documents", documents.value_or(0)}});
  });
}

void Server::Impl::install_session_routes() {
  http->Post("/api/login", [this](const httplib::Request& req, httplib::Response& res) {
    const auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("user") || !body["user"].is_string() ||
        !body.contains("password") || !body["password"].is_string()) {
      send_error(res, 400, naskah::codes::k_usage_invalid,
                 R"(Send {"user": "...", "password": "..."} as JSON.)");
      return;
    }
    const std::string name = body["user"].get<std::string>();
    // Failures lock a name out from one address only (else anyone could lock a colleague
    // out), and an address that tries many names.
    const std::vector<LoginThrottle::Key> keys{
        {"user:" + name.substr(0, 64) + " from " + req.remote_addr, 0},
        {"addr:" + req.remote_addr, options.login_max_failures * k_names_per_address}};
    if (const auto wait = throttle.claim(keys); wait > 0) {
      res.set_header("Retry-After", std::to_string(wait));
      send_error(res, 429, codes::k_auth_throttled,
                 "Too many failed sign-ins: try again in " + std::to_string(wait) + " seconds.");
      return;
    }
    auto user = users.verify(name, body["password"].get<std::string>());
    if (!user) {
      for (const auto& key : keys) throttle.failed(key.name);
      metrics.count_login_failure();
      // A name is anything a client sends: cut short and escaped, in the log and the audit.
      const std::string shown = printable(name.substr(0, 64));
      spdlog::warn("sign-in failed for '{}' from {}", shown, req.remote_addr);
      audit_event(req, naskah::audit::k_sign_in_failed, shown, {}, shown);
      send_error(res, 401, codes::k_auth_failed, "Wrong user name or password.");
      return;
    }
    for (const auto& key : keys) throttle.succeeded(key.name);
    const Session session = sessions.create(*user);
    audit_event(req, naskah::audit::k_sign_in, user->name, {}, user->name);
    res.set_header("Set-Cookie",
                   session_cookie(session.id, options.session_max_age, !options.cert_file.empty()));
    send_json(res, 200, me_json(Identity{*user, session}));
  });

  http->Post("/api/logout", [this](const httplib::Request& req, httplib::Response& res) {
    if (const auto& session = current_identity().session) {
      sessions.remove(session->id);
      audit_event(req, naskah::audit::k_sign_out, session->user.name);
    }
    res.set_header("Set-Cookie",
                   session_cookie("", std::chrono::seconds(0), !options.cert_file.empty()));
    send_json(res, 200, nlohmann::json{{"ok", true}});
  });

  http->Get("/api/me", [](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, me_json(current_identity()));
  });

  http->Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    // Admins, and scripts with a token (a Prometheus server): not a viewer's browser.
    if (current_identity().session && !require_role(res, Role::admin)) return;
    const Gauges gauges{
        searcher().document_count().value_or(0), sessions.size(),
        services.pipeline_figures ? services.pipeline_figures() : PipelineFigures{}};
    res.set_header("Cache-Control", "no-store");
    res.set_content(metrics.text(gauges), "text/plain; version=0.0.4");
  });
}

Server::Server(ServerOptions options, Services services)
    : m_impl(std::make_unique<Impl>(std::move(options), std::move(services))) {}

Server::~Server() = default;

Result<void> Server::bind() {
  Impl& impl = *m_impl;
  const ServerOptions& o = impl.options;
  if (o.cert_file.empty() != o.key_file.empty()) {
    return fail(naskah::codes::k_config_invalid,
                "web.tls_cert and web.tls_key must be set together (or neither).");
  }
  ConnectionLimits limits;
  limits.head_max_bytes = o.header_max_bytes;
  limits.head_max_lines = o.header_max_lines;
  limits.head_timeout = o.header_timeout;
  limits.idle_timeout = o.idle_timeout;
  limits.waiting_per_address = o.waiting_per_address;
  limits.after_request = leave_work;
  limits.body_limit = [upload = o.upload_max_bytes + k_multipart_overhead, json = o.json_max_bytes](
                          std::string_view method, std::string_view path) {
    return method == "POST" && path == "/api/upload" ? upload : json;
  };
  impl.guard = std::make_unique<ConnectionGuard>(std::move(limits));
  impl.http = make_guarded_server(*impl.guard, o.cert_file, o.key_file);
  if (!impl.http->is_valid()) {
    return fail(naskah::codes::k_config_invalid,
                "The TLS certificate or key could not be read: " + o.cert_file + ", " + o.key_file);
  }
  impl.hosts = allowed_hosts(o.allowed_hosts);
  // A connection holds its thread while it is open (the guard bounds how long one may wait
  // for its client); web.threads of them work on requests at once.
  const int threads = o.threads > 0
                          ? o.threads
                          : std::max(16, 8 * static_cast<int>(std::thread::hardware_concurrency()));
  impl.working = std::make_unique<Places>(threads);
  const int connections = 2 * threads;
  impl.http->new_task_queue = [connections] {
    return new httplib::ThreadPool(static_cast<std::size_t>(connections));
  };
  // What httplib announces in Keep-Alive headers: the guard's limits.
  impl.http->set_keep_alive_max_count(impl.guard->limits().requests_per_connection);
  impl.http->set_keep_alive_timeout(o.idle_timeout.count());
  // httplib's own check, behind the guard's per route.
  impl.http->set_payload_max_length(o.upload_max_bytes + k_multipart_overhead);
  impl.install_gate();
  impl.install_ui_routes();
  impl.install_session_routes();
  impl.install_api_routes();
  impl.install_upload_routes();
  impl.install_admin_routes();
  if (o.port == 0) {
    impl.port = impl.http->bind_to_any_port(o.host);
  } else {
    impl.port = impl.http->bind_to_port(o.host, o.port) ? o.port : -1;
  }
  if (impl.port <= 0) {
    return fail(naskah::codes::k_internal, "Cannot listen on " + o.host + ":" +
                                               std::to_string(o.port) +
                                               ": the address is taken or not this machine's.");
  }
  return {};
}

int Server::port() const {
  return m_impl->port;
}

void Server::run() {
  m_impl->http->listen_after_bind();
}

void Server::stop() {
  if (m_impl->http) m_impl->http->stop();
}

}  // namespace naskah::web
