#include "naskah/config/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

#include "keys.h"
#include "naskah/core/url.h"

extern char** environ;

namespace naskah::config {
namespace {

const Key* find_key(const std::string& name) {
  for (const Key& key : keys()) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

// Parses text (from the environment or a flag) as a value of the key's type.
std::optional<Value> parse_text(const Key& key, const std::string& text) {
  if (key.type == "integer") {
    long long n = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, n);
    if (ec != std::errc() || ptr != end) return std::nullopt;
    return Value(n);
  }
  if (key.type == "boolean") {
    if (text == "true" || text == "1" || text == "yes" || text == "on") return Value(true);
    if (text == "false" || text == "0" || text == "no" || text == "off") return Value(false);
    return std::nullopt;
  }
  if (key.type == "list") {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t end = std::min(text.find(key.separator, start), text.size());
      if (end > start) items.push_back(text.substr(start, end - start));
      start = end + 1;
    }
    return Value(items);
  }
  return Value(text);
}

std::optional<Value> from_toml(const Key& key, const toml::node& node) {
  if (key.type == "integer" && node.is_integer()) return Value(node.as_integer()->get());
  if (key.type == "boolean" && node.is_boolean()) return Value(node.as_boolean()->get());
  if (key.type == "string" && node.is_string()) return Value(node.as_string()->get());
  if (key.type == "list" && node.is_array()) {
    std::vector<std::string> items;
    for (const toml::node& item : *node.as_array()) {
      if (item.is_integer()) {  // days = [90, 30, 7]
        items.push_back(std::to_string(item.as_integer()->get()));
        continue;
      }
      if (!item.is_string()) return std::nullopt;
      items.push_back(item.as_string()->get());
    }
    return Value(items);
  }
  return std::nullopt;
}

// One [[fetch.source]] table: url (http or https) and every_minutes.
Result<FetchSource> fetch_source(const toml::table& table, const std::string& path) {
  FetchSource source;
  for (const auto& [name, node] : table) {
    const std::string key(name.str());
    if (key == "url" && node.is_string()) {
      source.url = node.as_string()->get();
    } else if (key == "every_minutes" && node.is_integer()) {
      const auto n = node.as_integer()->get();
      if (n < 1 || n > 10080) {
        return fail(codes::k_config_invalid,
                    "setting 'fetch.source.every_minutes' must be between 1 and 10080", path);
      }
      source.every_minutes = static_cast<int>(n);
    } else {
      return fail(codes::k_config_invalid,
                  "unknown or mistyped setting 'fetch.source." + key +
                      "' (a source has url = \"https://...\" and every_minutes = N)",
                  path);
    }
  }
  if (!source.url.starts_with("http://") && !source.url.starts_with("https://")) {
    return fail(codes::k_config_invalid,
                "setting 'fetch.source.url' must be an http:// or https:// address", path);
  }
  return source;
}

// One [[remind.recipient]] table: email or webhook (one of them), name, office (text or list).
Result<RemindRecipient> remind_recipient(const toml::table& table, const std::string& path) {
  RemindRecipient r;
  auto bad = [&](const std::string& what) {
    return fail(codes::k_config_invalid,
                "[[remind.recipient]]: " + what +
                    " (a recipient has name, email = \"...\" or webhook = \"https://...\", and "
                    "office = \"...\" or a list of offices)",
                path);
  };
  for (const auto& [name, node] : table) {
    const std::string key(name.str());
    if (key == "name" && node.is_string()) {
      r.name = node.as_string()->get();
    } else if (key == "email" && node.is_string()) {
      r.email = node.as_string()->get();
    } else if (key == "webhook" && node.is_string()) {
      r.webhook = node.as_string()->get();
    } else if (key == "office" && node.is_string()) {
      r.offices.push_back(node.as_string()->get());
    } else if (key == "office" && node.is_array()) {
      for (const toml::node& item : *node.as_array()) {
        if (!item.is_string()) return bad("office must be text");
        r.offices.push_back(item.as_string()->get());
      }
    } else {
      return bad("unknown or mistyped setting '" + key + "'");
    }
  }
  if (r.email.empty() == r.webhook.empty()) return bad("give either email or webhook");
  if (!r.email.empty() && (r.email.find('@') == std::string::npos ||
                           r.email.find_first_of("<>\r\n, ") != std::string::npos)) {
    return bad("'" + r.email + "' is not an e-mail address");
  }
  if (!r.webhook.empty() && !r.webhook.starts_with("http://") &&
      !r.webhook.starts_with("https://")) {
    return bad("webhook must be an http:// or https:// address");
  }
  return r;
}

class Loader {
 public:
  Result<void> set(const std::string& name, const std::optional<Value>& value, Origin origin,
                   const std::string& where) {
    const Key* key = find_key(name);
    if (key == nullptr) {
      return fail(codes::k_config_invalid, "unknown setting '" + name + "'", where);
    }
    if (!value) {
      return fail(codes::k_config_invalid,
                  "setting '" + name + "' must be " + article(key->type) + " " + key->type,
                  where);
    }
    if (std::string problem = key->set(m_settings, *value); !problem.empty()) {
      return fail(codes::k_config_invalid, "setting '" + name + "' " + problem, where);
    }
    m_origins[name] = origin;
    return {};
  }

  Result<void> load_file(const std::string& path) {
    toml::table table;
    try {
      table = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
      const auto& at = e.source().begin;
      return fail(codes::k_config_invalid,
                  std::string(e.description()) + " (line " + std::to_string(at.line) +
                      ", column " + std::to_string(at.column) + ")",
                  path);
    }
    return load_table(table, "", path);
  }

