// The web plugin's entry point: a Server behind the Service interface (server.h).
#include "naskah/web/server.h"

namespace naskah::web {
namespace {

class PluginService final : public Service {
 public:
  PluginService(ServerOptions options, Services services)
      : m_server(std::move(options), std::move(services)) {}
  Result<void> bind() override { return m_server.bind(); }
  int port() const override { return m_server.port(); }
  void run() override { m_server.run(); }
  void stop() override { m_server.stop(); }

 private:
  Server m_server;
};

}  // namespace
}  // namespace naskah::web

extern "C" __attribute__((visibility("default"))) naskah::web::Service* naskah_create_web_server(
    naskah::web::ServerOptions options, naskah::web::Services services) {
  return new naskah::web::PluginService(std::move(options), std::move(services));
}
