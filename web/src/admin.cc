// What administrators do in the web UI: manage the accounts (add, change the role, reset the
// password, deactivate, remove; each change ends the account's sessions at their next
// request and goes into the audit log), and read the audit log, filtered, or export it as
// CSV.
#include <spdlog/spdlog.h>

#include "naskah/core/file.h"
#include "server_impl.h"

namespace naskah::web {
namespace {

nlohmann::ordered_json user_json(const User& u) {
  return {
      {"name", u.name}, {"role", role_name(u.role)}, {"created", u.created}, {"active", u.active}};
}

}  // namespace

void Server::Impl::install_admin_routes() {
  http->Get("/api/users", [this](const httplib::Request&, httplib::Response& res) {
    if (!require_role(res, Role::admin)) return;
    auto list = users.list();
    if (!list) return send_error(res, 500, naskah::codes::k_internal, list.error().message);
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const User& u : *list) out.push_back(user_json(u));
    send_json(res, 200, nlohmann::ordered_json{{"users", out}});
  });

  http->Post("/api/users", [this](const httplib::Request& req, httplib::Response& res) {
    if (!require_role(res, Role::admin)) return;
    const auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.value("name", nlohmann::json()).is_string() ||
        !body.value("role", nlohmann::json()).is_string() ||
        !body.value("password", nlohmann::json()).is_string()) {
      send_error(res, 400, naskah::codes::k_usage_invalid,
                 R"(Send {"name", "role", "password"} as JSON.)");
      return;
    }
    const std::string name = body["name"].get<std::string>();
    auto role = parse_role(body["role"].get<std::string>());
    if (!role) return send_error(res, 400, role.error().code, role.error().message);
    if (auto added = users.add(name, *role, body["password"].get<std::string>()); !added) {
      const int status = added.error().code == codes::k_user_exists ? 409 : 400;
      return send_error(res, status, added.error().code, added.error().message);
    }
    audit_event(req, naskah::audit::k_user_change, name,
                {{"change", "add"}, {"role", role_name(*role)}});
    send_json(res, 201, user_json(*users.current(name)));
  });

  // {"role"}, {"password"} or {"active"}: one change at a time, each audited.
  http->Patch(R"(/api/users/([a-z0-9][a-z0-9._-]{0,63}))",
              [this](const httplib::Request& req, httplib::Response& res) {
                if (!require_role(res, Role::admin)) return;
                const std::string name = req.matches[1].str();
                const auto body = nlohmann::json::parse(req.body, nullptr, false);
                if (!body.is_object() || body.size() != 1) {
                  send_error(res, 400, naskah::codes::k_usage_invalid,
                             R"(Send one of {"role"}, {"password"}, {"active"} as JSON.)");
                  return;
                }
                const bool self = name == current_identity().user.name;
                Result<void> done;
                nlohmann::ordered_json details;
                if (body.contains("role") && body["role"].is_string()) {
                  auto role = parse_role(body["role"].get<std::string>());
                  if (!role) return send_error(res, 400, role.error().code, role.error().message);
                  if (self && *role != Role::admin) {
                    return send_error(res, 400, naskah::codes::k_usage_invalid,
                                      "You cannot take the admin role from your own account.");
                  }
                  done = users.set_role(name, *role);
                  details = {{"change", "role"}, {"role", role_name(*role)}};
                } else if (body.contains("password") && body["password"].is_string()) {
                  done = users.set_password(name, body["password"].get<std::string>());
                  details = {{"change", "passwd"}};
                } else if (body.contains("active") && body["active"].is_boolean()) {
                  if (self && !body["active"].get<bool>()) {
                    return send_error(res, 400, naskah::codes::k_usage_invalid,
                                      "You cannot deactivate your own account.");
                  }
                  done = users.set_active(name, body["active"].get<bool>());
                  details = {{"change", body["active"].get<bool>() ? "activate" : "deactivate"}};
                } else {
                  return send_error(res, 400, naskah::codes::k_usage_invalid,
                                    R"(Send one of {"role"}, {"password"}, {"active"} as JSON.)");
                }
                if (!done) {
                  const int status = done.error().code == codes::k_user_unknown ? 404 : 400;
                  return send_error(res, status, done.error().code, done.error().message);
                }
                audit_event(req, naskah::audit::k_user_change, name, details);
                auto list = users.list();
                for (const User& u : list.value_or(std::vector<User>{})) {
                  if (u.name == name) return send_json(res, 200, user_json(u));
                }
                send_json(res, 200, nlohmann::ordered_json{{"name", name}});
              });

  http->Delete(R"(/api/users/([a-z0-9][a-z0-9._-]{0,63}))",
               [this](const httplib::Request& req, httplib::Response& res) {
                 if (!require_role(res, Role::admin)) return;
                 const std::string name = req.matches[1].str();
                 if (name == current_identity().user.name) {
                   return send_error(res, 400, naskah::codes::k_usage_invalid,
                                     "You cannot remove your own account.");
                 }
                 if (auto removed = users.remove(name); !removed) {
                   return send_error(res, 404, removed.error().code, removed.error().message);
                 }
                 audit_event(req, naskah::audit::k_user_change, name, {{"change", "del"}});
                 send_json(res, 200, nlohmann::ordered_json{{"ok", true}});
               });

  // The audit log: ?since=YYYY-MM-DD&action=...&who=...&format=csv; JSON shows the newest
  // `limit` (default 500) first, CSV has every line that matches.
  http->Get("/api/audit", [this](const httplib::Request& req, httplib::Response& res) {
    if (!require_role(res, Role::admin)) return;
    auto lines = audit.read(
        {req.get_param_value("since"), req.get_param_value("action"), req.get_param_value("who")});
    if (!lines) return send_error(res, 500, naskah::codes::k_internal, lines.error().message);
    const std::vector<nlohmann::ordered_json>& shown = *lines;
    if (req.get_param_value("format") == "csv") {
      res.set_header("Content-Disposition", "attachment; filename=\"naskah-audit.csv\"");
      res.set_header("Cache-Control", "no-store");
      res.set_content(audit_csv(shown), "text/csv; charset=utf-8");
      return;
    }
    std::size_t limit = 500;
    if (req.has_param("limit"))
      limit = std::min<std::size_t>(
          5000, std::strtoul(req.get_param_value("limit").c_str(), nullptr, 10));
    nlohmann::ordered_json events = nlohmann::ordered_json::array();
    for (auto it = shown.rbegin(); it != shown.rend() && events.size() < limit; ++it) {
      events.push_back(*it);
    }
    send_json(res, 200, nlohmann::ordered_json{{"total", shown.size()}, {"events", events}});
  });
}

}  // namespace naskah::web