  Result<void> load_table(const toml::table& table, const std::string& prefix,
                          const std::string& path) {
    for (const auto& [name, node] : table) {
      const std::string full = prefix + std::string(name.str());
      if (const toml::table* sub = node.as_table()) {
        if (auto r = load_table(*sub, full + ".", path); !r) return r;
        continue;
      }
      // The settings written as arrays of tables: [[fetch.source]], [[remind.recipient]].
      if (full == "fetch.source") {
        if (auto r = tables_into(node, full, path, fetch_source, m_settings.fetch.sources); !r) {
          return r;
        }
        continue;
      }
      if (full == "remind.recipient") {
        auto r = tables_into(node, full, path, remind_recipient, m_settings.remind.recipients);
        if (!r) return r;
        // One digest per address: the same address twice would get the same reminders twice.
        std::set<std::string> seen;
        for (const RemindRecipient& recipient : m_settings.remind.recipients) {
          const std::string address = recipient.email.empty() ? recipient.webhook : recipient.email;
          if (!seen.insert(address).second) {
            return fail(codes::k_config_invalid,
                        "[[remind.recipient]]: " +
                            (recipient.email.empty() ? url_origin(address) : address) +
                            " is listed twice; give one entry a list of offices instead",
                        path);
          }
        }
        continue;
      }
      const Key* key = find_key(full);
      auto value = key ? from_toml(*key, node) : std::nullopt;
      if (auto r = set(full, value, Origin::file, path); !r) return r;
    }
    return {};
  }

  Settings m_settings;
  std::map<std::string, Origin> m_origins;

 private:
  // [[name]] tables, each read by `parse` and added to `out`.
  template <typename T, typename Parse>
  Result<void> tables_into(const toml::node& node, const std::string& name, const std::string& path,
                           Parse parse, std::vector<T>& out) {
    const toml::array* tables = node.as_array();
    if (tables == nullptr || !tables->is_array_of_tables()) {
      return fail(codes::k_config_invalid,
                  "setting '" + name + "' is written as [[" + name + "]] tables", path);
    }
    for (const toml::node& entry : *tables) {
      auto item = parse(*entry.as_table(), path);
      if (!item) return tl::unexpected(item.error());
      out.push_back(*item);
    }
    m_origins[name] = Origin::file;
    return {};
  }

  static const char* article(const std::string& type) { return type == "integer" ? "an" : "a"; }
};

}  // namespace

const char* to_string(Origin origin) {
  switch (origin) {
    case Origin::built_in: return "default";
    case Origin::file: return "file";
    case Origin::environment: return "environment";
    case Origin::flag: return "flag";
  }
  return "default";
}

std::string environment_name(const std::string& key) {
  std::string name = "NASKAH_";
  for (char c : key) {
    name += (c == '.') ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

std::map<std::string, std::string> environment_variables() {
  std::map<std::string, std::string> vars;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view entry(*e);
    if (!entry.starts_with("NASKAH_")) continue;
    const auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    vars.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return vars;
}

Result<Config> Config::load(const Sources& sources) {
  Loader loader;
  if (sources.file) {
    if (auto r = loader.load_file(*sources.file); !r) return tl::unexpected(r.error());
  }
  for (const Key& key : keys()) {
    const auto env = sources.environment.find(environment_name(key.name));
    if (env == sources.environment.end()) continue;
    auto r = loader.set(key.name, parse_text(key, env->second), Origin::environment, env->first);
    if (!r) return tl::unexpected(r.error());
  }
  for (const auto& [name, text] : sources.flags) {
    const Key* key = find_key(name);
    auto value = key ? parse_text(*key, text) : std::nullopt;
    if (auto r = loader.set(name, value, Origin::flag, "command line"); !r) {
      return tl::unexpected(r.error());
    }
  }
  Config config;
  config.m_settings = loader.m_settings;
  for (const Key& key : keys()) {
    const auto origin = loader.m_origins.find(key.name);
    config.m_entries.push_back(
        Entry{key.name, key.show(config.m_settings),
              origin == loader.m_origins.end() ? Origin::built_in : origin->second, key.help});
  }
  std::string urls;
  for (const FetchSource& source : config.m_settings.fetch.sources) {
    urls += (urls.empty() ? "" : " ") + source.url + " (every " +
            std::to_string(source.every_minutes) + " min)";
  }
  config.m_entries.push_back(Entry{"fetch.source", urls,
                                   loader.m_origins.contains("fetch.source") ? Origin::file
                                                                             : Origin::built_in,
                                   "URLs naskah watch downloads from now and then ([[fetch.source]])"});
  std::string recipients;
  for (const RemindRecipient& r : config.m_settings.remind.recipients) {
    std::string offices;
    for (const std::string& office : r.offices) offices += (offices.empty() ? "" : ", ") + office;
    recipients += (recipients.empty() ? "" : " ") +
                  (r.email.empty() ? url_origin(r.webhook) + "/…" : r.email) + " (" +
                  (offices.empty() ? "all offices" : offices) + ")";
  }
  config.m_entries.push_back(
      Entry{"remind.recipient", recipients,
            loader.m_origins.contains("remind.recipient") ? Origin::file : Origin::built_in,
            "who gets the expiry reminders, by e-mail or webhook ([[remind.recipient]])"});
  return config;
}

}  // namespace naskah::config
