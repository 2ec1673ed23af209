// load_server(): the naskah binary's side of the web plugin (server.h).
#include <spdlog/spdlog.h>

#include "naskah/core/plugin.h"
#include "naskah/web/server.h"

namespace naskah::web {

Result<std::unique_ptr<Service>> load_server(ServerOptions options, Services services) {
  static const PluginSpec spec{"libnaskah_web.so", "NASKAH_WEB_PLUGIN",
                               NASKAH_WEB_PLUGIN_BUILD_PATH, k_create_server};
  auto symbol = plugin_symbol(spec);
  if (!symbol) {
    return fail(naskah::codes::k_internal,
                "the web component libnaskah_web.so could not be loaded; reinstall naskah or "
                "set NASKAH_WEB_PLUGIN to its path" + symbol.error(),
                "serve");
  }
  spdlog::debug("web plugin: {}", symbol->path);
  const auto create = reinterpret_cast<CreateServer>(symbol->address);
  return std::unique_ptr<Service>(create(std::move(options), std::move(services)));
}

}  // namespace naskah::web
